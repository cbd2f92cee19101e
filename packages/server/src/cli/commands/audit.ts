import type { Command } from 'commander';
import { verifyApplicationChains } from '../../applications/event-log.js';
import { verifyAuditChain } from '../../audit/audit-log.js';
import { readConfig } from '../../config.js';
import { openMigratedStore } from '../../store/store.js';
import { type CliIo, ExitCode } from '../output.js';

/** `ruqsat audit verify`: recomputes the audit log's hash chain and every application's event chain. */
export function registerAuditCommands(program: Command, io: CliIo, setExitCode: (code: ExitCode) => void): void {
  const audit = program.command('audit').description('tamper evidence of the audit log and the application event logs');
  audit
    .command('verify')
    .description('recompute every hash chain; prints JSON, exits 0 when intact and 1 naming the first broken entry')
    .action(async () => {
      const config = readConfig(io.env);
      const store = await openMigratedStore({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
      try {
        const auditLog = await verifyAuditChain(store.db);
        const applications = await verifyApplicationChains(store.db);
        io.out(`${JSON.stringify({ auditLog, applications }, null, 2)}\n`);
        setExitCode(auditLog.intact && applications.intact ? ExitCode.ok : ExitCode.failure);
      } finally {
        await store.close();
      }
    });
}

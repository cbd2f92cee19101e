import type { Command } from 'commander';
import { openSandboxCa } from '../../auth/ca-directory.js';
import { type CliIo, ExitCode } from '../output.js';
import { UsageError } from '../usage-error.js';

/**
 * `ruqsat sandbox`: the simulated outside state systems on their own, for a server pointed at them
 * with GATEWAY_URL (several server instances share one sandbox), or for demos. Stops on SIGTERM.
 */
export function registerSandboxCommand(program: Command, io: CliIo, setExitCode: (code: ExitCode) => void): void {
  program
    .command('sandbox')
    .description('start the simulated state systems: persons, legal entities, legal statistics, payments, the CA')
    .option('-p, --port <port>', 'port to listen on', '8081')
    .option('-H, --host <host>', 'address to listen on', '127.0.0.1')
    .option('--seed <n>', 'seed of the generated people and companies', '2026')
    .option('--ca <dir>', 'the sandbox CA directory (made there if missing; see ruqsat pki ca-init)')
    .option('--faults <json>', 'injected faults per system, e.g. {"gbd_fl":{"latencyMs":200,"errorRate":0.1}}')
    .action(async (options: { port: string; host: string; seed: string; ca?: string; faults?: string }) => {
      const secret = io.env.PAYMENT_CALLBACK_SECRET;
      if (!secret || secret.length < 16) {
        throw new UsageError(
          'set PAYMENT_CALLBACK_SECRET (16 characters or more): the payment gateway signs callbacks with it',
        );
      }
      const seed = Number(options.seed);
      if (!Number.isInteger(seed)) throw new UsageError(`--seed must be an integer, not "${options.seed}"`);
      let faults: unknown = {};
      try {
        faults = options.faults === undefined ? {} : JSON.parse(options.faults);
      } catch {
        throw new UsageError('--faults must be JSON');
      }
      const { buildSandbox, FaultSettings } = await import('@ruqsat/sandbox');
      const parsedFaults = FaultSettings.safeParse(faults);
      if (!parsedFaults.success)
        throw new UsageError(`--faults: ${parsedFaults.error.issues.map((i) => i.message).join('; ')}`);
      const base = `http://${options.host}:${options.port}`;
      const ca = options.ca === undefined ? undefined : await openSandboxCa(options.ca, base);
      const sandbox = buildSandbox({ paymentSecret: secret, seed, faults: parsedFaults.data, ...(ca ? { ca } : {}) });
      const url = await sandbox.listen({ port: Number(options.port), host: options.host });
      io.out(`sandbox listening at ${url}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
      });
      sandbox.server.closeAllConnections();
      await sandbox.close();
      setExitCode(ExitCode.ok);
    });
}

import { ErrorCatalogue, RuqsatError } from '@ruqsat/core';
import type { Command } from 'commander';
import { readConfig } from '../../config.js';
import { lookUpEntity, lookUpPerson } from '../../gateway/lookups.js';
import { openStateGateway } from '../../gateway/state-gateway.js';
import { openMigratedStore } from '../../store/store.js';
import { type CliIo, ExitCode } from '../output.js';

/**
 * `ruqsat gateway person IIN` / `entity BIN`: an operator's lookup in the state databases, through
 * the same client (retries, breaker, exchange log) the server uses. Exit 0 found, 1 not found,
 * 3 the system did not answer.
 */
export function registerGatewayCommands(program: Command, io: CliIo, setExitCode: (code: ExitCode) => void): void {
  const gateway = program.command('gateway').description('ask the state systems (or the sandbox) as an operator would');
  const lookup = (kind: 'person' | 'entity') => async (identifier: string, options: { lang: string }) => {
    const config = readConfig(io.env);
    const store = await openMigratedStore({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
    const state = await openStateGateway(config, store.db);
    const context = { requestedBy: `cli:${process.env.USER ?? 'operator'}` };
    try {
      const found =
        kind === 'person'
          ? await lookUpPerson(state.systems, identifier, context)
          : await lookUpEntity(state.systems, identifier, context);
      io.out(`${JSON.stringify(found, null, 2)}\n`);
      setExitCode(ExitCode.ok);
    } catch (error) {
      if (!(error instanceof RuqsatError)) throw error;
      const lang = options.lang === 'kk' || options.lang === 'ru' ? options.lang : 'en';
      io.err(`${error.code}: ${ErrorCatalogue[error.code].message[lang]}\n`);
      setExitCode(error.code === 'GATEWAY_UNAVAILABLE' ? ExitCode.indeterminate : ExitCode.failure);
    } finally {
      await state.close();
      await store.close();
    }
  };
  gateway
    .command('person <iin>')
    .description('the person with this IIN in the persons database (ГБД ФЛ)')
    .option('--lang <kk|ru|en>', 'language of a refusal', 'en')
    .action(lookup('person'));
  gateway
    .command('entity <bin>')
    .description('the legal entity with this BIN in the legal entities database (ГБД ЮЛ)')
    .option('--lang <kk|ru|en>', 'language of a refusal', 'en')
    .action(lookup('entity'));
}

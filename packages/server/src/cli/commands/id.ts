import { checkIdentifier, ErrorCatalogue, isLocale } from '@ruqsat/core';
import type { Command } from 'commander';
import { type CliIo, ExitCode } from '../output.js';
import { UsageError } from '../usage-error.js';

/** `ruqsat id check X`: JSON on stdout; exit 0 valid, 1 invalid, 2 usage error. */
export function registerIdCommands(program: Command, io: CliIo, setExitCode: (code: ExitCode) => void): void {
  const id = program.command('id').description('Kazakhstan identifiers (IIN of a person, BIN of an organisation)');
  id.command('check')
    .description('validate an IIN or BIN and decode it; prints JSON, exits 0 when valid and 1 when not')
    .argument('<value>', 'the 12-digit IIN or BIN')
    .option('--lang <kk|ru|en>', 'language of the reason message', 'en')
    .action((value: string, options: { lang: string }) => {
      if (!isLocale(options.lang)) throw new UsageError(`--lang must be kk, ru or en, not "${options.lang}"`);
      const result = checkIdentifier(value);
      const printed = result.valid
        ? result
        : { ...result, message: ErrorCatalogue[result.reason].message[options.lang] };
      io.out(`${JSON.stringify(printed, null, 2)}\n`);
      setExitCode(result.valid ? ExitCode.ok : ExitCode.failure);
    });
}

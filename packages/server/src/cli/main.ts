import { DataFileError, ErrorCatalogue, RuqsatError } from '@ruqsat/core';
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config.js';
import { API_VERSION } from '../http/app.js';
import { MigrationError } from '../store/migrations.js';
import { registerAuditCommands } from './commands/audit.js';
import { registerCalendarCommands } from './commands/calendar.js';
import { registerDbCommands } from './commands/db.js';
import { registerDemoCommand } from './commands/demo.js';
import { registerGatewayCommands } from './commands/gateway.js';
import { registerIdCommands } from './commands/id.js';
import { registerPkiCommands } from './commands/pki.js';
import { registerRegulationCommands } from './commands/regulations.js';
import { registerSandboxCommand } from './commands/sandbox.js';
import { registerServeCommand } from './commands/serve.js';
import { type CliIo, ExitCode, processIo } from './output.js';
import { UsageError } from './usage-error.js';

/**
 * The `ruqsat` command line. Returns the exit code instead of exiting, so tests run it in-process:
 * 0 done, 1 the work failed (or the answer is "no"), 2 the command line was wrong.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<ExitCode> {
  let exitCode: ExitCode = ExitCode.ok;
  const setExitCode = (code: ExitCode) => {
    exitCode = code;
  };
  const program = new Command('ruqsat')
    .description('Ruqsat e-licensing platform: server, database, identifiers and more')
    .version(API_VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();
  registerServeCommand(program, io, setExitCode);
  registerDbCommands(program, io, setExitCode);
  registerIdCommands(program, io, setExitCode);
  registerRegulationCommands(program, io, setExitCode);
  registerCalendarCommands(program, io, setExitCode);
  registerAuditCommands(program, io, setExitCode);
  registerPkiCommands(program, io, setExitCode);
  registerSandboxCommand(program, io, setExitCode);
  registerGatewayCommands(program, io, setExitCode);
  registerDemoCommand(program, io, setExitCode);
  for (const command of program.commands)
    command.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });

  if (argv.length === 0) {
    program.outputHelp({ error: true });
    return ExitCode.usage;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return failureCode(error, io);
  }
}

function failureCode(error: unknown, io: CliIo): ExitCode {
  if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  if (error instanceof UsageError || error instanceof ConfigError) {
    io.err(`ruqsat: ${error.message}\n`);
    return ExitCode.usage;
  }
  if (error instanceof RuqsatError) {
    // A bad instant is a wrong command line; anything else (a date outside the calendar) a failure.
    const details = error.details === undefined ? '' : ` ${JSON.stringify(error.details)}`;
    io.err(`ruqsat: ${error.code}: ${ErrorCatalogue[error.code].message.en}${details}\n`);
    return error.httpStatus === 400 ? ExitCode.usage : ExitCode.failure;
  }
  if (error instanceof MigrationError || error instanceof DataFileError) {
    io.err(`ruqsat: ${error.message}\n`);
    return ExitCode.failure;
  }
  io.err(`ruqsat: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return ExitCode.failure;
}

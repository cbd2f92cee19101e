/** Where a command writes; the process's streams in production, buffers in tests. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
};

/** Exit codes shared by every subcommand; 3 is a verification that could not decide (INDETERMINATE). */
export const ExitCode = { ok: 0, failure: 1, usage: 2, indeterminate: 3 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

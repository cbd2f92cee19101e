import type { CliIo } from '../cli/output.js';

/** A CliIo that keeps what a command writes, for tests that run the CLI in-process. */
export function captureCli(env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => void out.push(t), err: (t) => void err.push(t), env };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

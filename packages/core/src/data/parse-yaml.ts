import type { z } from 'zod';
import { type ParsedYaml, parseYamlWithPositions } from './source-map.js';

/** One problem in a data file (regulation, calendar), printed as `file:line:col: message`. */
export interface FileProblem {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly message: string;
}

export function formatProblem(problem: FileProblem): string {
  return `${problem.file}:${problem.line}:${problem.col}: ${problem.message}`;
}

export type YamlParseResult<T> =
  | { readonly ok: true; readonly value: T; readonly parsed: ParsedYaml }
  | { readonly ok: false; readonly problems: readonly FileProblem[] };

/** Parses a YAML file and validates it with a zod schema, reporting every problem at its line and column. */
export function parseYamlAs<S extends z.ZodType>(schema: S, text: string, file: string): YamlParseResult<z.output<S>> {
  const parsed = parseYamlWithPositions(text);
  if (parsed.syntaxErrors.length > 0) {
    return { ok: false, problems: parsed.syntaxErrors.map((e) => ({ file, ...e.position, message: e.message })) };
  }
  const result = schema.safeParse(parsed.value);
  if (result.success) return { ok: true, value: result.data, parsed };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => {
      const position =
        issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined
          ? parsed.keyPositionOf(issue.path, issue.keys[0])
          : parsed.positionOf(issue.path);
      return { file, ...position, message: `${issue.path.map(String).join('.') || '(document)'}: ${issue.message}` };
    }),
  };
}

/** Data files that cannot be used as they are; the message lists every problem, one per line. */
export class DataFileError extends Error {
  constructor(
    readonly problems: readonly FileProblem[],
    what = 'data files',
  ) {
    super(`invalid ${what}:\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'DataFileError';
  }
}

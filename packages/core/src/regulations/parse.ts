import { crossCheckRegulation } from './cross-checks.js';
import { Regulation } from './schema.js';
import { parseYamlWithPositions } from './source-map.js';

/** One problem in a regulation file, printed as `file:line:col: message`. */
export interface RegulationProblem {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly message: string;
}

export function formatProblem(problem: RegulationProblem): string {
  return `${problem.file}:${problem.line}:${problem.col}: ${problem.message}`;
}

export type ParseResult =
  | {
      readonly ok: true;
      readonly regulation: Regulation;
      /** Where a path of the regulation sits in the file, for problems found later (catalogue checks). */
      readonly locate: (path: readonly PropertyKey[]) => { line: number; col: number };
    }
  | { readonly ok: false; readonly problems: readonly RegulationProblem[] };

/**
 * Parses and validates one regulation file: YAML syntax, the schema, then the cross-checks.
 * `expectedId`, when the file sits at regulations/<service>/<version>.yaml, is the id its path
 * implies. All problems are reported, not only the first.
 */
export function parseRegulation(text: string, file: string, expectedId?: string): ParseResult {
  const parsed = parseYamlWithPositions(text);
  const problem = (position: { line: number; col: number }, message: string): RegulationProblem => ({
    file,
    line: position.line,
    col: position.col,
    message,
  });
  if (parsed.syntaxErrors.length > 0) {
    return { ok: false, problems: parsed.syntaxErrors.map((e) => problem(e.position, e.message)) };
  }
  const result = Regulation.safeParse(parsed.value);
  if (!result.success) {
    return {
      ok: false,
      problems: result.error.issues.map((issue) => {
        const position =
          issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined
            ? parsed.keyPositionOf(issue.path, issue.keys[0])
            : parsed.positionOf(issue.path);
        return problem(position, `${issue.path.map(String).join('.') || '(document)'}: ${issue.message}`);
      }),
    };
  }
  const problems = crossCheckRegulation(result.data).map((p) =>
    problem(parsed.positionOf(p.path), `${p.path.map(String).join('.')}: ${p.message}`),
  );
  if (expectedId !== undefined && result.data.id !== expectedId) {
    problems.push(
      problem(parsed.positionOf(['id']), `id "${result.data.id}" does not match its path (expected "${expectedId}")`),
    );
  }
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, regulation: result.data, locate: (path) => parsed.positionOf(path) };
}

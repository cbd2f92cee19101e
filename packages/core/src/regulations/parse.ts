import { type FileProblem, parseYamlAs } from '../data/parse-yaml.js';
import { crossCheckRegulation } from './cross-checks.js';
import { Regulation } from './schema.js';

/** One problem in a regulation file, printed as `file:line:col: message`. */
export type RegulationProblem = FileProblem;

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
  const result = parseYamlAs(Regulation, text, file);
  if (!result.ok) return result;
  const { value: regulation, parsed } = result;
  const problems: RegulationProblem[] = crossCheckRegulation(regulation).map((p) => ({
    file,
    ...parsed.positionOf(p.path),
    message: `${p.path.map(String).join('.')}: ${p.message}`,
  }));
  if (expectedId !== undefined && regulation.id !== expectedId) {
    problems.push({
      file,
      ...parsed.positionOf(['id']),
      message: `id "${regulation.id}" does not match its path (expected "${expectedId}")`,
    });
  }
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, regulation, locate: (path) => parsed.positionOf(path) };
}

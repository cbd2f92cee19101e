import type { RegulationProblem } from './parse.js';
import type { Regulation } from './schema.js';

export interface CatalogueEntry {
  readonly regulation: Regulation;
  /** Where it was loaded from, for error messages. */
  readonly file: string;
  /** Where a path of the regulation sits in that file; problems fall back to 1:1 without it. */
  readonly locate?: (path: readonly PropertyKey[]) => { line: number; col: number };
}

/**
 * All regulation versions known to the system. Versions of one service are linked by the service
 * id and their effective periods [effectiveFrom, repealedOn), which must not overlap, so that "the
 * version in force on date D" has at most one answer.
 */
export class RegulationCatalogue {
  readonly #byId: ReadonlyMap<string, CatalogueEntry>;

  private constructor(entries: readonly CatalogueEntry[]) {
    this.#byId = new Map(entries.map((e) => [e.regulation.id, e]));
  }

  /** Builds the catalogue, or returns the problems that span files (duplicates, overlaps, links). */
  static build(
    entries: readonly CatalogueEntry[],
  ): { ok: true; catalogue: RegulationCatalogue } | { ok: false; problems: RegulationProblem[] } {
    const problems = crossFileProblems(entries);
    return problems.length > 0 ? { ok: false, problems } : { ok: true, catalogue: new RegulationCatalogue(entries) };
  }

  get(id: string): Regulation | undefined {
    return this.#byId.get(id)?.regulation;
  }

  fileOf(id: string): string | undefined {
    return this.#byId.get(id)?.file;
  }

  /** Every version, ordered by service then effective date. */
  list(): Regulation[] {
    return [...this.#byId.values()]
      .map((e) => e.regulation)
      .sort((a, b) => a.service.id.localeCompare(b.service.id) || a.effectiveFrom.localeCompare(b.effectiveFrom));
  }

  /** The versions of one service, oldest first. */
  versionsOf(serviceId: string): Regulation[] {
    return this.list().filter((r) => r.service.id === serviceId);
  }

  /** The version of a service in force on an ISO date (YYYY-MM-DD), if any. */
  inForce(serviceId: string, date: string): Regulation | undefined {
    return this.versionsOf(serviceId).find((r) => isInForce(r, date));
  }

  /** Every version in force on an ISO date, one per service at most. */
  allInForce(date: string): Regulation[] {
    return this.list().filter((r) => isInForce(r, date));
  }
}

export function isInForce(regulation: Regulation, date: string): boolean {
  return regulation.effectiveFrom <= date && (regulation.repealedOn === null || date < regulation.repealedOn);
}

function crossFileProblems(entries: readonly CatalogueEntry[]): RegulationProblem[] {
  const problems: RegulationProblem[] = [];
  const at = (entry: CatalogueEntry, key: keyof Regulation, message: string) => {
    const { line, col } = entry.locate?.([key]) ?? { line: 1, col: 1 };
    problems.push({ file: entry.file, line, col, message });
  };
  const byId = new Map<string, CatalogueEntry>();
  for (const entry of entries) {
    const seen = byId.get(entry.regulation.id);
    if (seen) at(entry, 'id', `id "${entry.regulation.id}" is also defined in ${seen.file}`);
    else byId.set(entry.regulation.id, entry);
  }
  const byService = new Map<string, CatalogueEntry[]>();
  for (const entry of byId.values()) {
    byService.set(entry.regulation.service.id, [...(byService.get(entry.regulation.service.id) ?? []), entry]);
  }
  for (const versions of byService.values()) {
    const sorted = [...versions].sort((a, b) => a.regulation.effectiveFrom.localeCompare(b.regulation.effectiveFrom));
    for (let i = 1; i < sorted.length; i++) {
      const previous = sorted[i - 1] as CatalogueEntry;
      const current = sorted[i] as CatalogueEntry;
      const end = previous.regulation.repealedOn;
      if (end === null || end > current.regulation.effectiveFrom) {
        at(
          current,
          'effectiveFrom',
          `effective from ${current.regulation.effectiveFrom}, while ${previous.regulation.id} is still in force (repealedOn ${end ?? 'null'})`,
        );
      }
    }
  }
  for (const entry of byId.values()) {
    const target = entry.regulation.supersedes;
    if (target === null) continue;
    const superseded = byId.get(target);
    if (!superseded) at(entry, 'supersedes', `supersedes "${target}", which is not in the catalogue`);
    else if (superseded.regulation.service.id !== entry.regulation.service.id) {
      at(entry, 'supersedes', `supersedes "${target}", a version of another service`);
    }
  }
  return problems;
}

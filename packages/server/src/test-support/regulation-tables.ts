// Helpers for the table-driven regulation tests: they turn a loaded regulation into the plain rows
// the tests compare with tables typed from the seed texts.
import type { Regulation } from '@ruqsat/core';
import { expect } from 'vitest';
import { loadCatalogue } from '../regulations/catalogue.js';

export type Unit = 'seconds' | 'minutes' | 'working_hours' | 'working_days';

export interface Term {
  value: number;
  max?: number;
  unit: Unit;
}

/** A step as the tables write it: its own term, or the term of the step whose budget it shares. */
export type StepRow = ({ id: string; actor: string } & Term) | { id: string; actor: string; withinTermOf: string };

export interface Citation {
  /** Where in the regulation the citation sits, e.g. `.processes[0].steps[2].duration.source`. */
  at: string;
  file: string;
  ref: string;
  lines?: string;
}

export const catalogue = await loadCatalogue();

export function regulationOf(id: string): Regulation {
  const regulation = catalogue.get(id);
  if (!regulation) throw new Error(`${id} is not in the catalogue`);
  return regulation;
}

export function processOf(regulation: Regulation, kind: string) {
  const spec = regulation.requestKinds.find((k) => k.kind === kind);
  return regulation.processes.find((p) => p.id === spec?.process);
}

export function stepRows(regulation: Regulation, kind: string): StepRow[] {
  const process = processOf(regulation, kind);
  if (!process) throw new Error(`${regulation.id} has no process for ${kind}`);
  return process.steps.map((step): StepRow => {
    if (step.withinTermOf !== undefined) return { id: step.id, actor: step.actor, withinTermOf: step.withinTermOf };
    return { id: step.id, actor: step.actor, ...termOf(step.duration) };
  });
}

/** A duration as a table row writes it; a missing one becomes NaN so that it never matches. */
export function termOf(duration: { value: number; max?: number; unit: string } | undefined): Term {
  return {
    value: duration?.value ?? Number.NaN,
    ...(duration?.max !== undefined ? { max: duration.max } : {}),
    unit: duration?.unit as Unit,
  };
}

/** The results a request kind's process can end in, sorted. */
export function endsOf(regulation: Regulation, kind: string): string[] {
  const steps = processOf(regulation, kind)?.steps ?? [];
  return [...new Set(steps.flatMap((s) => s.outcomes.flatMap((o) => ('end' in o ? [o.end] : []))))].sort();
}

/** Every citation object anywhere in the regulation, with its path. */
export function citations(value: unknown, at = ''): Citation[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => citations(v, `${at}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  const own: Citation[] =
    typeof record.file === 'string' && typeof record.ref === 'string'
      ? [
          {
            at,
            file: record.file,
            ref: record.ref,
            ...(typeof record.lines === 'string' ? { lines: record.lines } : {}),
          },
        ]
      : [];
  return [...own, ...Object.entries(record).flatMap(([k, v]) => citations(v, `${at}.${k}`))];
}

/** "57" → [57, 57]; "214-230" → [214, 230]. */
export function lineRange(lines: string): [number, number] {
  const [a, b = a] = lines.split('-').map(Number);
  return [a as number, b as number];
}

/** Every citation in `value` names `file` and, where it gives lines, lines inside `range`. */
export function expectCitationsWithin(value: unknown, file: string, range: [number, number], atLeast: number): void {
  const [first, last] = range;
  const all = citations(value);
  expect(all.length).toBeGreaterThan(atLeast);
  for (const c of all) {
    expect(c.file, c.at).toBe(file);
    if (c.lines === undefined) continue;
    const [a, b] = lineRange(c.lines);
    expect(a, `${c.at} cites ${c.lines}`).toBeGreaterThanOrEqual(first);
    expect(b, `${c.at} cites ${c.lines}`).toBeLessThanOrEqual(last);
  }
}

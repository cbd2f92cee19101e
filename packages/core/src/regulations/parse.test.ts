import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../data/parse-yaml.js';
import { RegulationCatalogue } from './catalogue.js';
import { parseRegulation } from './parse.js';
import type { Regulation } from './schema.js';

const EXAMPLE_PATH = fileURLToPath(new URL('../../../../regulations/casino/2015-mcs-181.yaml', import.meta.url));
const example = readFileSync(EXAMPLE_PATH, 'utf8');

/** The example with one line's text replaced, to provoke one problem at a known place. */
function edited(find: string, replace: string): string {
  expect(example).toContain(find);
  return example.replace(find, replace);
}

function problemsOf(text: string): string[] {
  const result = parseRegulation(text, 'casino.yaml', 'casino@2015-mcs-181');
  return result.ok ? [] : result.problems.map(formatProblem);
}

function columnOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  return at - text.lastIndexOf('\n', at);
}

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

describe('parseRegulation', () => {
  it('accepts the worked example', () => {
    const result = parseRegulation(example, 'casino.yaml', 'casino@2015-mcs-181');
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
  });

  it('resolves anchors: the three processes share steps but not the decision term', () => {
    const result = parseRegulation(example, 'casino.yaml');
    if (!result.ok) throw new Error('example must parse');
    const terms = result.regulation.processes.map(
      (p) => p.steps.find((s) => s.id === 'draft_decision')?.duration?.value,
    );
    expect(terms).toEqual([12, 2, 1]);
  });

  it('reports YAML syntax errors at their line and column', () => {
    const text = edited('channels: [portal, service_centre]', 'channels: [portal, service_centre');
    const [problem] = problemsOf(text);
    expect(problem).toMatch(/^casino\.yaml:\d+:\d+: /);
  });

  it('reports a schema violation at the offending value, naming its path', () => {
    const text = edited('          value: 12\n', '          value: -12\n');
    expect(problemsOf(text)).toEqual([
      `casino.yaml:${lineOf(text, 'value: -12')}:18: processes.0.steps.2.duration.value: Too small: expected number to be >0`,
    ]);
  });

  it('reports an unknown key', () => {
    const text = edited('applicantKinds: [legal_entity]', 'applicantKinds: [legal_entity]\nfees: 5');
    expect(problemsOf(text)).toEqual([
      `casino.yaml:${lineOf(text, 'fees: 5')}:1: (document): Unrecognized key: "fees"`,
    ]);
  });

  it('reports an outcome that points to no step', () => {
    const text = edited(
      'outcomes: [{ id: registered, next: check_completeness }]',
      'outcomes: [{ id: registered, next: check_completness }]',
    );
    const problems = problemsOf(text);
    expect(problems[0]).toBe(
      `casino.yaml:${lineOf(text, 'next: check_completness')}:${columnOf(text, 'check_completness')}: processes.0.steps.0.outcomes.0.next: no step "check_completness" in process "issue"`,
    );
  });

  it('reports an actor that is not a role', () => {
    const text = edited('        actor: head_of_department\n', '        actor: head_of_office\n');
    expect(problemsOf(text).some((p) => p.includes('actor "head_of_office" is not a role'))).toBe(true);
  });

  it('reports a step of a system role with a choice to make (a system runs its steps by itself)', () => {
    const text = edited('        actor: head_of_department\n', '        actor: e_licensing\n');
    expect(
      problemsOf(text).some((p) =>
        p.includes('step "agree_decision" of system role "e_licensing" must have exactly one outcome'),
      ),
    ).toBe(true);
  });

  it('reports a step from which no path reaches an end', () => {
    const text = edited(
      '          - { id: refusal_sent, end: motivated_refusal }\n        source: &send_result_source',
      '          - { id: refusal_sent, next: draft_decision }\n        source: &send_result_source',
    );
    const problems = problemsOf(text);
    expect(problems.some((p) => p.includes('never ends in motivated_refusal'))).toBe(true);
  });

  it('reports unreachable steps and duplicate ids', () => {
    const text = edited(
      '      - *agree_decision\n      - *sign_decision\n      - id: send_result\n        name: { kk: Қайта',
      '      - *agree_decision\n      - *agree_decision\n      - *sign_decision\n      - id: send_result\n        name: { kk: Қайта',
    );
    expect(problemsOf(text).some((p) => p.includes('duplicate step "agree_decision"'))).toBe(true);
  });

  it('reports a duration with neither a term nor withinTermOf', () => {
    const text = edited(
      '        withinTermOf: draft_decision\n        outcomes:\n          - { id: agreed',
      '        outcomes:\n          - { id: agreed',
    );
    expect(problemsOf(text).some((p) => p.includes('either a duration or withinTermOf'))).toBe(true);
  });

  it('reports a pre-flow branch to a missing node', () => {
    const text = edited('onFail: payment_missing', 'onFail: payment_lost');
    expect(problemsOf(text).some((p) => p.includes('no node "payment_lost" in the portal flow'))).toBe(true);
  });

  it('reports a path that does not match the id', () => {
    const result = parseRegulation(example, 'regulations/casino/2016.yaml', 'casino@2016');
    expect(result.ok ? [] : result.problems.map((p) => p.message)).toEqual([
      'id "casino@2015-mcs-181" does not match its path (expected "casino@2016")',
    ]);
  });
});

describe('RegulationCatalogue', () => {
  const base = (() => {
    const result = parseRegulation(example, 'casino.yaml');
    if (!result.ok) throw new Error('example must parse');
    return result.regulation;
  })();
  const version = (v: string, from: string, to: string | null, supersedes: string | null = null): Regulation => ({
    ...base,
    id: `casino@${v}`,
    version: v,
    effectiveFrom: from,
    repealedOn: to,
    supersedes,
  });

  it('answers the version in force on a date, one call', () => {
    const built = RegulationCatalogue.build([
      { regulation: version('old', '2012-11-27', '2014-03-15'), file: 'a' },
      { regulation: version('new', '2015-07-06', null, 'casino@old'), file: 'b' },
    ]);
    if (!built.ok) throw new Error(built.problems.map(formatProblem).join('\n'));
    const catalogue = built.catalogue;
    expect(catalogue.inForce('casino', '2013-01-01')?.id).toBe('casino@old');
    expect(catalogue.inForce('casino', '2014-03-14')?.id).toBe('casino@old');
    expect(catalogue.inForce('casino', '2014-03-15')).toBeUndefined();
    expect(catalogue.inForce('casino', '2015-07-06')?.id).toBe('casino@new');
    expect(catalogue.inForce('casino', '2026-11-22')?.id).toBe('casino@new');
    expect(catalogue.inForce('casino', '2012-01-01')).toBeUndefined();
    expect(catalogue.versionsOf('casino').map((r) => r.id)).toEqual(['casino@old', 'casino@new']);
  });

  it('refuses overlapping periods of one service, duplicate ids and dangling links', () => {
    const built = RegulationCatalogue.build([
      { regulation: version('old', '2012-11-27', null), file: 'a.yaml' },
      { regulation: version('new', '2015-07-06', null, 'casino@older'), file: 'b.yaml' },
      { regulation: version('new', '2015-07-06', null), file: 'c.yaml' },
    ]);
    expect(built.ok ? [] : built.problems.map(formatProblem)).toEqual([
      'c.yaml:1:1: id "casino@new" is also defined in b.yaml',
      'b.yaml:1:1: effective from 2015-07-06, while casino@old is still in force (repealedOn null)',
      'b.yaml:1:1: supersedes "casino@older", which is not in the catalogue',
    ]);
  });
});

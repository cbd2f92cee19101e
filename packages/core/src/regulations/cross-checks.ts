import type { PreFlow, Process, Regulation } from './schema.js';

/** A rule the schema alone cannot express, broken at `path` of the regulation. */
export interface CrossCheckProblem {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/**
 * The consistency rules of one regulation: references resolve, ids are unique, every path of a
 * process or pre-flow reaches an end, nothing is unreachable, and the request kinds, results,
 * fees, documents and form agree with each other.
 */
export function crossCheckRegulation(regulation: Regulation): CrossCheckProblem[] {
  const problems: CrossCheckProblem[] = [];
  const report = (path: readonly PropertyKey[], message: string) => problems.push({ path, message });

  const roleIds = new Set(regulation.roles.map((r) => r.id));
  const checkIds = new Set(regulation.externalChecks.map((c) => c.id));
  const kinds = new Set(regulation.requestKinds.map((k) => k.kind));
  unique(regulation.roles, 'role', ['roles'], report);
  unique(regulation.processes, 'process', ['processes'], report);
  unique(regulation.externalChecks, 'external check', ['externalChecks'], report);
  unique(regulation.documents.items, 'document', ['documents', 'items'], report);
  uniqueBy(regulation.requestKinds, (k) => k.kind, 'request kind', ['requestKinds'], report);
  uniqueBy(regulation.preFlows, (f) => f.channel, 'pre-flow channel', ['preFlows'], report);

  if (regulation.repealedOn !== null && regulation.repealedOn <= regulation.effectiveFrom) {
    report(
      ['repealedOn'],
      `repealedOn ${regulation.repealedOn} is not after effectiveFrom ${regulation.effectiveFrom}`,
    );
  }
  if (
    !regulation.id.startsWith(`${regulation.service.id}@`) ||
    regulation.id !== `${regulation.service.id}@${regulation.version}`
  ) {
    report(['id'], `id must be "${regulation.service.id}@${regulation.version}" (service id @ version)`);
  }

  regulation.processes.forEach((process, p) => {
    checkProcess(process, ['processes', p], roleIds, checkIds, report);
  });
  // A system runs its steps by itself, so it must have nothing to choose: one outcome each.
  const systemRoles = new Set(regulation.roles.filter((r) => r.kind === 'system').map((r) => r.id));
  regulation.processes.forEach((process, p) => {
    process.steps.forEach((step, s) => {
      if (systemRoles.has(step.actor) && step.outcomes.length !== 1) {
        report(
          ['processes', p, 'steps', s, 'outcomes'],
          `step "${step.id}" of system role "${step.actor}" must have exactly one outcome`,
        );
      }
    });
  });

  regulation.requestKinds.forEach((spec, k) => {
    const process = regulation.processes.find((p) => p.id === spec.process);
    if (!process) {
      report(['requestKinds', k, 'process'], `no process "${spec.process}"`);
      return;
    }
    const ends = new Set(process.steps.flatMap((s) => s.outcomes.flatMap((o) => ('end' in o ? [o.end] : []))));
    for (const result of ends) {
      if (!spec.results.includes(result)) {
        report(['requestKinds', k, 'results'], `process "${process.id}" can end in ${result}, which is not listed`);
      }
    }
    for (const result of spec.results) {
      if (!ends.has(result)) report(['requestKinds', k, 'results'], `process "${process.id}" never ends in ${result}`);
    }
  });

  regulation.preFlows.forEach((flow, f) => {
    checkPreFlow(flow, ['preFlows', f], roleIds, regulation, report);
  });

  for (const kind of Object.keys(regulation.fee.mci)) {
    if (!kinds.has(kind as never))
      report(['fee', 'mci', kind], `fee for request kind "${kind}", which this regulation does not offer`);
  }
  regulation.documents.items.forEach((doc, d) => {
    doc.requiredFor.forEach((kind, i) => {
      if (!kinds.has(kind))
        report(['documents', 'items', d, 'requiredFor', i], `request kind "${kind}" is not offered`);
    });
  });

  const properties = Object.keys(regulation.form.schema.properties);
  for (const name of properties) {
    if (!regulation.form.labels[name])
      report(['form', 'schema', 'properties', name], `form field "${name}" has no label`);
  }
  for (const name of Object.keys(regulation.form.labels)) {
    if (!properties.includes(name)) report(['form', 'labels', name], `label for "${name}", which is not a form field`);
  }
  for (const part of ['subtypes', 'places'] as const) {
    regulation.form.licence[part].forEach((name, i) => {
      if (!properties.includes(name))
        report(['form', 'licence', part, i], `the licence's ${part} name "${name}", which is not a form field`);
    });
  }
  for (const value of choiceValues(regulation)) {
    if (!regulation.form.valueLabels[value])
      report(['form', 'valueLabels'], `the choice "${value}" of the form has no name in valueLabels`);
  }
  const required = regulation.form.schema.required;
  if (Array.isArray(required)) {
    required.forEach((name, i) => {
      if (!properties.includes(String(name)))
        report(['form', 'schema', 'required', i], `required field "${String(name)}" is not defined`);
    });
  }
  return problems;
}

function checkProcess(
  process: Process,
  at: readonly PropertyKey[],
  roleIds: ReadonlySet<string>,
  checkIds: ReadonlySet<string>,
  report: (path: readonly PropertyKey[], message: string) => void,
): void {
  unique(process.steps, 'step', [...at, 'steps'], report);
  const steps = new Map(process.steps.map((s) => [s.id, s]));
  if (!steps.has(process.start)) report([...at, 'start'], `start step "${process.start}" does not exist`);

  process.steps.forEach((step, i) => {
    const here = [...at, 'steps', i];
    if (!roleIds.has(step.actor)) report([...here, 'actor'], `actor "${step.actor}" is not a role`);
    if (step.withinTermOf !== undefined) {
      const budget = steps.get(step.withinTermOf);
      if (!budget) report([...here, 'withinTermOf'], `no step "${step.withinTermOf}" in process "${process.id}"`);
      else if (!budget.duration)
        report([...here, 'withinTermOf'], `step "${budget.id}" has no term of its own to share`);
    }
    if (step.action === 'external_check' && step.externalCheck === undefined) {
      report([...here, 'externalCheck'], 'an external_check step must name its externalCheck');
    }
    if (step.externalCheck !== undefined && !checkIds.has(step.externalCheck)) {
      report([...here, 'externalCheck'], `no external check "${step.externalCheck}"`);
    }
    uniqueBy(step.outcomes, (o) => o.id, 'outcome', [...here, 'outcomes'], report);
    step.outcomes.forEach((outcome, o) => {
      if ('next' in outcome && !steps.has(outcome.next)) {
        report([...here, 'outcomes', o, 'next'], `no step "${outcome.next}" in process "${process.id}"`);
      }
    });
  });

  const successors = (id: string) =>
    (steps.get(id)?.outcomes ?? []).flatMap((o) => ('next' in o && steps.has(o.next) ? [o.next] : []));
  const endsHere = (id: string) => (steps.get(id)?.outcomes ?? []).some((o) => 'end' in o);
  reportGraph(process.steps, process.start, successors, endsHere, [...at, 'steps'], 'step', report);
}

function checkPreFlow(
  flow: PreFlow,
  at: readonly PropertyKey[],
  roleIds: ReadonlySet<string>,
  regulation: Regulation,
  report: (path: readonly PropertyKey[], message: string) => void,
): void {
  if (!regulation.channels.includes(flow.channel)) {
    report([...at, 'channel'], `channel "${flow.channel}" is not among the regulation's channels`);
  }
  unique(flow.nodes, 'node', [...at, 'nodes'], report);
  const nodes = new Map(flow.nodes.map((n) => [n.id, n]));
  if (!nodes.has(flow.start)) report([...at, 'start'], `start node "${flow.start}" does not exist`);
  const targets = (node: (typeof flow.nodes)[number]): [string, string][] =>
    node.kind === 'process'
      ? [['next', node.next]]
      : node.kind === 'condition'
        ? [
            ['onPass', node.onPass],
            ['onFail', node.onFail],
          ]
        : [];

  flow.nodes.forEach((node, i) => {
    const here = [...at, 'nodes', i];
    if (!roleIds.has(node.actor)) report([...here, 'actor'], `actor "${node.actor}" is not a role`);
    for (const [field, target] of targets(node)) {
      if (!nodes.has(target)) report([...here, field], `no node "${target}" in the ${flow.channel} flow`);
    }
    if (node.kind === 'submit' && node.entersAt !== 'start') {
      regulation.processes.forEach((process) => {
        if (!process.steps.some((s) => s.id === node.entersAt)) {
          report([...here, 'entersAt'], `process "${process.id}" has no step "${node.entersAt}"`);
        }
      });
    }
  });
  if (!flow.nodes.some((n) => n.kind === 'submit')) report([...at, 'nodes'], 'the flow never submits the request');
  const successors = (id: string) => {
    const node = nodes.get(id);
    return node ? targets(node).flatMap(([, t]) => (nodes.has(t) ? [t] : [])) : [];
  };
  const endsHere = (id: string) => {
    const kind = nodes.get(id)?.kind;
    return kind === 'refusal' || kind === 'submit';
  };
  reportGraph(flow.nodes, flow.start, successors, endsHere, [...at, 'nodes'], 'node', report);
}

/** Every item reachable from the start, and from every item some end reachable. */
function reportGraph(
  items: readonly { id: string }[],
  start: string,
  successors: (id: string) => string[],
  endsHere: (id: string) => boolean,
  at: readonly PropertyKey[],
  noun: string,
  report: (path: readonly PropertyKey[], message: string) => void,
): void {
  const reachable = closure([start], successors);
  const predecessors = new Map<string, string[]>();
  for (const item of items) {
    for (const next of successors(item.id)) predecessors.set(next, [...(predecessors.get(next) ?? []), item.id]);
  }
  const canFinish = closure(
    items.filter((i) => endsHere(i.id)).map((i) => i.id),
    (id) => predecessors.get(id) ?? [],
  );
  items.forEach((item, i) => {
    if (!reachable.has(item.id)) report([...at, i], `${noun} "${item.id}" cannot be reached from "${start}"`);
    else if (!canFinish.has(item.id)) report([...at, i], `from ${noun} "${item.id}" no path reaches an end`);
  });
}

function closure(seeds: readonly string[], next: (id: string) => string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...seeds];
  while (queue.length > 0) {
    const id = queue.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    queue.push(...next(id));
  }
  return seen;
}

function unique(
  items: readonly { id: string }[],
  noun: string,
  at: readonly PropertyKey[],
  report: (path: readonly PropertyKey[], message: string) => void,
): void {
  uniqueBy(items, (i) => i.id, noun, at, report);
}

function uniqueBy<T>(
  items: readonly T[],
  key: (item: T) => string,
  noun: string,
  at: readonly PropertyKey[],
  report: (path: readonly PropertyKey[], message: string) => void,
): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) report([...at, i], `duplicate ${noun} "${k}"`);
    seen.add(k);
  });
}

/** Every value a choice field of the form may take (its `enum`, or its items' `enum`). */
function choiceValues(regulation: Regulation): string[] {
  const values = new Set<string>();
  for (const property of Object.values(regulation.form.schema.properties)) {
    const items = property.items as Record<string, unknown> | undefined;
    for (const list of [property.enum, items?.enum]) {
      if (Array.isArray(list)) for (const value of list) values.add(String(value));
    }
  }
  return [...values];
}

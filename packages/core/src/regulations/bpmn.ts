import type { Locale } from '../errors/locale.js';
import type { Duration, Process, Regulation, RequestKind, ResultKind, Step } from './schema.js';

/**
 * BPMN 2.0 export of one request kind's process, for viewing in bpmn-js or Camunda Modeler: a
 * pool with one lane per actor, a task per step, an exclusive gateway where a step has several
 * outcomes, an end event per result, and a diagram layout (columns by distance from the start,
 * rows by lane). BPMN is a picture of the regulation, never what the engine executes.
 */
export function regulationToBpmn(regulation: Regulation, kind: RequestKind, lang: Locale): string {
  const spec = regulation.requestKinds.find((k) => k.kind === kind);
  const process = spec && regulation.processes.find((p) => p.id === spec.process);
  if (!spec || !process) throw new RangeError(`${regulation.id} has no process for request kind ${kind}`);
  const model = layout(regulation, process, lang);
  const processId = xmlId('Process', `${regulation.id}_${kind}`);
  const title = `${regulation.service.name[lang]} — ${kind}`;

  const laneXml = model.lanes
    .map(
      (lane) =>
        `      <bpmn:lane id="${lane.id}" name="${esc(lane.name)}">\n` +
        model.nodes
          .filter((n) => n.lane === lane.id)
          .map((n) => `        <bpmn:flowNodeRef>${n.id}</bpmn:flowNodeRef>\n`)
          .join('') +
        '      </bpmn:lane>\n',
    )
    .join('');
  const nodeXml = model.nodes
    .map((n) => {
      const incoming = model.flows
        .filter((f) => f.target === n.id)
        .map((f) => `      <bpmn:incoming>${f.id}</bpmn:incoming>\n`);
      const outgoing = model.flows
        .filter((f) => f.source === n.id)
        .map((f) => `      <bpmn:outgoing>${f.id}</bpmn:outgoing>\n`);
      const documentation = n.documentation
        ? `      <bpmn:documentation>${esc(n.documentation)}</bpmn:documentation>\n`
        : '';
      return `    <bpmn:${n.type} id="${n.id}" name="${esc(n.name)}">\n${documentation}${incoming.join('')}${outgoing.join('')}    </bpmn:${n.type}>\n`;
    })
    .join('');
  const flowXml = model.flows
    .map(
      (f) =>
        `    <bpmn:sequenceFlow id="${f.id}" sourceRef="${f.source}" targetRef="${f.target}"${f.name ? ` name="${esc(f.name)}"` : ''} />\n`,
    )
    .join('');

  const poolId = xmlId('Participant', `${regulation.id}_${kind}`);
  const shapes = [
    shape(poolId, model.pool, ' isHorizontal="true"'),
    ...model.lanes.map((lane) => shape(lane.id, lane.bounds, ' isHorizontal="true"')),
    ...model.nodes.map((n) => shape(n.id, n.bounds, n.type === 'exclusiveGateway' ? ' isMarkerVisible="true"' : '')),
  ];
  const edges = model.flows.map(
    (f) =>
      `      <bpmndi:BPMNEdge id="${f.id}_di" bpmnElement="${f.id}">\n` +
      f.waypoints.map(([x, y]) => `        <di:waypoint x="${x}" y="${y}" />\n`).join('') +
      '      </bpmndi:BPMNEdge>\n',
  );

  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" ' +
    'xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" ' +
    'xmlns:di="http://www.omg.org/spec/DD/20100524/DI" ' +
    `id="${xmlId('Definitions', regulation.id)}" targetNamespace="https://ruqsat.kz/regulations/${esc(regulation.id)}" ` +
    'exporter="Ruqsat" exporterVersion="1">\n' +
    `  <bpmn:collaboration id="${xmlId('Collaboration', `${regulation.id}_${kind}`)}">\n` +
    `    <bpmn:participant id="${poolId}" name="${esc(title)}" processRef="${processId}" />\n` +
    '  </bpmn:collaboration>\n' +
    `  <bpmn:process id="${processId}" name="${esc(title)}" isExecutable="false">\n` +
    `    <bpmn:laneSet id="${processId}_lanes">\n${laneXml}    </bpmn:laneSet>\n` +
    nodeXml +
    flowXml +
    '  </bpmn:process>\n' +
    `  <bpmndi:BPMNDiagram id="${processId}_diagram">\n` +
    `    <bpmndi:BPMNPlane id="${processId}_plane" bpmnElement="${xmlId('Collaboration', `${regulation.id}_${kind}`)}">\n` +
    shapes.join('') +
    edges.join('') +
    '    </bpmndi:BPMNPlane>\n' +
    '  </bpmndi:BPMNDiagram>\n' +
    '</bpmn:definitions>\n'
  );
}

interface Bounds {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

interface LaidOutNode {
  readonly id: string;
  readonly type: 'startEvent' | 'endEvent' | 'userTask' | 'serviceTask' | 'task' | 'exclusiveGateway';
  readonly name: string;
  readonly documentation?: string;
  readonly lane: string;
  readonly bounds: Bounds;
}

interface LaidOutFlow {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly name?: string;
  readonly waypoints: readonly (readonly [number, number])[];
}

const LANE_HEIGHT = 140;
const LANE_LABEL = 30;
const COLUMN = 230;
const ORIGIN_X = 60;
const TASK = { width: 120, height: 80 } as const;
const EVENT = 36;
const GATEWAY = 50;

function layout(regulation: Regulation, process: Process, lang: Locale) {
  const steps = new Map(process.steps.map((s) => [s.id, s]));
  const depth = columns(process);
  const actors = [...new Set(process.steps.map((s) => s.actor))];
  const laneIndex = new Map(actors.map((a, i) => [a, i]));
  const roles = new Map(regulation.roles.map((r) => [r.id, r]));
  const laneTop = (actor: string) => (laneIndex.get(actor) ?? 0) * LANE_HEIGHT;
  const laneMid = (actor: string) => laneTop(actor) + LANE_HEIGHT / 2;
  const columnX = (column: number) => ORIGIN_X + LANE_LABEL + column * COLUMN;

  const nodes: LaidOutNode[] = [];
  const flows: LaidOutFlow[] = [];
  const startActor = steps.get(process.start)?.actor ?? actors[0] ?? 'actor';
  const startId = xmlId('Start', process.id);
  nodes.push(
    node(startId, 'startEvent', '', startActor, {
      x: columnX(0) + 20,
      y: laneMid(startActor) - EVENT / 2,
      width: EVENT,
      height: EVENT,
    }),
  );
  flows.push(flow(startId, xmlId('Task', process.start)));

  const endColumn = new Map<ResultKind, { column: number; actor: string }>();
  for (const step of process.steps) {
    const column = (depth.get(step.id) ?? 0) + 1;
    const taskId = xmlId('Task', step.id);
    const type = roles.get(step.actor)?.kind === 'system' ? 'serviceTask' : 'userTask';
    const name = `${step.name[lang]} (${step.duration ? durationLabel(step.duration) : `≤ ${step.withinTermOf}`})`;
    nodes.push({
      ...node(taskId, type, name, step.actor, {
        x: columnX(column),
        y: laneMid(step.actor) - TASK.height / 2,
        ...TASK,
      }),
      documentation: `${step.source.file}: ${step.source.ref}`,
    });
    let from = taskId;
    if (step.outcomes.length > 1) {
      const gatewayId = xmlId('Gateway', step.id);
      nodes.push(
        node(gatewayId, 'exclusiveGateway', '', step.actor, {
          x: columnX(column) + TASK.width + 30,
          y: laneMid(step.actor) - GATEWAY / 2,
          width: GATEWAY,
          height: GATEWAY,
        }),
      );
      flows.push(flow(taskId, gatewayId));
      from = gatewayId;
    }
    for (const outcome of step.outcomes) {
      const label = outcome.label?.[lang] ?? outcome.id.replaceAll('_', ' ');
      if ('next' in outcome) {
        flows.push(flow(from, xmlId('Task', outcome.next), step.outcomes.length > 1 ? label : undefined));
      } else {
        const placed = endColumn.get(outcome.end);
        if (!placed || placed.column < column + 1)
          endColumn.set(outcome.end, { column: column + 1, actor: step.actor });
        flows.push(flow(from, xmlId('End', outcome.end), step.outcomes.length > 1 ? label : undefined));
      }
    }
  }
  [...endColumn.entries()].forEach(([result, place], i) => {
    const y = laneMid(place.actor) - EVENT / 2 + (i % 2 === 0 ? -30 : 30);
    nodes.push(
      node(xmlId('End', result), 'endEvent', result.replaceAll('_', ' '), place.actor, {
        x: columnX(place.column) + 20,
        y,
        width: EVENT,
        height: EVENT,
      }),
    );
  });

  const width = LANE_LABEL + Math.max(...nodes.map((n) => n.bounds.x + n.bounds.width)) - ORIGIN_X + 60;
  const lanes = actors.map((actor) => ({
    id: xmlId('Lane', actor),
    name: roles.get(actor)?.name[lang] ?? actor,
    bounds: { x: ORIGIN_X + LANE_LABEL, y: laneTop(actor), width: width - LANE_LABEL, height: LANE_HEIGHT },
  }));
  const pool = { x: ORIGIN_X, y: 0, width, height: actors.length * LANE_HEIGHT };
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const routed = flows.map((f) => ({ ...f, waypoints: route(byId.get(f.source), byId.get(f.target)) }));
  return { nodes, flows: routed, lanes, pool };

  function node(id: string, type: LaidOutNode['type'], name: string, actor: string, bounds: Bounds): LaidOutNode {
    return { id, type, name, lane: xmlId('Lane', actor), bounds };
  }
  function flow(source: string, target: string, name?: string): Omit<LaidOutFlow, 'waypoints'> & { waypoints: [] } {
    const id = xmlId('Flow', `${source}_${target}`);
    return name === undefined ? { id, source, target, waypoints: [] } : { id, source, target, name, waypoints: [] };
  }
}

/** Column of each step: its distance from the start along the first outcome paths (breadth first). */
function columns(process: Process): Map<string, number> {
  const depth = new Map<string, number>([[process.start, 0]]);
  const queue = [process.start];
  const steps = new Map(process.steps.map((s) => [s.id, s]));
  while (queue.length > 0) {
    const id = queue.shift() as string;
    const step: Step | undefined = steps.get(id);
    for (const outcome of step?.outcomes ?? []) {
      if ('next' in outcome && !depth.has(outcome.next)) {
        depth.set(outcome.next, (depth.get(id) ?? 0) + 1);
        queue.push(outcome.next);
      }
    }
  }
  return depth;
}

/** Right edge of the source to the left edge of the target, with right-angle bends; backward flows go below. */
function route(source: LaidOutNode | undefined, target: LaidOutNode | undefined): [number, number][] {
  if (!source || !target) return [];
  const sx = source.bounds.x + source.bounds.width;
  const sy = source.bounds.y + source.bounds.height / 2;
  const tx = target.bounds.x;
  const ty = target.bounds.y + target.bounds.height / 2;
  if (tx > sx) {
    if (sy === ty)
      return [
        [sx, sy],
        [tx, ty],
      ];
    const mid = Math.round((sx + tx) / 2);
    return [
      [sx, sy],
      [mid, sy],
      [mid, ty],
      [tx, ty],
    ];
  }
  const below = Math.max(source.bounds.y + source.bounds.height, target.bounds.y + target.bounds.height) + 20;
  const cx = source.bounds.x + source.bounds.width / 2;
  const tcx = target.bounds.x + target.bounds.width / 2;
  return [
    [cx, source.bounds.y + source.bounds.height],
    [cx, below],
    [tcx, below],
    [tcx, target.bounds.y + target.bounds.height],
  ];
}

function shape(id: string, b: Bounds, extra: string): string {
  return (
    `      <bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"${extra}>\n` +
    `        <dc:Bounds x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" />\n` +
    '      </bpmndi:BPMNShape>\n'
  );
}

function durationLabel(d: Duration): string {
  const unit = { seconds: 's', minutes: 'min', working_hours: 'wh', working_days: 'wd', calendar_days: 'cd' }[d.unit];
  return d.max === undefined ? `${d.value} ${unit}` : `${d.value}–${d.max} ${unit}`;
}

/** XML ids must be NCNames: letters, digits, _ - . and not starting with a digit. */
function xmlId(prefix: string, raw: string): string {
  return `${prefix}_${raw.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
}

function esc(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

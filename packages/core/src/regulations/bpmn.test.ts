import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import BpmnModdle from 'bpmn-moddle';
import { describe, expect, it } from 'vitest';
import { regulationToBpmn } from './bpmn.js';
import { parseRegulation } from './parse.js';

const EXAMPLE_PATH = fileURLToPath(new URL('../../../../regulations/casino/2015-mcs-181.yaml', import.meta.url));
const parsed = parseRegulation(readFileSync(EXAMPLE_PATH, 'utf8'), 'casino.yaml');
if (!parsed.ok) throw new Error('the worked example must parse');
const regulation = parsed.regulation;

interface ModdleElement {
  readonly $type: string;
  readonly id: string;
  readonly name?: string;
  readonly flowElements?: ModdleElement[];
  readonly laneSets?: { lanes: ModdleElement[] }[];
  readonly rootElements?: ModdleElement[];
  readonly diagrams?: { plane: { planeElement: { bpmnElement?: { id: string } }[] } }[];
}

describe('regulationToBpmn', () => {
  it('produces BPMN 2.0 that bpmn-moddle reads without warnings', async () => {
    const xml = regulationToBpmn(regulation, 'issue', 'en');
    const { rootElement, warnings } = (await new BpmnModdle().fromXML(xml)) as {
      rootElement: ModdleElement;
      warnings: unknown[];
    };
    expect(warnings).toEqual([]);
    const process = rootElement.rootElements?.find((e) => e.$type === 'bpmn:Process');
    const types = (process?.flowElements ?? []).map((e) => e.$type);
    expect(types.filter((t) => t === 'bpmn:UserTask')).toHaveLength(6);
    expect(types.filter((t) => t === 'bpmn:StartEvent')).toHaveLength(1);
    expect(types.filter((t) => t === 'bpmn:EndEvent')).toHaveLength(2);
    expect(types.filter((t) => t === 'bpmn:ExclusiveGateway')).toHaveLength(4);
    const lanes = process?.laneSets?.[0]?.lanes.map((l) => l.name);
    expect(lanes).toEqual(['Responsible executor', 'Head of department', 'Leadership of the authority']);
    // Every flow element has a shape or an edge in the diagram, so modelers can lay it out.
    const drawn = new Set(rootElement.diagrams?.[0]?.plane.planeElement.map((d) => d.bpmnElement?.id));
    for (const element of process?.flowElements ?? []) expect(drawn.has(element.id)).toBe(true);
  });

  it('labels in the asked language, escaping XML', () => {
    const xml = regulationToBpmn(regulation, 'duplicate', 'kk');
    expect(xml).toContain('name="Басқарма басшысы"');
    expect(xml).toContain('Телнұсқаны жасау немесе бас тарту хатын жолдау (1 wd)');
    expect(xml).toContain('name="Казино қызметімен айналысу үшін лицензия беру — duplicate"');
    expect(xml).not.toMatch(/name="[^"]*[<>&][^"]*"/);
  });

  it('is stable: the same regulation gives the same bytes', async () => {
    const xml = regulationToBpmn(regulation, 'issue', 'en');
    expect(regulationToBpmn(regulation, 'issue', 'en')).toBe(xml);
    await expect(xml).toMatchFileSnapshot('./__snapshots__/casino-2015-issue.bpmn');
  });

  it('refuses a request kind the regulation does not offer', () => {
    expect(() => regulationToBpmn(regulation, 'reissue_reorganisation', 'en')).toThrow(RangeError);
  });
});

// Seed 000: MCS order No. 181 of 14 May 2015, five licensing regulations (Annexes 1–5).
// The tables below are typed from the Kazakh source (000_afb18e1b515c3bad.txt), not from the YAML:
// paras 5 and 8 of every annex give the steps, actors and working-day terms; para 9.2 the
// service-centre intake; paras 7.1–7.3 the three officials. The five annexes are word-for-word
// identical apart from the service name, so one step table serves all five.
import type { Regulation } from '@ruqsat/core';
import { describe, expect, it } from 'vitest';
import {
  endsOf,
  expectCitationsWithin,
  regulationOf as loaded,
  processOf,
  type StepRow,
  stepRows,
  type Unit,
} from '../test-support/regulation-tables.js';

const SEED_FILE = '000_afb18e1b515c3bad.txt';
const VERSION = '2015-mcs-181';

/** Paras 5.1–5.4 and 8.1–8.4; only the term of step 3 (para 5.3) differs by request kind. */
function steps(decisionDays: number): StepRow[] {
  return [
    // 5.1 / 8.1: on the day received, after 18:00 the next working day (reference «1 күн»).
    { id: 'register', actor: 'responsible_executor', value: 1, unit: 'working_days' },
    // 5.2 / 8.2: «өтініш тіркелген соң, екі жұмыс күн ішінде».
    { id: 'check_completeness', actor: 'responsible_executor', value: 2, unit: 'working_days' },
    // 5.3 / 8.3: «он екі» / «екі» / «бір жұмыс күн» for executor, head of department and leadership.
    { id: 'draft_decision', actor: 'responsible_executor', value: decisionDays, unit: 'working_days' },
    { id: 'agree_decision', actor: 'head_of_department', withinTermOf: 'draft_decision' },
    { id: 'sign_decision', actor: 'leadership', withinTermOf: 'draft_decision' },
    // 5.4 / 8.4: «бір жұмыс күн ішінде».
    { id: 'send_result', actor: 'responsible_executor', value: 1, unit: 'working_days' },
  ];
}

const PROCESSES: Record<string, { steps: StepRow[]; results: string[] }> = {
  issue: { steps: steps(12), results: ['licence', 'motivated_refusal'] },
  reissue: { steps: steps(2), results: ['reissued_licence', 'motivated_refusal'] },
  duplicate: { steps: steps(1), results: ['duplicate', 'motivated_refusal'] },
};

/** No overall term in the regulation: 2 + (12 | 2 | 1) + 1 working days after registration. */
const TERMS: Record<string, { value: number; unit: Unit }> = {
  issue: { value: 15, unit: 'working_days' },
  reissue: { value: 5, unit: 'working_days' },
  duplicate: { value: 4, unit: 'working_days' },
};

interface AnnexRow {
  service: string;
  annex: number;
  /** First and last line of the annex in the seed (body, diagram and business-process reference). */
  lines: [number, number];
  /** The service's name as the order's para 1 (lines 9–13) and the annex title give it. */
  nameKk: string;
  /** Para 3: the licence wording, as written (bookmaker's doubled word included). */
  resultLine: number;
  resultWords: string;
  /** Lines of paras 5.3 (decision terms) and 9.2 (15 minutes at the centre). */
  para53: number;
  para92: number;
  supersedes: string | null;
}

const ANNEXES: AnnexRow[] = [
  {
    service: 'lottery',
    annex: 1,
    lines: [27, 205],
    nameKk: 'Лотереяларды ұйымдастыру және өткізу жөніндегі қызмет түрін жүзеге асыруға лицензия беру',
    resultLine: 40,
    resultWords: 'лотереяларды ұйымдастыру және өткізу жөніндегі қызмет түрін жүзеге асыруға лицензия',
    para53: 51,
    para92: 75,
    supersedes: null,
  },
  {
    service: 'casino',
    annex: 2,
    lines: [206, 364],
    nameKk: 'Казино қызметімен айналысу үшін лицензия беру',
    resultLine: 219,
    resultWords: 'казино қызметімен айналысу құқығына лицензия',
    para53: 230,
    para92: 255,
    supersedes: 'casino@2012-asa-294',
  },
  {
    service: 'slot-machine-hall',
    annex: 3,
    lines: [365, 540],
    nameKk: 'Ойын автоматтары залы қызметімен айналысу үшін лицензия беру',
    resultLine: 379,
    resultWords: 'ойын автоматтары залы қызметімен айналысу құқығына лицензия',
    para53: 389,
    para92: 414,
    supersedes: 'slot-machine-hall@2012-asa-294',
  },
  {
    service: 'bookmaker',
    annex: 4,
    lines: [541, 736],
    nameKk: 'Букмекер кеңсесі қызметімен айналысу үшін лицензия беру',
    resultLine: 554,
    resultWords: 'букмекер кеңсесі қызметімен айналысу айналысу құқығына лицензия',
    para53: 564,
    para92: 589,
    supersedes: 'bookmaker@2012-asa-294',
  },
  {
    service: 'totalizator',
    annex: 5,
    lines: [737, 894],
    nameKk: 'Тотализатор қызметімен айналысу үшін лицензия беру',
    resultLine: 749,
    resultWords: 'тотализатор қызметімен айналысу құқығына лицензия',
    para53: 759,
    para92: 784,
    supersedes: 'totalizator@2012-asa-294',
  },
];

function regulationOf(service: string): Regulation {
  return loaded(`${service}@${VERSION}`);
}

describe.each(ANNEXES)('$service@2015-mcs-181 (order 181, Annex $annex)', (row) => {
  const regulation = regulationOf(row.service);

  it('is the right service, version, authority and predecessor', () => {
    expect(regulation.id).toBe(`${row.service}@${VERSION}`);
    expect(regulation.service.id).toBe(row.service);
    expect(regulation.service.name.kk).toBe(row.nameKk);
    expect(regulation.legalBasis.number).toBe('181');
    expect(regulation.legalBasis.date).toBe('2015-05-14');
    expect(regulation.legalBasis.mojRegistration).toEqual({ number: '11446', date: '2015-06-26' });
    expect(regulation.effectiveFrom).toBe('2015-07-06');
    expect(regulation.supersedes).toBe(row.supersedes);
    expect(regulation.authority.id).toBe('mcs-sport-committee');
    expect(regulation.applicantKinds).toEqual(['legal_entity']);
    expect([...regulation.channels].sort()).toEqual(['portal', 'service_centre']);
  });

  it.each(Object.entries(PROCESSES))(
    'process %s has the steps, actors and terms of paras 5 and 8',
    (kind, expected) => {
      expect(stepRows(regulation, kind)).toEqual(expected.steps);
      expect(processOf(regulation, kind)?.start).toBe('register');
      expect(endsOf(regulation, kind)).toEqual([...expected.results].sort());
    },
  );

  it('gives each step 3 term the line of its own para 5.3', () => {
    for (const process of regulation.processes) {
      const draft = process.steps.find((s) => s.id === 'draft_decision');
      expect(draft?.duration?.source.lines).toBe(String(row.para53));
    }
  });

  it.each(Object.entries(TERMS))('request kind %s has the derived overall term', (kind, term) => {
    const spec = regulation.requestKinds.find((k) => k.kind === kind);
    expect(spec?.term.value).toBe(term.value);
    expect(spec?.term.max).toBeUndefined();
    expect(spec?.term.unit).toBe(term.unit);
    expect(spec?.term.derived).toBeTruthy();
    expect(spec?.results.slice().sort()).toEqual(PROCESSES[kind]?.results.slice().sort());
  });

  it('offers exactly issue, reissue and duplicate', () => {
    expect(regulation.requestKinds.map((k) => k.kind).sort()).toEqual(['duplicate', 'issue', 'reissue']);
  });

  it('takes 15 minutes for intake at the service centre (para 9.2)', () => {
    const flow = regulation.preFlows.find((f) => f.channel === 'service_centre');
    const intake = flow?.nodes.find((n) => n.id === flow.start);
    expect(intake && 'duration' in intake ? intake.duration : undefined).toMatchObject({
      value: 15,
      unit: 'minutes',
      source: { lines: String(row.para92) },
    });
  });

  it('has the portal flow of para 11: three checks, three refusals, one submission', () => {
    const flow = regulation.preFlows.find((f) => f.channel === 'portal');
    const kinds = (flow?.nodes ?? []).map((n) => n.kind);
    expect(kinds.filter((k) => k === 'condition')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'refusal')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'submit')).toHaveLength(1);
    const checks = (flow?.nodes ?? []).flatMap((n) => (n.kind === 'condition' ? [n.check] : []));
    expect(checks).toEqual(['authorisation', 'payment_fact', 'signature_validity']);
  });

  it("cites only this annex's lines (the order's preamble aside)", () => {
    const ownText = {
      ...regulation,
      legalBasis: undefined,
      notes: regulation.notes.filter((n) => !n.source.ref.startsWith('order')),
    };
    expectCitationsWithin(ownText, SEED_FILE, row.lines, 30);
  });

  it('records the para 3 result wording in the notes where it differs from the casino', () => {
    if (row.service === 'casino') return;
    const note = regulation.notes.find((n) => n.source.lines === String(row.resultLine));
    expect(note?.issue).toContain(row.resultWords);
  });

  it('marks form, documents and fee as unverified', () => {
    expect(regulation.form.unverified).toBe(true);
    expect(regulation.documents.unverified).toBe(true);
    expect(regulation.fee.unverified).toBe(true);
    expect(Object.keys(regulation.fee.mci).sort()).toEqual(['duplicate', 'issue', 'reissue']);
    expect(regulation.survey).toBeNull();
  });
});

// Seeds 001 and 003. The tables below are typed from the sources, not from the YAML:
// - 001_ce20c898acbbb2e1.txt (Russian): order No. 294 of 2 October 2012 of the Agency for Sport and
//   Physical Culture Affairs, four e-service regulations (order Annexes 1–4). Paras 6 and 7 give the
//   portal and service-centre flows, the transposed tables of each regulation's Annex 2 their actors
//   (row 2) and terms (row 5). The four regulations have the same actors and terms; only the lines
//   differ.
// - 003_fb8d21ea96d1e936.txt (Kazakh): the communications licence regulation of 2015 (order date and
//   number blank). Para 8 gives the sequence between the provider's units with hour and
//   working-day terms; paras 9 and 10 the portal and provider-office flows.
import type { Regulation } from '@ruqsat/core';
import { describe, expect, it } from 'vitest';
import {
  catalogue,
  endsOf,
  expectCitationsWithin,
  processOf,
  regulationOf,
  type StepRow,
  stepRows,
  type Term,
  termOf,
} from '../test-support/regulation-tables.js';

type NodeRow = { id: string; actor: string; lines: string } & Term;

/** The timed nodes of a pre-flow, with the line range their term cites. */
function timedNodes(regulation: Regulation, channel: string): NodeRow[] {
  const flow = regulation.preFlows.find((f) => f.channel === channel);
  return (flow?.nodes ?? []).flatMap((node): NodeRow[] => {
    if (!('duration' in node) || node.duration === undefined) return [];
    return [{ id: node.id, actor: node.actor, ...termOf(node.duration), lines: node.duration.source.lines ?? '' }];
  });
}

// ---------------------------------------------------------------------------------------------
// Seed 001: order No. 294 of 2 October 2012
// ---------------------------------------------------------------------------------------------

const SEED_001 = '001_ce20c898acbbb2e1.txt';

/**
 * The authority's part of para 6 (items 13–16) and para 7 (items 8–11): registration in E-licensing
 * (Table 1 action 9 / Table 2 action 7: «10-15 сек»); the provider's document check (condition 4 /
 * condition 2), which has no table row: the service term «10-15 рабочих дней» of the result row
 * (Table 1 action 11 / Table 2 action 9) is its term; the authorised officer's ЭЦП on the licence
 * and the licence formed by E-licensing (process 11 / 9), or E-licensing's refusal message
 * (process 10 / 8, term «-»), both within that term. Identical for the three request kinds.
 */
const STEPS_001: StepRow[] = [
  { id: 'register', actor: 'e_licensing', value: 10, max: 15, unit: 'seconds' },
  { id: 'check_documents', actor: 'service_provider', value: 10, max: 15, unit: 'working_days' },
  { id: 'sign_result', actor: 'authorised_officer', withinTermOf: 'check_documents' },
  { id: 'issue_result', actor: 'e_licensing', withinTermOf: 'check_documents' },
  { id: 'refuse', actor: 'e_licensing', withinTermOf: 'check_documents' },
];

const RESULTS_001: Record<string, string[]> = {
  issue: ['licence', 'motivated_refusal'],
  reissue: ['motivated_refusal', 'reissued_licence'],
  duplicate: ['duplicate', 'motivated_refusal'],
};

interface Annex001 {
  service: string;
  annex: number;
  /** First and last line of the regulation (order annex) in the seed. */
  lines: [number, number];
  nameRu: string;
  /** Line ranges of the row-5 cells («Сроки исполнения») of Table 1 and Table 2, by action number. */
  table1: Record<1 | 3 | 4 | 6 | 8 | 9 | 11, string>;
  table2: Record<1 | 2 | 3 | 5 | 6, string>;
  /** Annex 4: the questionnaire. */
  survey: string;
}

const ANNEXES_001: Annex001[] = [
  {
    service: 'casino',
    annex: 1,
    lines: [72, 1596],
    nameRu: 'Выдача лицензии, переоформление, выдача дубликатов лицензии для занятия деятельностью казино',
    table1: { 1: '936-938', 3: '940-942', 4: '943-945', 6: '949-951', 8: '955-957', 9: '958-960', 11: '962-964' },
    table2: { 1: '1460-1464', 2: '1465', 3: '1466', 5: '1468', 6: '1469-1473' },
    survey: '1571-1594',
  },
  {
    service: 'slot-machine-hall',
    annex: 2,
    lines: [1597, 3052],
    nameRu:
      'Выдача лицензии, переоформление, выдача дубликатов лицензии для занятия деятельностью зала игровых автоматов',
    table1: { 1: '2408', 3: '2410-2412', 4: '2413-2415', 6: '2419-2421', 8: '2425', 9: '2426-2428', 11: '2430-2436' },
    table2: { 1: '2910-2912', 2: '2913', 3: '2914', 5: '2916', 6: '2917-2919' },
    survey: '3027-3050',
  },
  {
    service: 'bookmaker',
    annex: 3,
    lines: [3053, 4303],
    nameRu:
      'Выдача лицензии, переоформление, выдача дубликатов лицензии для занятия деятельностью букмекерской конторы',
    table1: {
      1: '3621-3625',
      3: '3629-3631',
      4: '3632-3634',
      6: '3638-3640',
      8: '3644-3646',
      9: '3647-3649',
      11: '3651-3655',
    },
    table2: { 1: '4155-4159', 2: '4160', 3: '4161', 5: '4163', 6: '4164-4166' },
    survey: '4278-4301',
  },
  {
    service: 'totalizator',
    annex: 4,
    lines: [4304, 5888],
    nameRu: 'Выдача лицензии, переоформление, выдача дубликатов лицензии для занятия деятельностью тотализатора',
    table1: {
      1: '5202-5206',
      3: '5210-5212',
      4: '5213-5215',
      6: '5219-5221',
      8: '5225-5227',
      9: '5228-5230',
      11: '5232-5236',
    },
    table2: { 1: '5736-5740', 2: '5741', 3: '5742', 5: '5744', 6: '5745-5747' },
    survey: '5865-5888',
  },
];

describe.each(ANNEXES_001)('$service@2012-asa-294 (order 294, Annex $annex)', (row) => {
  const regulation = regulationOf(`${row.service}@2012-asa-294`);

  it('is the right act, authority and period, ending before the 2015 version', () => {
    expect(regulation.service.name.ru).toBe(row.nameRu);
    expect(regulation.legalBasis.number).toBe('294');
    expect(regulation.legalBasis.date).toBe('2012-10-02');
    expect(regulation.legalBasis.mojRegistration).toEqual({ number: '8088', date: '2012-11-17' });
    expect(regulation.repealedBy).toMatchObject({ number: '73', date: '2014-03-04' });
    expect(regulation.effectiveFrom).toBe('2012-11-27');
    expect(regulation.repealedOn).toBe('2014-03-14');
    expect((regulation.repealedOn ?? '9999') <= '2015-07-06').toBe(true);
    expect(regulation.supersedes).toBeNull();
    expect(regulation.authority.id).toBe('sport-agency');
    expect([...regulation.channels].sort()).toEqual(['portal', 'service_centre']);
    expect(catalogue.inForce(row.service, '2013-06-01')?.id).toBe(`${row.service}@2012-asa-294`);
    expect(catalogue.inForce(row.service, '2015-07-06')?.id).toBe(`${row.service}@2015-mcs-181`);
  });

  it.each(Object.keys(RESULTS_001))('process %s has the actors and terms of paras 6–7 and Annex 2', (kind) => {
    expect(stepRows(regulation, kind)).toEqual(STEPS_001);
    expect(processOf(regulation, kind)?.start).toBe('register');
    expect(endsOf(regulation, kind)).toEqual(RESULTS_001[kind]);
  });

  it('cites the term cells of Table 1 for registration and for the provider', () => {
    for (const process of regulation.processes) {
      const step = (id: string) => process.steps.find((s) => s.id === id);
      expect(step('register')?.duration?.source.lines).toBe(row.table1[9]);
      expect(step('check_documents')?.duration?.source.lines).toBe(row.table1[11]);
    }
  });

  it.each(Object.keys(RESULTS_001))('request kind %s has the term «10-15 рабочих дней»', (kind) => {
    const spec = regulation.requestKinds.find((k) => k.kind === kind);
    expect(spec?.term).toMatchObject({ value: 10, max: 15, unit: 'working_days', source: { lines: row.table1[11] } });
    expect(spec?.results.slice().sort()).toEqual(RESULTS_001[kind]);
  });

  it('times the portal pre-flow as Table 1 (actions 1, 3, 4, 6, 8)', () => {
    expect(timedNodes(regulation, 'portal')).toEqual([
      { id: 'sign_in', actor: 'applicant', value: 10, max: 15, unit: 'seconds', lines: row.table1[1] },
      { id: 'fill_form', actor: 'applicant', value: 90, unit: 'seconds', lines: row.table1[3] },
      { id: 'pay', actor: 'payment_gateway', value: 90, unit: 'seconds', lines: row.table1[4] },
      { id: 'choose_certificate', actor: 'applicant', value: 10, max: 15, unit: 'seconds', lines: row.table1[6] },
      { id: 'sign_request', actor: 'applicant', value: 90, unit: 'seconds', lines: row.table1[8] },
    ]);
    const flow = regulation.preFlows.find((f) => f.channel === 'portal');
    const checks = (flow?.nodes ?? []).flatMap((n) => (n.kind === 'condition' ? [n.check] : []));
    expect(checks).toEqual(['authorisation', 'payment_fact', 'signature_validity']);
    expect((flow?.nodes ?? []).filter((n) => n.kind === 'refusal')).toHaveLength(3);
  });

  it('times the service-centre pre-flow as Table 2 (actions 1, 2, 3, 5, 6)', () => {
    expect(timedNodes(regulation, 'service_centre')).toEqual([
      {
        id: 'operator_sign_in',
        actor: 'service_centre_operator',
        value: 30,
        max: 60,
        unit: 'seconds',
        lines: row.table2[1],
      },
      { id: 'enter_request', actor: 'service_centre_operator', value: 30, unit: 'seconds', lines: row.table2[2] },
      { id: 'query_databases', actor: 'service_centre_operator', value: 30, unit: 'seconds', lines: row.table2[3] },
      { id: 'scan_and_sign', actor: 'service_centre_operator', value: 30, unit: 'seconds', lines: row.table2[5] },
      {
        id: 'send_request',
        actor: 'service_centre_operator',
        value: 30,
        max: 300,
        unit: 'seconds',
        lines: row.table2[6],
      },
    ]);
    const flow = regulation.preFlows.find((f) => f.channel === 'service_centre');
    const checks = (flow?.nodes ?? []).flatMap((n) => (n.kind === 'condition' ? [n.check] : []));
    expect(checks).toEqual(['database_lookup']);
  });

  it('has the Annex 4 questionnaire: two questions, three answers each', () => {
    expect(regulation.survey?.source.lines).toBe(row.survey);
    expect(regulation.survey?.questions.map((q) => q.indicator)).toEqual(['quality', 'accessibility']);
    expect(regulation.survey?.questions[0]?.text.ru).toBe(
      'Удовлетворены ли Вы качеством процесса и результатом оказания электронной государственной услуги?',
    );
    expect(regulation.survey?.questions[1]?.text.ru).toBe(
      'Удовлетворены ли Вы качеством информации о порядке оказания электронной государственной услуги?',
    );
    for (const q of regulation.survey?.questions ?? []) {
      expect(q.answers.map((a) => a.text.ru)).toEqual(['не удовлетворен', 'частично удовлетворен', 'удовлетворен']);
    }
  });

  it('records the misaligned next-action cells of Table 1', () => {
    expect(regulation.notes.some((n) => n.issue.includes('8 – если в ЭЦП') && n.reading.includes('Para 6'))).toBe(true);
  });

  it("cites only this regulation's lines (the order's own text aside)", () => {
    const ownText = {
      ...regulation,
      legalBasis: undefined,
      notes: regulation.notes.filter((n) => !n.source.ref.startsWith('order')),
    };
    expectCitationsWithin(ownText, SEED_001, row.lines, 40);
  });

  it('marks form, documents and fee as unverified', () => {
    expect(regulation.form.unverified).toBe(true);
    expect(regulation.documents.unverified).toBe(true);
    expect(regulation.fee.unverified).toBe(true);
    expect(Object.keys(regulation.fee.mci).sort()).toEqual(['duplicate', 'issue', 'reissue']);
  });
});

// ---------------------------------------------------------------------------------------------
// Seed 003: communications licence, Ministry for Investment and Development, 2015
// ---------------------------------------------------------------------------------------------

const SEED_003 = '003_fb8d21ea96d1e936.txt';

/**
 * Para 8: 8.3 the head assigns «төрт сағат ішінде»; 8.4 the unit head passes it on «екі сағат
 * ішінде»; 8.5 the executor checks and draws up the result in the request kind's working days, or
 * a refusal «өтінім келіп түскен сәттен бастап екі жұмыс күні ішінде»; 8.6 the unit head approves,
 * the head signs and the result is sent «екі сағат ішінде».
 */
function steps003(executorDays: number): StepRow[] {
  return [
    { id: 'assign', actor: 'provider_head', value: 4, unit: 'working_hours' },
    { id: 'unit_head_review', actor: 'unit_head', value: 2, unit: 'working_hours' },
    { id: 'examine', actor: 'responsible_executor', value: executorDays, unit: 'working_days' },
    { id: 'prepare_refusal', actor: 'responsible_executor', value: 2, unit: 'working_days' },
    { id: 'approve_result', actor: 'unit_head', value: 2, unit: 'working_hours' },
    { id: 'sign_result', actor: 'provider_head', withinTermOf: 'approve_result' },
    { id: 'send_result', actor: 'provider_head', withinTermOf: 'approve_result' },
  ];
}

/** Para 5.4 / 8.5: «он төрт», «екі», «тоғыз» (5.4: «жұмыс күні»; 8.5: «күні»), «бір жұмыс күні». */
const KINDS_003: Record<string, { days: number; line: string; results: string[] }> = {
  issue: { days: 14, line: '28', results: ['licence', 'licence_annex', 'motivated_refusal'] },
  reissue: { days: 2, line: '29', results: ['licence_annex', 'motivated_refusal', 'reissued_licence'] },
  reissue_reorganisation: { days: 9, line: '31', results: ['licence_annex', 'motivated_refusal', 'reissued_licence'] },
  duplicate: { days: 1, line: '32', results: ['duplicate', 'motivated_refusal'] },
};

describe('communications@2015-mid-draft (seed 003)', () => {
  const regulation = regulationOf('communications@2015-mid-draft');

  it('is a draft act with blank number and date, in force from the bound after Standard No. 531', () => {
    expect(regulation.service.name.kk).toBe('Байланыс саласындағы қызметтерді көрсетуге лицензия беру');
    expect(regulation.legalBasis.number).toBeNull();
    expect(regulation.legalBasis.date).toBeNull();
    expect(regulation.legalBasis.mojRegistration).toBeNull();
    expect(regulation.effectiveFrom >= '2015-04-30').toBe(true);
    expect(regulation.effectiveFrom).toBe('2015-05-18');
    expect(regulation.effectiveFromNote).toContain('531');
    expect(regulation.repealedOn).toBeNull();
    expect(regulation.authority.id).toBe('mid-communications-committee');
    expect([...regulation.channels].sort()).toEqual(['authority_office', 'portal']);
    expect(regulation.applicantKinds).toEqual(['legal_entity']);
    expect(regulation.survey).toBeNull();
  });

  it('offers issue, reissue, reissue on reorganisation and duplicate', () => {
    expect(regulation.requestKinds.map((k) => k.kind).sort()).toEqual(Object.keys(KINDS_003).sort());
  });

  it.each(Object.entries(KINDS_003))('process %s has the units and terms of para 8', (kind, expected) => {
    expect(stepRows(regulation, kind)).toEqual(steps003(expected.days));
    expect(processOf(regulation, kind)?.start).toBe('assign');
    expect(endsOf(regulation, kind)).toEqual(expected.results);
  });

  it.each(Object.entries(KINDS_003))('request kind %s has the executor term of para 5.4', (kind, expected) => {
    const spec = regulation.requestKinds.find((k) => k.kind === kind);
    expect(spec?.term).toMatchObject({ value: expected.days, unit: 'working_days', source: { lines: expected.line } });
    expect(spec?.term.max).toBeUndefined();
    expect(spec?.results.slice().sort()).toEqual(expected.results);
  });

  it('cites para 8 for the hour terms and the refusal', () => {
    const process = processOf(regulation, 'issue');
    const lines = (id: string) => process?.steps.find((s) => s.id === id)?.duration?.source.lines;
    expect(lines('assign')).toBe('59');
    expect(lines('unit_head_review')).toBe('61');
    expect(lines('prepare_refusal')).toBe('71-72');
    expect(lines('approve_result')).toBe('74');
  });

  it('has the paper channel of paras 8.1–8.2 and 10: 15 minutes at the office, 1 hour to the portal', () => {
    expect(timedNodes(regulation, 'authority_office')).toEqual([
      { id: 'office_intake', actor: 'office_employee', value: 15, unit: 'minutes', lines: '55' },
      { id: 'register_request', actor: 'responsible_executor', value: 1, unit: 'working_hours', lines: '57' },
    ]);
    const flow = regulation.preFlows.find((f) => f.channel === 'authority_office');
    const checks = (flow?.nodes ?? []).flatMap((n) => (n.kind === 'condition' ? [n.check] : []));
    expect(checks).toEqual(['authorisation', 'database_lookup']);
    expect(regulation.externalChecks.map((c) => c.system)).toEqual(['gbd_ul']);
  });

  it('has the portal flow of para 9 (BIN sign-in, payment, signature) without terms', () => {
    expect(timedNodes(regulation, 'portal')).toEqual([]);
    const flow = regulation.preFlows.find((f) => f.channel === 'portal');
    const checks = (flow?.nodes ?? []).flatMap((n) => (n.kind === 'condition' ? [n.check] : []));
    expect(checks).toEqual(['authorisation', 'payment_fact', 'signature_validity']);
    expect((flow?.nodes ?? []).filter((n) => n.kind === 'refusal')).toHaveLength(3);
  });

  it('cites only seed 003, within its 114 lines', () => {
    expectCitationsWithin(regulation, SEED_003, [1, 114], 40);
  });

  it('marks form, documents and fee as unverified, with a fee per request kind', () => {
    expect(regulation.form.unverified).toBe(true);
    expect(regulation.documents.unverified).toBe(true);
    expect(regulation.fee.unverified).toBe(true);
    expect(Object.keys(regulation.fee.mci).sort()).toEqual(Object.keys(KINDS_003).sort());
  });
});

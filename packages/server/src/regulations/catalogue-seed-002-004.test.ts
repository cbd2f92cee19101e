// Seeds 002 and 004: MIA order No. 895 of 8 December 2018 (security-guard licence) and MINT order
// No. 364 of 5 October 2012 (six electronic state-service regulations, Annexes 1–6).
// The tables below are typed from the Kazakh sources (002_7078fd1c4711c617.txt and
// 004_c2f579d9b7e9f36d.txt), not from the YAML:
// - seed 002: para 5 (repeated in para 7) gives three sub-flows with terms in hours and working days;
//   the last step of each has one term for the officer's paper report and the head's signature;
// - seed 004: the Annex 2 tables give only UI/system timings (seconds, minutes) and are cut off
//   before the provider's rows; the provider's term is read from the identical 2012 template of
//   seed 001 (Table 1, action 11: «10-15 рабочих дней»), as the regulations' notes explain.
import type { Regulation } from '@ruqsat/core';
import { describe, expect, it } from 'vitest';
import {
  citations,
  endsOf,
  expectCitationsWithin,
  processOf,
  lineRange as range,
  regulationOf,
  type StepRow,
  stepRows,
  type Term,
  termOf,
} from '../test-support/regulation-tables.js';

/** The pre-flow nodes that carry a duration, as id → term. */
function timings(nodes: Regulation['preFlows'][number]['nodes']): Record<string, Term> {
  return Object.fromEntries(
    nodes.flatMap((n) => {
      if (!('duration' in n) || n.duration === undefined) return [];
      return [[n.id, termOf(n.duration)]];
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Seed 002: security-guard licence, MIA order No. 895 (2018)
// ---------------------------------------------------------------------------------------------

const SEED_002 = '002_7078fd1c4711c617.txt';

/** Para 5 (and para 7) of the regulation, per sub-flow. */
const S002_PROCESSES: Record<string, { steps: StepRow[]; results: string[]; checks: (string | undefined)[] }> = {
  issue: {
    steps: [
      // 5.1 «басшылығы өтінішті орындаушыны анықтайды – орындалу уақыты 1 сағат»
      { id: 'assign_executor', actor: 'provider_head', value: 1, unit: 'working_hours' },
      // 5.2 «толықтығын тексереді … орындалу мерзімі екі жұмыс күні»
      { id: 'check_completeness', actor: 'kqb_officer', value: 2, unit: 'working_days' },
      // 5.3 gateway checks and the request to ҚСжАЕАКБ, «орындалу мерзімі алты жұмыс күні»
      { id: 'qualification_checks', actor: 'kqb_officer', value: 6, unit: 'working_days' },
      // 5.4 persons dismissed from guard/head posts, «орындалу уақыты 6 сағат»
      { id: 'dismissed_persons_check', actor: 'kqb_officer', value: 6, unit: 'working_hours' },
      // 5.5 paper report and result in E-licensing; the head signs — «орындалу мерзімі бір жұмыс күні»
      { id: 'prepare_result', actor: 'kqb_officer', value: 1, unit: 'working_days' },
      { id: 'sign_result', actor: 'provider_head', withinTermOf: 'prepare_result' },
    ],
    results: ['licence', 'motivated_refusal'],
    checks: [undefined, undefined, 'legal_statistics_request', 'dismissed_security_staff', undefined, undefined],
  },
  reissue: {
    steps: [
      { id: 'assign_executor', actor: 'provider_head', value: 1, unit: 'working_hours' },
      // «орындалу мерізімі (sic) екі жұмыс күні»
      { id: 'check_completeness', actor: 'kqb_officer', value: 2, unit: 'working_days' },
      // with the legal address, «орындалу уақыты 5 сағат»
      { id: 'qualification_checks', actor: 'kqb_officer', value: 5, unit: 'working_hours' },
      // «орындалу уақыты 2 сағат»
      { id: 'prepare_result', actor: 'kqb_officer', value: 2, unit: 'working_hours' },
      { id: 'sign_result', actor: 'provider_head', withinTermOf: 'prepare_result' },
    ],
    results: ['motivated_refusal', 'reissued_licence'],
    checks: [undefined, undefined, 'legal_entity_registration', undefined, undefined],
  },
  duplicate: {
    steps: [
      { id: 'assign_executor', actor: 'provider_head', value: 1, unit: 'working_hours' },
      // «орындалу мерзімі бір жұмыс күні»
      { id: 'check_completeness', actor: 'kqb_officer', value: 1, unit: 'working_days' },
      { id: 'qualification_checks', actor: 'kqb_officer', value: 5, unit: 'working_hours' },
      { id: 'prepare_result', actor: 'kqb_officer', value: 2, unit: 'working_hours' },
      { id: 'sign_result', actor: 'provider_head', withinTermOf: 'prepare_result' },
    ],
    results: ['duplicate', 'motivated_refusal'],
    checks: [undefined, undefined, 'legal_entity_registration', undefined, undefined],
  },
};

/** No overall term in the regulation; sums of para 5 on an 8-hour working day. */
const S002_TERMS: Record<string, Term> = {
  issue: { value: 10, unit: 'working_days' }, // 1 h + 2 wd + 6 wd + 6 h + 1 wd = 9 wd 7 h
  reissue: { value: 3, unit: 'working_days' }, // 1 h + 2 wd + 5 h + 2 h = 2 wd 8 h
  duplicate: { value: 2, unit: 'working_days' }, // 1 h + 1 wd + 5 h + 2 h = 1 wd 8 h
};

describe('security-guard@2018-mia-895 (MIA order 895)', () => {
  const regulation = regulationOf('security-guard@2018-mia-895');

  it('is the right act, authority, period and applicants', () => {
    expect(regulation.service.name.kk).toBe('Күзет қызметімен айналысу құқығына лицензия беру');
    expect(regulation.legalBasis.number).toBe('895');
    expect(regulation.legalBasis.date).toBe('2018-12-08');
    expect(regulation.legalBasis.mojRegistration).toEqual({ number: '17996', date: '2018-12-21' });
    expect(regulation.effectiveFrom).toBe('2018-12-31');
    expect(regulation.repealedOn).toBe('2020-04-07');
    expect(regulation.repealedBy?.number).toBe('261');
    expect(regulation.repealedBy?.date).toBe('2020-03-28');
    expect(regulation.supersedes).toBeNull();
    expect(regulation.authority.routing).toBe('territorial');
    expect(regulation.channels).toEqual(['portal']);
    expect(regulation.applicantKinds).toEqual(['legal_entity']);
    expect(regulation.survey).toBeNull();
  });

  it.each(Object.entries(S002_PROCESSES))('process %s has the steps, actors and terms of para 5', (kind, expected) => {
    expect(stepRows(regulation, kind)).toEqual(expected.steps);
    expect(endsOf(regulation, kind)).toEqual([...expected.results].sort());
    const process = processOf(regulation, kind);
    expect(process?.start).toBe('assign_executor');
    expect(process?.steps.map((s) => s.externalCheck)).toEqual(expected.checks);
    expect(process?.steps.map((s) => s.actor === 'kqb_officer' || s.actor === 'provider_head')).not.toContain(false);
  });

  it.each(Object.entries(S002_TERMS))('request kind %s has the derived overall term', (kind, term) => {
    const spec = regulation.requestKinds.find((k) => k.kind === kind);
    expect(spec?.term.value).toBe(term.value);
    expect(spec?.term.max).toBeUndefined();
    expect(spec?.term.unit).toBe(term.unit);
    expect(spec?.term.derived).toBeTruthy();
    expect(spec?.results.slice().sort()).toEqual([...(S002_PROCESSES[kind]?.results ?? [])].sort());
  });

  it('asks the legal-statistics office with six working days to answer (para 7, step 3)', () => {
    const check = regulation.externalChecks.find((c) => c.id === 'legal_statistics_request');
    expect(check?.system).toBe('legal_statistics');
    expect(check?.answerWithin).toMatchObject({ value: 6, unit: 'working_days', source: { lines: '113' } });
    expect(check?.onSilence).toBe('wait');
    expect(check?.note).toBeTruthy();
  });

  it('checks dismissed security staff within 6 hours (para 5, step 4)', () => {
    const check = regulation.externalChecks.find((c) => c.id === 'dismissed_security_staff');
    expect(check?.system).toBe('other');
    expect(check?.answerWithin).toMatchObject({ value: 6, unit: 'working_hours' });
  });

  it('lists every check of para 5 step 3 against the systems asked', () => {
    const systems = Object.fromEntries(regulation.externalChecks.map((c) => [c.id, c.system]));
    expect(systems).toEqual({
      legal_statistics_request: 'legal_statistics',
      dismissed_security_staff: 'other',
      identity_documents: 'gbd_fl',
      legal_entity_registration: 'gbd_ul',
      criminal_records: 'legal_statistics',
      licence_fee_payment: 'payment_gateway',
    });
  });

  it('has the portal flow of para 9: three checks, three refusals, one submission into the process', () => {
    const flow = regulation.preFlows.find((f) => f.channel === 'portal');
    expect(regulation.preFlows).toHaveLength(1);
    const checks = (flow?.nodes ?? []).flatMap((n) => (n.kind === 'condition' ? [n.check] : []));
    expect(checks).toEqual(['authorisation', 'payment_fact', 'signature_validity']);
    expect((flow?.nodes ?? []).filter((n) => n.kind === 'refusal')).toHaveLength(3);
    const submit = (flow?.nodes ?? []).filter((n) => n.kind === 'submit');
    expect(submit).toHaveLength(1);
    expect(submit[0] && 'entersAt' in submit[0] ? submit[0].entersAt : undefined).toBe('start');
  });

  it('cites only seed 002, within the order, the regulation and its image text (lines 1–382)', () => {
    expectCitationsWithin(regulation, SEED_002, [1, 382], 40);
  });

  it('marks form, documents and fee as unverified', () => {
    expect(regulation.form.unverified).toBe(true);
    expect(regulation.documents.unverified).toBe(true);
    expect(regulation.fee.unverified).toBe(true);
    expect(Object.keys(regulation.fee.mci).sort()).toEqual(['duplicate', 'issue', 'reissue']);
  });
});

// ---------------------------------------------------------------------------------------------
// Seed 004: MINT order No. 364 (2012), six electronic regulations
// ---------------------------------------------------------------------------------------------

const SEED_004 = '004_c2f579d9b7e9f36d.txt';
const SEED_001 = '001_ce20c898acbbb2e1.txt';
const V004 = '2012-mint-364';

/**
 * The provider's part of paras 6–7 (condition 4 / condition 3, processes 10–11 / 8–9). The tables
 * are cut off before these rows; the 10–15 working days are those of seed 001's identical table.
 */
const S004_STEPS: StepRow[] = [
  { id: 'check_qualification', actor: 'provider', value: 10, max: 15, unit: 'working_days' },
  { id: 'refusal_message', actor: 'e_licensing', withinTermOf: 'check_qualification' },
  { id: 'issue_result', actor: 'authorised_person', withinTermOf: 'check_qualification' },
];
const S004_RESULTS: Record<string, string[]> = {
  issue: ['licence', 'motivated_refusal'],
  reissue: ['motivated_refusal', 'reissued_licence'],
  duplicate: ['duplicate', 'motivated_refusal'],
};
const S004_TERM: Term = { value: 10, max: 15, unit: 'working_days' };

/** Annex 2 Table 1 (via the portal) and Table 2 (via the provider), row «Орындалу мерзімдері». */
const PORTAL_TIMINGS: Record<string, Term> = {
  sign_in: { value: 10, max: 15, unit: 'seconds' }, // action 1 «10-15 сек»
  fill_form: { value: 1.5, unit: 'minutes' }, // action 3 «1,5 мин»
  pay: { value: 1.5, unit: 'minutes' }, // action 4 «1,5 мин»
  choose_certificate: { value: 10, max: 15, unit: 'seconds' }, // action 6 «10-15 сек»
};
const OFFICE_TIMINGS: Record<string, Term> = {
  operator_sign_in: { value: 10, max: 15, unit: 'seconds' }, // action 1 «10-15 сек»
  select_service: { value: 1.5, unit: 'minutes' }, // action 3 «1,5 мин»
  query_databases: { value: 1.5, unit: 'minutes' }, // action 4 «1,5 мин»
};

interface AnnexRow {
  service: string;
  annex: number;
  /** From the «бұйрығына N-қосымша» header to the last answer of the Annex 3 questionnaire. */
  lines: [number, number];
  /** The regulation's title (the order's list in para 1 words some of them differently). */
  nameKk: string;
  /** Lines of the duration rows of Table 1 and Table 2. */
  table1Durations: number;
  table2Durations: number;
  /** What is left of Table 1 action 7's duration and Table 2 action 6's duration. */
  action7: string;
  table2Action6: string;
}

const ANNEXES: AnnexRow[] = [
  {
    service: 'mining-chemical-production',
    annex: 1,
    lines: [49, 304],
    nameKk:
      'Тау-кен, пайдалы қазбаларды барлау, өндіру, химия өндірістерін жобалау (технологиялық) және (немесе) пайдалану бойынша қызметті жүзеге асыруға лицензия беру, қайта ресімдеу, лицензияның телнұсқаларын беру',
    table1Durations: 232,
    table2Durations: 242,
    action7: '10-',
    table2Action6: '1',
  },
  {
    service: 'poisons',
    annex: 2,
    lines: [310, 551],
    nameKk:
      'Уларды өндіру, қайта өңдеу, сатып алу, сақтау, өткізу, пайдалану, жою жөніндегі қызметті жүзеге асыруға лицензия беру, қайта ресімдеу, лицензияның телнұсқаларын беру',
    table1Durations: 480,
    table2Durations: 489,
    action7: '10-',
    table2Action6: '1,',
  },
  {
    service: 'weapons-military-equipment',
    annex: 3,
    lines: [557, 767],
    nameKk:
      'Монтаждауды, реттеуді, жаңартуды, орнатуды, пайдалануды, сақтауды, жөндеуді және сервистік қызмет көрсетуді қоса алғанда, оқ-дәрілерді, қару-жарақ пен әскери техниканы, олардың қосалқы бөлшектерін, жиынтықтаушы бұйымдары мен аспаптарын, сондай-ақ оларды өндіруге арналған арнайы материалдар мен жабдықтарды әзірлеу, өндіру, жөндеу, сатып алу және өткізу жөніндегі қызмет түрін жүзеге асыруға лицензия беру, қайта ресімдеу, лицензияның телнұсқаларын беру',
    table1Durations: 729,
    table2Durations: 738,
    action7: '10-',
    table2Action6: '1',
  },
  {
    service: 'explosives-pyrotechnics',
    annex: 4,
    lines: [789, 1013],
    nameKk:
      'Жарылғыш және пиротехникалық заттар мен олар қолданылып жасалған бұйымдарды әзірлеу, өндіру, сатып алу және өткізу жөніндегі қызметті жүзеге асыруға лицензия беру, қайта ресімдеу, лицензияның телнұсқаларын беру',
    table1Durations: 982,
    table2Durations: 992,
    action7: '10',
    table2Action6: '1',
  },
  {
    service: 'munitions-destruction',
    annex: 5,
    lines: [1021, 1275],
    nameKk:
      'Босатылатын оқ-дәрілерді, қару-жарақтарды, әскери техниканы, арнаулы құралдарды жою (жою, кәдеге жарату, көму) және қайта өңдеу жөніндегі қызметті жүзеге асыруға лицензия беру, қайта ресімдеу, лицензияның телнұсқаларын беру',
    table1Durations: 1197,
    table2Durations: 1209,
    action7: '10-',
    table2Action6: '1',
  },
  {
    service: 'export-import-control',
    annex: 6,
    lines: [1281, 1540],
    nameKk:
      'Тауарлардың, оның ішінде экспорттық бақылауға жататын өнімнің экспорты мен импортына лицензия беру, қайта ресімдеу, лицензия телнұсқаларын беру',
    table1Durations: 1467,
    table2Durations: 1478,
    action7: '10',
    table2Action6: '1',
  },
];

describe.each(ANNEXES)('$service@2012-mint-364 (order 364, Annex $annex)', (row) => {
  const regulation = regulationOf(`${row.service}@${V004}`);

  it('is the right service, act, authority, period and applicants', () => {
    expect(regulation.id).toBe(`${row.service}@${V004}`);
    expect(regulation.service.name.kk).toBe(row.nameKk);
    expect(regulation.legalBasis.number).toBe('364');
    expect(regulation.legalBasis.date).toBe('2012-10-05');
    expect(regulation.legalBasis.mojRegistration).toEqual({ number: '8077', date: '2012-11-12' });
    expect(regulation.effectiveFrom).toBe('2012-11-12');
    expect(regulation.repealedOn).toBe('2014-04-06');
    expect(regulation.repealedBy?.number).toBe('102');
    expect(regulation.supersedes).toBeNull();
    expect(regulation.authority.id).toBe('mint-industry-committee');
    expect(regulation.authority.routing).toBe('central');
    expect([...regulation.channels].sort()).toEqual(['authority_office', 'portal']);
    expect([...regulation.applicantKinds].sort()).toEqual(['individual', 'legal_entity']);
  });

  it.each(Object.entries(S004_RESULTS))('process %s is the one flow of paras 6–7', (kind, results) => {
    expect(stepRows(regulation, kind)).toEqual(S004_STEPS);
    expect(endsOf(regulation, kind)).toEqual(results);
  });

  it('takes the provider’s term from seed 001’s identical table, saying so', () => {
    for (const process of regulation.processes) {
      const check = process.steps.find((s) => s.id === 'check_qualification');
      expect(check?.duration?.source).toMatchObject({ file: SEED_001, quote: '10-15 рабочих дней' });
    }
    const note = regulation.notes.find((n) => n.reading.includes('seed 001'));
    expect(note?.issue).toContain('Decree No. 1130');
  });

  it.each(Object.keys(S004_RESULTS))('request kind %s has the derived overall term', (kind) => {
    const spec = regulation.requestKinds.find((k) => k.kind === kind);
    expect(spec?.term.value).toBe(S004_TERM.value);
    expect(spec?.term.max).toBe(S004_TERM.max);
    expect(spec?.term.unit).toBe(S004_TERM.unit);
    expect(spec?.term.derived).toBeTruthy();
    expect(spec?.results.slice().sort()).toEqual(S004_RESULTS[kind]);
  });

  it('times the portal flow by Annex 2 Table 1', () => {
    const flow = regulation.preFlows.find((f) => f.channel === 'portal');
    const timed = timings(flow?.nodes ?? []);
    expect(timed).toEqual(PORTAL_TIMINGS);
    for (const n of flow?.nodes ?? []) {
      if ('duration' in n && n.duration) expect(n.duration.source.lines).toBe(String(row.table1Durations));
    }
    const checks = (flow?.nodes ?? []).flatMap((n) => (n.kind === 'condition' ? [n.check] : []));
    expect(checks).toEqual(['authorisation', 'payment_fact', 'signature_validity']);
  });

  it('times the provider-office flow by Annex 2 Table 2', () => {
    const flow = regulation.preFlows.find((f) => f.channel === 'authority_office');
    const timed = timings(flow?.nodes ?? []);
    expect(timed).toEqual(OFFICE_TIMINGS);
    for (const n of flow?.nodes ?? []) {
      if ('duration' in n && n.duration) expect(n.duration.source.lines).toBe(String(row.table2Durations));
    }
    const checks = (flow?.nodes ?? []).flatMap((n) => (n.kind === 'condition' ? [n.check] : []));
    expect(checks).toEqual(['authorisation', 'database_lookup']);
    expect((flow?.nodes ?? []).some((n) => n.kind === 'process' && n.actor === 'payment_gateway')).toBe(false);
  });

  it('notes both table truncations with what is left of them', () => {
    const t1 = regulation.notes.find((n) => n.issue.startsWith('Table 1 is truncated'));
    expect(t1?.issue).toContain(`«${row.action7}»`);
    const t2 = regulation.notes.find((n) => n.issue.startsWith('Table 2 is truncated'));
    expect(t2?.issue).toContain(`«${row.table2Action6}»`);
  });

  it('has the Annex 3 questionnaire: two questions, three answers each', () => {
    expect(regulation.survey?.questions.map((q) => q.indicator)).toEqual(['quality', 'accessibility']);
    for (const q of regulation.survey?.questions ?? []) {
      expect(q.answers.map((a) => a.text.kk)).toEqual(['қанағаттанбаймын', 'ішінара қанағаттанамын', 'қанағаттанамын']);
    }
    const [a, b] = range(regulation.survey?.source.lines ?? '0');
    expect(a).toBeGreaterThanOrEqual(row.lines[0]);
    expect(b).toBe(row.lines[1]);
  });

  it("cites this annex's lines, the order's preamble, or seed 001's table for the analogy", () => {
    const all = citations(regulation);
    expect(all.length).toBeGreaterThan(50);
    for (const c of all) {
      if (c.file === SEED_001) {
        expect(c.lines, c.at).toBe('931-966');
        continue;
      }
      expect(c.file, c.at).toBe(SEED_004);
      if (c.lines === undefined) continue;
      const [a, b] = range(c.lines);
      if (b <= 31) continue; // the order itself: title, preamble, paras 1–3
      expect(a, `${c.at} cites ${c.lines}`).toBeGreaterThanOrEqual(row.lines[0]);
      expect(b, `${c.at} cites ${c.lines}`).toBeLessThanOrEqual(row.lines[1]);
    }
  });

  it('marks form, documents and fee as unverified', () => {
    expect(regulation.form.unverified).toBe(true);
    expect(regulation.documents.unverified).toBe(true);
    expect(regulation.fee.unverified).toBe(true);
    expect(Object.keys(regulation.fee.mci).sort()).toEqual(['duplicate', 'issue', 'reissue']);
    expect(regulation.externalChecks).toEqual([]);
  });
});

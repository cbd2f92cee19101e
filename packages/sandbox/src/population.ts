import { makeBin, makeIin } from './identifiers.js';
import { SeededRandom } from './random.js';

/** A person as the state database of persons (ГБД ФЛ) answers about them. */
export interface SandboxPerson {
  readonly iin: string;
  readonly surname: string;
  readonly name: string;
  readonly patronymic: string | null;
  readonly birthDate: string;
  readonly sex: 'male' | 'female';
  readonly address: Address;
  readonly status: 'alive' | 'deceased';
  readonly deathDate: string | null;
}

/** A legal entity as the state database of legal entities (ГБД ЮЛ) answers about it. */
export interface SandboxEntity {
  readonly bin: string;
  readonly name: { readonly kk: string; readonly ru: string };
  readonly registeredOn: string;
  readonly address: Address;
  readonly head: { readonly iin: string; readonly fullName: string };
  readonly activity: { readonly oked: string; readonly name: { readonly kk: string; readonly ru: string } };
  readonly status: 'active' | 'liquidated';
  readonly liquidatedOn: string | null;
}

/** What the legal-statistics committee answers about a person: criminal and administrative records. */
export interface SandboxRecord {
  readonly iin: string;
  readonly convictions: readonly { readonly article: string; readonly date: string; readonly expunged: boolean }[];
  readonly administrative: readonly { readonly article: string; readonly date: string }[];
}

export interface Address {
  readonly region: string;
  readonly locality: string;
  readonly street: string;
}

export interface Population {
  readonly persons: ReadonlyMap<string, SandboxPerson>;
  readonly entities: ReadonlyMap<string, SandboxEntity>;
  readonly records: ReadonlyMap<string, SandboxRecord>;
}

const REGIONS = [
  ['Алматы қ.', 'Алматы'],
  ['Астана қ.', 'Астана'],
  ['Шымкент қ.', 'Шымкент'],
  ['Қарағанды облысы', 'Қарағанды'],
  ['Ақтөбе облысы', 'Ақтөбе'],
  ['Түркістан облысы', 'Түркістан'],
  ['Павлодар облысы', 'Павлодар'],
  ['Атырау облысы', 'Атырау'],
  ['Шығыс Қазақстан облысы', 'Өскемен'],
  ['Маңғыстау облысы', 'Ақтау'],
] as const;
const STREETS = ['Абай даңғылы', 'Төле би көшесі', 'Қабанбай батыр көшесі', 'Сәтбаев көшесі', 'Жібек жолы көшесі'];
const MALE_NAMES = ['Асқар', 'Ерлан', 'Нұрлан', 'Бауыржан', 'Дәулет', 'Ғалым', 'Қайрат', 'Серік', 'Өркен', 'Жәнібек'];
const FEMALE_NAMES = ['Айгерім', 'Ақмарал', 'Гүлнар', 'Динара', 'Жұлдыз', 'Сәуле', 'Әсел', 'Мөлдір', 'Ұлжан', 'Һәдия'];
const SURNAME_ROOTS = [
  'Құсайын',
  'Әбілқайыр',
  'Нұрпейіс',
  'Сейітқали',
  'Жақсыбек',
  'Тоқтар',
  'Ыбырай',
  'Өтеміс',
  'Бекмұхамбет',
  'Шәкәрім',
];
const FATHER_NAMES = ['Нұрлан', 'Серік', 'Қайрат', 'Ерлан', 'Бауыржан', 'Мұрат', 'Дәулет', 'Асқар'];
const ACTIVITIES = [
  ['92001', 'Казино қызметі', 'Деятельность казино'],
  ['92002', 'Ойын автоматтары залдарының қызметі', 'Деятельность залов игровых автоматов'],
  ['80100', 'Жеке күзет қызметі', 'Деятельность частных охранных служб'],
  [
    '47730',
    'Дәріханалардағы фармацевтикалық тауарлардың бөлшек саудасы',
    'Розничная торговля фармацевтическими товарами в аптеках',
  ],
  ['61100', 'Сымды телекоммуникациялар саласындағы қызмет', 'Деятельность в области проводной связи'],
  ['20510', 'Жарылғыш заттар өндірісі', 'Производство взрывчатых веществ'],
] as const;
const COMPANY_WORDS = [
  'Алтын',
  'Дала',
  'Самұрық',
  'Тұлпар',
  'Арман',
  'Береке',
  'Нұр',
  'Жетісу',
  'Атамекен',
  'Сарыарқа',
];
const COMPANY_SUFFIXES = ['Group', 'Security', 'Pharm', 'Telecom', 'Service', 'Trade'];
const ARTICLES = ['188 (ҚК, ұрлық)', '190 (ҚК, алаяқтық)', '293 (ҚК, бұзақылық)'];
const ADMIN_ARTICLES = ['434 (ӘҚБтК, ұсақ бұзақылық)', '440 (ӘҚБтК, қоғамдық орында ішімдік ішу)'];

/**
 * The documented fixtures: fixed people and companies that demos, tests and the docs name
 * (`docs/integrations.md`). Their numbers are valid and never collide with the generated ones,
 * which start their serials at 1000.
 */
export const Fixtures = {
  /** Қ. Асқар: the demo applicant, head of the demo company; clean record. */
  demoPerson: '850101300015',
  /** ТОО «ALMATY GAMING»: an active company in Almaty (the BIN the engine tests use). */
  demoCompany: '150740012345',
  /** A person with a conviction (the security-guard licence refuses them). */
  personWithRecord: makeIin('1979-03-12', 'male', 7),
  /** A person who has died: the centre refuses to take an application in their name. */
  deceasedPerson: makeIin('1950-11-02', 'female', 7),
  /** A liquidated company. */
  liquidatedCompany: makeBin(2009, 4, 7),
  /** An active security company headed by the person with a record (its licence check fails). */
  companyWithConvictedHead: makeBin(2018, 2, 7),
} as const;

export function generatePopulation(seed = 2026, size = { persons: 300, entities: 120 }): Population {
  const random = new SeededRandom(seed);
  const persons = new Map<string, SandboxPerson>();
  const entities = new Map<string, SandboxEntity>();
  const records = new Map<string, SandboxRecord>();

  for (const person of fixturePersons()) persons.set(person.iin, person);
  for (let i = 0; persons.size < size.persons + 3; i++) {
    const person = randomPerson(random, 1000 + i);
    if (!persons.has(person.iin)) persons.set(person.iin, person);
  }
  const people = [...persons.values()].filter((p) => p.status === 'alive');

  for (const entity of fixtureEntities(persons)) entities.set(entity.bin, entity);
  for (let i = 0; entities.size < size.entities + 3; i++) {
    const entity = randomEntity(random, 1000 + i, random.pick(people));
    if (!entities.has(entity.bin)) entities.set(entity.bin, entity);
  }

  const withRecord = persons.get(Fixtures.personWithRecord);
  if (withRecord) {
    records.set(withRecord.iin, {
      iin: withRecord.iin,
      convictions: [{ article: '190 (ҚК, алаяқтық)', date: '2016-09-14', expunged: false }],
      administrative: [{ article: '434 (ӘҚБтК, ұсақ бұзақылық)', date: '2021-02-03' }],
    });
  }
  // About one in twenty generated people has a record of some kind.
  for (const person of people) {
    if (records.has(person.iin) || Object.values(Fixtures).includes(person.iin as never) || !random.chance(0.05)) {
      continue;
    }
    const convicted = random.chance(0.5);
    records.set(person.iin, {
      iin: person.iin,
      convictions: convicted
        ? [
            {
              article: random.pick(ARTICLES),
              date: `20${random.int(10, 23)}-0${random.int(1, 9)}-1${random.int(0, 9)}`,
              expunged: random.chance(0.3),
            },
          ]
        : [],
      administrative: convicted
        ? []
        : [
            {
              article: random.pick(ADMIN_ARTICLES),
              date: `202${random.int(0, 5)}-0${random.int(1, 9)}-2${random.int(0, 8)}`,
            },
          ],
    });
  }
  return { persons, entities, records };
}

/** A clean record, as the committee answers for a person it has nothing on. */
export function cleanRecord(iin: string): SandboxRecord {
  return { iin, convictions: [], administrative: [] };
}

function randomPerson(random: SeededRandom, serial: number): SandboxPerson {
  const sex = random.chance(0.5) ? 'male' : 'female';
  const year = random.int(1950, 2004);
  const birthDate = `${year}-${pad(random.int(1, 12))}-${pad(random.int(1, 28))}`;
  const root = random.pick(SURNAME_ROOTS);
  const father = random.pick(FATHER_NAMES);
  const [region, locality] = random.pick(REGIONS);
  const deceased = random.chance(0.02);
  return {
    iin: makeIin(birthDate, sex, serial),
    surname: `${root}${sex === 'male' ? 'ов' : 'ова'}`.toUpperCase(),
    name: random.pick(sex === 'male' ? MALE_NAMES : FEMALE_NAMES).toUpperCase(),
    patronymic: `${father}${sex === 'male' ? 'ұлы' : 'қызы'}`.toUpperCase(),
    birthDate,
    sex,
    address: { region, locality, street: `${random.pick(STREETS)}, ${random.int(1, 250)}` },
    status: deceased ? 'deceased' : 'alive',
    deathDate: deceased ? `202${random.int(0, 5)}-${pad(random.int(1, 12))}-${pad(random.int(1, 28))}` : null,
  };
}

function randomEntity(random: SeededRandom, serial: number, head: SandboxPerson): SandboxEntity {
  const year = random.int(2005, 2025);
  const month = random.int(1, 12);
  const [oked, kk, ru] = random.pick(ACTIVITIES);
  const brand = `${random.pick(COMPANY_WORDS)} ${random.pick(COMPANY_SUFFIXES)}`;
  const [region, locality] = random.pick(REGIONS);
  const liquidated = random.chance(0.05);
  return {
    bin: makeBin(year, month, serial),
    name: { kk: `«${brand}» ЖШС`, ru: `ТОО «${brand}»` },
    registeredOn: `${year}-${pad(month)}-${pad(random.int(1, 28))}`,
    address: { region, locality, street: `${random.pick(STREETS)}, ${random.int(1, 250)}` },
    head: { iin: head.iin, fullName: fullName(head) },
    activity: { oked, name: { kk, ru } },
    status: liquidated ? 'liquidated' : 'active',
    liquidatedOn: liquidated ? `202${random.int(0, 5)}-${pad(random.int(1, 12))}-${pad(random.int(1, 28))}` : null,
  };
}

function fixturePersons(): SandboxPerson[] {
  const almaty = { region: 'Алматы қ.', locality: 'Алматы', street: 'Абай даңғылы, 10' };
  return [
    {
      iin: Fixtures.demoPerson,
      surname: 'ҚҰСАЙЫНОВ',
      name: 'АСҚАР',
      patronymic: 'НҰРЛАНҰЛЫ',
      birthDate: '1985-01-01',
      sex: 'male',
      address: almaty,
      status: 'alive',
      deathDate: null,
    },
    {
      iin: Fixtures.personWithRecord,
      surname: 'СЕЙІТҚАЛИЕВ',
      name: 'ЕРЛАН',
      patronymic: 'СЕРІКҰЛЫ',
      birthDate: '1979-03-12',
      sex: 'male',
      address: { region: 'Шымкент қ.', locality: 'Шымкент', street: 'Төле би көшесі, 44' },
      status: 'alive',
      deathDate: null,
    },
    {
      iin: Fixtures.deceasedPerson,
      surname: 'ТОҚТАРОВА',
      name: 'ГҮЛНАР',
      patronymic: null,
      birthDate: '1950-11-02',
      sex: 'female',
      address: { region: 'Павлодар облысы', locality: 'Павлодар', street: 'Сәтбаев көшесі, 3' },
      status: 'deceased',
      deathDate: '2024-08-19',
    },
  ];
}

function fixtureEntities(persons: ReadonlyMap<string, SandboxPerson>): SandboxEntity[] {
  const demo = persons.get(Fixtures.demoPerson);
  const convicted = persons.get(Fixtures.personWithRecord);
  if (!demo || !convicted) throw new Error('the demo person and the person with a record are fixtures');
  const casino = { oked: '92001', name: { kk: 'Казино қызметі', ru: 'Деятельность казино' } };
  return [
    {
      bin: Fixtures.demoCompany,
      name: { kk: '«ALMATY GAMING» ЖШС', ru: 'ТОО «ALMATY GAMING»' },
      registeredOn: '2015-07-14',
      address: { region: 'Алматы қ.', locality: 'Алматы', street: 'Жібек жолы көшесі, 50' },
      head: { iin: demo.iin, fullName: fullName(demo) },
      activity: casino,
      status: 'active',
      liquidatedOn: null,
    },
    {
      bin: Fixtures.companyWithConvictedHead,
      name: { kk: '«Тұлпар Security» ЖШС', ru: 'ТОО «Тұлпар Security»' },
      registeredOn: '2018-02-20',
      address: { region: 'Шымкент қ.', locality: 'Шымкент', street: 'Төле би көшесі, 44' },
      head: { iin: convicted.iin, fullName: fullName(convicted) },
      activity: { oked: '80100', name: { kk: 'Жеке күзет қызметі', ru: 'Деятельность частных охранных служб' } },
      status: 'active',
      liquidatedOn: null,
    },
    {
      bin: Fixtures.liquidatedCompany,
      name: { kk: '«Сарыарқа Trade» ЖШС', ru: 'ТОО «Сарыарқа Trade»' },
      registeredOn: '2009-04-02',
      address: { region: 'Қарағанды облысы', locality: 'Қарағанды', street: 'Бұқар жырау даңғылы, 12' },
      head: { iin: demo.iin, fullName: fullName(demo) },
      activity: casino,
      status: 'liquidated',
      liquidatedOn: '2022-12-30',
    },
  ];
}

function fullName(person: SandboxPerson): string {
  return [person.surname, person.name, person.patronymic].filter(Boolean).join(' ');
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  type Actor,
  type ApplicationState,
  type Channel,
  type Command,
  distancesToGoal,
  type Goal,
  outcomeToward,
  type Regulation,
  type RegulationCatalogue,
  type Temporal,
} from '@ruqsat/core';
import { type CertificationAuthority, type Employer, type IssuedKey, type Person, toPkcs12 } from '@ruqsat/pki';
import { Fixtures, generatePopulation, SeededRandom } from '@ruqsat/sandbox';
import type { Kysely } from 'kysely';
import { ApplicationService } from '../applications/application-service.js';
import { DeadlineSweeper } from '../applications/deadline-sweeper.js';
import { appendAudit } from '../audit/audit-log.js';
import type { LegalTime } from '../calendar/legal-time.js';
import type { OfficialKeyVault } from '../signing/official-key-vault.js';
import { staffActor } from '../staff/acting.js';
import { StaffAdmin } from '../staff/staff-admin.js';
import { ADMINISTRATOR_ROLE, StaffDirectory, type StaffMember } from '../staff/staff-directory.js';
import type { DatabaseSchema } from '../store/schema.js';

export interface DemoOptions {
  /** Where the key files and their passwords go (`./data/demo` by default). */
  readonly dir: string;
  /** How many applications to make. */
  readonly applications: number;
  readonly now: Temporal.Instant;
  readonly seed?: number;
  /** Faster keys for tests; the demo itself makes RSA keys with the default PKCS#12 protection, as NCA does. */
  readonly keys?: { readonly algorithm: 'rsa2048' | 'ecdsaP256'; readonly pkcs12Iterations: number };
}

export interface DemoSummary {
  readonly people: number;
  readonly keyFiles: number;
  readonly applications: Readonly<Record<string, number>>;
}

/** What becomes of a demo application: every state a screen can show. */
const FATES = ['just_received', 'in_progress', 'waiting_applicant', 'licence', 'refusal', 'withdrawn'] as const;
type Fate = (typeof FATES)[number];

const CENTRES = [
  {
    id: 'con-almaty-1',
    region: 'Алматы қ.',
    kk: 'Алматы қаласы бойынша №1 ХҚО',
    ru: 'ЦОН №1 г. Алматы',
    en: 'Citizen service centre No. 1, Almaty',
  },
  {
    id: 'con-astana-2',
    region: 'Астана қ.',
    kk: 'Астана қаласы бойынша №2 ХҚО',
    ru: 'ЦОН №2 г. Астаны',
    en: 'Citizen service centre No. 2, Astana',
  },
];
const MINISTRY = {
  id: 'ministry',
  kk: 'Ақпарат және коммуникациялар министрлігі (әкімші)',
  ru: 'Министерство информации и коммуникаций (администратор)',
  en: 'Ministry of Information and Communications (administrator)',
};
const DEMO_KEY_DAYS = 365;
/** The audit action that marks a finished demo. */
const DEMO_DONE = 'demo.seeded';

/**
 * Makes a working world to look at: the authorities of the catalogue with an official for every
 * role, two service centres with operators, an administrator, the demo applicant and the head of
 * the demo company — each with AUTH and SIGN key files and their passwords in `dir` — and a few
 * hundred applications in every state, spread over the last two months, processed by the
 * officials under their regulations. Does nothing when the demo is already there.
 */
export async function seedDemo(
  db: Kysely<DatabaseSchema>,
  deps: {
    readonly catalogue: RegulationCatalogue;
    readonly legalTime: LegalTime;
    readonly ca: CertificationAuthority;
    /** Where the officials' SIGN keys go, so that the results they decided can be signed. */
    readonly vault: OfficialKeyVault;
  },
  options: DemoOptions,
): Promise<DemoSummary | null> {
  // The mark is written last: a seeding that stopped half-way is said so, not taken for done.
  const done = await db.selectFrom('audit_log').select('seq').where('action', '=', DEMO_DONE).executeTakeFirst();
  if (done) return null;
  const begun = await db.selectFrom('organisations').select('id').where('id', '=', MINISTRY.id).executeTakeFirst();
  if (begun) {
    throw new Error(
      'an earlier demo seeding stopped half-way: start again from an empty database (remove DATA_DIR, or drop the PostgreSQL database)',
    );
  }
  const random = new SeededRandom(options.seed ?? 2026);
  const people = peopleOf(options.seed ?? 2026);
  const admin = new StaffAdmin(db, () => options.now);
  const keys = new KeyFiles(deps.ca, options.dir, options.now, options.keys);

  // Organisations and their people.
  await admin.addOrganisation('demo', { id: MINISTRY.id, kind: 'ministry', name: pick(MINISTRY) });
  await post(admin, keys, people.next(), MINISTRY.id, [ADMINISTRATOR_ROLE], 'administrator');
  for (const centre of CENTRES) {
    await admin.addOrganisation('demo', {
      id: centre.id,
      kind: 'service_centre',
      name: pick(centre),
      region: centre.region,
      windows: 4,
    });
    for (const n of [1, 2])
      await post(admin, keys, people.next(), centre.id, ['service_centre_operator'], `${centre.id}/operator-${n}`);
  }
  const authorities = new Map<string, Regulation[]>();
  for (const regulation of deps.catalogue.list()) {
    authorities.set(regulation.authority.id, [...(authorities.get(regulation.authority.id) ?? []), regulation]);
  }
  for (const [authorityId, regulations] of authorities) {
    const newest = regulations.reduce((a, b) => (a.effectiveFrom > b.effectiveFrom ? a : b));
    await admin.addOrganisation('demo', { id: authorityId, kind: 'authority', name: newest.authority.name });
    const roles = new Set(
      regulations.flatMap((r) => r.roles.filter((role) => role.kind === 'authority').map((role) => role.id)),
    );
    for (const role of roles) {
      const person = people.next();
      const signKey = await post(admin, keys, person, authorityId, [role], `${authorityId}/${role}`);
      await deps.vault.store(person.iin, signKey);
    }
  }
  const applicant: Person = { iin: Fixtures.demoPerson, surname: 'ҚҰСАЙЫНОВ', name: 'АСҚАР' };
  await keys.write('applicant', applicant);
  await keys.write('company-head', applicant, {
    bin: Fixtures.demoCompany,
    name: 'ТОО «ALMATY GAMING»',
    role: 'firstHead',
  });

  // Applications under the regulations in force today, processed by the officials.
  const today = deps.legalTime.clockFor().localDate(options.now).toString();
  const inForce = deps.catalogue
    .list()
    .filter((r) => r.effectiveFrom <= today && (r.repealedOn === null || r.repealedOn > today));
  const directory = new StaffDirectory(db);
  // Who works where is read once per organisation, not once per application.
  const staffOf = new Map<string, Promise<StaffMember[]>>();
  const postsAt = (organisationId: string) => {
    let posts = staffOf.get(organisationId);
    if (!posts) {
      posts = directory.staffOf(organisationId);
      staffOf.set(organisationId, posts);
    }
    return posts;
  };
  const counts: Record<string, number> = {};
  for (let i = 0; i < options.applications; i++) {
    const regulation = inForce[i % inForce.length] as Regulation;
    const fate = FATES[random.int(0, FATES.length - 1)] as Fate;
    const received = receivedAt(options.now, random.int(1, 60), random.int(0, 7), deps.legalTime);
    const staff = await postsAt(regulation.authority.id);
    const operators = await postsAt(CENTRES[i % CENTRES.length]?.id ?? '');
    const channel = regulation.channels[random.int(0, regulation.channels.length - 1)] as Channel;
    const applicantOf = regulation.applicantKinds.includes('legal_entity')
      ? { kind: 'legal_entity' as const, id: Fixtures.demoCompany }
      : { kind: 'individual' as const, id: Fixtures.demoPerson };
    const done = await playApplication(db, deps, {
      id: `DEMO-${String(i + 1).padStart(4, '0')}`,
      regulation,
      fate,
      received,
      channel,
      applicant: applicantOf,
      staff,
      operator: operators[0],
    });
    counts[done] = (counts[done] ?? 0) + 1;
  }
  // Deadlines that have passed since are marked, as the running server's sweep would.
  const applications = new ApplicationService(db, deps.catalogue, deps.legalTime, () => options.now);
  for (let swept = 1; swept > 0; )
    swept = (await new DeadlineSweeper(db, applications, () => options.now).sweepOnce(500)).swept;
  await keys.writeReadme();
  const summary = { people: keys.people, keyFiles: keys.files, applications: counts };
  await db
    .transaction()
    .execute((trx) =>
      appendAudit(
        trx,
        { actor: 'demo', action: DEMO_DONE, subject: 'demo', details: summary },
        new Date(options.now.epochMilliseconds),
      ),
    );
  return summary;
}

interface Play {
  readonly id: string;
  readonly regulation: Regulation;
  readonly fate: Fate;
  readonly received: Temporal.Instant;
  readonly channel: Channel;
  readonly applicant: { readonly kind: 'individual' | 'legal_entity'; readonly id: string };
  readonly staff: readonly StaffMember[];
  readonly operator: StaffMember | undefined;
}

/** One application from submission to its fate, each command at its own time in the past. */
async function playApplication(
  db: Kysely<DatabaseSchema>,
  deps: { readonly catalogue: RegulationCatalogue; readonly legalTime: LegalTime },
  play: Play,
): Promise<string> {
  let now = play.received;
  const service = new ApplicationService(db, deps.catalogue, deps.legalTime, () => now);
  let n = 0;
  const run = async (command: Command, actor: Actor): Promise<ApplicationState> => {
    now = now.add({ minutes: 50 });
    return (
      await service.execute({
        applicationId: play.id,
        transactionId: `${play.id}:${++n}`,
        regulationId: play.regulation.id,
        command,
        actor,
      })
    ).state;
  };
  const applicantActor: Actor = {
    kind: 'applicant',
    userId: `iin:${Fixtures.demoPerson}`,
    subjectId: play.applicant.id,
  };
  const submitter =
    play.channel === 'portal'
      ? applicantActor
      : play.channel === 'service_centre' && play.operator
        ? staffActor(play.operator)
        : staffActor(play.staff[0] as StaffMember);
  let state = await run(
    { type: 'submit', requestKind: 'issue', channel: play.channel, applicant: play.applicant },
    submitter,
  );
  if (play.channel === 'service_centre' && play.operator) {
    await db
      .updateTable('applications')
      .set({ centre_id: play.operator.organisationId })
      .where('id', '=', play.id)
      .execute();
  }
  if (play.fate === 'just_received') return 'in_progress';
  if (play.fate === 'withdrawn') return (await run({ type: 'withdraw' }, applicantActor)).status;
  const goal: Goal = play.fate === 'refusal' ? 'refuse' : 'grant';
  const process = play.regulation.processes.find((p) => p.id === state.processId);
  const distances = distancesToGoal(play.regulation, state.processId, goal);
  // A case left in the middle stops after a step or two, as the office's open work does.
  const stopAfter = play.fate === 'in_progress' || play.fate === 'waiting_applicant' ? 2 : Number.POSITIVE_INFINITY;
  for (let steps = 0; state.status === 'in_progress' && steps < stopAfter; steps++) {
    const item = state.workItem;
    const step = process?.steps.find((s) => s.id === item?.stepId);
    if (!item || !step) break;
    const actor = actorFor(play.regulation, step.actor, play.staff);
    if (step.externalCheck !== undefined && item.externalCheck === null) {
      await run({ type: 'request_external_check', stepId: step.id }, actor);
      state = await run(
        {
          type: 'answer_external_check',
          stepId: step.id,
          answer: 'positive',
          summary: 'demo data: answered positively',
        },
        { kind: 'system', userId: 'demo:gateway' },
      );
      continue;
    }
    const outcome = outcomeToward(step, distances, goal);
    const reasons = goal === 'refuse' ? { comment: 'Demo: the documents do not show the title to the premises.' } : {};
    state = await run({ type: 'complete', stepId: step.id, outcome: outcome.id, ...reasons }, actor);
  }
  if (play.fate === 'waiting_applicant' && state.status === 'in_progress' && state.workItem) {
    const step = process?.steps.find((s) => s.id === state.workItem?.stepId);
    if (step && play.regulation.roles.find((r) => r.id === step.actor)?.kind === 'authority') {
      state = await run(
        { type: 'return_to_applicant', reason: 'Demo: the fee receipt is illegible; attach it again.' },
        actorFor(play.regulation, step.actor, play.staff),
      );
    }
  }
  return state.status === 'completed' ? (state.result ?? 'completed') : state.status;
}

/** The official holding the role, or the system for a system role. */
function actorFor(regulation: Regulation, roleId: string, staff: readonly StaffMember[]): Actor {
  if (regulation.roles.find((r) => r.id === roleId)?.kind === 'system')
    return { kind: 'system', userId: `system:${roleId}` };
  const member = staff.find((m) => m.roles.includes(roleId));
  if (!member) throw new Error(`demo: nobody at ${regulation.authority.id} holds ${roleId}`);
  return staffActor(member);
}

/** 09:00 plus some hours on a working day `daysAgo` calendar days back (or the working day after). */
function receivedAt(now: Temporal.Instant, daysAgo: number, hours: number, legalTime: LegalTime): Temporal.Instant {
  const clock = legalTime.clockFor();
  let date = clock.localDate(now).subtract({ days: daysAgo });
  if (!clock.calendar.isWorkingDay(date)) date = clock.calendar.nextWorkingDay(date);
  return clock.opening(date).add({ minutes: hours * 60 + 7 });
}

async function post(
  admin: StaffAdmin,
  keys: KeyFiles,
  person: Person,
  organisationId: string,
  roles: string[],
  label: string,
): Promise<IssuedKey> {
  const name = `${person.surname} ${person.name}`;
  await admin.addStaffMember('demo', {
    iin: person.iin,
    name,
    organisationId,
    roles,
    email: `${label.replace(/[^a-z0-9]+/gi, '.')}@demo.ruqsat.kz`,
    locale: 'kk',
  });
  return keys.write(label, person);
}

/** People of the sandbox's population (alive, not the fixtures), one after another. */
function peopleOf(seed: number): { next(): Person } {
  const fixtures = new Set<string>(Object.values(Fixtures));
  const persons = [...generatePopulation(seed).persons.values()].filter(
    (p) => p.status === 'alive' && !fixtures.has(p.iin),
  );
  let i = 0;
  return {
    next() {
      const p = persons[i++];
      if (!p) throw new Error('demo: the population has run out of people');
      return { iin: p.iin, surname: p.surname, name: p.name };
    },
  };
}

function pick(text: { kk: string; ru: string; en: string }) {
  return { kk: text.kk, ru: text.ru, en: text.en };
}

/** AUTH and SIGN key files from the sandbox CA, each with its own password, and the list of them. */
class KeyFiles {
  people = 0;
  files = 0;
  readonly #lines: string[] = [];
  constructor(
    private readonly ca: CertificationAuthority,
    private readonly dir: string,
    private readonly now: Temporal.Instant,
    private readonly settings?: DemoOptions['keys'],
  ) {}

  /** Writes the person's two key files; gives back the SIGN key, for an official's vault. */
  async write(label: string, person: Person, employer?: Employer): Promise<IssuedKey> {
    const folder = path.join(this.dir, label.replace(/[/:]/g, '_'));
    await mkdir(folder, { recursive: true });
    const notBefore = new Date(this.now.epochMilliseconds - 3_600_000);
    const notAfter = new Date(this.now.epochMilliseconds + DEMO_KEY_DAYS * 86_400_000);
    const password = randomBytes(6).toString('base64url');
    let signKey: IssuedKey | undefined;
    for (const purpose of ['auth', 'sign'] as const) {
      const keyAlgorithm = this.settings?.algorithm ?? 'rsa2048';
      const key = await this.ca.issue({
        person,
        ...(employer ? { employer } : {}),
        purpose,
        keyAlgorithm,
        notBefore,
        notAfter,
      });
      const kind = keyAlgorithm === 'rsa2048' ? 'RSA256' : 'ECDSA256';
      const file = path.join(folder, `${purpose === 'auth' ? 'AUTH_' : ''}${kind}_${person.iin}.p12`);
      const iterations = this.settings?.pkcs12Iterations;
      await writeFile(file, await toPkcs12(key, { password, ...(iterations ? { iterations } : {}) }), { mode: 0o600 });
      this.files += 1;
      if (purpose === 'sign') signKey = key;
    }
    await writeFile(path.join(folder, 'password.txt'), `${password}\n`, { mode: 0o600 });
    this.people += 1;
    this.#lines.push(
      `| ${label} | ${person.surname} ${person.name} | ${person.iin}${employer ? ` (BIN ${employer.bin}, ${employer.role})` : ''} | ${folder} |`,
    );
    if (!signKey) throw new Error('demo: no SIGN key was issued');
    return signKey;
  }

  async writeReadme(): Promise<void> {
    const text = [
      '# Ruqsat demo — key files (TEST KEYS of the sandbox CA; never use them anywhere else)',
      '',
      'Each folder holds an AUTH key (sign-in) and a SIGN key (signing), both PKCS#12, and the',
      'password of both in password.txt. Sign in with the AUTH file and its password.',
      '',
      '| who | name | IIN | folder |',
      '|---|---|---|---|',
      ...this.#lines,
      '',
    ].join('\n');
    await writeFile(path.join(this.dir, 'README.md'), text);
  }
}

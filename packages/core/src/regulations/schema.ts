import { z } from 'zod';

/**
 * The format of a regulation version: one YAML file in regulations/<service>/<version>.yaml.
 * Everything a service does — steps, durations, roles, conditions, documents, fees — lives in
 * these files; code reads them and never names a service. See docs/regulations.md.
 */

const SnakeId = z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be snake_case: a–z, 0–9, _');
const KebabId = z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be kebab-case: a–z, 0–9, -');
const IsoDate = z.iso.date();

export const Text = z.strictObject({
  kk: z.string().min(1),
  ru: z.string().min(1),
  en: z.string().min(1),
});
export type Text = z.infer<typeof Text>;

/** Where in the seeds a fact comes from: the file and the paragraph, table cell or line range. */
export const Citation = z.strictObject({
  file: z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/, 'must name a seed file such as 000_afb18e1b515c3bad.txt'),
  ref: z.string().min(1).describe('paragraph, sub-paragraph or table cell, e.g. "Annex 2, para 5.2"'),
  lines: z
    .string()
    .regex(/^\d+(-\d+)?$/)
    .optional(),
  quote: z.string().optional().describe('the words of the source the number is read from'),
});
export type Citation = z.infer<typeof Citation>;

/** A value the seeds do not give (fees, documents, forms): plausible, marked, and overridable. */
const Unverified = {
  unverified: z.literal(true),
  confirmBy: z.string().min(1).describe('which act or standard would confirm the value'),
};

export const DurationUnit = z.enum(['seconds', 'minutes', 'working_hours', 'working_days', 'calendar_days']);
export type DurationUnit = z.infer<typeof DurationUnit>;

/** A legal or technical duration. `max` is for the source's ranges ("10–15 seconds"): the term is `max`. */
export const Duration = z
  .strictObject({
    value: z.number().positive(),
    max: z.number().positive().optional(),
    unit: DurationUnit,
    source: Citation,
  })
  .refine((d) => d.max === undefined || d.max >= d.value, { message: 'max must not be below value', path: ['max'] })
  .refine(
    (d) =>
      (d.unit !== 'working_days' && d.unit !== 'calendar_days') ||
      (Number.isInteger(d.value) && (d.max === undefined || Number.isInteger(d.max))),
    { message: 'a term in days is a whole number of days', path: ['value'] },
  );
export type Duration = z.infer<typeof Duration>;

export const RequestKind = z.enum(['issue', 'reissue', 'reissue_reorganisation', 'duplicate']);
export type RequestKind = z.infer<typeof RequestKind>;

export const ResultKind = z.enum(['licence', 'reissued_licence', 'duplicate', 'licence_annex', 'motivated_refusal']);
export type ResultKind = z.infer<typeof ResultKind>;

export const Channel = z.enum(['portal', 'service_centre', 'authority_office']);
export type Channel = z.infer<typeof Channel>;
export const ApplicantKind = z.enum(['individual', 'sole_entrepreneur', 'legal_entity']);
export type ApplicantKind = z.infer<typeof ApplicantKind>;
export const RoleKind = z.enum(['applicant', 'service_centre', 'authority', 'system']);

export const StepAction = z.enum([
  'register',
  'assign',
  'check_completeness',
  'external_check',
  'review',
  'draft_decision',
  'agree',
  'sign',
  'issue',
  'notify',
  'deliver',
]);
export type StepAction = z.infer<typeof StepAction>;

export const Role = z.strictObject({
  id: SnakeId,
  kind: RoleKind,
  name: Text,
  source: Citation.optional(),
});
export type Role = z.infer<typeof Role>;

/** Where a step leads: the next step, or the end of the process with a result. */
export const Outcome = z.union([
  z.strictObject({ id: SnakeId, label: Text.optional(), next: SnakeId }),
  z.strictObject({ id: SnakeId, label: Text.optional(), end: ResultKind }),
]);
export type Outcome = z.infer<typeof Outcome>;

export const Step = z
  .strictObject({
    id: SnakeId,
    name: Text,
    actor: SnakeId.describe('a role id'),
    action: StepAction,
    /** The step's own term. */
    duration: Duration.optional(),
    /**
     * Instead of a term of its own: the step must be done within the term of an earlier step of
     * the same process (the act gives one term for several actors, e.g. "the executor drafts, the
     * head of department agrees and the head signs within 12 working days").
     */
    withinTermOf: SnakeId.optional(),
    /** For action external_check: which check of `externalChecks` this step asks. */
    externalCheck: SnakeId.optional(),
    outcomes: z.array(Outcome).min(1),
    source: Citation,
  })
  .refine((s) => (s.duration === undefined) !== (s.withinTermOf === undefined), {
    message: 'a step has either a duration or withinTermOf, not both and not neither',
    path: ['duration'],
  });
export type Step = z.infer<typeof Step>;

export const Process = z.strictObject({
  id: SnakeId,
  start: SnakeId,
  steps: z.array(Step).min(1),
});
export type Process = z.infer<typeof Process>;

export const RequestKindSpec = z.strictObject({
  kind: RequestKind,
  process: SnakeId.describe('a process id'),
  /** The overall legal term; where the act gives none, the sum of the steps, marked derived. */
  term: Duration.and(z.object({ derived: z.string().min(1).optional() })),
  results: z.array(ResultKind).min(1),
});
export type RequestKindSpec = z.infer<typeof RequestKindSpec>;

export const PreFlowCondition = z.enum([
  'authorisation',
  'payment_fact',
  'signature_validity',
  'database_lookup',
  'document_check',
]);
export type PreFlowCondition = z.infer<typeof PreFlowCondition>;

/** One node of the portal or operator pre-flow (the diagrams' "process N" and "condition N"). */
export const PreFlowNode = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('process'),
    id: SnakeId,
    actor: SnakeId,
    name: Text,
    duration: Duration.optional(),
    next: SnakeId,
    source: Citation,
  }),
  z.strictObject({
    kind: z.literal('condition'),
    id: SnakeId,
    actor: SnakeId,
    name: Text,
    check: PreFlowCondition,
    /** For signature_validity: which facts are checked. */
    checks: z.array(z.enum(['validity_period', 'not_revoked', 'iin_bin_match'])).optional(),
    duration: Duration.optional(),
    onPass: SnakeId,
    onFail: SnakeId,
    source: Citation,
  }),
  z.strictObject({
    kind: z.literal('refusal'),
    id: SnakeId,
    actor: SnakeId,
    message: Text.describe('what the applicant is told'),
    source: Citation,
  }),
  z.strictObject({
    kind: z.literal('submit'),
    id: SnakeId,
    actor: SnakeId,
    name: Text,
    duration: Duration.optional(),
    /** The request enters the authority's process at this step (per request kind: the process start). */
    entersAt: z.union([z.literal('start'), SnakeId]),
    source: Citation,
  }),
]);
export type PreFlowNode = z.infer<typeof PreFlowNode>;

export const PreFlow = z.strictObject({
  channel: Channel,
  start: SnakeId,
  nodes: z.array(PreFlowNode).min(1),
});
export type PreFlow = z.infer<typeof PreFlow>;

export const ExternalCheck = z.strictObject({
  id: SnakeId,
  system: z.enum(['gbd_fl', 'gbd_ul', 'legal_statistics', 'payment_gateway', 'certification_authority', 'other']),
  asks: Text,
  answerWithin: Duration.optional(),
  /** What it means when the other system does not answer in time. */
  onSilence: z.enum(['proceed', 'refuse', 'wait', 'escalate']),
  source: Citation.optional(),
  note: z.string().optional(),
});
export type ExternalCheck = z.infer<typeof ExternalCheck>;

export const Document = z.strictObject({
  id: SnakeId,
  name: Text,
  requiredFor: z.array(RequestKind).min(1),
  optional: z.boolean().optional(),
});

export const Form = z.strictObject({
  ...Unverified,
  /** JSON Schema (draft 2020-12) of the application form's data. */
  schema: z
    .object({ type: z.literal('object'), properties: z.record(z.string(), z.record(z.string(), z.unknown())) })
    .loose(),
  labels: z.record(z.string(), Text),
  /** Names of the values of the form's choice fields, so a document shows words and not codes. */
  valueLabels: z.record(z.string(), Text).default({}),
  /**
   * What of the form the licence itself carries into the registry and onto its document: the kinds
   * or subtypes of activity it permits, and where it is carried on (addresses, territory, objects).
   */
  licence: z
    .strictObject({
      subtypes: z.array(z.string()).default([]),
      places: z.array(z.string()).default([]),
    })
    .default({ subtypes: [], places: [] }),
});

export const Fee = z.strictObject({
  ...Unverified,
  /** In monthly calculation indices (MCI, АЕК/МРП); the tenge amount is MCI × the year's MCI value. */
  mci: z.partialRecord(RequestKind, z.number().nonnegative()),
});

export const Survey = z.strictObject({
  source: Citation,
  questions: z
    .array(
      z.strictObject({
        id: SnakeId,
        indicator: z.enum(['quality', 'accessibility']),
        text: Text,
        answers: z.array(z.strictObject({ id: SnakeId, text: Text })).length(3),
      }),
    )
    .length(2),
});

export const Note = z.strictObject({
  source: Citation,
  issue: z.string().min(1).describe('what is garbled, missing or contradictory'),
  reading: z.string().min(1).describe('what we encode and why'),
});

export const LegalAct = z.strictObject({
  title: Text,
  issuer: Text,
  kind: z.enum(['order', 'decree', 'regulation']),
  number: z.string().min(1).nullable(),
  date: IsoDate.nullable(),
  mojRegistration: z.strictObject({ number: z.string().min(1), date: IsoDate }).nullable(),
  source: Citation,
});

export const Regulation = z.strictObject({
  /** `<service>@<version>`, equal to the file's path regulations/<service>/<version>.yaml. */
  id: z.string().regex(/^[a-z][a-z0-9-]*@[a-z0-9][a-z0-9.-]*$/, 'must be <service-id>@<version>'),
  service: z.strictObject({ id: KebabId, name: Text }),
  version: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
  legalBasis: LegalAct,
  effectiveFrom: IsoDate,
  effectiveFromNote: z.string().optional(),
  repealedOn: IsoDate.nullable(),
  repealedBy: z
    .strictObject({ title: z.string().min(1), number: z.string().nullable(), date: IsoDate.nullable() })
    .nullable(),
  /** The version of the same service this one replaced, by id. */
  supersedes: z.string().nullable(),
  authority: z.strictObject({
    id: KebabId,
    name: Text,
    routing: z.enum(['central', 'territorial']),
    source: Citation,
  }),
  channels: z.array(Channel).min(1),
  applicantKinds: z.array(ApplicantKind).min(1),
  roles: z.array(Role).min(1),
  processes: z.array(Process).min(1),
  requestKinds: z.array(RequestKindSpec).min(1),
  preFlows: z.array(PreFlow),
  externalChecks: z.array(ExternalCheck),
  form: Form,
  documents: z.strictObject({ ...Unverified, items: z.array(Document).min(1) }),
  fee: Fee,
  survey: Survey.nullable(),
  notes: z.array(Note),
});
export type Regulation = z.infer<typeof Regulation>;

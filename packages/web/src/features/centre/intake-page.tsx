import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { SignWithKeyFile, toBase64 } from '../../session/key-file';
import { Button, ErrorMessage, Loading, Notice, PageHeading, SelectField, TextField } from '../../ui/components';
import { useLocalized } from '../../ui/format';
import { ApplicantRecord } from './applicant-record';
import {
  type ApplicantKind,
  centreApi,
  type IntakeRequest,
  type RegulationDetail,
  type RequestKind,
  type ServiceCard,
} from './centre-api';
import { forgetIntakeDraft, type IntakeDraft, intakeRequest, useIntakeDraft } from './intake-draft';
import { placeOf } from './intake-errors';
import { RegulationForm } from './regulation-form';
import { ScanUploads } from './scan-uploads';
import { ticketLabel } from './ticket-parts';
import { useCentreServices } from './use-services';

const INTAKE_KINDS: readonly RequestKind[] = ['issue', 'reissue', 'duplicate'];
const INTAKE_STEPS = ['stepRequest', 'stepCheck', 'stepScans', 'stepSign'] as const;
type IntakeStep = (typeof INTAKE_STEPS)[number];

/**
 * A walk-in application taken at the desk: the applicant and the service, the form and the papers
 * seen, the check in the state database (which numbers the application), the scans, and the
 * operator's own signature over the canonical request; then the receipt.
 */
export function IntakePage() {
  const { t } = useTranslation('centre');
  const [params] = useSearchParams();
  const { draft, update, reset } = useIntakeDraft(params.get('ticket'));
  const services = useCentreServices();
  const regulation = useQuery({
    queryKey: ['centre-regulation', draft.regulationId],
    queryFn: () => centreApi.regulation(draft.regulationId),
    enabled: draft.regulationId !== '',
    staleTime: 10 * 60_000,
  });
  // Before the check the operator keys in the request; once checked, the scans and the signature
  // follow (the check itself is a button, not a place to stay).
  const currentStep: IntakeStep = draft.checked ? 'stepScans' : 'stepRequest';

  return (
    <section>
      <PageHeading title={t('intake.title')}>{t('intake.title')}</PageHeading>
      <ol className="steps" aria-label={t('intake.stepsLabel')}>
        {INTAKE_STEPS.map((key) => (
          <li key={key} aria-current={key === currentStep ? 'step' : undefined}>
            {t(`intake.${key}`)}
          </li>
        ))}
      </ol>
      <TicketNote ticketId={draft.ticketId} />
      {services.isPending ? (
        <Loading />
      ) : services.isError ? (
        <ErrorMessage error={services.error} />
      ) : (
        <RequestSection
          draft={draft}
          update={update}
          services={services.data}
          regulation={regulation.data ?? null}
          locked={draft.checked}
        />
      )}
      {draft.checked && draft.applicationId !== null && regulation.data && (
        <PreparedSections draft={draft} update={update} reset={reset} regulation={regulation.data} />
      )}
    </section>
  );
}

function TicketNote({ ticketId }: { ticketId: string | null }) {
  const { t } = useTranslation('centre');
  const queue = useQuery({ queryKey: ['centre', 'queue'], queryFn: centreApi.queue, enabled: ticketId !== null });
  const ticket = queue.data?.items.find((item) => item.id === ticketId);
  if (!ticketId || !ticket) return null;
  return <Notice>{t('intake.servingTicket', { number: ticketLabel(ticket.number) })}</Notice>;
}

/** Applicant, service, form and papers; checked (and numbered) by the server on «Check». */
function RequestSection({
  draft,
  update,
  services,
  regulation,
  locked,
}: {
  draft: IntakeDraft;
  update: (change: Partial<IntakeDraft>) => void;
  services: readonly ServiceCard[];
  regulation: RegulationDetail | null;
  locked: boolean;
}) {
  const { t } = useTranslation('centre');
  const localized = useLocalized();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const service = services.find((s) => s.regulationId === draft.regulationId);
  const kinds = INTAKE_KINDS.filter((kind) => service?.requestKinds.some((k) => k.kind === kind));
  const place = placeOf(error);
  const documents = (regulation?.documents.items ?? []).filter(
    (d) => d.requiredFor.includes(draft.requestKind) || d.requiredFor.length === 0,
  );

  const check = async () => {
    if (!regulation) return;
    setBusy(true);
    setError(null);
    try {
      const request = intakeRequest(draft, regulation.form.schema.properties);
      const prepared = await centreApi.prepare(
        draft.applicationId ? { ...request, applicationId: draft.applicationId } : request,
      );
      update({ applicationId: prepared.applicationId, applicantRecord: prepared.applicant, checked: true });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void check();
      }}
      aria-busy={busy}
      data-intake={locked ? 'checked' : 'open'}
    >
      <fieldset className="panel" disabled={locked}>
        <legend>{t('intake.applicantAndService')}</legend>
        <SelectField
          label={t('intake.service')}
          value={draft.regulationId}
          required
          onChange={(event) => {
            const chosen = services.find((s) => s.regulationId === event.target.value);
            update({
              regulationId: event.target.value,
              requestKind: 'issue',
              applicantKind: chosen?.applicantKinds[0] ?? 'legal_entity',
              form: {},
              paperDocuments: [],
              // Scans belong to one service's checklist: another service starts a new number.
              applicationId: null,
              applicantRecord: null,
              scans: [],
            });
            setError(null);
          }}
        >
          <option value="">{t('book.choose')}</option>
          {services.map((s) => (
            <option key={s.regulationId} value={s.regulationId}>
              {s.name}
            </option>
          ))}
        </SelectField>
        {service && (
          <>
            <SelectField
              label={t('intake.requestKind')}
              value={draft.requestKind}
              onChange={(event) => update({ requestKind: event.target.value as RequestKind, paperDocuments: [] })}
            >
              {kinds.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`kind.${kind}`)}
                </option>
              ))}
            </SelectField>
            <SelectField
              label={t('intake.applicantKind')}
              value={draft.applicantKind}
              onChange={(event) => update({ applicantKind: event.target.value as ApplicantKind })}
            >
              {service.applicantKinds.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`applicantKind.${kind}`)}
                </option>
              ))}
            </SelectField>
            <TextField
              label={draft.applicantKind === 'legal_entity' ? t('intake.bin') : t('intake.iin')}
              hint={t('intake.idHint')}
              inputMode="numeric"
              autoComplete="off"
              maxLength={12}
              pattern="\d{12}"
              required
              value={draft.applicantId}
              error={place.at === 'applicant' ? place.message : undefined}
              onChange={(event) => update({ applicantId: event.target.value.replace(/\D/g, '') })}
            />
            {draft.requestKind !== 'issue' && (
              <TextField
                label={t('intake.licenceNumber')}
                required
                value={draft.licenceNumber}
                error={place.at === 'licence' ? place.message : undefined}
                onChange={(event) => update({ licenceNumber: event.target.value })}
              />
            )}
          </>
        )}
      </fieldset>

      {service && !regulation && <Loading />}
      {service && regulation && (
        <>
          <fieldset className="panel" disabled={locked}>
            <legend>{t('intake.formTitle')}</legend>
            {place.at === 'form' && <p className="field-error">{place.message}</p>}
            <RegulationForm
              regulation={regulation}
              values={draft.form}
              errors={place.at === 'form' ? place.fields : {}}
              onChange={(form) => update({ form })}
            />
          </fieldset>
          <fieldset
            className="panel"
            disabled={locked}
            aria-describedby={place.at === 'papers' ? 'papers-error' : undefined}
          >
            <legend>{t('intake.papers')}</legend>
            <p className="hint">{t('intake.papersHint')}</p>
            <ul className="checks">
              {documents.map((document) => (
                <li key={document.id}>
                  <label>
                    <input
                      type="checkbox"
                      checked={draft.paperDocuments.includes(document.id)}
                      onChange={(event) =>
                        update({
                          paperDocuments: event.target.checked
                            ? [...draft.paperDocuments, document.id]
                            : draft.paperDocuments.filter((id) => id !== document.id),
                        })
                      }
                    />
                    {localized(document.name)}
                  </label>
                </li>
              ))}
            </ul>
            {place.at === 'papers' && (
              <p className="error" role="alert" id="papers-error" data-error-code="INTAKE_REFUSED">
                {place.message}
              </p>
            )}
          </fieldset>
          {!locked && (
            <div className="actions">
              <Button type="submit" busy={busy} disabled={draft.applicantId.length !== 12}>
                {busy ? t('intake.checking') : t('intake.check')}
              </Button>
            </div>
          )}
          {place.at === 'action' && <ErrorMessage error={error} />}
          {place.at !== 'action' && error !== null && (
            <p className="visually-hidden" role="alert" data-error-code={(error as { code?: string }).code}>
              {t('intake.seeField')}
            </p>
          )}
        </>
      )}
    </form>
  );
}

/** Once checked: the state database's record, the scans, the signature, and a way to start over. */
function PreparedSections({
  draft,
  update,
  reset,
  regulation,
}: {
  draft: IntakeDraft;
  update: (change: Partial<IntakeDraft>) => void;
  reset: () => void;
  regulation: RegulationDetail;
}) {
  const { t } = useTranslation('centre');
  const navigate = useNavigate();
  const applicationId = draft.applicationId ?? '';
  const signed = useRef<IntakeRequest | null>(null);
  return (
    <>
      <section className="panel" aria-labelledby="record-heading">
        <h2 id="record-heading">{t('intake.recordTitle')}</h2>
        <Notice tone="success">{t('intake.recordFound')}</Notice>
        {draft.applicantRecord && <ApplicantRecord record={draft.applicantRecord} />}
        <p>
          {t('intake.number')}: <span className="application-number">{applicationId}</span>
        </p>
        <div className="actions">
          <Button kind="secondary" onClick={() => update({ checked: false })}>
            {t('intake.edit')}
          </Button>
          <Button kind="secondary" onClick={reset}>
            {t('intake.startOver')}
          </Button>
        </div>
      </section>
      <section className="panel" aria-labelledby="scans-heading">
        <h2 id="scans-heading">{t('scans.title')}</h2>
        <p className="hint">{t('scans.lead')}</p>
        <ScanUploads
          applicationId={applicationId}
          regulation={regulation}
          requestKind={draft.requestKind}
          documentIds={draft.paperDocuments}
          scans={draft.scans}
          onScanned={(scan) => update({ scans: [...draft.scans, scan] })}
        />
      </section>
      <section className="panel" aria-labelledby="sign-heading">
        <h2 id="sign-heading">{t('intake.signTitle')}</h2>
        <p>{t('intake.signLead', { count: draft.scans.length })}</p>
        <SignWithKeyFile
          purpose="sign"
          submitLabel={t('intake.signSubmit')}
          content={async () => {
            // The request as it stands now (with every scan), prepared again so that what is
            // signed is exactly what the server will check.
            const request = intakeRequest(draft, regulation.form.schema.properties);
            const prepared = await centreApi.prepare({ ...request, applicationId });
            signed.current = request;
            return new TextEncoder().encode(prepared.canonicalRequest);
          }}
          onSigned={async (signature) => {
            const request = signed.current;
            if (!request) return;
            await centreApi.submit(applicationId, {
              ...request,
              transactionId: `walk-in-${applicationId}`,
              signature: toBase64(signature),
            });
            forgetIntakeDraft();
            reset();
            navigate(`/centre/applications/${encodeURIComponent(applicationId)}`, { state: { registered: true } });
          }}
        />
      </section>
    </>
  );
}

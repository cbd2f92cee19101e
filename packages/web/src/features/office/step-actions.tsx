import { outcomeNeedsReasons } from '@ruqsat/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { Button, ErrorMessage, Field, Notice, SelectField } from '../../ui/components';
import { useLocalized } from '../../ui/format';
import { type ApplicationFile, type Outcome, type Regulation, type Step, transactionId } from './office-api';
import { officeKeys, useOfficeMe, useSigningKey, useStaff } from './office-queries';

/** Runs one action on the open step and refreshes the file and the queues. */
function useStepAction(file: ApplicationFile, setDone: (action: string | null) => void) {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<{ action: string; error: unknown } | null>(null);
  const run = async (action: string, path: string, body: Record<string, unknown>) => {
    setBusy(action);
    setError(null);
    setDone(null);
    try {
      await api.post(`/office/applications/${encodeURIComponent(file.id)}/${path}`, {
        transactionId: transactionId(),
        stepId: file.currentStep?.id,
        ...body,
      });
      setDone(action);
      await queryClient.invalidateQueries({ queryKey: officeKeys.all });
      return true;
    } catch (caught) {
      setError({ action, error: caught });
      return false;
    } finally {
      setBusy(null);
    }
  };
  const errorOf = (action: string) => (error?.action === action ? error.error : null);
  return { run, busy, errorOf };
}

/** The open step's actions, as the regulation allows them to its role. */
export function StepActions({
  file,
  step,
  regulation,
  onDone,
}: {
  file: ApplicationFile;
  step: Step;
  regulation: Regulation;
  /** Told which action succeeded, for the page to say so (the step, and this panel, may be gone then). */
  onDone: (action: string | null) => void;
}) {
  const { t } = useTranslation('office');
  const action = useStepAction(file, onDone);
  return (
    <section
      className="panel office-actions"
      aria-labelledby="office-actions-heading"
      data-external={step.externalCheck ? externalStateOf(file, step.id) : 'none'}
    >
      <h2 id="office-actions-heading">{t('actions.title')}</h2>
      <AssignAction file={file} step={step} action={action} />
      {step.externalCheck && <ExternalCheckAction step={step} regulation={regulation} action={action} />}
      <CompleteAction step={step} regulation={regulation} action={action} />
      <ReturnAction action={action} />
    </section>
  );
}

type Action = ReturnType<typeof useStepAction>;

/** Where the open step's outside check stands since the step opened: to ask, awaiting its answer, answered. */
function externalStateOf(file: ApplicationFile, stepId: string): 'ask' | 'waiting' | 'answered' {
  const opened = file.history.findLastIndex((line) => line.type === 'step_opened' && line.stepId === stepId);
  const since = file.history.slice(Math.max(0, opened));
  if (since.some((line) => line.type === 'external_check_answered' || line.type === 'external_check_timed_out')) {
    return 'answered';
  }
  return since.some((line) => line.type === 'external_check_requested') ? 'waiting' : 'ask';
}

function AssignAction({ file, step, action }: { file: ApplicationFile; step: Step; action: Action }) {
  const { t } = useTranslation('office');
  const me = useOfficeMe();
  const staff = useStaff();
  const [assignee, setAssignee] = useState('');
  const eligible = (staff.data ?? []).filter((member) => member.roles.includes(step.actor));
  const mine = me.data && file.assignee === `staff:${me.data.member.id}`;
  const canTake = me.data?.member.roles.includes(step.actor) && !mine;
  // Whether the official can take the step is known once who they are is: said for the journeys to wait on.
  const taking = !me.data ? 'unknown' : mine ? 'mine' : canTake ? 'can-take' : 'not-theirs';
  return (
    <div className="office-action" data-taking={taking}>
      <h3>{t('assign.title')}</h3>
      {mine && <p>{t('assign.yours')}</p>}
      {canTake && me.data && (
        <Button
          kind="secondary"
          busy={action.busy === 'take'}
          onClick={() => void action.run('take', 'assign', { assigneeId: me.data.member.id })}
        >
          {t('assign.take')}
        </Button>
      )}
      <ErrorMessage error={action.errorOf('take')} />
      <form
        className="office-inline"
        onSubmit={(event) => {
          event.preventDefault();
          void action.run('assign', 'assign', { assigneeId: assignee });
        }}
      >
        <SelectField
          label={t('assign.colleague')}
          value={assignee}
          onChange={(event) => setAssignee(event.target.value)}
        >
          <option value="">{t('bulk.choose')}</option>
          {eligible.map((member) => (
            <option key={member.id} value={member.id}>
              {member.name}
            </option>
          ))}
        </SelectField>
        <Button type="submit" kind="secondary" busy={action.busy === 'assign'} disabled={assignee === ''}>
          {t('assign.submit')}
        </Button>
      </form>
      <ErrorMessage error={action.errorOf('assign')} />
    </div>
  );
}

/**
 * Heads the legal grounds in the comment of a refusing outcome. The server copies that comment into
 * the refusal letter, which is in Kazakh and Russian whatever language the official's screen is in,
 * so the heading is both languages, fixed — never the UI language's word.
 */
const GROUNDS_PREFIX = 'Құқықтық негіз / Правовое основание:';

function CompleteAction({ step, regulation, action }: { step: Step; regulation: Regulation; action: Action }) {
  const { t } = useTranslation('office');
  const localized = useLocalized();
  const signingKey = useSigningKey();
  const [outcome, setOutcome] = useState('');
  const [grounds, setGrounds] = useState('');
  const [letter, setLetter] = useState('');
  const needsReasons = outcomeNeedsReasons(outcome);
  const signs = step.action === 'sign';
  const processSteps = regulation.processes.find((p) => p.steps.some((s) => s === step))?.steps ?? [];

  const outcomeLabel = (o: Outcome) => {
    const name = localized(o.label, t(`outcome.${o.id}`, { defaultValue: o.id }));
    if (o.end) return t('complete.ends', { outcome: name, result: t(`result.${o.end}`, { defaultValue: o.end }) });
    const next = processSteps.find((s) => s.id === o.next);
    return t('complete.next', { outcome: name, step: localized(next?.name, o.next ?? '') });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const comment = needsReasons
      ? `${letter.trim()}\n\n${GROUNDS_PREFIX} ${grounds.trim()}`
      : letter.trim() || undefined;
    const ok = await action.run('complete', 'complete', { outcome, ...(comment ? { comment } : {}) });
    if (ok) {
      setOutcome('');
      setLetter('');
      setGrounds('');
    }
  };

  const error = action.errorOf('complete');
  const keyMissing = error instanceof Error && 'code' in error && error.code === 'OFFICIAL_KEY_MISSING';
  return (
    <form className="office-action" onSubmit={submit} aria-labelledby="office-complete-heading">
      <h3 id="office-complete-heading">{t('complete.title')}</h3>
      {signs && (
        <Notice tone={signingKey.data?.registered === false ? 'warning' : 'info'}>
          {t('complete.signs')}{' '}
          {signingKey.data?.registered === false ? (
            <Link to="/office/signing-key">{t('complete.registerKey')}</Link>
          ) : (
            signingKey.data?.subject && t('complete.keyRegistered', { subject: signingKey.data.subject })
          )}
        </Notice>
      )}
      <fieldset>
        <legend>{t('complete.outcome')}</legend>
        {step.outcomes.map((o) => (
          <div key={o.id} className="office-radio">
            <input
              type="radio"
              id={`office-outcome-${o.id}`}
              name="outcome"
              value={o.id}
              checked={outcome === o.id}
              onChange={() => setOutcome(o.id)}
            />
            <label htmlFor={`office-outcome-${o.id}`}>{outcomeLabel(o)}</label>
          </div>
        ))}
      </fieldset>
      {needsReasons ? (
        <>
          <Field label={t('complete.grounds')} hint={t('complete.groundsHint')}>
            {(control) => (
              <input {...control} required value={grounds} onChange={(event) => setGrounds(event.target.value)} />
            )}
          </Field>
          <Field label={t('complete.letter')} hint={t('complete.letterHint')}>
            {(control) => (
              <textarea
                {...control}
                required
                rows={6}
                value={letter}
                onChange={(event) => setLetter(event.target.value)}
              />
            )}
          </Field>
        </>
      ) : (
        <Field label={t('complete.comment')}>
          {(control) => (
            <textarea {...control} rows={2} value={letter} onChange={(event) => setLetter(event.target.value)} />
          )}
        </Field>
      )}
      <ErrorMessage error={error} />
      {keyMissing && (
        <p>
          {t('complete.keyMissing')} <Link to="/office/signing-key">{t('complete.registerKey')}</Link>
        </p>
      )}
      <Button
        type="submit"
        busy={action.busy === 'complete'}
        disabled={outcome === ''}
        kind={needsReasons ? 'danger' : 'primary'}
      >
        {signs ? t('complete.submitSign') : t('complete.submit')}
      </Button>
    </form>
  );
}

function ReturnAction({ action }: { action: Action }) {
  const { t } = useTranslation('office');
  const [reason, setReason] = useState('');
  return (
    <details className="office-action">
      <summary>{t('return.title')}</summary>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void action.run('return', 'return', { reason: reason.trim() });
        }}
      >
        <Field label={t('return.reason')} hint={t('return.hint')}>
          {(control) => (
            <textarea
              {...control}
              required
              rows={4}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          )}
        </Field>
        <ErrorMessage error={action.errorOf('return')} />
        <Button type="submit" kind="secondary" busy={action.busy === 'return'} disabled={reason.trim() === ''}>
          {t('return.submit')}
        </Button>
      </form>
    </details>
  );
}

function ExternalCheckAction({ step, regulation, action }: { step: Step; regulation: Regulation; action: Action }) {
  const { t } = useTranslation('office');
  const localized = useLocalized();
  const check = regulation.externalChecks?.find((c) => c.id === step.externalCheck);
  const [answer, setAnswer] = useState<'positive' | 'negative'>('positive');
  const [summary, setSummary] = useState('');
  return (
    <div className="office-action">
      <h3>{t('external.title')}</h3>
      {check?.asks && <p>{localized(check.asks)}</p>}
      <Button
        kind="secondary"
        busy={action.busy === 'ask'}
        onClick={() => void action.run('ask', 'external-check', {})}
      >
        {t('external.ask')}
      </Button>
      <ErrorMessage error={action.errorOf('ask')} />
      <details>
        <summary>{t('external.recordTitle')}</summary>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void action.run('answer', 'external-check/answer', { answer, summary: summary.trim() });
          }}
        >
          <fieldset>
            <legend>{t('external.answer')}</legend>
            {(['positive', 'negative'] as const).map((value) => (
              <div key={value} className="office-radio">
                <input
                  type="radio"
                  id={`office-answer-${value}`}
                  name="external-answer"
                  checked={answer === value}
                  onChange={() => setAnswer(value)}
                />
                <label htmlFor={`office-answer-${value}`}>{t(`external.${value}`)}</label>
              </div>
            ))}
          </fieldset>
          <Field label={t('external.summary')}>
            {(control) => (
              <textarea
                {...control}
                required
                rows={3}
                value={summary}
                onChange={(event) => setSummary(event.target.value)}
              />
            )}
          </Field>
          <ErrorMessage error={action.errorOf('answer')} />
          <Button type="submit" kind="secondary" busy={action.busy === 'answer'} disabled={summary.trim() === ''}>
            {t('external.record')}
          </Button>
        </form>
      </details>
    </div>
  );
}

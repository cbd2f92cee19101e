import {
  type ButtonHTMLAttributes,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  useEffect,
  useId,
  useRef,
} from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { currentLanguage } from '../i18n/i18n';
import { errorText } from './error-text';

/**
 * The page's heading: sets the document title and takes the focus when the page opens, so a
 * screen reader announces the new page after a client-side navigation.
 */
export function PageHeading({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  // React Router names the page the browser loaded 'default'; each navigation inside the app has a key of its own.
  const { key, pathname } = useLocation();
  const shownFor = useRef<string | null>(null);
  useEffect(() => {
    document.title = `${title} — Ruqsat`;
  }, [title]);
  useEffect(() => {
    // A full page load starts at the top anyway, and a new search on the same page (its query in
    // the address) leaves the focus where the person is; only arriving at another page moves it here.
    const samePage = shownFor.current === pathname;
    shownFor.current = pathname;
    if (key !== 'default' && !samePage) ref.current?.focus({ preventScroll: true });
  }, [key, pathname]);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}

/** An error said in the user's language, announced at once; `null` shows nothing. */
export function ErrorMessage({ error, id }: { error: unknown; id?: string }) {
  const { t } = useTranslation();
  if (error === null || error === undefined) return null;
  const { code, message } = errorText(error, t, currentLanguage());
  return (
    <p className="error" role="alert" id={id} data-error-code={code}>
      {message}
    </p>
  );
}

/**
 * A message in a box. A success says what the person's own action did, so it is announced; an
 * information or a warning describes the page and is read with it, not spoken again each time the
 * page updates it — unless `live` asks for that.
 */
export function Notice({
  children,
  tone = 'info',
  live = tone === 'success',
}: {
  children: ReactNode;
  tone?: 'info' | 'success' | 'warning';
  live?: boolean;
}) {
  return (
    <div className={`notice notice-${tone}`} {...(live ? { role: 'status' } : {})}>
      {children}
    </div>
  );
}

export function Button({
  busy = false,
  kind = 'primary',
  children,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { busy?: boolean; kind?: 'primary' | 'secondary' | 'danger' }) {
  return (
    <button
      type="button"
      {...rest}
      className={`button button-${kind} ${rest.className ?? ''}`}
      disabled={rest.disabled || busy}
      aria-busy={busy || undefined}
    >
      {children}
    </button>
  );
}

interface FieldProps {
  readonly label: string;
  readonly hint?: string;
  /** The field's error, in the user's language. */
  readonly error?: string | undefined;
  readonly children: (control: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode;
}

/** A label, the control, its hint and its error, tied together for assistive technology. */
export function Field({ label, hint, error, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {children({
        id,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(error ? { 'aria-invalid': true } : {}),
      })}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

export function TextField({
  label,
  hint,
  error,
  ...input
}: { label: string; hint?: string; error?: string | undefined } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field label={label} {...(hint ? { hint } : {})} error={error}>
      {(control) => <input {...input} {...control} />}
    </Field>
  );
}

export function SelectField({
  label,
  hint,
  error,
  children,
  ...select
}: { label: string; hint?: string; error?: string | undefined } & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Field label={label} {...(hint ? { hint } : {})} error={error}>
      {(control) => (
        <select {...select} {...control}>
          {children}
        </select>
      )}
    </Field>
  );
}

/** A determinate progress bar with its label (uploads, signing). */
export function ProgressBar({ label, value }: { label: string; value: number }) {
  return (
    <div className="progress">
      <progress max={100} value={Math.round(value * 100)} aria-label={label} />
      <span aria-hidden="true">{Math.round(value * 100)}%</span>
    </div>
  );
}

/** An indeterminate wait, announced politely. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status" aria-live="polite">
      {label ?? t('common:loading')}
    </p>
  );
}

/** A term of days or a due date, coloured by how close it is: on time, due today, overdue. */
export type DeadlineState = 'on_time' | 'due_today' | 'overdue';

export function DeadlineBadge({ state, children }: { state: DeadlineState; children: ReactNode }) {
  const { t } = useTranslation();
  // The state in words as well as colour (WCAG 1.4.1): "Overdue · 2 October".
  return (
    <span className={`badge deadline-${state}`}>
      {t(`common:deadline.${state}`)} · {children}
    </span>
  );
}

export function StatusBadge({ status, children }: { status: string; children: ReactNode }) {
  return <span className={`badge status-${status}`}>{children}</span>;
}

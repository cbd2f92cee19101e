import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import type { Draft, FieldProblem } from './portal-api';

/** How long typing may pause before the form is saved: often enough that a reload loses nothing. */
const AUTOSAVE_DELAY_MS = 600;

export type FormValues = Record<string, unknown>;

export interface DraftFormState {
  readonly values: FormValues;
  readonly problems: readonly FieldProblem[];
  /** Fields whose problems are shown: those touched, or all once the applicant asked to check. */
  readonly shown: (field: string) => boolean;
  readonly saving: boolean;
  readonly savedAt: string | null;
  readonly saveError: unknown;
  setValue(field: string, value: unknown): void;
  touch(field: string): void;
  showAll(): void;
  /** Saves what is typed now (if anything is unsaved) and answers the problems the server found. */
  flush(): Promise<readonly FieldProblem[]>;
}

/**
 * The draft's form as typed, saved to the server shortly after each change (PUT answers what is
 * still wrong, field by field). The server's copy is the truth across reloads; the page's copy is
 * taken from it once, so a refetch never overwrites what the applicant is typing.
 */
export function useDraftForm(draft: Draft): DraftFormState {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<FormValues>(() => ({ ...draft.form }));
  const [problems, setProblems] = useState<readonly FieldProblem[]>(draft.problems);
  const [touched, setTouched] = useState<ReadonlySet<string>>(
    () => new Set(Object.keys(draft.form).filter((field) => draft.form[field] !== undefined)),
  );
  const [all, setAll] = useState(false);
  const [saving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const latest = useRef(values);
  const dirty = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<Promise<readonly FieldProblem[]> | null>(null);
  const problemsRef = useRef(problems);
  problemsRef.current = problems;

  // Problems come in the reader's language: when the draft is read again (another language), take them.
  useEffect(() => {
    if (!dirty.current) setProblems(draft.problems);
  }, [draft.problems]);

  /**
   * Saves the newest values: waits out every save in flight (however many, whether they succeeded
   * or failed) before looking at what is still unsaved, so a caller never returns stale problems
   * nor another save's error, and sign and pay always go on the latest form.
   */
  const save = useCallback(async (): Promise<readonly FieldProblem[]> => {
    while (inFlight.current) await inFlight.current.catch(() => undefined);
    if (!dirty.current) return problemsRef.current;
    dirty.current = false;
    setSaving(true);
    const run = (async () => {
      try {
        const saved = await api.put<Draft>(`/drafts/${encodeURIComponent(draft.id)}/form`, { form: latest.current });
        setProblems(saved.problems);
        problemsRef.current = saved.problems;
        setSavedAt(saved.updatedAt);
        setSaveError(null);
        queryClient.setQueriesData<Draft>({ queryKey: ['portal', 'draft', draft.id] }, (old) =>
          old
            ? { ...old, form: saved.form, updatedAt: saved.updatedAt, documents: saved.documents ?? old.documents }
            : old,
        );
        return saved.problems;
      } catch (error) {
        dirty.current = true;
        setSaveError(error);
        throw error;
      } finally {
        setSaving(false);
        inFlight.current = null;
      }
    })();
    inFlight.current = run;
    return run;
  }, [draft.id, queryClient]);
  const schedule = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      save().catch(() => undefined);
    }, AUTOSAVE_DELAY_MS);
  }, [save]);

  // Leaving the page saves what is still unsaved.
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      if (dirty.current) save().catch(() => undefined);
    },
    [save],
  );

  return {
    values,
    problems,
    shown: (field) => all || touched.has(field),
    saving,
    savedAt,
    saveError,
    setValue: (field, value) => {
      const next = { ...latest.current };
      if (value === undefined) delete next[field];
      else next[field] = value;
      latest.current = next;
      dirty.current = true;
      setValues(next);
      schedule();
    },
    touch: (field) => setTouched((old) => (old.has(field) ? old : new Set([...old, field]))),
    showAll: () => setAll(true),
    flush: async () => {
      if (timer.current) {
        clearTimeout(timer.current);
        timer.current = null;
      }
      return save();
    },
  };
}

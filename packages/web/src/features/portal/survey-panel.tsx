import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client';
import { Button, ErrorMessage, Loading, Notice } from '../../ui/components';
import type { Survey } from './portal-api';

/** The regulation's survey once the result is out; some regulations have none, and say so. */
export function SurveyPanel({ applicationId }: { applicationId: string }) {
  const { t, i18n } = useTranslation('portal');
  const queryClient = useQueryClient();
  const path = `/my/applications/${encodeURIComponent(applicationId)}/survey`;
  const survey = useQuery({
    queryKey: ['portal', 'survey', applicationId, i18n.language],
    queryFn: () => api.get<Survey>(path),
    retry: false,
  });
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post(path, { answers });
      await queryClient.invalidateQueries({ queryKey: ['portal', 'survey', applicationId] });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const notOffered = survey.error instanceof ApiError && survey.error.code === 'SURVEY_NOT_OFFERED';
  return (
    <div className="panel">
      <h2>{t('survey.title')}</h2>
      {survey.isPending && <Loading />}
      {notOffered ? <Notice>{survey.error?.message}</Notice> : <ErrorMessage error={survey.error} />}
      {survey.data?.answered && <Notice tone="success">{t('survey.thanks')}</Notice>}
      {survey.data && !survey.data.answered && (
        <form onSubmit={submit} aria-busy={busy}>
          <p>{t('survey.lead')}</p>
          {survey.data.questions.map((question) => (
            <fieldset key={question.id}>
              <legend>{question.text}</legend>
              {question.answers.map((answer) => (
                <label key={answer.id} className="portal-choice">
                  <input
                    type="radio"
                    name={`survey-${question.id}`}
                    required
                    checked={answers[question.id] === answer.id}
                    onChange={() => setAnswers((old) => ({ ...old, [question.id]: answer.id }))}
                  />
                  {answer.text}
                </label>
              ))}
            </fieldset>
          ))}
          <ErrorMessage error={error} />
          <Button type="submit" busy={busy}>
            {t('survey.submit')}
          </Button>
        </form>
      )}
    </div>
  );
}

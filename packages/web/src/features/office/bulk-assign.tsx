import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { Button, ErrorMessage, SelectField } from '../../ui/components';
import { useAction } from '../../ui/use-action';
import { type BulkResult, type StaffMember, transactionId } from './office-api';
import { officeKeys } from './office-queries';

/** Hands the chosen applications' open steps to one colleague; each application answers on its own. */
export function BulkAssign({
  selected,
  staff,
  onDone,
}: {
  selected: readonly string[];
  staff: readonly StaffMember[];
  onDone: (assigned: readonly string[]) => void;
}) {
  const { t } = useTranslation('office');
  const queryClient = useQueryClient();
  const [assignee, setAssignee] = useState('');
  const [results, setResults] = useState<readonly BulkResult[]>([]);

  const assignment = useAction(async () => {
    const answer = await api.post<{ results: BulkResult[] }>('/office/assignments', {
      transactionId: transactionId(),
      applicationIds: selected,
      assigneeId: assignee,
    });
    setResults(answer.results);
    onDone(answer.results.filter((r) => r.assigned).map((r) => r.applicationId));
    await queryClient.invalidateQueries({ queryKey: officeKeys.all });
  });

  return (
    <section className="panel" aria-labelledby="office-bulk-heading">
      <h2 id="office-bulk-heading">{t('bulk.title')}</h2>
      <p className="hint">{t('bulk.hint')}</p>
      <div className="office-inline">
        <SelectField label={t('bulk.colleague')} value={assignee} onChange={(event) => setAssignee(event.target.value)}>
          <option value="">{t('bulk.choose')}</option>
          {staff.map((member) => (
            <option key={member.id} value={member.id}>
              {member.name} — {member.roles.map((role) => t(`role.${role}`, { defaultValue: role })).join(', ')}
            </option>
          ))}
        </SelectField>
        <Button
          busy={assignment.busy}
          disabled={selected.length === 0 || assignee === ''}
          onClick={() => void assignment.start()}
        >
          {t('bulk.submit', { count: selected.length })}
        </Button>
      </div>
      <ErrorMessage error={assignment.error} />
      {results.length > 0 && (
        <div role="status">
          <h3>{t('bulk.results')}</h3>
          <ul className="office-results">
            {results.map((result) => (
              <li key={result.applicationId} data-result={result.assigned ? 'assigned' : 'failed'}>
                <strong>{result.applicationId}</strong>:{' '}
                {result.assigned ? (
                  <span className="badge status-completed">{t('bulk.assigned')}</span>
                ) : (
                  <>
                    <span className="badge status-refused">{t('bulk.failed')}</span> {result.error?.message}
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

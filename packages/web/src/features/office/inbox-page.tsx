import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { ErrorMessage, Loading, PageHeading, SelectField, TextField } from '../../ui/components';
import { useLocalized } from '../../ui/format';
import { BulkAssign } from './bulk-assign';
import { DueCell } from './due-cell';
import type { QueueItem, Regulation } from './office-api';
import { nameOfStaff, officeKeys, useOfficeMe, useStaff } from './office-queries';

type Sort = 'due' | 'number' | 'service' | 'registered';

/** The official's work: open steps for their roles (or all of the authority), soonest due first. */
export function InboxPage() {
  const { t } = useTranslation('office');
  const me = useOfficeMe();
  const staff = useStaff();
  const [scope, setScope] = useState<'mine' | 'authority'>('mine');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<Sort>('due');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());

  const queue = useQuery({
    queryKey: officeKeys.queue(scope, overdueOnly),
    queryFn: () =>
      api.get<{ items: QueueItem[]; total: number }>('/office/queue', {
        scope,
        overdue: overdueOnly ? 'true' : 'false',
        limit: 200,
      }),
  });
  const roleName = useRoleNames(queue.data?.items ?? []);

  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const items = (queue.data?.items ?? []).filter(
      (item) =>
        needle === '' ||
        [item.id, item.service.name, item.applicant.id, item.currentStep?.name ?? ''].some((text) =>
          text.toLowerCase().includes(needle),
        ),
    );
    const key: Record<Sort, (item: QueueItem) => string> = {
      due: (item) => item.currentStep?.due ?? item.termDue,
      number: (item) => item.id,
      service: (item) => item.service.name,
      registered: (item) => item.registrationDate,
    };
    return [...items].sort((a, b) => key[sort](a).localeCompare(key[sort](b)));
  }, [queue.data, search, sort]);

  const toggle = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const allSelected = rows.length > 0 && rows.every((row) => selected.has(row.id));
  // The ticks survive a change of filter (changing it back finds them again), but only what is on
  // the screen is handed over: never an application the official no longer sees.
  const selectedShown = rows.filter((row) => selected.has(row.id)).map((row) => row.id);

  return (
    <section>
      <PageHeading title={t('inbox.title')}>{t('inbox.title')}</PageHeading>
      {me.data && (
        <p className="lead">
          {t('inbox.lead', {
            name: me.data.member.name,
            organisation: me.data.organisation.name,
          })}
        </p>
      )}
      {me.data && me.data.standingInFor.length > 0 && (
        <p className="notice notice-info">
          {t('inbox.standingInFor', { names: me.data.standingInFor.map((m) => m.name).join(', ') })}
        </p>
      )}
      <form className="panel office-filters" onSubmit={(event) => event.preventDefault()}>
        <h2 className="visually-hidden">{t('inbox.filters')}</h2>
        <SelectField
          label={t('inbox.scopeLabel')}
          value={scope}
          onChange={(event) => setScope(event.target.value as 'mine' | 'authority')}
        >
          <option value="mine">{t('inbox.scope.mine')}</option>
          <option value="authority">{t('inbox.scope.authority')}</option>
        </SelectField>
        <TextField
          label={t('inbox.search')}
          hint={t('inbox.searchHint')}
          type="search"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        <SelectField
          label={t('inbox.sortLabel')}
          value={sort}
          onChange={(event) => setSort(event.target.value as Sort)}
        >
          <option value="due">{t('inbox.sort.due')}</option>
          <option value="registered">{t('inbox.sort.registered')}</option>
          <option value="number">{t('inbox.sort.number')}</option>
          <option value="service">{t('inbox.sort.service')}</option>
        </SelectField>
        <div className="field office-check">
          <input
            id="office-overdue-only"
            type="checkbox"
            checked={overdueOnly}
            onChange={(event) => setOverdueOnly(event.target.checked)}
          />
          <label htmlFor="office-overdue-only">{t('inbox.overdueOnly')}</label>
        </div>
      </form>

      {queue.isPending && <Loading />}
      <ErrorMessage error={queue.error} />
      {queue.data && (
        <div className="table-wrap" aria-busy={queue.isFetching}>
          <table className="office-queue">
            <caption>{t('inbox.caption', { shown: rows.length, total: queue.data.total })}</caption>
            <thead>
              <tr>
                <th scope="col">
                  <input
                    type="checkbox"
                    aria-label={t('inbox.selectAll')}
                    checked={allSelected}
                    onChange={(event) => setSelected(new Set(event.target.checked ? rows.map((r) => r.id) : []))}
                  />
                </th>
                <th scope="col">{t('inbox.col.number')}</th>
                <th scope="col">{t('inbox.col.service')}</th>
                <th scope="col">{t('inbox.col.applicant')}</th>
                <th scope="col">{t('inbox.col.step')}</th>
                <th scope="col">{t('inbox.col.role')}</th>
                <th scope="col">{t('inbox.col.assignee')}</th>
                <th scope="col">{t('inbox.col.due')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((item) => (
                <tr
                  key={item.id}
                  data-application={item.id}
                  data-status={item.status}
                  data-step-role={item.stepRole ?? ''}
                  data-regulation={item.regulationId}
                  data-request-kind={item.requestKind}
                  data-assignee={item.assignee ?? ''}
                >
                  <td>
                    <input
                      type="checkbox"
                      aria-label={t('inbox.select', { number: item.id })}
                      checked={selected.has(item.id)}
                      onChange={(event) => toggle(item.id, event.target.checked)}
                    />
                  </td>
                  <th scope="row">
                    <Link to={`/office/applications/${encodeURIComponent(item.id)}`}>{item.id}</Link>
                  </th>
                  <td>{item.service.name}</td>
                  <td>
                    {t(`applicantKind.${item.applicant.kind}`, { defaultValue: item.applicant.kind })}{' '}
                    <span className="office-id">{item.applicant.id}</span>
                  </td>
                  <td>
                    {item.currentStep?.name ?? '—'}
                    {item.status === 'waiting_applicant' && (
                      <>
                        {' '}
                        <span className="badge status-waiting_applicant">{t('status.waiting_applicant')}</span>
                      </>
                    )}
                  </td>
                  <td>{item.stepRole ? roleName(item.regulationId, item.stepRole) : '—'}</td>
                  <td>{nameOfStaff(staff.data, item.assignee) ?? t('inbox.unassigned')}</td>
                  <td>{item.currentStep ? <DueCell step={item.currentStep} dueToday={item.dueToday} /> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length === 0 && <p>{t('inbox.empty')}</p>}
        </div>
      )}
      <BulkAssign
        selected={selectedShown}
        staff={staff.data ?? []}
        onDone={(assigned) => setSelected((current) => new Set([...current].filter((id) => !assigned.includes(id))))}
      />
    </section>
  );
}

/** Role names of the regulations the queue's applications follow, in the reader's language. */
function useRoleNames(items: readonly QueueItem[]): (regulationId: string, role: string) => string {
  const localized = useLocalized();
  const ids = [...new Set(items.map((item) => item.regulationId))];
  const regulations = useQueries({
    queries: ids.map((id) => ({
      queryKey: ['regulation', id],
      queryFn: () => api.get<Regulation>(`/regulations/${encodeURIComponent(id)}`),
      staleTime: Number.POSITIVE_INFINITY,
    })),
  });
  return (regulationId, role) => {
    const regulation = regulations[ids.indexOf(regulationId)]?.data;
    return localized(regulation?.roles.find((r) => r.id === role)?.name, role);
  };
}

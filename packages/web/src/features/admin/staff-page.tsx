import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorMessage, Loading, Notice, PageHeading, SelectField } from '../../ui/components';
import { useLocalized } from '../../ui/format';
import { adminApi } from './admin-api';
import { AdminNav } from './admin-nav';
import { OpenPostForm } from './open-post-form';
import { useRoleOptions } from './roles';
import { StaffTable } from './staff-table';

/** Staff and roles: who holds a post at which organisation, opening, changing and closing posts. */
export function StaffPage() {
  const { t } = useTranslation('admin');
  const localized = useLocalized();
  const [params, setParams] = useSearchParams();
  const [message, setMessage] = useState<string | null>(null);
  const organisations = useQuery({ queryKey: ['admin', 'organisations'], queryFn: adminApi.organisations });
  const { optionsFor } = useRoleOptions();
  const list = organisations.data ?? [];
  const selected = list.find((o) => o.id === params.get('organisation')) ?? list.find((o) => o.kind === 'authority');
  const staff = useQuery({
    queryKey: ['admin', 'staff', selected?.id],
    queryFn: () => adminApi.staff(selected?.id ?? ''),
    enabled: selected !== undefined,
  });

  return (
    <section className="admin-page">
      <AdminNav />
      <PageHeading title={t('staff.title')}>{t('staff.title')}</PageHeading>
      <p className="lead">{t('staff.lead')}</p>
      {organisations.isPending && <Loading />}
      <ErrorMessage error={organisations.error} />
      {message && <Notice tone="success">{message}</Notice>}
      {selected && (
        <div className="staff-layout">
          <section aria-labelledby="staff-heading" aria-busy={staff.isFetching || undefined}>
            <h2 id="staff-heading">{t('staff.posts')}</h2>
            <SelectField
              label={t('staff.organisation')}
              value={selected.id}
              onChange={(e) => {
                setMessage(null);
                setParams({ organisation: e.target.value }, { replace: true });
              }}
            >
              {list.map((o) => (
                <option key={o.id} value={o.id}>
                  {localized(o.name, o.id)}
                </option>
              ))}
            </SelectField>
            {staff.isPending && <Loading />}
            <ErrorMessage error={staff.error} />
            {staff.data && staff.data.length === 0 && <p>{t('staff.none')}</p>}
            {staff.data && staff.data.length > 0 && (
              <StaffTable
                organisation={selected}
                organisations={list}
                posts={staff.data}
                optionsFor={optionsFor}
                onChanged={setMessage}
              />
            )}
          </section>
          <OpenPostForm
            key={selected.id}
            organisations={list}
            initialOrganisation={selected.id}
            optionsFor={optionsFor}
            onOpened={(post) => {
              setParams({ organisation: post.organisationId }, { replace: true });
              setMessage(t('staff.opened', { name: post.name }));
            }}
          />
        </div>
      )}
    </section>
  );
}

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { Button, ErrorMessage, Field, Loading, Notice, PageHeading, SelectField, TextField } from '../../ui/components';
import { formatDate, todayInAlmaty } from '../../ui/format';
import type { Delegation } from './office-api';
import { nameOfStaff, officeKeys, useOfficeMe, useStaff } from './office-queries';

/** Who stands in for whom during an absence, and naming a substitute. */
export function DelegationsPage() {
  const { t, i18n } = useTranslation('office');
  const staff = useStaff();
  const me = useOfficeMe();
  const queryClient = useQueryClient();
  const delegations = useQuery({
    queryKey: officeKeys.delegations,
    queryFn: async () => (await api.get<{ items: Delegation[] }>('/office/delegations')).items,
  });
  const [revoking, setRevoking] = useState<string | null>(null);
  const [revokeError, setRevokeError] = useState<{ id: string; error: unknown } | null>(null);

  const revoke = async (id: string) => {
    setRevoking(id);
    setRevokeError(null);
    try {
      await api.post(`/office/delegations/${encodeURIComponent(id)}/revoke`);
      await queryClient.invalidateQueries({ queryKey: officeKeys.all });
    } catch (caught) {
      setRevokeError({ id, error: caught });
    } finally {
      setRevoking(null);
    }
  };

  const active = (delegations.data ?? []).filter((d) => !d.revoked);
  return (
    <section>
      <PageHeading title={t('delegations.title')}>{t('delegations.title')}</PageHeading>
      <p className="lead">{t('delegations.lead')}</p>
      {delegations.isPending && <Loading />}
      <ErrorMessage error={delegations.error} />
      {delegations.data && (
        <div className="table-wrap">
          <table>
            <caption>{t('delegations.caption', { count: active.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('delegations.from')}</th>
                <th scope="col">{t('delegations.to')}</th>
                <th scope="col">{t('delegations.period')}</th>
                <th scope="col">{t('delegations.reason')}</th>
                <th scope="col">{t('delegations.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {active.map((delegation) => (
                <tr key={delegation.id}>
                  <th scope="row">{nameOfStaff(staff.data, delegation.fromStaff)}</th>
                  <td>{nameOfStaff(staff.data, delegation.toStaff)}</td>
                  <td>
                    {formatDate(delegation.startsOn, i18n.language)} – {formatDate(delegation.endsOn, i18n.language)}
                  </td>
                  <td>{delegation.reason}</td>
                  <td>
                    <Button
                      kind="secondary"
                      busy={revoking === delegation.id}
                      onClick={() => void revoke(delegation.id)}
                    >
                      {t('delegations.revoke', { name: nameOfStaff(staff.data, delegation.toStaff) })}
                    </Button>
                    {revokeError?.id === delegation.id && <ErrorMessage error={revokeError.error} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {active.length === 0 && <p>{t('delegations.none')}</p>}
        </div>
      )}
      {me.data && <NewDelegation myId={me.data.member.id} />}
    </section>
  );
}

function NewDelegation({ myId }: { myId: string }) {
  const { t } = useTranslation('office');
  const staff = useStaff();
  const queryClient = useQueryClient();
  const today = todayInAlmaty();
  const [from, setFrom] = useState(myId);
  const [to, setTo] = useState('');
  const [startsOn, setStartsOn] = useState(today);
  const [endsOn, setEndsOn] = useState(today);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setCreated(false);
    try {
      await api.post('/office/delegations', {
        ...(from !== myId ? { fromStaffId: from } : {}),
        toStaffId: to,
        startsOn,
        endsOn,
        reason: reason.trim(),
      });
      setReason('');
      setCreated(true);
      await queryClient.invalidateQueries({ queryKey: officeKeys.all });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const colleagues = staff.data ?? [];
  return (
    <section className="panel" aria-labelledby="office-new-delegation">
      <h2 id="office-new-delegation">{t('delegations.new')}</h2>
      <form onSubmit={submit} className="office-grid-form">
        <SelectField
          label={t('delegations.from')}
          hint={t('delegations.fromHint')}
          value={from}
          onChange={(e) => setFrom(e.target.value)}
        >
          {colleagues.map((member) => (
            <option key={member.id} value={member.id}>
              {member.id === myId ? t('delegations.myself', { name: member.name }) : member.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('delegations.to')} value={to} required onChange={(e) => setTo(e.target.value)}>
          <option value="">{t('bulk.choose')}</option>
          {colleagues
            .filter((member) => member.id !== from)
            .map((member) => (
              <option key={member.id} value={member.id}>
                {member.name}
              </option>
            ))}
        </SelectField>
        <TextField
          label={t('delegations.startsOn')}
          type="date"
          required
          min={today}
          value={startsOn}
          onChange={(e) => setStartsOn(e.target.value)}
          error={
            error instanceof Error && 'code' in error && error.code === 'DELEGATION_INVALID' ? error.message : undefined
          }
        />
        <TextField
          label={t('delegations.endsOn')}
          type="date"
          required
          min={startsOn}
          value={endsOn}
          onChange={(e) => setEndsOn(e.target.value)}
        />
        <Field label={t('delegations.reason')} hint={t('delegations.reasonHint')}>
          {(control) => (
            <textarea
              {...control}
              required
              minLength={3}
              rows={2}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          )}
        </Field>
        <ErrorMessage error={error} />
        {created && <Notice tone="success">{t('delegations.created')}</Notice>}
        <Button type="submit" busy={busy} disabled={to === '' || reason.trim().length < 3}>
          {t('delegations.submit')}
        </Button>
      </form>
    </section>
  );
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ErrorMessage, SelectField, TextField } from '../../ui/components';
import { useLocalized } from '../../ui/format';
import { adminApi, type Organisation } from './admin-api';
import { fieldErrors } from './field-errors';
import { RoleChoice } from './role-choice';
import type { RoleOption } from './roles';

/** Opens a post: a person by IIN and name, at an organisation, with roles of the regulations. */
export function OpenPostForm({
  organisations,
  initialOrganisation,
  optionsFor,
  onOpened,
}: {
  organisations: readonly Organisation[];
  initialOrganisation: string;
  optionsFor: (organisation: Organisation | undefined) => RoleOption[];
  onOpened: (post: { id: string; name: string; organisationId: string }) => void;
}) {
  const { t } = useTranslation('admin');
  const localized = useLocalized();
  const queryClient = useQueryClient();
  const [iin, setIin] = useState('');
  const [name, setName] = useState('');
  const [organisationId, setOrganisationId] = useState(initialOrganisation);
  const [roles, setRoles] = useState<string[]>([]);
  const organisation = organisations.find((o) => o.id === organisationId);
  const open = useMutation({
    mutationFn: () => adminApi.openPost({ iin: iin.trim(), name: name.trim(), organisationId, roles }),
    onSuccess: async ({ id }) => {
      await queryClient.invalidateQueries({ queryKey: ['admin', 'staff'] });
      onOpened({ id, name: name.trim(), organisationId });
      setIin('');
      setName('');
      setRoles([]);
    },
  });
  const { fields, rest } = fieldErrors(open.error, (field) =>
    t(`staff.invalid.${field}`, { defaultValue: t('staff.invalid.other') }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    open.mutate();
  };

  return (
    <form className="panel open-post" onSubmit={submit} noValidate aria-labelledby="open-post-heading">
      <h2 id="open-post-heading">{t('staff.open')}</h2>
      <TextField
        label={t('staff.iin')}
        hint={t('staff.iinHint')}
        inputMode="numeric"
        autoComplete="off"
        maxLength={12}
        value={iin}
        onChange={(e) => setIin(e.target.value)}
        error={fields.iin}
      />
      <TextField
        label={t('staff.name')}
        hint={t('staff.nameHint')}
        autoComplete="off"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={fields.name}
      />
      <SelectField
        label={t('staff.organisation')}
        value={organisationId}
        onChange={(e) => {
          setOrganisationId(e.target.value);
          setRoles([]);
        }}
        error={fields.organisationId}
      >
        {organisations.map((o) => (
          <option key={o.id} value={o.id}>
            {localized(o.name, o.id)}
          </option>
        ))}
      </SelectField>
      <RoleChoice
        legend={t('staff.roles')}
        options={optionsFor(organisation)}
        selected={roles}
        onChange={setRoles}
        error={fields.roles}
      />
      <ErrorMessage error={rest} />
      <div className="actions">
        <Button type="submit" busy={open.isPending}>
          {t('staff.openSubmit')}
        </Button>
      </div>
    </form>
  );
}

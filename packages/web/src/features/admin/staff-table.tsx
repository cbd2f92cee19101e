import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ErrorMessage } from '../../ui/components';
import { useLocalized } from '../../ui/format';
import { adminApi, type Organisation, type StaffPost } from './admin-api';
import { RoleChoice, useRoleName } from './role-choice';
import type { RoleOption } from './roles';
import { TableRegion } from './table-region';

/** The open posts of an organisation (its units' too), each with its roles to change and a way to close it. */
export function StaffTable({
  organisation,
  organisations,
  posts,
  optionsFor,
  onChanged,
}: {
  organisation: Organisation;
  organisations: readonly Organisation[];
  posts: readonly StaffPost[];
  optionsFor: (organisation: Organisation | undefined) => RoleOption[];
  onChanged: (message: string) => void;
}) {
  const { t } = useTranslation('admin');
  const localized = useLocalized();
  return (
    <TableRegion label={t('staff.caption', { organisation: localized(organisation.name), count: posts.length })}>
      <table className="staff-table">
        <caption>{t('staff.caption', { organisation: localized(organisation.name), count: posts.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('staff.person')}</th>
            <th scope="col">{t('staff.iin')}</th>
            <th scope="col">{t('staff.roles')}</th>
            <th scope="col">{t('staff.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {posts.map((post) => {
            const postOrganisation = organisations.find((o) => o.id === post.organisationId);
            return (
              <PostRow
                key={post.id}
                post={post}
                unit={
                  post.organisationId !== organisation.id
                    ? localized(postOrganisation?.name, post.organisationId)
                    : null
                }
                options={optionsFor(postOrganisation ?? organisation)}
                onChanged={onChanged}
              />
            );
          })}
        </tbody>
      </table>
    </TableRegion>
  );
}

function PostRow({
  post,
  unit,
  options,
  onChanged,
}: {
  post: StaffPost;
  unit: string | null;
  options: readonly RoleOption[];
  onChanged: (message: string) => void;
}) {
  const { t } = useTranslation('admin');
  const roleName = useRoleName();
  const queryClient = useQueryClient();
  const [roles, setRoles] = useState<string[]>([...post.roles]);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['admin', 'staff'] });
  const save = useMutation({
    mutationFn: () => adminApi.setRoles(post.id, roles),
    onSuccess: async () => {
      await refresh();
      setEditing(false);
      onChanged(t('staff.rolesChanged', { name: post.name }));
    },
  });
  const close = useMutation({
    mutationFn: () => adminApi.closePost(post.id),
    onSuccess: async () => {
      await refresh();
      onChanged(t('staff.closed', { name: post.name }));
    },
  });
  return (
    <tr>
      <th scope="row">
        {post.name}
        {unit && <span className="cell-note">{unit}</span>}
      </th>
      <td>
        <code>{post.iin}</code>
      </td>
      <td>
        {editing ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate();
            }}
          >
            <RoleChoice
              legend={t('staff.rolesOf', { name: post.name })}
              options={options}
              selected={roles}
              onChange={setRoles}
            />
            <ErrorMessage error={save.error} />
            <div className="actions">
              <Button type="submit" busy={save.isPending}>
                {t('staff.saveRoles')}
              </Button>
              <Button
                kind="secondary"
                onClick={() => {
                  setEditing(false);
                  setRoles([...post.roles]);
                  save.reset();
                }}
              >
                {t('staff.cancel')}
              </Button>
            </div>
          </form>
        ) : (
          <ul className="plain-list">
            {post.roles.map((role) => (
              <li key={role}>{roleName(role, options)}</li>
            ))}
            {post.roles.length === 0 && <li className="muted">{t('staff.noRoles')}</li>}
          </ul>
        )}
      </td>
      <td>
        <div className="row-actions">
          {!editing && (
            <Button
              kind="secondary"
              onClick={() => setEditing(true)}
              aria-label={`${t('staff.changeRoles')}: ${post.name}`}
            >
              {t('staff.changeRoles')}
            </Button>
          )}
          {confirming ? (
            <>
              <Button kind="danger" busy={close.isPending} onClick={() => close.mutate()}>
                {t('staff.confirmClose', { name: post.name })}
              </Button>
              <Button kind="secondary" onClick={() => setConfirming(false)}>
                {t('staff.cancel')}
              </Button>
            </>
          ) : (
            <Button
              kind="secondary"
              onClick={() => setConfirming(true)}
              aria-label={`${t('staff.close')}: ${post.name}`}
            >
              {t('staff.close')}
            </Button>
          )}
          <ErrorMessage error={close.error} />
        </div>
      </td>
    </tr>
  );
}

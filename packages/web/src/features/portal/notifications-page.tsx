import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, api } from '../../api/client';
import { LANGUAGE_NAMES, LANGUAGES } from '../../i18n/languages';
import { Button, ErrorMessage, Loading, Notice, PageHeading, SelectField, TextField } from '../../ui/components';
import { formatDateTime } from '../../ui/format';
import type { Contact, Notification } from './portal-api';

/** What happened to one's applications, and where (and in which language) to be told by e-mail. */
export function NotificationsPage() {
  const { t, i18n } = useTranslation('portal');
  const notifications = useQuery({
    queryKey: ['portal', 'notifications', i18n.language],
    queryFn: () => api.get<{ items: Notification[] }>('/my/notifications', { limit: 30 }),
    refetchInterval: 30_000,
  });
  return (
    <section className="portal-page">
      <PageHeading title={t('notifications.title')}>{t('notifications.title')}</PageHeading>
      <div className="columns">
        <div>
          {notifications.isPending && <Loading />}
          <ErrorMessage error={notifications.error} />
          {notifications.data && notifications.data.items.length === 0 && <p>{t('notifications.none')}</p>}
          <ol className="portal-notifications panel">
            {notifications.data?.items.map((item) => (
              <li key={item.id}>
                <time dateTime={item.createdAt}>{formatDateTime(item.createdAt, i18n.language)}</time>
                <p>{item.text}</p>
                <Link to={`/my/applications/${encodeURIComponent(item.applicationId)}`}>
                  {t('notifications.application', { id: item.applicationId })}
                </Link>
              </li>
            ))}
          </ol>
        </div>
        <ContactForm />
      </div>
    </section>
  );
}

function ContactForm() {
  const { t, i18n } = useTranslation('portal');
  const queryClient = useQueryClient();
  const contact = useQuery({
    queryKey: ['portal', 'contact'],
    queryFn: () => api.get<Contact | null>('/my/contact'),
  });
  const [email, setEmail] = useState('');
  const [locale, setLocale] = useState<string>(i18n.language);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (contact.data) {
      setEmail(contact.data.email);
      setLocale(contact.data.locale);
    }
  }, [contact.data]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await api.put('/my/contact', { email: email.trim(), locale });
      await queryClient.invalidateQueries({ queryKey: ['portal', 'contact'] });
      setSaved(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const emailError = error instanceof ApiError ? (error.fieldMessage('email') ?? undefined) : undefined;
  return (
    <form className="panel" onSubmit={submit} aria-busy={busy} aria-labelledby="contact-heading">
      <h2 id="contact-heading">{t('contact.title')}</h2>
      <p className="hint">{t('contact.lead')}</p>
      {contact.isPending && <Loading />}
      <TextField
        label={t('contact.email')}
        type="email"
        autoComplete="email"
        required
        value={email}
        error={emailError}
        onChange={(event) => setEmail(event.target.value)}
      />
      <SelectField label={t('contact.locale')} value={locale} onChange={(event) => setLocale(event.target.value)}>
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {LANGUAGE_NAMES[language]}
          </option>
        ))}
      </SelectField>
      {!emailError && <ErrorMessage error={error ?? contact.error} />}
      {saved && <Notice tone="success">{t('contact.saved')}</Notice>}
      <Button type="submit" busy={busy}>
        {t('contact.save')}
      </Button>
    </form>
  );
}

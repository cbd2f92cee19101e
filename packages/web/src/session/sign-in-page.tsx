import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { api } from '../api/client';
import { PageHeading } from '../ui/components';
import { SignWithKeyFile, toBase64 } from './key-file';
import { type Holder, useSession } from './session';

/** Sign-in by key: the server's nonce is signed in the page with the AUTH key. */
export function SignInPage() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const next = new URLSearchParams(location.search).get('next');
  // The challenge asked for when the key was opened, answered when it has signed it.
  const nonce = useRef('');

  return (
    <section className="narrow">
      <PageHeading title={t('signIn.title')}>{t('signIn.title')}</PageHeading>
      <p>{t('signIn.lead')}</p>
      <SignWithKeyFile
        purpose="auth"
        submitLabel={t('signIn.submit')}
        content={async () => {
          nonce.current = (await api.post<{ nonce: string }>('/auth/challenge')).nonce;
          return new TextEncoder().encode(nonce.current);
        }}
        onSigned={async (signature) => {
          const { token, holder } = await api.post<{ token: string; holder: Holder }>('/auth/sign-in', {
            nonce: nonce.current,
            signature: toBase64(signature),
          });
          session.signedIn(token, holder);
          navigate(pathOfThisApp(next) ?? '/', { replace: true });
        }}
      />
    </section>
  );
}

/**
 * The page to go back to after sign-in, when it is a path of this app: never an address elsewhere
 * (`//host`, or `/\host`, which browsers read as `//host`).
 */
export function pathOfThisApp(next: string | null): string | null {
  return next !== null && /^\/(?![/\\])/.test(next) ? next : null;
}

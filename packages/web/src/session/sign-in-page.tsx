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
  let nonce = '';

  return (
    <section className="narrow">
      <PageHeading title={t('signIn.title')}>{t('signIn.title')}</PageHeading>
      <p>{t('signIn.lead')}</p>
      <SignWithKeyFile
        purpose="auth"
        submitLabel={t('signIn.submit')}
        content={async () => {
          nonce = (await api.post<{ nonce: string }>('/auth/challenge')).nonce;
          return new TextEncoder().encode(nonce);
        }}
        onSigned={async (signature) => {
          const { token, holder } = await api.post<{ token: string; holder: Holder }>('/auth/sign-in', {
            nonce,
            signature: toBase64(signature),
          });
          session.signedIn(token, holder);
          // Only a path of this app, never an address elsewhere, is followed after sign-in.
          navigate(next?.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
        }}
      />
      <p className="hint">{t('signIn.ncalayerHint')}</p>
    </section>
  );
}

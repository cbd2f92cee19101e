import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError, api } from '../../api/client';
import { SignWithKeyFile, toBase64 } from '../../session/key-file';
import { ErrorMessage, Notice } from '../../ui/components';
import { transactionId } from './portal-api';

/**
 * Signing and submission: the server gives the request as canonical JSON, the SIGN key signs its
 * UTF-8 bytes in the page, the server checks the regulation's conditions and registers it.
 */
export function SignPanel({
  draftId,
  missing,
  beforeSigning,
}: {
  draftId: string;
  /** What the page already knows is not ready, said before the applicant unlocks the key. */
  missing: readonly string[];
  beforeSigning: () => Promise<unknown>;
}) {
  const { t } = useTranslation('portal');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // One transaction per page: a repeated click repeats the same submission, never a second one.
  const transaction = useRef(transactionId(`submit-${draftId}`));
  const [refused, setRefused] = useState<unknown>(null);

  return (
    <div>
      {missing.length > 0 && (
        <Notice tone="warning">
          <p className="portal-notice-title">{t('sign.notReady')}</p>
          <ul>
            {missing.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </Notice>
      )}
      <p>{t('sign.lead')}</p>
      <SignWithKeyFile
        purpose="sign"
        submitLabel={t('sign.submit')}
        content={async () => {
          setRefused(null);
          await beforeSigning();
          const request = await api.get<{ canonical: string }>(`/drafts/${encodeURIComponent(draftId)}/request`);
          return new TextEncoder().encode(request.canonical);
        }}
        onSigned={async (signature) => {
          try {
            const submitted = await api.post<{ applicationId: string }>(
              `/drafts/${encodeURIComponent(draftId)}/submit`,
              { transactionId: transaction.current, signature: toBase64(signature) },
            );
            await queryClient.invalidateQueries({ queryKey: ['portal'] });
            navigate(`/my/applications/${encodeURIComponent(submitted.applicationId)}?submitted=1`);
          } catch (error) {
            // A refusal is final for this transaction: the next attempt is a new one.
            transaction.current = transactionId(`submit-${draftId}`);
            if (error instanceof ApiError) setRefused(error);
            else throw error;
          }
        }}
      />
      <ErrorMessage error={refused} />
    </div>
  );
}

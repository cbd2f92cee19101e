import type { RequestSigner } from '@ruqsat/pki';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ErrorMessage, Field, TextField } from '../ui/components';

export type KeyPurpose = 'auth' | 'sign';

/**
 * Signs `content` with a key file the user chooses and unlocks with its password. The file is read
 * and decrypted in this page (WebCrypto); neither it nor the password leaves the browser — only the
 * detached CMS signature does, through `onSigned`.
 */
export function SignWithKeyFile({
  purpose,
  submitLabel,
  content,
  onSigned,
  disabled = false,
}: {
  readonly purpose: KeyPurpose;
  readonly submitLabel: string;
  /** The bytes to sign, asked for only when the user has unlocked the key (a nonce, a request). */
  readonly content: () => Promise<Uint8Array>;
  readonly onSigned: (signature: Uint8Array) => Promise<void>;
  readonly disabled?: boolean;
}) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    let signer: RequestSigner | null = null;
    try {
      // The signature library (PKCS#12, CMS, X.509) is half the app's code: it loads only when a key is used.
      const { fromPkcs12, keyFileSigner } = await import('@ruqsat/pki');
      const key = await fromPkcs12(new Uint8Array(await file.arrayBuffer()), password);
      signer = keyFileSigner(key);
      const signature = await signer.sign(await content(), purpose);
      setPassword('');
      await onSigned(signature);
    } catch (caught) {
      setError(caught);
    } finally {
      signer?.close();
      setBusy(false);
    }
  };

  return (
    <form className="key-file" onSubmit={submit} aria-busy={busy}>
      <KeyFileFields
        fileLabel={t(purpose === 'auth' ? 'common:key.authFile' : 'common:key.signFile')}
        fileHint={t('common:key.fileHint')}
        password={password}
        onFile={setFile}
        onPassword={setPassword}
      />
      <ErrorMessage error={error} />
      <Button type="submit" busy={busy} disabled={disabled || !file || password === ''}>
        {busy ? t('common:key.signing') : submitLabel}
      </Button>
    </form>
  );
}

/**
 * A key's two controls: its PKCS#12 file and its password. The form around them decides what the
 * key is for — signing in this page (`SignWithKeyFile`) or handing it to the server to keep.
 */
export function KeyFileFields({
  fileLabel,
  fileHint,
  password,
  onFile,
  onPassword,
}: {
  readonly fileLabel: string;
  readonly fileHint?: string;
  readonly password: string;
  readonly onFile: (file: File | null) => void;
  readonly onPassword: (password: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={fileLabel} hint={fileHint}>
        {(control) => (
          <input
            {...control}
            type="file"
            accept=".p12,.pfx,application/x-pkcs12"
            required
            onChange={(event) => onFile(event.target.files?.[0] ?? null)}
          />
        )}
      </Field>
      <TextField
        label={t('common:key.password')}
        type="password"
        autoComplete="off"
        required
        value={password}
        onChange={(event) => onPassword(event.target.value)}
      />
    </>
  );
}

/** Base64 of bytes, as the API takes signatures. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

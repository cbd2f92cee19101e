import { useEffect, useState } from 'react';

/**
 * A blob: address for a fetched file, made and revoked in one effect: made during render (in a
 * memo) it would outlive a render React throws away, and StrictMode's second mount would show an
 * address already revoked.
 */
export function useObjectUrl(blob: Blob | null | undefined): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob) {
      setUrl(null);
      return;
    }
    const made = URL.createObjectURL(blob);
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [blob]);
  return url;
}

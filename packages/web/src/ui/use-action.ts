import { useCallback, useState } from 'react';

/**
 * One button's action: busy while it runs, and the error it ended with kept beside that button
 * (not in a global banner), cleared when it is tried again.
 */
export function useAction<A extends unknown[]>(run: (...args: A) => Promise<unknown>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const start = useCallback(
    async (...args: A): Promise<boolean> => {
      setBusy(true);
      setError(null);
      try {
        await run(...args);
        return true;
      } catch (caught) {
        setError(caught);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [run],
  );
  return { busy, error, start, clear: () => setError(null) };
}

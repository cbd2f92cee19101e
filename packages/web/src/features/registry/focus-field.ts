import { useEffect } from 'react';

/**
 * Takes the user to the field the API found wrong, so a screen reader reads its error (tied to it
 * by aria-describedby) right after the search, not only when the user happens to come back to it.
 */
export function useFocusOnError(fieldName: string, error: string | undefined): void {
  useEffect(() => {
    if (error) document.querySelector<HTMLInputElement>(`input[name="${fieldName}"]`)?.focus();
  }, [fieldName, error]);
}

import type { ReactNode } from 'react';

/**
 * A wide table's horizontal scroll box, reachable by keyboard (a region with a name that can take
 * the focus), so that a keyboard user can scroll it too.
 */
export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take the focus to be scrolled by keyboard
    <section className="table-wrap" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}

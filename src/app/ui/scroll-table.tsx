import type { ComponentChildren } from 'preact';

/** Wide tables scroll inside their own focusable region, never the page (320 px screens). */
export function ScrollTable({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <section class="table-scroll krds-table-wrap" tabindex={0} aria-label={label}>
      {children}
    </section>
  );
}

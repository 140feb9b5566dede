import type { ComponentChildren } from 'preact';
import type { QueueHead } from '../../db/pagination.ts';
import type { MessageKey } from '../../shared/i18n/index.ts';
import type { Ui } from './ui.ts';

/** Keyset paging offers "next" and "back to the first page" (a cursor cannot step backwards). */
export function Pager({ ui, firstHref, nextHref, onLaterPage }: { ui: Ui; firstHref: string; nextHref: string | null; onLaterPage: boolean }) {
  if (!nextHref && !onLaterPage) return null;
  return (
    <nav class="pager" aria-label={ui.t('pagination.label')}>
      {onLaterPage && (
        <a class="krds-btn tertiary" href={firstHref}>
          {ui.t('pagination.prev')}
        </a>
      )}
      {nextHref && (
        <a class="krds-btn secondary" href={nextHref} rel="next">
          {ui.t('pagination.next')}
        </a>
      )}
    </nav>
  );
}

/** `?key=value…` of the non-empty filter values, plus the cursor of the page to show. */
export function listQuery(filter: object, after?: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value !== undefined && value !== '') params.set(key, String(value));
  if (after) params.set('after', after);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * Under the heading of a queue shown in part (`queueHead`), before its rows: how many of it are shown
 * (`text`, by default: the rest come up as these are handled), and `children` (a link to the rest).
 */
export function QueueHeadNote({ ui, head, text = 'pagination.queueHead', children }: { ui: Ui; head: QueueHead<unknown>; text?: MessageKey; children?: ComponentChildren }) {
  if (head.total <= head.items.length) return null;
  return (
    <p class="meta">
      {ui.t(text, { shown: head.items.length })} {children}
    </p>
  );
}

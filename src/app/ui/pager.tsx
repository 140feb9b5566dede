import type { QueueHead } from '../../db/pagination.ts';
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

/** Under a queue shown in part (`queueHead`): how many of it are shown, the rest coming up as these are handled. */
export function QueueHeadNote({ ui, head }: { ui: Ui; head: QueueHead<unknown> }) {
  return head.total > head.items.length ? <p class="meta">{ui.t('pagination.queueHead', { shown: head.items.length })}</p> : null;
}

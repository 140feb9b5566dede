import { formatDateTime, type Locale, type MessageKey, type Translate } from '../../shared/i18n/index.ts';
import type { NoticeRow } from './notices.ts';

/** One line of the notification list, on the page and as the live stream sends it. */
export function NoticeItem({ t, locale, notice }: { t: Translate; locale: Locale; notice: NoticeRow }) {
  return (
    <li class={notice.read_at ? 'read' : 'unread'}>
      {!notice.read_at && <span class="krds-badge bg-primary">{t('notice.new')}</span>}{' '}
      <a href={`/notifications/${notice.id}`}>{t(notice.kind as MessageKey, notice.params)}</a>
      <span class="meta"> · {formatDateTime(locale, notice.created_at)}</span>
    </li>
  );
}

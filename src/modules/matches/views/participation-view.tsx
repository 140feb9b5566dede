import { Layout } from '../../../app/ui/layout.tsx';
import { Pager } from '../../../app/ui/pager.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { formatDate, formatDateTime } from '../../../shared/i18n/index.ts';
import { DemandStatusBadge } from '../../demands/index.ts';
import type { Participation } from '../replies.service.ts';
import { ReplyStatusBadge } from './reply-parts.tsx';

/** 우리 기관의 참여: every reply the actor's organisations sent, and the way into each negotiation. */
export function ParticipationView({ ui, participation }: { ui: Ui; participation: Participation }) {
  const { t } = ui;
  const { page, after } = participation;
  return (
    <Layout ui={ui} title={t('reply.mineTitle')} crumbs={[{ href: '/demands', label: t('demand.listTitle') }, { label: t('reply.mineTitle') }]}>
      <h1>{t('reply.mineTitle')}</h1>
      <p class="lead">{t('reply.mineLead')}</p>
      {page.items.length === 0 ? (
        <p class="empty">
          {t('reply.mineEmpty')} <a href="/demands">{t('demand.listTitle')}</a>
        </p>
      ) : (
        <ul class="card-list">
          {page.items.map((r) => (
            <li key={r.id} class="card">
              <h2 class="card-title">
                <a href={`/replies/${r.id}`}>{r.demand_title}</a>
              </h2>
              <p class="badges">
                <ReplyStatusBadge ui={ui} status={r.status} /> <DemandStatusBadge ui={ui} status={r.demand_status} />
              </p>
              <p class="meta">
                {t('reply.mineWho', { from: r.org_name, to: r.demand_org_name })} · {t('reply.sentOn', { date: formatDate(ui.locale, r.created_at) })} ·{' '}
                {r.last_message_at ? t('reply.lastMessage', { at: formatDateTime(ui.locale, new Date(r.last_message_at)) }) : t('reply.noMessages')}
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pager ui={ui} firstHref="/replies/mine" nextHref={page.nextCursor ? `/replies/mine?after=${encodeURIComponent(page.nextCursor)}` : null} onLaterPage={!!after} />
    </Layout>
  );
}

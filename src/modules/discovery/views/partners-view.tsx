import { PostButton } from '../../../app/ui/form.tsx';
import { Layout } from '../../../app/ui/layout.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { formatDate } from '../../../shared/i18n/index.ts';
import { SectorBadge, type Sector } from '../../orgs/index.ts';
import type { Invitation, Recommendation } from '../partners.service.ts';
import { Reasons } from './reasons.tsx';

interface PartnersProps {
  ui: Ui;
  demand: { id: number; title: string };
  recommendations: Recommendation[];
  invitations: Invitation[];
  canInvite: boolean;
}

export function PartnersView({ ui, demand, recommendations, invitations, canInvite }: PartnersProps) {
  const { t } = ui;
  return (
    <Layout
      ui={ui}
      title={`${t('partners.title')} · ${demand.title}`}
      crumbs={[{ label: t('demand.listTitle'), href: '/demands' }, { label: demand.title, href: `/demands/${demand.id}` }, { label: t('partners.title') }]}
    >
      <h1>{t('partners.title')}</h1>
      <p class="lead">{t('partners.lead')}</p>
      {recommendations.length === 0 ? (
        <p class="empty">{t('partners.empty')}</p>
      ) : (
        <ol class="partner-list">
          {recommendations.map((r) => (
            <li key={r.org.id} class="card">
              <h2>
                <a href={`/orgs/${r.org.id}`}>{r.org.name}</a>
              </h2>
              <p class="meta">
                <SectorBadge ui={ui} sector={r.org.sector as Sector} />
                {r.org.provinceName && ` · ${r.org.provinceName}`}
              </p>
              <Reasons ui={ui} reasons={r.reasons} />
              {r.invitedAt ? (
                <p class="meta">{t('partners.invited', { date: formatDate(ui.locale, r.invitedAt) })}</p>
              ) : (
                canInvite && <PostButton ui={ui} action={`/demands/${demand.id}/partners/${r.org.id}/invite`} label={t('partners.inviteLabel', { org: r.org.name })} variant="secondary" />
              )}
            </li>
          ))}
        </ol>
      )}
      <h2>{t('partners.invitations')}</h2>
      {invitations.length === 0 ? (
        <p class="empty">{t('partners.invitationsEmpty')}</p>
      ) : (
        <ul class="invitation-list">
          {invitations.map((i) => (
            <li key={i.id}>
              <a href={`/orgs/${i.id}`}>{i.name}</a> · {formatDate(ui.locale, i.created_at)} ·{' '}
              <span class={`krds-badge ${i.replied ? 'bg-success' : 'outline-gray'}`}>{t(i.replied ? 'partners.replied' : 'partners.waiting')}</span>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

import type { Ui } from '../../../app/ui/ui.ts';
import { membershipOf } from '../../../shared/context.ts';
import { formatDate } from '../../../shared/i18n/index.ts';
import { canOnDemand, type DemandDetail } from '../../demands/index.ts';
import { SectorBadge } from '../../orgs/index.ts';
import type { matchOfDemand } from '../cases.service.ts';
import { canOnReply, canReplyTo } from '../matches.policy.ts';
import type { PublicReply } from '../replies.service.ts';
import { CapabilityBadges, ReplyStatusBadge } from './reply-parts.tsx';

interface Props {
  ui: Ui;
  detail: DemandDetail;
  replies: PublicReply[];
  match: Awaited<ReturnType<typeof matchOfDemand>>;
}

/** On the demand's page: who replied (public), the way into each negotiation (parties), the match. */
export function DemandMatchSection({ ui, detail, replies, match }: Props) {
  const { t, actor } = ui;
  const { demand } = detail;
  const facts = (reply: PublicReply) => ({ ...reply, demand_org_id: demand.org_id, demand_status: demand.status });
  const demandActive = demand.status === 'open' || demand.status === 'negotiating';
  return (
    <>
      {match && (
        <section class="panel" aria-labelledby="match-h">
          <h2 id="match-h">{t('match.title')}</h2>
          {match.concluded_at ? (
            <p>
              {t('match.concludedOn', { date: formatDate(ui.locale, match.concluded_at) })} <a href={`/cases/${match.id}`}>{t('match.viewCase')}</a>
            </p>
          ) : (
            <>
              <p>{t('match.awaiting')}</p>
              <ul>
                {match.partners.map((p) => (
                  <li key={p.org_id}>
                    {p.name}: {p.confirmed_at ? t('match.confirmed') : t('match.notConfirmed')}
                  </li>
                ))}
              </ul>
              <p>
                <a href={`/cases/${match.id}`}>{t('match.open')}</a>
              </p>
            </>
          )}
        </section>
      )}
      <section aria-labelledby="replies-h">
        <h2 id="replies-h">{t('reply.listTitle', { count: replies.length })}</h2>
        <p class="actions">
          {canReplyTo(actor, demand) && (
            <a class="krds-btn" href={`/demands/${demand.id}/reply`}>
              {t('reply.write')}
            </a>
          )}
          {actor.kind === 'anonymous' && demandActive && !demand.hidden_at && (
            <a class="krds-btn secondary" href={`/login?next=${encodeURIComponent(`/demands/${demand.id}/reply`)}`}>
              {t('reply.loginToWrite')}
            </a>
          )}
          {!match && canOnDemand(actor, 'demand.close', demand) && replies.length > 0 && (
            <a class="krds-btn secondary" href={`/demands/${demand.id}/conclude`}>
              {t('match.record')}
            </a>
          )}
        </p>
        {replies.length === 0 ? (
          <p class="empty">{t('reply.none')}</p>
        ) : (
          <ul class="card-list">
            {replies.map((reply) => {
              const party = canOnReply(actor, 'reply.viewThread', facts(reply));
              return (
                <li key={reply.id} class="card">
                  <h3 class="card-title">
                    <a href={`/orgs/${reply.org_id}`}>{reply.org_name}</a>
                  </h3>
                  <p class="badges">
                    <SectorBadge ui={ui} sector={reply.org_sector} />{' '}
                    {(membershipOf(actor, demand.org_id) || membershipOf(actor, reply.org_id)) && <ReplyStatusBadge ui={ui} status={reply.status} />}
                  </p>
                  <CapabilityBadges ui={ui} capabilities={reply.capabilities} />
                  <p class="pre-line">{reply.statement}</p>
                  <p class="meta">
                    {formatDate(ui.locale, reply.created_at)}
                    {party && (
                      <>
                        {' · '}
                        <a href={`/replies/${reply.id}`}>{t('reply.openThread')}</a>
                      </>
                    )}
                  </p>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </>
  );
}

import { Pager } from '../../../app/ui/pager.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { membershipOf } from '../../../shared/context.ts';
import { formatDate } from '../../../shared/i18n/index.ts';
import { canOnDemand, type DemandDetail } from '../../demands/index.ts';
import { OrgName, SectorBadge } from '../../orgs/index.ts';
import type { matchOfDemand } from '../cases.service.ts';
import { canOnReply, REPLY_BLOCKED, replyBlocker } from '../matches.policy.ts';
import type { PublicReply, repliesOfDemand } from '../replies.service.ts';
import { CapabilityBadges, ReplyStatusBadge } from './reply-parts.tsx';

interface Props {
  ui: Ui;
  detail: DemandDetail;
  replies: Awaited<ReturnType<typeof repliesOfDemand>>;
  match: Awaited<ReturnType<typeof matchOfDemand>>;
  /** Past the first page of replies. */
  onLaterPage: boolean;
}

/**
 * What stands between the reader and a reply, with the way through: sign in, join or register an
 * organisation, have it verified. Nothing for a demand that takes no replies or the demanding members.
 */
function ReplyHowTo({ ui, demand, blocker }: { ui: Ui; demand: DemandDetail['demand']; blocker: ReturnType<typeof replyBlocker> }) {
  const { t, actor } = ui;
  if (blocker === null || blocker === 'closed' || blocker === 'ownOrgOnly') return null;
  const unverified = actor.kind === 'user' ? actor.memberships.find((m) => m.orgId !== demand.org_id && m.orgStatus !== 'verified') : undefined;
  return (
    <div class="notice" role="note">
      <p>{t(blocker === 'signIn' ? 'reply.blocked.signIn' : REPLY_BLOCKED[blocker])}</p>
      <p class="actions">
        {blocker === 'signIn' && (
          <a class="krds-btn secondary" href={`/login?next=${encodeURIComponent(`/demands/${demand.id}/reply`)}`}>
            {t('reply.loginToWrite')}
          </a>
        )}
        {blocker === 'needOrg' && (
          <>
            <a class="krds-btn secondary small" href="/orgs/new">
              {t('reply.registerOrg')}
            </a>{' '}
            <a class="krds-btn tertiary small" href="/orgs">
              {t('reply.findOrg')}
            </a>
          </>
        )}
        {unverified && (
          <a class="krds-btn secondary small" href={`/orgs/${unverified.orgId}`}>
            {t('reply.openOrg')}
          </a>
        )}
      </p>
    </div>
  );
}

/** On the demand's page: who replied (public), the way into each negotiation (parties), the match. */
export function DemandMatchSection({ ui, detail, replies, match, onLaterPage }: Props) {
  const { t, actor } = ui;
  const { demand } = detail;
  const facts = (reply: PublicReply) => ({ ...reply, demand_org_id: demand.org_id, demand_status: demand.status });
  const blocker = replyBlocker(actor, demand);
  const canRecord = !match && canOnDemand(actor, 'demand.close', demand) && replies.count > 0;
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
        <h2 id="replies-h">{t('reply.listTitle', { count: replies.count })}</h2>
        <ReplyHowTo ui={ui} demand={demand} blocker={blocker} />
        {(blocker === null || canRecord) && (
          <p class="actions">
            {blocker === null && (
              <a class="krds-btn" href={`/demands/${demand.id}/reply`}>
                {t('reply.write')}
              </a>
            )}
            {canRecord && (
              <a class="krds-btn secondary" href={`/demands/${demand.id}/conclude`}>
                {t('match.record')}
              </a>
            )}
          </p>
        )}
        {replies.items.length === 0 ? (
          <p class="empty">{t(blocker === null ? 'reply.none' : 'reply.noneYet')}</p>
        ) : (
          <ul class="card-list">
            {replies.items.map((reply) => {
              const party = canOnReply(actor, 'reply.viewThread', facts(reply));
              return (
                <li key={reply.id} class="card">
                  <h3 class="card-title">
                    <OrgName ui={ui} org={{ id: reply.org_id, name: reply.org_name, status: reply.org_status }} />
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
        <Pager
          ui={ui}
          firstHref={`/demands/${demand.id}#replies-h`}
          nextHref={replies.nextCursor ? `/demands/${demand.id}?replies=${encodeURIComponent(replies.nextCursor)}#replies-h` : null}
          onLaterPage={onLaterPage}
        />
      </section>
    </>
  );
}

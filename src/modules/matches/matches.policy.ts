import { type Actor, isOperator, membershipOf } from '../../shared/context.ts';
import type { MessageKey } from '../../shared/i18n/index.ts';
import type { DemandStatus } from '../demands/index.ts';
import type { ReplyStatus } from './matches.tables.ts';

export type ReplyAction = 'reply.viewThread' | 'reply.edit' | 'reply.withdraw' | 'reply.post' | 'reply.decide' | 'reply.hide';

export interface ReplyFacts {
  org_id: number;
  status: ReplyStatus;
  demand_org_id: number;
  demand_status: DemandStatus;
}

/** Replies still in play: not declined, not withdrawn. */
export const LIVE_STATUSES = ['active', 'shortlisted', 'invited'] as const satisfies readonly ReplyStatus[];
const LIVE: ReadonlySet<ReplyStatus> = new Set(LIVE_STATUSES);
const DEMAND_ACTIVE: ReadonlySet<DemandStatus> = new Set(['open', 'negotiating']);

/** Pure rules: the service enforces them and the views ask them which buttons to show. */
export function canOnReply(actor: Actor, action: ReplyAction, reply: ReplyFacts): boolean {
  const replier = !!membershipOf(actor, reply.org_id);
  const demander = !!membershipOf(actor, reply.demand_org_id);
  switch (action) {
    case 'reply.viewThread':
      // Private notes, messages and meetings: the two organisations and operators only.
      return replier || demander || isOperator(actor);
    case 'reply.edit':
    case 'reply.withdraw':
      return replier && LIVE.has(reply.status) && DEMAND_ACTIVE.has(reply.demand_status);
    case 'reply.post':
      return (replier || demander) && reply.status !== 'withdrawn';
    case 'reply.decide':
      return demander && LIVE.has(reply.status) && DEMAND_ACTIVE.has(reply.demand_status);
    case 'reply.hide':
      return isOperator(actor);
  }
}

type ReplyTarget = { org_id: number; status: DemandStatus; hidden_at: Date | null };

/**
 * What keeps the actor from replying to a demand that takes replies (open or negotiating, not hidden),
 * so that the page can say what is needed: signing in, an organisation, its verification. Replies come
 * from a verified organisation other than the demanding one. 'closed' when the demand takes none;
 * null when the actor may reply.
 */
export function replyBlocker(actor: Actor, demand: ReplyTarget): 'closed' | 'signIn' | 'needOrg' | 'ownOrgOnly' | 'needVerified' | null {
  if (demand.hidden_at || !DEMAND_ACTIVE.has(demand.status)) return 'closed';
  if (actor.kind !== 'user') return 'signIn';
  const others = actor.memberships.filter((m) => m.orgId !== demand.org_id);
  if (others.some((m) => m.orgStatus === 'verified')) return null;
  if (others.length) return 'needVerified';
  return actor.memberships.length ? 'ownOrgOnly' : 'needOrg';
}

/** The message a refused reply answers with (403: the demand is visible, the reason is not a secret). */
export const REPLY_BLOCKED: Record<NonNullable<ReturnType<typeof replyBlocker>>, MessageKey> = {
  closed: 'reply.blocked.closed',
  signIn: 'error.unauthenticated',
  needOrg: 'reply.blocked.needOrg',
  ownOrgOnly: 'reply.blocked.ownOrgOnly',
  needVerified: 'reply.blocked.needVerified',
};

export function canReplyTo(actor: Actor, demand: ReplyTarget): boolean {
  return replyBlocker(actor, demand) === null;
}

export function isLive(status: ReplyStatus): boolean {
  return LIVE.has(status);
}

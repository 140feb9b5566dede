import { type Actor, isOperator, membershipOf } from '../../shared/context.ts';
import type { DemandStatus } from '../demands/index.ts';
import type { ReplyStatus } from './matches.tables.ts';

export type ReplyAction = 'reply.viewThread' | 'reply.edit' | 'reply.withdraw' | 'reply.post' | 'reply.decide' | 'reply.hide';

export interface ReplyFacts {
  org_id: number;
  status: ReplyStatus;
  demand_org_id: number;
  demand_status: DemandStatus;
}

const LIVE: ReadonlySet<ReplyStatus> = new Set(['active', 'shortlisted', 'invited']);
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

/** Replying: a member of an organisation other than the demanding one, while the demand is open or negotiating. */
export function canReplyTo(actor: Actor, demand: { org_id: number; status: DemandStatus; hidden_at: Date | null }): boolean {
  if (actor.kind !== 'user' || demand.hidden_at || !DEMAND_ACTIVE.has(demand.status)) return false;
  return actor.memberships.some((m) => m.orgId !== demand.org_id);
}

export function isLive(status: ReplyStatus): boolean {
  return LIVE.has(status);
}

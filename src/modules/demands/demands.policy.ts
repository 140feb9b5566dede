import { type Actor, isOperator, membershipOf, verifiedMembershipOf } from '../../shared/context.ts';
import type { DemandStatus } from './demands.tables.ts';

export type DemandAction =
  | 'demand.view'
  | 'demand.edit'
  | 'demand.publish'
  | 'demand.withdraw'
  | 'demand.close'
  | 'demand.viewContact'
  | 'demand.viewEditors'
  | 'demand.hide'
  | 'demand.recommend'
  | 'demand.invite';

export interface DemandFacts {
  org_id: number;
  status: DemandStatus;
  hidden_at: Date | null;
}

const EDITABLE: ReadonlySet<DemandStatus> = new Set(['draft', 'open', 'negotiating']);

/** Whether the actor works for the organisation that wrote the demand. */
function isDemandingMember(actor: Actor, demand: Pick<DemandFacts, 'org_id'>): boolean {
  return !!membershipOf(actor, demand.org_id);
}

/** Pure rules: the service enforces them and the views ask them which buttons to show. */
export function can(actor: Actor, action: DemandAction, demand: DemandFacts): boolean {
  const member = isDemandingMember(actor, demand);
  switch (action) {
    case 'demand.view':
      // Drafts and hidden demands stay with their organisation (and operators, who see everything).
      return member || isOperator(actor) || (demand.status !== 'draft' && !demand.hidden_at);
    case 'demand.edit':
    case 'demand.withdraw':
      return member && EDITABLE.has(demand.status);
    case 'demand.publish':
      // A pending organisation prepares drafts; only a verified one speaks in public (publishBlocker says why).
      return member && demand.status === 'draft' && !!verifiedMembershipOf(actor, demand.org_id);
    case 'demand.close':
      return member && (demand.status === 'open' || demand.status === 'negotiating');
    case 'demand.viewContact':
      // The contact person is for verified organisations looking to work together, not the public.
      return isOperator(actor) || !!verifiedMembershipOf(actor);
    case 'demand.viewEditors':
      // Who in the organisation wrote which version is the organisation's business; others see the organisation.
      return member || isOperator(actor);
    case 'demand.hide':
      return isOperator(actor);
    case 'demand.recommend':
      // Who might fit is the demanding organisation's working knowledge, not a public ranking.
      return member || isOperator(actor);
    case 'demand.invite':
      return member && (demand.status === 'open' || demand.status === 'negotiating');
  }
}

/**
 * Why a member of the demanding organisation cannot publish its draft: the organisation is not verified
 * yet ('orgUnverified' or 'orgPending') or was refused ('orgRejected'); null when nothing stands in the way
 * or the actor is not such a member.
 */
export function publishBlocker(actor: Actor, demand: DemandFacts): 'orgUnverified' | 'orgPending' | 'orgRejected' | null {
  const membership = membershipOf(actor, demand.org_id);
  if (!membership || demand.status !== 'draft' || membership.orgStatus === 'verified') return null;
  return membership.orgStatus === 'pending' ? 'orgPending' : membership.orgStatus === 'rejected' ? 'orgRejected' : 'orgUnverified';
}

import { type Actor, isOperator, membershipOf } from '../../shared/context.ts';
import type { OrgStatus } from './orgs.tables.ts';

export type OrgAction = 'org.view' | 'org.edit' | 'org.manageMembers' | 'org.requestVerification' | 'org.viewMembers' | 'org.join';

interface OrgFacts {
  id: number;
  status: OrgStatus;
}

/** Pure rules: the service enforces them and the views ask them which buttons to show. */
export function can(actor: Actor, action: OrgAction, org: OrgFacts): boolean {
  const membership = membershipOf(actor, org.id);
  const isAdmin = membership?.role === 'admin';
  switch (action) {
    case 'org.view':
      return org.status !== 'rejected' || isAdmin || !!membership || isOperator(actor);
    case 'org.edit':
    case 'org.manageMembers':
      return isAdmin || isOperator(actor);
    case 'org.requestVerification':
      return isAdmin && (org.status === 'unverified' || org.status === 'rejected');
    case 'org.viewMembers':
      return !!membership || isOperator(actor);
    case 'org.join':
      return actor.kind === 'user' && !membership;
  }
}

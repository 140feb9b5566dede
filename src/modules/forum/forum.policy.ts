/**
 * Who may do what with a proposal. Pure: the service gathers the proposal's facts (its stage at the
 * moment of asking, from `stageAt`) and the actor's relation to it. Before publication a proposal
 * exists only for its authors and the operators (404 for everyone else).
 */
import { type Actor, isOperator, verifiedMembershipOf } from '../../shared/context.ts';
import type { ProposalStatus } from './forum.tables.ts';

export interface ProposalFacts {
  author_id: number | null;
  org_id: number;
  /** The stage now (`stageAt`), not the stored status. */
  stage: ProposalStatus;
  published: boolean;
  /** The actor is a co-author who accepted, or one who is invited (who may look before deciding). */
  coauthor: 'accepted' | 'invited' | null;
}

export type ProposalAction =
  | 'proposal.view'
  | 'proposal.edit'
  | 'proposal.submit'
  | 'proposal.withdraw'
  | 'proposal.check'
  | 'proposal.summarise'
  | 'proposal.answer'
  | 'proposal.complete'
  | 'proposal.moderate';

function relationOf(actor: Actor, p: ProposalFacts) {
  return {
    operator: isOperator(actor),
    author: actor.kind === 'user' && p.author_id === actor.id,
    coauthor: p.coauthor === 'accepted',
    invited: p.coauthor === 'invited',
    // The responsible body speaks through members of its verified organisation.
    body: verifiedMembershipOf(actor, p.org_id) !== undefined,
  };
}

export function can(actor: Actor, action: ProposalAction, p: ProposalFacts): boolean {
  const r = relationOf(actor, p);
  switch (action) {
    case 'proposal.view':
      return p.published || r.operator || r.author || r.coauthor || r.invited;
    case 'proposal.edit':
      return (r.author || r.coauthor) && (p.stage === 'draft' || p.stage === 'returned');
    case 'proposal.submit':
      return r.author && (p.stage === 'draft' || p.stage === 'returned');
    case 'proposal.withdraw':
      // Once the supports came, the proposal is the supporters' too: it goes on to an answer.
      return r.author && ['draft', 'checking', 'returned', 'discussion', 'support'].includes(p.stage);
    case 'proposal.check':
      return r.operator && p.stage === 'checking';
    case 'proposal.summarise':
      // 논점 정리: the author, or an operator as facilitator, while the proposal is deliberated.
      return (r.author || r.operator) && ['discussion', 'support', 'review'].includes(p.stage);
    case 'proposal.answer':
      return r.body && p.stage === 'review';
    case 'proposal.complete':
      return r.body && p.stage === 'adopted';
    case 'proposal.moderate':
      return r.operator && p.published;
  }
}

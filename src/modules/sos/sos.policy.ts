/**
 * Who may do what with an SOS. Pure: the service gathers the ticket and the actor's relation to it.
 * Anyone without a relation finds nothing (404).
 */
import { type Actor, isOperator, membershipOf } from '../../shared/context.ts';
import type { SosStatus } from './sos.tables.ts';

export interface TicketFacts {
  requester_id: number | null;
  org_id: number;
  status: SosStatus;
  /** The actor is a guest responder of this ticket. */
  guest: boolean;
  /** The actor sits in the TF of the task the ticket concerns. */
  tfSeat: boolean;
}

export type SosAction = 'sos.view' | 'sos.reply' | 'sos.close' | 'sos.guestReply' | 'sos.desk';

function relationOf(actor: Actor, ticket: TicketFacts) {
  const membership = membershipOf(actor, ticket.org_id);
  return {
    desk: isOperator(actor),
    // A request is its organisation's: who asked keeps it while a member, and its admins can settle it.
    requester: actor.kind === 'user' && ticket.requester_id === actor.id && membership !== undefined,
    orgAdmin: membership?.role === 'admin',
    colleague: membership !== undefined,
    guest: ticket.guest,
    tf: ticket.tfSeat,
  };
}

export function can(actor: Actor, action: SosAction, ticket: TicketFacts): boolean {
  const r = relationOf(actor, ticket);
  const live = ticket.status !== 'closed';
  switch (action) {
    case 'sos.view':
      return r.desk || r.requester || r.colleague || r.guest || r.tf;
    case 'sos.reply':
      // The requester's side: the requester and colleagues of their organisation add what the desk asks.
      return live && (r.requester || r.colleague);
    case 'sos.close':
      // Confirming, reopening and rating are the requester's word, or their organisation's admins'.
      return r.requester || r.orgAdmin;
    case 'sos.guestReply':
      return live && r.guest;
    case 'sos.desk':
      return r.desk;
  }
}

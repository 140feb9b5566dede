import type { Generated } from 'kysely';

/** What an SOS is about (협업SOS 유형). */
export const SOS_CATEGORIES = ['law', 'budget', 'systems', 'staffing', 'mediation', 'other'] as const;
export type SosCategory = (typeof SOS_CATEGORIES)[number];

export const URGENCIES = ['urgent', 'normal', 'low'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** open: with the desk; waiting: the desk asked for information (the clock is paused); solved: a solution awaits the requester's word; closed. */
export type SosStatus = 'open' | 'waiting' | 'solved' | 'closed';

/** Response targets (SLA) per category and urgency, editable by operators. */
export interface SosTargetsTable {
  category: SosCategory;
  urgency: Urgency;
  /** Working hours to a first answer (즉시 = 3). */
  first_response_hours: number;
  /** Days to a solution, counted as 민원처리법 시행령 제19조 counts (hours up to five days, days from six). */
  resolution_days: number;
}

export interface SosDeskTable {
  user_id: number;
  /** Told when a target is breached. */
  lead: Generated<boolean>;
}

export interface SosTicketsTable {
  id: Generated<number>;
  requester_id: number | null;
  org_id: number;
  task_id: number | null;
  category: SosCategory;
  urgency: Urgency;
  title: string;
  description: string;
  status: Generated<SosStatus>;
  assignee_id: number | null;
  first_response_due_at: Date;
  first_response_warn_at: Date;
  resolution_due_at: Date;
  resolution_warn_at: Date;
  first_responded_at: Date | null;
  /** Business minutes from receipt to the first response, and to the solution (kept for the figures). */
  first_response_minutes: number | null;
  resolution_minutes: number | null;
  paused_since: Date | null;
  /** Business minutes the clock stood still, waiting for the requester. */
  paused_minutes: Generated<number>;
  solved_at: Date | null;
  resolution_category: string | null;
  closed_at: Date | null;
  reopened: Generated<number>;
  satisfaction: number | null;
  satisfaction_comment: string | null;
  created_at: Date;
  updated_at: Date;
}

export type SosMessageKind = 'answer' | 'note' | 'info_request' | 'solution' | 'requester' | 'guest';

export interface SosMessagesTable {
  id: Generated<number>;
  ticket_id: number;
  author_id: number | null;
  /** `note` is the desk's internal note, never shown to the requester or a guest. */
  kind: SosMessageKind;
  body: string;
  created_at: Date;
}

/** A responder from another organisation, invited for one ticket (they see only that ticket). */
export interface SosGuestsTable {
  ticket_id: number;
  user_id: number;
  invited_by: number | null;
  invited_at: Date;
}

export interface SosSlaEventsTable {
  ticket_id: number;
  target: 'first' | 'resolution';
  kind: 'warning' | 'breach';
  at: Date;
}

/** 협업 Q&A: a solved ticket's answer made public by an operator (edited, without personal details). */
export interface SosEntriesTable {
  id: Generated<number>;
  ticket_id: number | null;
  category: SosCategory;
  title: string;
  question: string;
  answer: string;
  search_vector: string;
  published_by: number | null;
  published_at: Date;
  updated_at: Date;
}

export interface SosTables {
  sos_targets: SosTargetsTable;
  sos_desk: SosDeskTable;
  sos_tickets: SosTicketsTable;
  sos_messages: SosMessagesTable;
  sos_guests: SosGuestsTable;
  sos_sla_events: SosSlaEventsTable;
  sos_entries: SosEntriesTable;
}

import type { Generated } from 'kysely';

export const REPLY_STATUSES = ['active', 'shortlisted', 'invited', 'declined', 'withdrawn'] as const;
export type ReplyStatus = (typeof REPLY_STATUSES)[number];

/** 협업 이음 참여 답글: one active per organisation and demand. */
export interface RepliesTable {
  id: Generated<number>;
  demand_id: number;
  org_id: number;
  author_id: number | null;
  /** Public: shown on the demand's page. */
  statement: string;
  /** Seen only by the two organisations and operators. */
  private_note: Generated<string>;
  status: Generated<ReplyStatus>;
  decline_reason: string | null;
  hidden_at: Date | null;
  hidden_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface ReplyCapabilitiesTable {
  reply_id: number;
  capability_id: number;
}

/** The private negotiation thread of a (demand, replying organisation) pair hangs off the reply. */
export interface ThreadMessagesTable {
  id: Generated<number>;
  reply_id: number;
  org_id: number;
  author_id: number | null;
  body: string;
  created_at: Date;
}

export interface MeetingsTable {
  id: Generated<number>;
  reply_id: number;
  held_on: string;
  mode: 'online' | 'offline';
  attendees: string;
  notes: string;
  recorded_by: number | null;
  created_at: Date;
}

/** 협업 이음 성사: concluded once every partner has confirmed. */
export interface MatchesTable {
  id: Generated<number>;
  demand_id: number;
  summary: string;
  lead_contribution: string;
  started_on: string;
  recorded_by: number | null;
  created_at: Date;
  concluded_at: Date | null;
}

export interface MatchPartnersTable {
  match_id: number;
  org_id: number;
  contribution: Generated<string>;
  confirmed_at: Date | null;
  confirmed_by: number | null;
}

export interface MatchUpdatesTable {
  id: Generated<number>;
  match_id: number;
  org_id: number;
  author_id: number | null;
  body: string;
  created_at: Date;
}

export interface MatchesTables {
  replies: RepliesTable;
  reply_capabilities: ReplyCapabilitiesTable;
  thread_messages: ThreadMessagesTable;
  meetings: MeetingsTable;
  matches: MatchesTable;
  match_partners: MatchPartnersTable;
  match_updates: MatchUpdatesTable;
}

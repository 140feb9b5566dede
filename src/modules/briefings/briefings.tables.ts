import type { Generated } from 'kysely';

/** 온라인 사업설명회: demanding organisations present their demands to prospective partners. */
export interface BriefingsTable {
  id: Generated<number>;
  title: string;
  summary: Generated<string>;
  starts_at: Date;
  minutes: number;
  online_url: string | null;
  venue: string | null;
  capacity: number;
  published_at: Date | null;
  /** When the day-before reminder went out: once. */
  reminded_at: Date | null;
  /** A safe Markdown subset, shown once published. */
  recap: Generated<string>;
  recap_published_at: Date | null;
  created_by: number | null;
  created_at: Date;
  /** The calendar event's version (RFC 5545 SEQUENCE): raised at each change of date, length or place. */
  sequence: Generated<number>;
  /** Last change of its details (the event's LAST-MODIFIED). */
  updated_at: Date;
}

export interface BriefingDemandsTable {
  briefing_id: number;
  demand_id: number;
  /** The demanding organisation said it will present. */
  confirmed_at: Date | null;
  confirmed_by: number | null;
}

export type RegistrationStatus = 'registered' | 'waitlisted' | 'cancelled';

export interface BriefingRegistrationsTable {
  id: Generated<number>;
  briefing_id: number;
  user_id: number;
  org_id: number | null;
  status: RegistrationStatus;
  created_at: Date;
}

export interface BriefingsTables {
  briefings: BriefingsTable;
  briefing_demands: BriefingDemandsTable;
  briefing_registrations: BriefingRegistrationsTable;
}

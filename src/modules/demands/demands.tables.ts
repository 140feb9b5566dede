import type { ColumnType, Generated } from 'kysely';

export const PURPOSES = ['find-partner', 'pilot', 'expand', 'spread'] as const;
export type Purpose = (typeof PURPOSES)[number];

export const DEMAND_STATUSES = ['draft', 'open', 'negotiating', 'concluded', 'closed', 'withdrawn'] as const;
export type DemandStatus = (typeof DEMAND_STATUSES)[number];

export type ItemKind = 'offer' | 'need';

/** Written as a JSON string, read back as the parsed value (both backends parse jsonb). */
export type Json<T> = ColumnType<T, string, string>;

/** 협업이음 수요과제. */
export interface DemandsTable {
  id: Generated<number>;
  org_id: number;
  author_id: number | null;
  title: string;
  summary: string;
  /** A safe Markdown subset, rendered by shared/markdown.tsx. */
  body: string;
  purpose: Purpose;
  status: Generated<DemandStatus>;
  target_sectors: string[];
  /** Region codes; empty means 전국 (nationwide). */
  target_regions: string[];
  partners_sought: number;
  /** 'YYYY-MM-DD', the last day replies are invited (KST). */
  deadline: string;
  contact_name: string;
  contact_email: string | null;
  contact_phone: string | null;
  /** Active replies, kept by the matches module for the "most replies" sort. */
  reply_count: Generated<number>;
  revision: Generated<number>;
  published_at: Date | null;
  closed_at: Date | null;
  /** When the "deadline in 3 days and no reply" notice went out. */
  reminded_at: Date | null;
  hidden_at: Date | null;
  hidden_reason: string | null;
  search_vector: string;
  created_at: Date;
  updated_at: Date;
}

export interface ThemesTable {
  id: Generated<number>;
  name: string;
  name_en: string;
  sort: Generated<number>;
  archived_at: Date | null;
}

export interface DemandThemesTable {
  demand_id: number;
  theme_id: number;
}

/** What the demanding organisation offers (제공 가능 자원) or needs (필요 역량·자원). */
export interface DemandItemsTable {
  id: Generated<number>;
  demand_id: number;
  kind: ItemKind;
  capability_id: number;
  description: string;
  sort: number;
}

export interface DemandRevisionsTable {
  id: Generated<number>;
  demand_id: number;
  revision: number;
  editor_id: number | null;
  snapshot: Json<Record<string, unknown>>;
  created_at: Date;
}

/** The lifecycle log statistics read: one row per transition or reply, with who and when. */
export interface DemandEventsTable {
  id: Generated<number>;
  demand_id: number;
  kind: string;
  actor_id: number | null;
  org_id: number | null;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
  at: Date;
}

export interface AttachmentsTable {
  id: Generated<number>;
  owner_type: 'demand' | 'message' | 'briefing' | 'task' | 'sos' | 'proposal';
  owner_id: number;
  filename: string;
  mime: string;
  size_bytes: number;
  storage_key: string;
  sha256: string;
  uploaded_by: number | null;
  created_at: Date;
}

/** Capabilities an organisation's live demands need, kept up to date with each lifecycle event. */
export interface OrgWantsTable {
  org_id: number;
  capability_id: number;
}

export interface DemandsTables {
  demands: DemandsTable;
  themes: ThemesTable;
  demand_themes: DemandThemesTable;
  demand_items: DemandItemsTable;
  demand_revisions: DemandRevisionsTable;
  demand_events: DemandEventsTable;
  attachments: AttachmentsTable;
  org_wants: OrgWantsTable;
}

import type { Generated, JSONColumnType } from 'kysely';

/** Security-relevant actions: logins, role changes, verifications, moderation. */
export interface AuditLogTable {
  id: Generated<number>;
  at: Date;
  actor_id: number | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  detail: JSONColumnType<Record<string, unknown>>;
  ip: string | null;
}

/** One row per counted event (a failed login, a sign-up…) for rate limits shared by all instances. */
export interface RateEventsTable {
  id: Generated<number>;
  bucket: string;
  at: Date;
}

/** Create forms carried out, by person and the form's one-time key (shared/unique.ts `createOnce`). */
export interface FormSubmissionsTable {
  user_id: number;
  form_key: string;
  result_id: number | null;
  created_at: Date;
}

/**
 * What a visitor had typed into a form that could not be taken (its CSRF token no longer matched:
 * signed out in another tab, session expired), kept for the page it came from (shared/form-drafts.ts).
 */
export interface FormDraftsTable {
  /** SHA-256 of the visitor's `csrf` cookie: the same browser, before and after signing in. */
  visitor: string;
  /** The page (path and query) the form is on. */
  page: string;
  /** The form's action, which identifies the form on a page with several. */
  action: string;
  form_values: JSONColumnType<Record<string, string | string[]>>;
  expires_at: Date;
}

/** A day off beyond the gazette's holidays (임시공휴일, a local closure), entered by operators. */
export interface BusinessClosuresTable {
  day: string;
  name: string;
  created_by: number | null;
  created_at: Date;
}

export interface SharedTables {
  audit_log: AuditLogTable;
  rate_events: RateEventsTable;
  form_submissions: FormSubmissionsTable;
  form_drafts: FormDraftsTable;
  business_closures: BusinessClosuresTable;
}

import { createHash } from 'node:crypto';
import type { Db } from './context.ts';

/** A form's typed values as the page gets them back, for the form whose action is `action`. */
export interface RestoredForm {
  action: string;
  values: Record<string, string | string[]>;
}

/** How long a refused form's text waits for its writer to come back (signing in again included). */
const KEEP_MS = 24 * 3600 * 1000;

/** Secrets a page never sends back to the browser or keeps: typed again (a password, a code), or mailed again (a reset token), or made again (a TOTP secret). */
export const SECRET_FIELD = /password|totp|secret|token|^code$/i;
/** Never kept: secrets, and the form's own hidden fields (a fresh token and one-time key come with the page). */
const NOT_KEPT = new RegExp(`${SECRET_FIELD.source}|^_`, 'i');

const visitorKey = (seed: string) => createHash('sha256').update(seed).digest('base64url');

/** The typed text fields of a form body (files and secrets left out). */
function keptValues(body: Record<string, unknown>): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(body)) {
    if (NOT_KEPT.test(name)) continue;
    if (typeof value === 'string') values[name] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) values[name] = value;
  }
  return values;
}

/** The most text a draft or a refused post's page holds: the longest field of ours (100,000 characters) thrice over. */
export const MAX_DRAFT_CHARS = 300_000;

/** Fields a form of ours has at most, many times over (a multipart form may send 200). */
const MAX_DRAFT_FIELDS = 300;

/** Whether `body` is within MAX_DRAFT_CHARS of text in at most MAX_DRAFT_FIELDS fields: what a person could have typed into a form of ours. */
export function draftFits(body: Record<string, unknown>): boolean {
  const texts = Object.values(body).flatMap((value) => (Array.isArray(value) ? value : [value])).filter((v): v is string => typeof v === 'string');
  return texts.length <= MAX_DRAFT_FIELDS && texts.reduce((sum, text) => sum + text.length, 0) <= MAX_DRAFT_CHARS;
}

/** Keeps what was typed into the form posted to `action` from `page`, for this browser (one draft per page). */
export async function keepDraft(db: Db, now: Date, seed: string, page: string, action: string, body: Record<string, unknown>): Promise<void> {
  const row = { visitor: visitorKey(seed), page, action, form_values: JSON.stringify(keptValues(body)), expires_at: new Date(now.getTime() + KEEP_MS) };
  await db
    .insertInto('form_drafts')
    .values(row)
    .onConflict((oc) => oc.columns(['visitor', 'page']).doUpdateSet({ action: row.action, form_values: row.form_values, expires_at: row.expires_at }))
    .execute();
}

/** The draft kept for this browser and page, or null. */
export async function findDraft(db: Db, now: Date, seed: string, page: string): Promise<RestoredForm | null> {
  const row = await db
    .selectFrom('form_drafts')
    .select(['action', 'form_values'])
    .where('visitor', '=', visitorKey(seed))
    .where('page', '=', page)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row ? { action: row.action, values: row.form_values } : null;
}

/** Once a page has shown it, the draft is gone: the form holds the text now. */
export async function forgetDraft(db: Db, seed: string, page: string): Promise<void> {
  await db.deleteFrom('form_drafts').where('visitor', '=', visitorKey(seed)).where('page', '=', page).execute();
}

export async function pruneFormDrafts(db: Db, now: Date): Promise<void> {
  await db.deleteFrom('form_drafts').where('expires_at', '<', now).execute();
}

import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * A briefing's calendar event keeps its UID when it moves; calendars tell the new version from the
 * old by SEQUENCE (RFC 5545 §3.8.7.4), raised at each change of date, length or place, and show
 * LAST-MODIFIED from `updated_at`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `ALTER TABLE briefings ADD COLUMN sequence integer NOT NULL DEFAULT 0;
     ALTER TABLE briefings ADD COLUMN updated_at timestamptz;
     UPDATE briefings SET updated_at = created_at;
     ALTER TABLE briefings ALTER COLUMN updated_at SET NOT NULL;`,
  );
}

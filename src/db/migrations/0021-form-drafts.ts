import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * A form refused for its CSRF token (signed out in another tab, an expired session) keeps what was
 * typed, for the same browser's next view of the page, also after signing in again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `CREATE TABLE form_drafts (
       visitor text NOT NULL,
       page text NOT NULL,
       action text NOT NULL,
       form_values jsonb NOT NULL,
       expires_at timestamptz NOT NULL,
       PRIMARY KEY (visitor, page)
     );
     CREATE INDEX form_drafts_expiry ON form_drafts (expires_at)`,
  );
}

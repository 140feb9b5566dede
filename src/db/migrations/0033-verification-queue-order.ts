import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * The verification queue in the order organisations asked, not the order they were last edited: an
 * organisation's admin may edit it while it waits, and by `updated_at` that sent it to the back of a
 * queue now shown 50 at a time. Requests from before `verification_requested_at` existed (0019) take
 * their last edit as the time they asked.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `UPDATE orgs SET verification_requested_at = updated_at WHERE status = 'pending' AND verification_requested_at IS NULL;
     DROP INDEX orgs_pending;
     CREATE INDEX orgs_pending ON orgs (verification_requested_at, id) WHERE status = 'pending';`,
  );
}

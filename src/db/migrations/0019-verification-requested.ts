import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * When an organisation asked to be verified: a waiting organisation is told how long verification
 * usually takes (the median of recent requests to their decision), which needs the request's time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, 'ALTER TABLE orgs ADD COLUMN verification_requested_at timestamptz;');
}

import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * Lists that are costly to work out — a demand's similar demands, the demands an organisation could
 * answer — stored per subject, so that a page reads them instead of computing them for every visitor
 * (modules/discovery/stored-lists.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `CREATE TABLE discovery_lists (
       kind text NOT NULL CHECK (kind IN ('similar', 'suggestions')),
       subject_id bigint NOT NULL,
       payload jsonb NOT NULL,
       computed_at timestamptz NOT NULL,
       PRIMARY KEY (kind, subject_id)
     );`,
  );
}

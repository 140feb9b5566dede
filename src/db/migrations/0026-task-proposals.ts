import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * A collaboration task may grow out of an adopted citizen proposal (국민포럼): the loop from idea to
 * outcome. One task per proposal, a database rule.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, 'ALTER TABLE tasks ADD COLUMN proposal_id bigint UNIQUE REFERENCES forum_proposals (id);');
}

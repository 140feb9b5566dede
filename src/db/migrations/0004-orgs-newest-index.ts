import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/** The home page lists the newest organisations: without this index every view sorted the whole table. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, 'CREATE INDEX orgs_newest ON orgs (created_at DESC, id DESC)');
}

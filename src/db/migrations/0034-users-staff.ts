import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * The operators' list of people filtered by role: operators and reviewers are a few among hundreds
 * of thousands of citizens, and read newest first through the primary key they were a scan of half
 * the table (81 ms at 500,000 people, `bench/operator-lists.bench.ts`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, `CREATE INDEX users_staff ON users (role, id DESC) WHERE role <> 'citizen';`);
}

import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * Replies by demand, whatever their status. The only index that led from a demand to its replies
 * was partial (live replies, for the one-active-reply rule), so a query that also wants withdrawn
 * replies — the partners a demand may name, an export, a count per demand — read every reply of the
 * platform: at 150,000 replies a generator's count per demand ran for minutes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, `CREATE INDEX replies_demand ON replies (demand_id, created_at);`);
}

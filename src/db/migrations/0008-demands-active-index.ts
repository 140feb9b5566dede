import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * The default list shows open and negotiating demands, newest first, with a count up to 1,000. This
 * partial index serves both: the page reads 21 entries and the count scans only the index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `CREATE INDEX demands_active_newest ON demands (published_at DESC, id DESC)
     WHERE status IN ('open', 'negotiating') AND hidden_at IS NULL AND published_at IS NOT NULL`,
  );
}

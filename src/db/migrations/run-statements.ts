import { type Kysely, sql } from 'kysely';

/**
 * Runs a block of DDL one statement at a time: PGlite's extended-protocol queries accept a single
 * statement, so a block is split at each `;` that ends a line (no function bodies in our DDL).
 */
export async function runStatements(db: Kysely<unknown>, block: string): Promise<void> {
  for (const statement of block.split(/;\s*$/m)) {
    if (statement.trim()) await sql.raw(statement).execute(db);
  }
}

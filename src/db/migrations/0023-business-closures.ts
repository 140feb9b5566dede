import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * Days off the gazette data does not know — a 임시공휴일 declared by the government, a local closure —
 * entered by operators; every deadline counted in Korean business time leaves them out.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `CREATE TABLE business_closures (
       day date PRIMARY KEY,
       name text NOT NULL,
       created_by bigint REFERENCES users (id) ON DELETE SET NULL,
       created_at timestamptz NOT NULL
     )`,
  );
}

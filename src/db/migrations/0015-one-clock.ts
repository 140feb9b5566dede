import { type Kysely, sql } from 'kysely';

/**
 * Every timestamp comes from the application's clock (`ctx.now`), never from the database's `now()`:
 * a test clock, a seed or a worker set at another time would otherwise write rows dated by the wall
 * clock. Dropping the defaults makes a forgotten value a NOT NULL error instead of a silent real date.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND column_default ILIKE '%now()%'
    ORDER BY table_name, column_name`.execute(db);
  for (const { table_name, column_name } of rows) {
    await sql`ALTER TABLE ${sql.table(table_name)} ALTER COLUMN ${sql.ref(column_name)} DROP DEFAULT`.execute(db);
  }
}

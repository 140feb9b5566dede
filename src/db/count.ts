import type { SelectQueryBuilder } from 'kysely';

/**
 * How many rows `query` holds: `count(*)` over its FROM and WHERE, `query` having no select list of
 * its own (`db.selectFrom('orgs').where(…)`). A number: the driver reads PostgreSQL's bigint as one.
 */
export async function countRows<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>): Promise<number> {
  // Kysely cannot narrow the row of a generic builder: it is { n } here.
  const row = (await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()) as { n: number };
  return Number(row.n);
}

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase } from '../../test/test-database.ts';
import type { Database } from './client.ts';
import { queryTemplate } from './query-template.ts';

describe('query templates', () => {
  let database: Database;
  const now = new Date('2026-12-02T03:00:00Z');
  before(async () => {
    database = await createTestDatabase();
    await database.db
      .insertInto('regions')
      .values([
        { code: 'T1', name: '가시', parent_code: null, sort: 901 },
        { code: 'T2', name: '나시', parent_code: null, sort: 902 },
        { code: 'T3', name: '다시', parent_code: null, sort: 903 },
      ])
      .execute();
  });
  after(() => database.close());

  it('binds each call its own arguments, keeps the constants and reuses an argument given twice', async () => {
    let built = 0;
    const regionsBetween = queryTemplate((db, from: number, to: number) => {
      built++;
      return db
        .selectFrom('regions')
        .select(['code', sql<number>`${from}::int + 0`.as('echo')])
        .where('sort', '>=', from)
        .where('sort', '<=', to)
        .where('code', 'like', 'T%')
        .orderBy('sort');
    });
    assert.deepEqual(await regionsBetween(database.db, 901, 902), [
      { code: 'T1', echo: 901 },
      { code: 'T2', echo: 901 },
    ]);
    assert.deepEqual(await regionsBetween(database.db, 903, 999), [{ code: 'T3', echo: 903 }]);
    assert.equal(built, 1, 'built once for the database');
    assert.deepEqual(await regionsBetween(database.db, 904, 999), []);
  });

  it('passes dates and arrays as one parameter each', async () => {
    const codes = queryTemplate((db, wanted: string[], at: Date) =>
      db
        .selectFrom('regions')
        .select(['code', sql<boolean>`${at}::timestamptz > '2026-01-01'`.as('later')])
        .where(sql<boolean>`code = ANY(${wanted}::text[])`)
        .orderBy('code'),
    );
    assert.deepEqual(await codes(database.db, ['T3', 'T1'], now), [
      { code: 'T1', later: true },
      { code: 'T3', later: true },
    ]);
  });

  it('refuses a query that an argument never reaches as a value', async () => {
    const branching = queryTemplate((db, code: string) => db.selectFrom('regions').select('code').where('code', '=', typeof code === 'string' ? code : 'T1'));
    await assert.rejects(branching(database.db, 'T2'), /argument 1 does not reach the query/);
  });
});

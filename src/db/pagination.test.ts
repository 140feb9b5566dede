import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase } from '../../test/test-database.ts';
import type { Database } from './client.ts';
import { encodeCursor, decodeCursor, olderThan } from './pagination.ts';

describe('keyset pagination', () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());

  it('takes the rows after a newest-first cursor: earlier instants, and at the same instant smaller ids', async () => {
    const cursor = decodeCursor(encodeCursor(['2026-11-22T01:00:00.000Z', 5]), ['timestamp', 'id'])!;
    const rows = await sql<{ id: number }>`
      SELECT t.id FROM (VALUES (4, '2026-11-22T01:00:00Z'::timestamptz), (5, '2026-11-22T01:00:00Z'), (6, '2026-11-22T01:00:00Z'),
        (7, '2026-11-22T00:59:59Z'), (1, '2026-11-22T01:00:01Z')) AS t (id, at)
      WHERE ${olderThan('t.at', 't.id', cursor)} ORDER BY t.id`.execute(database.db);
    assert.deepEqual(rows.rows.map((r) => Number(r.id)), [4, 7]);
  });
});

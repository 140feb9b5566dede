import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../src/db/client.ts';
import { completeJob, enqueue, pruneFinishedJobs } from '../src/jobs/queue.ts';
import { testClock } from './clock.ts';
import { createTestDatabase } from './test-database.ts';

const DAY = 86_400_000;

describe('job queue housekeeping', () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());

  it('drops jobs finished more than thirty days ago, done or failed, and keeps the rest', async () => {
    const clock = testClock();
    const db = database.db;
    for (const kind of ['old-done', 'old-failed', 'recent-done', 'pending']) await enqueue(db, clock(), kind, {});
    const ids = Object.fromEntries((await db.selectFrom('jobs').select(['id', 'kind']).execute()).map((job) => [job.kind, job.id]));
    await completeJob(db, ids['old-done']!, new Date(clock().getTime() - 31 * DAY));
    await db.updateTable('jobs').set({ failed_at: new Date(clock().getTime() - 31 * DAY) }).where('id', '=', ids['old-failed']!).execute();
    await completeJob(db, ids['recent-done']!, new Date(clock().getTime() - 29 * DAY));

    await pruneFinishedJobs(db, clock());
    const left = (await db.selectFrom('jobs').select('kind').orderBy('kind').execute()).map((job) => job.kind);
    assert.deepEqual(left, ['pending', 'recent-done']);
  });
});

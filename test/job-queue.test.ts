import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../src/db/client.ts';
import { completeJob, enqueue, pruneFinishedJobs } from '../src/jobs/queue.ts';
import { createWorker, scheduleRecurring } from '../src/jobs/worker.ts';
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

describe('job worker', () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());

  it('lets the event loop turn between jobs, so a backlog does not starve the HTTP server', async () => {
    const clock = testClock();
    const db = database.db;
    for (let i = 0; i < 30; i++) await enqueue(db, clock(), 'instant', {});
    const ranBeforeTimer: number[] = [];
    let ran = 0;
    let timerFired = false;
    // Each job settles at once, as an embedded query's promise does; a timer stands for the sockets.
    const worker = createWorker({ db, now: clock, log: console, handlers: { instant: { run: async () => void (timerFired ? 0 : ranBeforeTimer.push(++ran)) } } });
    setImmediate(() => {
      timerFired = true;
    });
    assert.equal(await worker.runDue(), 30);
    assert.ok(ranBeforeTimer.length < 30, `the event loop turned only after all ${ranBeforeTimer.length} jobs`);
  });

  it('runs a recurring job at once on a new database unless it asks for a later first run; a restart keeps the queued run', async () => {
    const clock = testClock();
    const db = database.db;
    const handlers = { 'sweep.now': { everyMs: DAY, run: async () => {} }, 'sweep.later': { everyMs: DAY, firstRunAfterMs: 3_600_000, run: async () => {} } };
    await scheduleRecurring(db, handlers, clock());
    await scheduleRecurring(db, handlers, new Date(clock().getTime() + 60_000));
    const runAt = Object.fromEntries((await db.selectFrom('jobs').select(['kind', 'run_at']).where('kind', 'like', 'sweep.%').execute()).map((job) => [job.kind, new Date(job.run_at).getTime() - clock().getTime()]));
    assert.deepEqual(runAt, { 'sweep.now': 0, 'sweep.later': 3_600_000 });
  });

  it('stops after the job in progress, handing back the ones it had claimed, for the next start to run at once', async () => {
    const clock = testClock();
    const db = database.db;
    await db.deleteFrom('jobs').execute();
    for (let i = 0; i < 50; i++) await enqueue(db, clock(), 'backlog', {});
    let ran = 0;
    let stopping: Promise<void> | undefined;
    const worker = createWorker({
      db,
      now: clock,
      log: console,
      handlers: {
        backlog: {
          run: async () => {
            if (++ran === 1) stopping = worker.stop();
          },
        },
      },
    });
    worker.start();
    while (!stopping) await new Promise((resolve) => setTimeout(resolve, 5));
    await stopping;
    assert.equal(ran, 1, 'the job in progress only, not its batch of ten');
    const waiting = await db.selectFrom('jobs').select(['locked_until', 'attempts']).where('done_at', 'is', null).execute();
    assert.equal(waiting.length, 49);
    assert.deepEqual(new Set(waiting.map((job) => `${job.locked_until}:${job.attempts}`)), new Set(['null:0']), 'no lease held, no attempt counted');
    const next = createWorker({ db, now: clock, log: console, handlers: { backlog: { run: async () => {} } } });
    assert.equal(await next.runDue(), 49);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { memoByKey, memoPerDatabase, sharedFor, sharedInFlight } from './memo.ts';

// Only the identity of a database matters to these helpers.
const dbA = {} as Kysely<DB>;
const dbB = {} as Kysely<DB>;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('work shared between callers', () => {
  it('while it runs and for the time given after, per database and key', async () => {
    const shared = sharedFor<number>(60);
    let runs = 0;
    const work = async () => {
      runs++;
      await sleep(5);
      return runs;
    };
    const [a, b] = await Promise.all([shared(dbA, 'k', work), shared(dbA, 'k', work)]);
    assert.deepEqual([a, b, runs], [1, 1, 1]);
    assert.equal(await shared(dbA, 'k', work), 1, 'asked again soon after: the same answer');
    assert.equal(await shared(dbB, 'k', work), 2, 'another database works it out itself');
    assert.equal(await shared(dbA, 'other', work), 3);
    await sleep(80);
    assert.equal(await shared(dbA, 'k', work), 4, 'asked after the time given: worked out again');
  });

  it('keeps no failure and no more answers than it may', async () => {
    const shared = sharedFor<string>(10_000, 2);
    await assert.rejects(shared(dbA, 'k', () => Promise.reject(new Error('down'))));
    assert.equal(await shared(dbA, 'k', async () => 'up'), 'up');
    await shared(dbA, 'k2', async () => 'two');
    await shared(dbA, 'k3', async () => 'three');
    assert.equal(await shared(dbA, 'k', async () => 'again'), 'again', 'the oldest answer was dropped for the third key');
  });

  it('lets go of answers past their time as new ones come', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const shared = sharedFor<{ rows: number[] }>(10, 1000);
    let answer: WeakRef<object> | undefined;
    await shared(dbA, 'old', async () => {
      const rows = { rows: [1, 2, 3] };
      answer = new WeakRef(rows);
      return rows;
    });
    await sleep(30);
    await shared(dbA, 'new', async () => ({ rows: [] }));
    // A collection runs after the current task, once nothing (this frame included) holds the answer.
    await sleep(0);
    gc();
    assert.equal(answer?.deref(), undefined, 'the old answer is not held until 1,000 keys have come');
  });

  it('only while it runs, for sharedInFlight', async () => {
    const shared = sharedInFlight<number>();
    let runs = 0;
    const work = async () => ++runs;
    const [a, b] = await Promise.all([shared(dbA, 'k', work), shared(dbA, 'k', work)]);
    assert.deepEqual([a, b], [1, 1]);
    assert.equal(await shared(dbA, 'k', work), 2);
  });

  it('works it out afresh when asked, and keeps the new answer for the others', async () => {
    const shared = sharedFor<number>(10_000);
    let runs = 0;
    const work = async () => ++runs;
    assert.equal(await shared(dbA, 'k', work), 1);
    assert.equal(await shared(dbA, 'k', work, { fresh: true }), 2);
    assert.equal(await shared(dbA, 'k', work), 2);
  });

  it('keeps a value per key, or per database, and never a failure', async () => {
    let failing = true;
    const byKey = memoByKey(10_000, async (key) => {
      if (failing) {
        failing = false;
        throw new Error('down once');
      }
      return `${key}:${Math.random()}`;
    });
    await assert.rejects(byKey.get('k'));
    const first = await byKey.get('k');
    assert.equal(await byKey.get('k'), first);
    let loads = 0;
    const perDatabase = memoPerDatabase(10_000, async () => ++loads);
    assert.deepEqual([await perDatabase.get(dbA), await perDatabase.get(dbA), await perDatabase.get(dbB)], [1, 1, 2]);
  });
});

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Database } from '../src/db/client.ts';
import { acquireDataDirLock, DataDirLockedError } from '../src/db/data-dir-lock.ts';
import { openDatabase, PGLITE_PARSERS, pgliteDatabase } from '../src/db/client.ts';
import { migrations } from '../src/db/migrations/index.ts';
import { PGlite } from '@electric-sql/pglite';
import { isMigrated, migrateToLatest } from '../src/db/migrate.ts';
import { pgdataOf } from '../src/db/pglite-folder.ts';
import { copyPgliteTemplate, ensurePgliteTemplate } from '../src/db/pglite-template.ts';
import { clock } from './clock.ts';
import { createTestDatabase } from './test-database.ts';

describe('database', () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());

  it('is fully migrated', async () => {
    assert.equal(await isMigrated(database.db), true);
  });

  // Kysely's own check introspected every table and column: ~200 ms and 130–270 MB of the embedded
  // database's memory at each start, and at each /readyz probe.
  it('knows it is migrated from one query, for a start and for every readiness probe', async () => {
    let queries = 0;
    const counted = database.db.withPlugin({ transformQuery: ({ node }) => {
        queries++;
        return node;
      }, transformResult: async ({ result }) => result });
    assert.equal(await isMigrated(counted), true);
    assert.deepEqual(await migrateToLatest(counted), []);
    assert.equal(queries, 2);
  });

  it('dates nothing by its own clock: no column defaults to now()', async () => {
    const { rows } = await sql<{ column: string }>`
      SELECT table_name || '.' || column_name AS column FROM information_schema.columns
      WHERE table_schema = current_schema() AND column_default ILIKE '%now()%'`.execute(database.db);
    assert.deepEqual(rows, []);
  });

  // The kysely-pglite bug: a write issued while another transaction was open ran inside it and was rolled back with it.
  it('keeps a write made while another transaction is open, when that transaction rolls back', async () => {
    const db = database.db;
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const rolledBack = db
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('rate_events').values({ bucket: 'inside-tx', at: clock() }).execute();
        await held;
        throw new Error('roll back');
      })
      .catch((error: Error) => error.message);
    // Issued while the transaction above is open and waiting.
    const outside = db.insertInto('rate_events').values({ bucket: 'outside-tx', at: clock() }).execute();
    await new Promise((r) => setTimeout(r, 50));
    release();
    assert.equal(await rolledBack, 'roll back');
    await outside;
    const buckets = (await db.selectFrom('rate_events').select('bucket').execute()).map((r) => r.bucket);
    assert.deepEqual(buckets, ['outside-tx']);
  });

  it('returns counts as numbers on both backends', async () => {
    const row = await database.db
      .selectFrom('regions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(typeof row.n, 'number');
    assert.equal(row.n, 17 + 229);
    const big = await sql<{ n: number }>`select 9007199254740991::bigint as n`.execute(database.db);
    assert.equal(big.rows[0]?.n, 9007199254740991);
  });

  it('returns arrays alike on both backends: bigint ids as numbers, dates as text, numerics exactly', async () => {
    const row = await sql`select array[3::bigint, null, 12::bigint] as ids, '{}'::bigint[] as none,
      array['2028-02-29'::date] as days, array[0.1::numeric, 12345678901234567890.5] as amounts`.execute(database.db);
    assert.deepEqual(row.rows[0], { ids: [3, null, 12], none: [], days: ['2028-02-29'], amounts: ['0.1', '12345678901234567890.5'] });
  });

  it('leads by an index from a demand to each of its replies, withdrawn ones too', async () => {
    // Planners prefer reading a tiny table whole; forbidding that shows which index would be used.
    const plan = await database.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL enable_seqscan = off`.execute(trx);
      return (await sql<{ 'QUERY PLAN': string }>`EXPLAIN SELECT id FROM replies WHERE demand_id = 1 ORDER BY created_at`.execute(trx)).rows;
    });
    assert.match(plan.map((row) => row['QUERY PLAN']).join('\n'), /replies_demand/);
  });
});

describe('data directory lock', () => {
  it('refuses a second holder while the first is alive, with a clear message', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ieumteo-lock-'));
    const lock = acquireDataDirLock(dir);
    writeFileSync(path.join(dir, 'ieumteo.lock'), String(process.ppid));
    assert.throws(() => acquireDataDirLock(dir), DataDirLockedError);
    assert.throws(() => acquireDataDirLock(dir), /다른 이음터 프로세스/);
    lock.release();
  });

  it('takes over a lock left by a process that no longer runs', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ieumteo-lock-'));
    writeFileSync(path.join(dir, 'ieumteo.lock'), '2147483646');
    const lock = acquireDataDirLock(dir);
    lock.release();
  });

  // Under faketime the guard's age was this process's clock (2031) minus the file's time (today):
  // every guard looked stale and was removed, and two processes went on (CI's leap-day run).
  it('keeps a fresh takeover guard whatever this process\'s clock says', { skip: spawnSync('faketime', ['--version']).error !== undefined && 'needs faketime' }, () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ieumteo-lock-guard-'));
    writeFileSync(path.join(dir, 'ieumteo.lock'), '2147483646');
    writeFileSync(path.join(dir, 'ieumteo.lock.takeover'), String(process.pid));
    const script = `import { acquireDataDirLock } from ${JSON.stringify(path.resolve('src/db/data-dir-lock.ts'))};
      try { acquireDataDirLock(process.argv.at(-1)); console.log('TAKEN'); } catch (error) { console.log(error.message); }`;
    const said = spawnSync('faketime', ['2031-07-15 03:00:00', process.execPath, '--import', 'tsx', '--input-type=module', '-e', script, dir], { encoding: 'utf8' });
    assert.match(said.stdout, /Could not lock/, `${said.stdout}${said.stderr}`);
    assert.ok(existsSync(path.join(dir, 'ieumteo.lock.takeover')), 'the guard kept');
    rmSync(dir, { recursive: true, force: true });
  });

  // Each removed the lock the other had just made, and both went on: first because two took the
  // same dead holder's lock at once (2 rounds in 15 before the guard); then because a lock caught
  // empty, created but not yet written, was taken for a dead holder's (5 races in 400 before it
  // was linked into place whole); then because a lock found gone was "removed" under the guard
  // just after another process had made it (1 race in 300 in CI). Three processes race for 300
  // folders, 5 ms apart, and each holds what it took until all have answered.
  it('lets one process only take over a dead holder\'s lock when several try at the same instant', { timeout: 120_000 }, async () => {
    const races = 300;
    const script = `import { existsSync } from 'node:fs';
      import { acquireDataDirLock } from ${JSON.stringify(path.resolve('src/db/data-dir-lock.ts'))};
      const [base, at, races] = process.argv.slice(-3);
      const got = [];
      for (let i = 0; i < Number(races); i++) {
        while (Date.now() < Number(at) + i * 5) {}
        try { acquireDataDirLock(base + '/' + i); got.push(i); } catch {}
      }
      console.log(JSON.stringify({ got, late: Date.now() - Number(at) - Number(races) * 5 }));
      const until = Date.now() + 60_000;
      const wait = () => (existsSync(base + '/done') || Date.now() > until ? process.exit(0) : setTimeout(wait, 10));
      wait();`;
    const base = mkdtempSync(path.join(tmpdir(), 'ieumteo-lock-race-'));
    for (let i = 0; i < races; i++) {
      mkdirSync(path.join(base, String(i)));
      writeFileSync(path.join(base, String(i), 'ieumteo.lock'), '2147483646');
    }
    const at = String(Date.now() + 2_000);
    const contenders = [1, 2, 3].map(() => spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, base, at, String(races)]));
    const answers = await Promise.all(
      contenders.map((child) => new Promise<{ got: number[]; late: number }>((resolve) => child.stdout.once('data', (data) => resolve(JSON.parse(String(data)))))),
    );
    writeFileSync(path.join(base, 'done'), '');
    await Promise.all(contenders.map((child) => new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)))));
    const taken = answers.flatMap((answer) => answer.got).sort((a, b) => a - b);
    assert.deepEqual(taken, [...Array(races).keys()], `each folder taken once, by one process (ms behind: ${answers.map((a) => a.late).join(', ')})`);
    rmSync(base, { recursive: true, force: true });
  });
});

describe('a database never migrated', () => {
  it('is not ready, and takes every migration', { timeout: 60_000 }, async () => {
    const database = pgliteDatabase(await PGlite.create({ parsers: PGLITE_PARSERS }));
    try {
      assert.equal(await isMigrated(database.db), false);
      assert.equal((await migrateToLatest(database.db)).length, Object.keys(migrations).length);
      assert.equal(await isMigrated(database.db), true);
    } finally {
      await database.close();
    }
  });
});

describe('a damaged embedded database folder', () => {
  // PGlite says only "PGlite failed to initialize properly", which left an installer nowhere.
  it('is refused naming the folder and what to do', { timeout: 60_000 }, async () => {
    await ensurePgliteTemplate();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ieumteo-damaged-'));
    assert.ok(copyPgliteTemplate(pgdataOf(dataDir)));
    const control = openSync(path.join(pgdataOf(dataDir), 'global', 'pg_control'), 'r+');
    writeSync(control, Buffer.alloc(64, 7), 0, 64, 0);
    closeSync(control);
    await assert.rejects(openDatabase({ dataDir }), (error: Error) => {
      assert.ok(error.message.includes(pgdataOf(dataDir)), error.message);
      assert.match(error.message, /열 수 없습니다.*backup.*npm ci/s);
      return true;
    });
    assert.ok(!existsSync(path.join(dataDir, 'ieumteo.lock')), 'the folder is not left locked');
    rmSync(dataDir, { recursive: true, force: true });
  });
});

describe('a new embedded database folder', () => {
  it('starts from the migrated template, so no migration has to run', { timeout: 60_000 }, async () => {
    await ensurePgliteTemplate();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ieumteo-template-'));
    chmodSync(dataDir, 0o755);
    const database = await openDatabase({ dataDir });
    try {
      // PGlite writes its files readable and writable by anyone: the folder keeps everyone else out.
      assert.equal(statSync(dataDir).mode & 0o777, 0o700, 'the data folder is its owner\'s alone');
      assert.deepEqual(await migrateToLatest(database.db), []);
      assert.equal(await isMigrated(database.db), true);
      const { n } = await database.db.selectFrom('regions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      assert.equal(n, 17 + 229);
    } finally {
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});


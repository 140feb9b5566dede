/**
 * What keeping sessions in memory costs the writes (migration 0035's triggers) and how soon another
 * instance hears of a change. On its own database (`ieumteo_bench_sessions`, made afresh), PEOPLE
 * (5,000) people, one organisation with all of them as members:
 * - each write with the triggers on and off, alternately, ROUNDS (10) times: PEOPLE notices in one
 *   statement, 500 notices one transaction each, the organisation's status changed;
 * - the time from a commit to the word of it on a listening connection (`Database.listen`, as the
 *   session cache hears it), for 1,000 single changes one after another.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/session-changes.bench.ts
 *   node --import tsx bench/session-changes.bench.ts     # embedded database
 * Prints figures; never fails on them.
 */
import { sql } from 'kysely';
import { openBenchDatabase } from './bench-db.ts';
import { generateOrgs } from './generate-orgs.ts';
import { percentile } from './load.ts';

const PEOPLE = Number(process.env.PEOPLE ?? 5_000);
const ROUNDS = Number(process.env.ROUNDS ?? 10);
const SINGLES = 500;
const HEARD = 1_000;

const database = await openBenchDatabase('ieumteo_bench_sessions');
const db = database.db;
const now = new Date();
await generateOrgs(db, 1);
const { id: orgId } = await db.selectFrom('orgs').select('id').executeTakeFirstOrThrow();
const users = await sql<{ id: number }>`
  INSERT INTO users (email, name, password_hash, created_at)
  SELECT 'bench' || g || '@test.ieumteo.kr', '사람 ' || g, 'x', ${now} FROM generate_series(1, ${PEOPLE}) AS g
  RETURNING id`.execute(db).then((result) => result.rows);
const ids = users.map((user) => user.id);
await db
  .insertInto('org_members')
  .values(ids.map((userId) => ({ org_id: orgId, user_id: userId, role: 'member' as const, status: 'active' as const, created_at: now })))
  .execute();

const TRIGGERS = { notifications: 'notifications_session_changes', orgs: 'orgs_session_changes' } as const;
const triggers = async (on: boolean) => {
  for (const [table, trigger] of Object.entries(TRIGGERS)) await sql.raw(`ALTER TABLE ${table} ${on ? 'ENABLE' : 'DISABLE'} TRIGGER ${trigger}`).execute(db);
};
const notice = (userId: number) => ({ user_id: userId, kind: 'notice.partnerInvited', params: '{}', link: '/', created_at: now });
const timed = async (work: () => Promise<unknown>) => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};

const writes = {
  [`${PEOPLE} notices, one statement`]: () => db.insertInto('notifications').values(ids.map(notice)).execute(),
  [`${SINGLES} notices, one transaction each`]: async () => {
    for (const userId of ids.slice(0, SINGLES)) await db.insertInto('notifications').values(notice(userId)).execute();
  },
  [`an organisation of ${PEOPLE} verified or rejected`]: async () => {
    const { status } = await db.selectFrom('orgs').select('status').where('id', '=', orgId).executeTakeFirstOrThrow();
    await db.updateTable('orgs').set({ status: status === 'verified' ? 'rejected' : 'verified' }).where('id', '=', orgId).execute();
  },
};
const times = new Map<string, { on: number[]; off: number[] }>();
for (let round = 0; round < ROUNDS; round++) {
  for (const on of round % 2 ? [true, false] : [false, true]) {
    await triggers(on);
    for (const [what, write] of Object.entries(writes)) {
      const entry = times.get(what) ?? { on: [], off: [] };
      times.set(what, entry);
      entry[on ? 'on' : 'off'].push(await timed(write));
    }
  }
  await db.deleteFrom('notifications').execute();
}
await triggers(true);

console.log(`\n${database.kind}, ${PEOPLE} people, ${ROUNDS} rounds each way\n`);
console.log('| write | without triggers, median ms | with triggers, median ms | ratio |');
console.log('|---|---:|---:|---:|');
const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);
for (const [what, { on, off }] of times) console.log(`| ${what} | ${median(off).toFixed(1)} | ${median(on).toFixed(1)} | ${(median(on) / median(off)).toFixed(2)} |`);

// From a commit to the word of it on a listening connection: how long after a write has returned
// another instance may still show the old session (0 when the word came first).
let heardAt = 0;
let heard: (() => void) | undefined;
const unlisten = await database.listen(
  'session_changes',
  () => {
    heardAt = performance.now();
    heard?.();
  },
  (error) => console.error(error),
);
const delays: number[] = [];
for (let i = 0; i < HEARD; i++) {
  const arrived = new Promise<void>((resolve) => {
    heard = resolve;
  });
  await db.updateTable('users').set({ name: `사람 ${i}` }).where('id', '=', ids[i % ids.length]!).execute();
  const returned = performance.now();
  await arrived;
  delays.push(Math.max(0, heardAt - returned));
}
await unlisten();
delays.sort((a, b) => a - b);
const ms = (p: number) => percentile(delays, p).toFixed(2);
console.log(`\nA change heard on a listening connection after the write returned, ${HEARD} one after another: p50 ${ms(50)} ms, p95 ${ms(95)} ms, p99 ${ms(99)} ms, max ${delays.at(-1)!.toFixed(2)} ms`);
await database.close();

/**
 * The operators' lists at national scale: USERS (500,000) people, one in 200 a reviewer and one in
 * 5,000 an operator, and AUDIT (1,000,000) audit entries. Times `listUsers` (the first page, counted;
 * up to 1,000; a later page; a search by a part of a name, by a part of an e-mail and by a whole one; a role) and `listAudit`
 * (the first page, and one deep in the log by its cursor) and the forum's moderation log (its few
 * actions among all the others'). Usage:
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/operator-lists.bench.ts
 *   USERS=50000 AUDIT=100000 node --import tsx bench/operator-lists.bench.ts     # embedded database
 * Uses its own database (`ieumteo_bench_operators`). Prints figures; never fails on them.
 */
import { sql } from 'kysely';
import { listUsers, type UserFilter } from '../src/modules/accounts/users.service.ts';
import { buildUser, ctxAs } from '../src/modules/accounts/test/builders.ts';
import { listAudit } from '../src/modules/admin/admin.service.ts';
import { moderationLog } from '../src/modules/forum/moderation.service.ts';
import { encodeCursor } from '../src/db/pagination.ts';
import { openBenchDatabase } from './bench-db.ts';
import { percentile } from './load.ts';

const USERS = Number(process.env.USERS ?? 500_000);
const AUDIT = Number(process.env.AUDIT ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 20);

const database = await openBenchDatabase('ieumteo_bench_operators');
const db = database.db;
let started = performance.now();
// Korean names from a few family and given names, e-mails on a few domains, joined over five years.
await sql`INSERT INTO users (email, name, role, email_verified_at, created_at)
  SELECT 'user' || g || '@' || (ARRAY['korea.kr', 'example.go.kr', 'mail.example.com'])[1 + g % 3],
         (ARRAY['김', '이', '박', '최', '정', '강', '조', '윤'])[1 + g % 8] || (ARRAY['민준', '서연', '도윤', '하은', '지호', '수아', '예준', '지유', '시우', '서윤'])[1 + (g / 8) % 10] || ' ' || g,
         CASE WHEN g % 5000 = 0 THEN 'operator' WHEN g % 200 = 0 THEN 'reviewer' ELSE 'citizen' END,
         now(), now() - (g % 1825) * interval '1 day'
  FROM generate_series(1, ${USERS}) AS g`.execute(db);
await sql`INSERT INTO audit_log (at, actor_id, action, target_type, target_id, ip, detail)
  SELECT now() - (${AUDIT} - g) * interval '1 minute', 1 + g % ${USERS}, CASE WHEN g % 20000 = 0 THEN 'forum.hide' ELSE (ARRAY['org.verify', 'role.change', 'demand.hide'])[1 + g % 3] END, 'demand', (g % 100000)::text, '127.0.0.1', '{}'
  FROM generate_series(1, ${AUDIT}) AS g`.execute(db);
await sql`ANALYZE`.execute(db);
console.log(`${database.kind}: ${USERS} people and ${AUDIT} audit entries written in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const operator = await ctxAs(db, await buildUser(db, { role: 'operator' }));
const deepAudit = encodeCursor([Math.floor(AUDIT / 2)]);
/** A listing of people as the page asks for it: how many it shows, and how many it says match. */
const people = (filter: UserFilter) => async () => {
  const list = await listUsers(operator, filter);
  return { shown: list.page.items.length, total: list.total };
};
const cases: [string, () => Promise<{ shown: number; total?: number }>][] = [
  ['people: first page, counted', people({})],
  ['people: a page halfway down', people({ after: encodeCursor([Math.floor(USERS / 2)]) })],
  ['people: a name (박서연)', people({ q: '박서연' })],
  ['people: a part of an e-mail (user12345)', people({ q: 'user12345' })],
  ['people: a whole e-mail address (user12345@korea.kr)', people({ q: 'user12345@korea.kr' })],
  ['people: the operators', people({ role: 'operator' })],
  ['audit log: newest page', async () => ({ shown: (await listAudit(operator)).items.length })],
  ['audit log: a page halfway back', async () => ({ shown: (await listAudit(operator, deepAudit)).items.length })],
  ["the forum's moderation log (one entry in 20,000)", async () => ({ shown: (await moderationLog(operator)).items.length })],
];
console.log('\n| list | shown | matching | p50 ms | p95 ms | max ms |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const [name, run] of cases) {
  const first = await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`| ${name} | ${first.shown} | ${first.total ?? '—'} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} | ${times.at(-1)!.toFixed(1)} |`);
}
await database.close();

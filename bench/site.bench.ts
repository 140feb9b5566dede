/**
 * Every route family of the site at national scale, each beside a raw ceiling (`ceiling.tsx`: one
 * `pg` query, 20 rows, preact) in the same run: for each page, ROUNDS rounds of the ceiling then the
 * page, SECONDS each under `wrk` at CONNECTIONS, so both meet the same machine. Pages are asked
 * uncached as a signed-in member (or operator), and public ones again as a visitor (page cache on).
 * Prints req/s, the ratio to the ceiling, p50/p95/p99, server and PostgreSQL CPU ms per request and RSS (the
 * embedded default's start is `start.bench.ts`).
 *
 * The world (generated once, then reused with BENCH_REUSE=1): 10,000 organisations and 100,000
 * demands (generate-world.ts) with their replies, log and 8,000 concluded collaborations
 * (generate-matches.ts), 10,000 tasks with 100,000 reports, 50,000 SOS tickets with 1,750 Q&A
 * entries, 100,000 proposals with 10,000 points on one. A reused database gets what it lacks.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/site.bench.ts
 * CONNECTIONS (50), SECONDS (3), ROUNDS (2), ONLY (a regular expression of the page names to run),
 * SESSION_KEPT_SECONDS (60, as installed; 0 reads the session for every page).
 * Prints figures; never fails on them.
 */
import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import { buildApp } from '../src/app/build-app.ts';
import type { DB } from '../src/db/schema.ts';
import { createVerifiedUser } from '../src/modules/accounts/index.ts';
import { serverClock } from '../src/shared/clock.ts';
import { processIds, procStat } from '../src/shared/processes.ts';
import { Agent } from '../test/agent.ts';
import { testConfig } from '../test/test-app.ts';
import { refreshMarkedMonths } from '../src/modules/stats/rollups.ts';
import { benchDatabaseUrl, openBenchDatabase, reusedBenchDatabase } from './bench-db.ts';
import { startCeiling } from './ceiling.tsx';
import { generateForum } from './generate-forum.ts';
import { generateMatches } from './generate-matches.ts';
import { generateSos, publishSosEntries } from './generate-sos.ts';
import { generateTasks } from './generate-tasks.ts';
import { generateWorld } from './generate-world.ts';
import type { LoadResult } from './load.ts';
import { runWrk } from './wrk.ts';

const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const SECONDS = Number(process.env.SECONDS ?? 3);
const ROUNDS = Number(process.env.ROUNDS ?? 2);
const ONLY = process.env.ONLY;
/** As an installation keeps sessions by default; 0 reads the member's session for every page. */
const SESSION_KEPT_SECONDS = Number(process.env.SESSION_KEPT_SECONDS ?? 60);

const url = benchDatabaseUrl();
if (!url) throw new Error('the site benchmark needs DATABASE_URL (a PostgreSQL server): the ceiling reads it with pg');
const now = new Date();

const count = async (db: Kysely<DB>, table: 'orgs' | 'demands' | 'replies' | 'matches' | 'tasks' | 'sos_tickets' | 'sos_entries' | 'forum_proposals') =>
  (await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

/** The national-scale world; an earlier run's database gets only what it lacks. */
async function world() {
  const database = (await reusedBenchDatabase()) ?? (await openBenchDatabase());
  const db = database.db;
  const timed = async (what: string, work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    console.log(`generated ${what} in ${Math.round((performance.now() - started) / 1000)} s`);
  };
  if ((await count(db, 'demands')) === 0) await timed('10,000 organisations and 100,000 demands', () => generateWorld(db, { orgs: 10_000, demands: 100_000 }));
  if ((await count(db, 'matches')) === 0) await timed('replies, the demands\' log and 8,000 concluded collaborations', () => generateMatches(db, 8_000));
  if ((await count(db, 'tasks')) === 0) await timed('10,000 tasks with 100,000 reports', () => generateTasks(db, { tasks: 10_000, reports: 100_000 }, now));
  if ((await count(db, 'sos_tickets')) === 0) await timed('50,000 SOS tickets', () => generateSos(db, 50_000, now));
  else if ((await count(db, 'sos_entries')) === 0) await timed('the SOS Q&A entries', () => publishSosEntries(db));
  if ((await count(db, 'forum_proposals')) === 0) await timed('100,000 proposals, 10,000 points on one', () => generateForum(db, 100_000, 10_000, now));
  await timed("the statistics' monthly rollups", () => refreshMarkedMonths(db, now));
  return database;
}

const database = await world();
const db = database.db;
console.log(
  `\nworld: ${await count(db, 'orgs')} organisations, ${await count(db, 'demands')} demands, ${await count(db, 'replies')} replies, ${await count(db, 'matches')} concluded, ${await count(db, 'tasks')} tasks, ${await count(db, 'sos_tickets')} SOS tickets, ${await count(db, 'forum_proposals')} proposals`,
);

const app = await buildApp({ config: { ...testConfig(), pageCacheSeconds: 2, sessionKeptSeconds: SESSION_KEPT_SECONDS, apiRates: { token: 1e9, anonymous: 1e9 } }, database, clock: serverClock() });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const ceiling = await startCeiling(url);

/** A signed-in session's cookie: a member administering the organisation with the most demands, or an operator. */
async function signedIn(role: 'citizen' | 'operator'): Promise<string> {
  const email = `bench-${role}-${Date.now()}@bench.ieumteo.kr`;
  const { id, password } = await createVerifiedUser(db, { email, name: role === 'operator' ? '벤치 운영자' : '벤치 회원', ...(role === 'operator' ? { role } : {}) }, now);
  if (role === 'citizen') {
    const busiest = await db.selectFrom('demands').select('org_id').groupBy('org_id').orderBy((eb) => eb.fn.countAll(), 'desc').limit(1).executeTakeFirstOrThrow();
    await db.insertInto('org_members').values({ org_id: busiest.org_id, user_id: id, role: 'admin', status: 'active', created_at: now }).execute();
  }
  const agent = new Agent(app);
  await agent.login(email, password);
  return `sid=${agent.cookie('sid')}`;
}
const member = { cookie: await signedIn('citizen') };
const operator = { cookie: await signedIn('operator') };

/** Detail pages as a visitor finds them: the links of a list page. */
async function linksOf(listPath: string, pattern: RegExp): Promise<string[]> {
  const html = await (await fetch(base + listPath)).text();
  return [...new Set([...html.matchAll(pattern)].map((m) => m[0]))];
}
const demandIds = (await db.selectFrom('demands').select('id').where('status', '=', 'open').where('published_at', 'is not', null).orderBy('id').execute()).map((r) => r.id);
const demands = Array.from({ length: 200 }, (_, i) => `/demands/${demandIds[Math.floor((i * demandIds.length) / 200)]}`);
const orgs = (await db.selectFrom('orgs').select('id').where('status', '=', 'verified').orderBy('id').limit(200).execute()).map((r) => `/orgs/${r.id}`);
const q = (words: string[], page: string) => words.map((w) => `${page}?q=${encodeURIComponent(w)}`);

type Who = 'member' | 'operator' | 'visitor';
interface Scenario {
  family: string;
  name: string;
  paths: string[];
  who: Who[];
}
const scenarios: Scenario[] = [
  { family: 'shell', name: '/about/accessibility (no database work)', paths: ['/about/accessibility'], who: ['member', 'visitor'] },
  { family: 'lists', name: '/ (home)', paths: ['/'], who: ['member', 'visitor'] },
  { family: 'lists', name: '/demands', paths: ['/demands'], who: ['member', 'visitor'] },
  { family: 'lists', name: '/orgs', paths: ['/orgs'], who: ['member', 'visitor'] },
  { family: 'lists', name: '/cases', paths: ['/cases'], who: ['member', 'visitor'] },
  { family: 'lists', name: '/tasks', paths: ['/tasks'], who: ['member', 'visitor'] },
  { family: 'lists', name: '/sos/answers', paths: ['/sos/answers'], who: ['member', 'visitor'] },
  { family: 'lists', name: '/forum', paths: ['/forum'], who: ['member', 'visitor'] },
  { family: 'lists', name: '/briefings', paths: ['/briefings'], who: ['member', 'visitor'] },
  { family: 'lists', name: '/stats', paths: ['/stats'], who: ['member', 'visitor'] },
  { family: 'searches', name: '/demands?q= (5 words)', paths: q(['휠체어', '경로당', '폐배터리', '통학로', '빈집'], '/demands'), who: ['member'] },
  { family: 'searches', name: '/orgs?q= (3 words)', paths: q(['복지', '재단', '센터'], '/orgs'), who: ['member'] },
  { family: 'searches', name: '/forum?q= (3 words)', paths: q(['버스', '주차', '도서관'], '/forum'), who: ['member'] },
  { family: 'details', name: '/demands/{id} (200 different)', paths: demands, who: ['member', 'visitor'] },
  { family: 'details', name: '/orgs/{id} (200 different)', paths: orgs, who: ['member', 'visitor'] },
  { family: 'details', name: '/tasks/{id} (from the list)', paths: await linksOf('/tasks', /\/tasks\/\d+(?=")/g), who: ['member', 'visitor'] },
  { family: 'details', name: '/forum/{id} (from the list)', paths: await linksOf('/forum', /\/forum\/\d+(?=")/g), who: ['member', 'visitor'] },
  { family: 'details', name: '/sos/answers/{id} (from the list)', paths: await linksOf('/sos/answers', /\/sos\/answers\/\d+(?=")/g), who: ['member', 'visitor'] },
  { family: 'details', name: '/cases/{id} (from the list)', paths: await linksOf('/cases', /\/cases\/\d+(?=")/g), who: ['member', 'visitor'] },
  { family: 'dashboards', name: '/demands/mine', paths: ['/demands/mine'], who: ['member'] },
  { family: 'dashboards', name: '/tasks/mine', paths: ['/tasks/mine'], who: ['member'] },
  { family: 'dashboards', name: '/notifications', paths: ['/notifications'], who: ['member'] },
  { family: 'dashboards', name: '/account', paths: ['/account'], who: ['member'] },
  { family: 'admin queues', name: '/admin', paths: ['/admin'], who: ['operator'] },
  { family: 'admin queues', name: '/admin/sos', paths: ['/admin/sos'], who: ['operator'] },
  { family: 'admin queues', name: '/admin/tasks', paths: ['/admin/tasks'], who: ['operator'] },
  { family: 'admin queues', name: '/admin/forum', paths: ['/admin/forum'], who: ['operator'] },
  { family: 'admin queues', name: '/admin/audit', paths: ['/admin/audit'], who: ['operator'] },
  { family: 'API', name: '/api/v1/demands', paths: ['/api/v1/demands'], who: ['visitor'] },
  { family: 'API', name: '/api/v1/demands/{id} (200 different)', paths: demands.map((p) => `/api/v1${p}`), who: ['visitor'] },
  { family: 'API', name: '/api/v1/proposals', paths: ['/api/v1/proposals'], who: ['visitor'] },
];

/**
 * CPU time (ms) spent so far by the PostgreSQL server's processes on this machine, from /proc (in
 * clock ticks of 10 ms: over a run of seconds and 50 backends, close enough); 0 elsewhere.
 */
function databaseCpuMs(): number {
  let ticks = 0;
  for (const pid of processIds()) {
    const stat = procStat(pid);
    if (stat?.command !== 'postgres') continue;
    // utime, stime and the reaped children's cutime, cstime (proc(5) fields 14–17): a backend that
    // ends (the pool closing an idle client) adds its time to the postmaster's, so the sum only grows.
    ticks += Number(stat.fields[11]) + Number(stat.fields[12]) + Number(stat.fields[13]) + Number(stat.fields[14]);
  }
  return ticks * 10;
}

interface Measured extends LoadResult {
  cpuMs: number;
  databaseCpuMs: number;
}
/** wrk over `urls`, with the CPU this process (the server) and PostgreSQL spent per request. */
async function measure(urls: string[], headers: Record<string, string>): Promise<Measured> {
  const before = process.cpuUsage();
  const databaseBefore = databaseCpuMs();
  const result = await runWrk(urls, CONNECTIONS, SECONDS, headers);
  const cpu = process.cpuUsage(before);
  const requests = Math.max(1, result.requests);
  return { ...result, cpuMs: (cpu.user + cpu.system) / 1000 / requests, databaseCpuMs: (databaseCpuMs() - databaseBefore) / requests };
}
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

console.log(`\n${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s (ceiling, then the page), PostgreSQL, load from wrk`);
console.log('| family | page | as | req/s | ceiling req/s | ratio | p50 ms | p95 ms | p99 ms | CPU ms/req | PostgreSQL CPU ms/req | RSS MB | errors |');
console.log('|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const scenario of scenarios) {
  if (ONLY && !new RegExp(ONLY).test(scenario.name)) continue;
  for (const who of scenario.who) {
    const headers = who === 'visitor' ? {} : who === 'member' ? member : operator;
    const urls = scenario.paths.map((p) => base + p);
    const status = urls[0] ? (await fetch(urls[0], { headers, redirect: 'manual' })).status : 'no page to ask for';
    if (status !== 200) {
      console.log(`| ${scenario.family} | ${scenario.name} | ${who} | skipped: ${status} |`);
      continue;
    }
    for (const u of urls) await fetch(u, { headers }); // every address once: stored lists, caches
    const rounds: { page: Measured; ceiling: Measured }[] = [];
    for (let round = 0; round < ROUNDS; round++) rounds.push({ ceiling: await measure([ceiling.url], {}), page: await measure(urls, headers) });
    const pages = rounds.map((r) => r.page);
    const rps = mean(pages.map((p) => p.rps));
    const ceilingRps = mean(rounds.map((r) => r.ceiling.rps));
    const f = (n: number) => n.toFixed(1);
    console.log(
      `| ${scenario.family} | ${scenario.name} | ${who} | ${Math.round(rps)} | ${Math.round(ceilingRps)} | ${(rps / ceilingRps).toFixed(2)} | ${f(mean(pages.map((p) => p.p50)))} | ${f(Math.max(...pages.map((p) => p.p95)))} | ${f(Math.max(...pages.map((p) => p.p99)))} | ${mean(pages.map((p) => p.cpuMs)).toFixed(2)} | ${mean(pages.map((p) => p.databaseCpuMs)).toFixed(2)} | ${Math.round(process.memoryUsage().rss / 1e6)} | ${pages.reduce((a, p) => a + p.errors, 0)} |`,
    );
  }
}
await ceiling.close();
await app.close();
await database.close();

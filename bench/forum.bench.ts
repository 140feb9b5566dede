/**
 * 국민포럼 at national scale: 100,000 proposals (generate-forum.ts) over 10,000 organisations, one with
 * 10,000 points. The list (newest, most supported, a stage, a search), the proposal page, a deep
 * page of one side's points and the year's figures on /stats are timed one request at a time through the services, then over HTTP at
 * CONNECTIONS as a signed-in member with the page cache off. Goal: p95 ≤ 50 ms.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx node --import tsx bench/forum.bench.ts
 * BENCH_REUSE=1 takes the organisations of an earlier run's `ieumteo_bench` (its proposals are made anew).
 * Prints figures; never fails on them.
 */
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/app/build-app.ts';
import { createVerifiedUser } from '../src/modules/accounts/index.ts';
import { forumFigures } from '../src/modules/forum/figures.service.ts';
import { listProposals } from '../src/modules/forum/lists.service.ts';
import { proposalPage } from '../src/modules/forum/page.service.ts';
import { pointsOfSide } from '../src/modules/forum/points.service.ts';
import { serverClock } from '../src/shared/clock.ts';
import type { Ctx } from '../src/shared/context.ts';
import { kstDate } from '../src/shared/dates.ts';
import { diskStorage } from '../src/shared/storage.ts';
import { Agent } from '../test/agent.ts';
import { testConfig } from '../test/test-app.ts';
import { openBenchDatabase, reusedBenchDatabase, tableHeader, tableRow } from './bench-db.ts';
import { generateForum } from './generate-forum.ts';
import { generateOrgs } from './generate-orgs.ts';
import { runLoad, runsHeader, timeRuns } from './load.ts';

const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const SECONDS = Number(process.env.SECONDS ?? 10);
const RUNS = Number(process.env.RUNS ?? 50);
const COUNT = Number(process.env.PROPOSALS ?? 100_000);
const POINTS = Number(process.env.POINTS ?? 10_000);

const now = new Date();
const database = (await reusedBenchDatabase()) ?? (await openBenchDatabase());
const db = database.db;
await db.deleteFrom('forum_proposals').execute();
if (!(await db.selectFrom('orgs').select('id').limit(1).executeTakeFirst())) await generateOrgs(db, 10_000);
const started = performance.now();
const hot = await generateForum(db, COUNT, POINTS, now);
console.log(`${database.kind}: ${COUNT} proposals and ${POINTS} points on one generated in ${Math.round((performance.now() - started) / 1000)} s`);

const email = `bench-citizen-${Date.now()}@bench.ieumteo.kr`;
const { id, password } = await createVerifiedUser(db, { email, name: '벤치 시민' }, now);
const ctx: Ctx = { actor: { kind: 'user', id, name: '벤치 시민', email, role: 'citizen', memberships: [], sessionId: 'bench', totpEnabled: false }, db, now: () => now, baseUrl: 'http://localhost', files: diskStorage('/tmp') };

// A cursor deep in the side: the 50th page of 20.
let deep: string | undefined;
for (let page = 0; page < 50; page++) deep = (await pointsOfSide(db, hot, 'for', deep)).nextCursor ?? undefined;

const lists: [string, Record<string, string>][] = [
  ['newest', {}],
  ['most supported', { sort: 'supports' }],
  ['answers overdue', { stage: 'overdue' }],
  ['adopted', { stage: 'adopted' }],
  ['search 버스 시간표', { q: '버스 시간표' }],
];

const timed = (label: string, run: (i: number) => Promise<unknown>) => timeRuns(label, RUNS, run);

runsHeader();
for (const [name, query] of lists) await timed(`list: ${name}`, () => listProposals(db, query, now));
await timed(`proposal page (${POINTS} points)`, () => proposalPage(ctx, hot));
await timed('one side’s points, 50th page', () => pointsOfSide(db, hot, 'for', deep));
const year = kstDate(now).slice(0, 4);
await timed(`/stats figures of ${year}`, () => forumFigures(db, `${year}-01-01`, `${year}-12-31`, now));

const app = await buildApp({ config: { ...testConfig(), pageCacheSeconds: 0 }, database, clock: serverClock() });
const member = new Agent(app);
await member.login(email, password);
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const query = (q: Record<string, string>) => (Object.keys(q).length ? `?${new URLSearchParams(q)}` : '');
tableHeader(`${CONNECTIONS} connections, ${SECONDS} s each, page cache off, signed in`);
const cookie = { cookie: `sid=${member.cookie('sid')}` };
tableRow('list /forum (newest)', await runLoad([`${base}/forum`], CONNECTIONS, SECONDS * 1000, 50_000, cookie));
tableRow('list /forum?… (sorts, stages, a search)', await runLoad(lists.slice(1).map(([, q]) => `${base}/forum${query(q)}`), CONNECTIONS, SECONDS * 1000, 50_000, cookie));
tableRow(`proposal /forum/N (${POINTS} points)`, await runLoad([`${base}/forum/${hot}`], CONNECTIONS, SECONDS * 1000, 50_000, cookie));
tableRow('points /forum/N/points?side=for&after=… (50th page)', await runLoad([`${base}/forum/${hot}/points?side=for&after=${deep}`], CONNECTIONS, SECONDS * 1000, 50_000, cookie));
console.log(`rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`);
await app.close();
await database.close();

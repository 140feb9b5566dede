/**
 * The collaboration tasks' lists at national scale: 10,000 organisations, 10,000 tasks of this year
 * and about 100,000 progress reports (generate-tasks.ts). The operators' portfolio (figures and one
 * page, with its filters) and the public task list are timed one request at a time through the
 * services, then over HTTP at CONNECTIONS with the page cache off (p50, p95, p99). Goal: p95 ≤ 50 ms.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx node --import tsx bench/tasks.bench.ts
 * BENCH_REUSE=1 takes the organisations of an earlier run's `ieumteo_bench` (its tasks are made anew).
 * Prints figures; never fails on them.
 */
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/app/build-app.ts';
import { createVerifiedUser } from '../src/modules/accounts/index.ts';
import { portfolio, publicTasks } from '../src/modules/tasks/lists.service.ts';
import { serverClock } from '../src/shared/clock.ts';
import { ANONYMOUS, type Ctx } from '../src/shared/context.ts';
import { diskStorage } from '../src/shared/storage.ts';
import { Agent } from '../test/agent.ts';
import { testConfig } from '../test/test-app.ts';
import { openBenchDatabase, reusedBenchDatabase, tableHeader, tableRow } from './bench-db.ts';
import { generateOrgs } from './generate-orgs.ts';
import { generateTasks } from './generate-tasks.ts';
import { runLoad, runsHeader, timeRuns } from './load.ts';

const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const SECONDS = Number(process.env.SECONDS ?? 10);
const RUNS = Number(process.env.RUNS ?? 50);

const now = new Date();
const database = (await reusedBenchDatabase()) ?? (await openBenchDatabase());
const db = database.db;
await db.deleteFrom('tasks').execute();
if (!(await db.selectFrom('orgs').select('id').limit(1).executeTakeFirst())) await generateOrgs(db, 10_000);
const started = performance.now();
await generateTasks(db, { tasks: 10_000, reports: 100_000 }, now);
const count = async (table: 'tasks' | 'task_reports' | 'orgs') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
console.log(`${database.kind}: ${await count('orgs')} organisations, ${await count('tasks')} tasks, ${await count('task_reports')} reports (generated in ${Math.round((performance.now() - started) / 1000)} s)`);

const email = `bench-operator-${Date.now()}@bench.ieumteo.kr`;
const { id: operatorId, password } = await createVerifiedUser(db, { email, name: '벤치 운영자', role: 'operator' }, now);
const operatorCtx: Ctx = {
  actor: { kind: 'user', id: operatorId, name: '벤치 운영자', email, role: 'operator', memberships: [], sessionId: 'bench', totpEnabled: false },
  db,
  now: () => now,
  baseUrl: 'http://localhost',
  files: diskStorage('/tmp'),
};
const visitorCtx: Ctx = { ...operatorCtx, actor: ANONYMOUS };

const filters: [string, Record<string, string>][] = [
  ['all', {}],
  ['key', { kind: 'key' }],
  ['report overdue', { late: '1' }],
  ['milestone slipping', { slipping: '1' }],
  ['red', { rag: 'red' }],
  ['theme', { theme: '3' }],
  ['sector', { sector: 'local' }],
];

const timed = (label: string, run: (i: number) => Promise<unknown>) => timeRuns(label, RUNS, run);

runsHeader('list');
for (const [name, query] of filters) await timed(`portfolio: ${name}`, () => portfolio(operatorCtx, query));
await timed('public list: first page', () => publicTasks(visitorCtx, {}));
await timed('public list: key tasks', () => publicTasks(visitorCtx, { kind: 'key' }));
await timed('public list: search "승선"', () => publicTasks(visitorCtx, { q: '승선' }));

const app = await buildApp({ config: { ...testConfig(), pageCacheSeconds: 0 }, database, clock: serverClock() });
const operator = new Agent(app);
await operator.login(email, password);
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const query = (q: Record<string, string>) => (Object.keys(q).length ? `?${new URLSearchParams(q)}` : '');
tableHeader(`${CONNECTIONS} connections, ${SECONDS} s each, page cache off`);
const portfolioLoad = await runLoad(
  filters.map(([, q]) => `${base}/admin/tasks${query(q)}`),
  CONNECTIONS,
  SECONDS * 1000,
  50_000,
  { cookie: `sid=${operator.cookie('sid')}` },
);
tableRow('portfolio /admin/tasks (operator, 7 filters)', portfolioLoad);
tableRow('public list /tasks (visitor)', await runLoad([`${base}/tasks`, `${base}/tasks?kind=key`, `${base}/tasks?theme=3`], CONNECTIONS, SECONDS * 1000));
console.log(`rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`);
await app.close();
await database.close();

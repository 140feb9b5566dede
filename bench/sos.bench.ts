/**
 * The 협업SOS desk at national scale: 50,000 requests (generate-sos.ts) over 10,000 organisations.
 * The desk's queue (live requests by due time, with filters) and the figures are timed one request at
 * a time through the services, then the queue page over HTTP at CONNECTIONS with the page cache off.
 * Goal: p95 ≤ 50 ms.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx node --import tsx bench/sos.bench.ts
 * BENCH_REUSE=1 takes the organisations of an earlier run's `ieumteo_bench` (its requests are made anew).
 * Prints figures; never fails on them.
 */
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/app/build-app.ts';
import { createVerifiedUser } from '../src/modules/accounts/index.ts';
import { queue } from '../src/modules/sos/desk.service.ts';
import { sosFigures } from '../src/modules/sos/figures.service.ts';
import { serverClock } from '../src/shared/clock.ts';
import type { Ctx } from '../src/shared/context.ts';
import { kstDate } from '../src/shared/dates.ts';
import { diskStorage } from '../src/shared/storage.ts';
import { Agent } from '../test/agent.ts';
import { testConfig } from '../test/test-app.ts';
import { openBenchDatabase, reusedBenchDatabase, tableHeader, tableRow } from './bench-db.ts';
import { generateOrgs } from './generate-orgs.ts';
import { generateSos } from './generate-sos.ts';
import { runLoad, runsHeader, timeRuns } from './load.ts';

const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const SECONDS = Number(process.env.SECONDS ?? 10);
const RUNS = Number(process.env.RUNS ?? 50);
const COUNT = Number(process.env.TICKETS ?? 50_000);

const now = new Date();
const database = (await reusedBenchDatabase()) ?? (await openBenchDatabase());
const db = database.db;
await db.deleteFrom('sos_tickets').execute();
if (!(await db.selectFrom('orgs').select('id').limit(1).executeTakeFirst())) await generateOrgs(db, 10_000);
const started = performance.now();
await generateSos(db, COUNT, now);
console.log(`${database.kind}: ${COUNT} requests generated in ${Math.round((performance.now() - started) / 1000)} s`);

const email = `bench-desk-${Date.now()}@bench.ieumteo.kr`;
const { id, password } = await createVerifiedUser(db, { email, name: '벤치 운영자', role: 'operator' }, now);
const ctx: Ctx = { actor: { kind: 'user', id, name: '벤치 운영자', email, role: 'operator', memberships: [], sessionId: 'bench', totpEnabled: false }, db, now: () => now, baseUrl: 'http://localhost', files: diskStorage('/tmp') };

const filters: [string, Record<string, string>][] = [
  ['live requests', {}],
  ['overdue', { overdue: '1' }],
  ['urgent', { urgency: 'urgent' }],
  ['unassigned', { assignee: 'none' }],
  ['closed', { status: 'closed' }],
];

const timed = (label: string, run: (i: number) => Promise<unknown>) => timeRuns(label, RUNS, run);

runsHeader();
for (const [name, query] of filters) await timed(`queue: ${name}`, () => queue(ctx, query));
const year = kstDate(now).slice(0, 4);
await timed(`figures of ${year}`, () => sosFigures(db, `${year}-01-01`, `${year}-12-31`, now));

const app = await buildApp({ config: { ...testConfig(), pageCacheSeconds: 0 }, database, clock: serverClock() });
const desk = new Agent(app);
await desk.login(email, password);
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const query = (q: Record<string, string>) => (Object.keys(q).length ? `?${new URLSearchParams(q)}` : '');
tableHeader(`${CONNECTIONS} connections, ${SECONDS} s each, page cache off`);
const cookie = { cookie: `sid=${desk.cookie('sid')}` };
tableRow('queue /admin/sos?… (filters only, no figures)', await runLoad(filters.slice(1).map(([, q]) => `${base}/admin/sos${query(q)}`), CONNECTIONS, SECONDS * 1000, 50_000, cookie));
tableRow('queue /admin/sos (with the year’s figures)', await runLoad([`${base}/admin/sos`], CONNECTIONS, SECONDS * 1000, 50_000, cookie));
console.log(`rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`);
await app.close();
await database.close();

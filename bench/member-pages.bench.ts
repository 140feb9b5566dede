/**
 * What a signed-in member's pages cost at national scale, where the page cache never helps: a demand's
 * page (with its similar demands) and the dashboard (`/demands/mine`, with the demands the member's
 * organisation could answer). The world: 10,000 organisations and 100,000 demands (generate-world.ts).
 * Each part is timed alone, one request at a time — including the lists worked out off the request
 * (the jobs) and read from storage (the pages) — then the pages over HTTP at CONNECTIONS.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/member-pages.bench.ts
 * BENCH_REUSE=1 keeps the `ieumteo_bench` database of an earlier run instead of generating it again.
 * Prints figures; never fails on them.
 */
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/app/build-app.ts';
import { createVerifiedUser } from '../src/modules/accounts/index.ts';
import { getDemand } from '../src/modules/demands/demands.service.ts';
import { refreshList, storedSimilar } from '../src/modules/discovery/lists.service.ts';
import { similarDemands } from '../src/modules/discovery/similar.service.ts';
import { rankDemands } from '../src/modules/discovery/suggestions.service.ts';
import { serverClock } from '../src/shared/clock.ts';
import { ANONYMOUS } from '../src/shared/context.ts';
import { diskStorage } from '../src/shared/storage.ts';
import { Agent } from '../test/agent.ts';
import { testConfig } from '../test/test-app.ts';
import { openBenchDatabase, reusedBenchDatabase } from './bench-db.ts';
import { generateWorld } from './generate-world.ts';
import { runLoad, runsHeader, timeRuns } from './load.ts';

const SAMPLE = Number(process.env.SAMPLE ?? 100);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const SECONDS = Number(process.env.SECONDS ?? 10);

async function open() {
  const reused = await reusedBenchDatabase();
  if (reused) {
    await reused.db.deleteFrom('discovery_lists').execute();
    return reused;
  }
  const database = await openBenchDatabase();
  const started = performance.now();
  await generateWorld(database.db, { orgs: 10_000, demands: 100_000 });
  console.log(`generated 10,000 organisations and 100,000 demands in ${Math.round((performance.now() - started) / 1000)} s`);
  return database;
}

const database = await open();
const db = database.db;
const now = new Date();
const ids = (await db.selectFrom('demands').select('id').where('status', '=', 'open').orderBy('id').execute()).map((r) => r.id);
const sample = Array.from({ length: SAMPLE }, (_, i) => ids[Math.floor((i * ids.length) / SAMPLE)]!);
const orgIds = (await db.selectFrom('orgs').select('id').orderBy('id').execute()).map((r) => r.id);
const ctx = { actor: ANONYMOUS, db, now: () => now, baseUrl: 'http://localhost', files: diskStorage('/tmp') };

console.log(`\n${database.kind}: ${ids.length} open demands, ${orgIds.length} organisations`);
runsHeader();
await timeRuns('similar demands of a demand (similarDemands)', SAMPLE, async (i) => similarDemands(db, await getDemand(ctx, sample[i]!)));
await timeRuns('demands an organisation could answer (rankDemands)', Math.min(SAMPLE, 50), (i) => rankDemands(db, orgIds[(i * 197) % orgIds.length]!, now, 5));
// What the publishing job and the backfill do off the request, then what a page reads.
await timeRuns('a similar list worked out and stored (the job)', SAMPLE, (i) => refreshList(ctx, 'similar', sample[i]!));
await timeRuns('similar demands read from the stored list', SAMPLE, async (i) => storedSimilar(db, now, await getDemand(ctx, sample[i]!)));

// A member of one organisation, signed in, as the pages see them.
const email = `bench-member-${Date.now()}@bench.ieumteo.kr`;
const { id: userId, password } = await createVerifiedUser(db, { email, name: '벤치 회원' }, now);
await db.insertInto('org_members').values({ org_id: orgIds[17]!, user_id: userId, role: 'admin', status: 'active', created_at: now }).execute();
const app = await buildApp({ config: { ...testConfig(), pageCacheSeconds: 0 }, database, clock: serverClock() });
const member = new Agent(app);
await member.login(email, password);
await timeRuns('a demand page, signed in (HTTP)', SAMPLE, (i) => member.get(`/demands/${sample[i]}`));
await timeRuns('the dashboard /demands/mine, first visit (HTTP: works the list out)', 1, () => member.get('/demands/mine'));
await timeRuns('the dashboard /demands/mine (HTTP)', 20, () => member.get('/demands/mine'));

await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const cookie = `sid=${member.cookie('sid')}`;
console.log(`\n${CONNECTIONS} connections, ${SECONDS} s each, signed in`);
console.log('| page | requests | req/s | p50 ms | p95 ms | p99 ms | errors |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const [name, paths] of [
  ['demand pages (all different)', sample.map((id) => `/demands/${id}`)],
  ['the dashboard', ['/demands/mine']],
] as const) {
  const r = await runLoad(paths.map((path) => `${base}${path}`), CONNECTIONS, SECONDS * 1000, 50_000, { cookie });
  console.log(`| ${name} | ${r.requests} | ${r.rps} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.errors} |`);
}
await app.close();
await database.close();

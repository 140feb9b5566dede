/**
 * The public API under load: `GET /api/v1/demands` (first page, a later page, Korean search) and a
 * demand (500 different), anonymous and with a token, and a revalidation answered 304. Generates 10k
 * organisations and 100k demands (or reuses them), serves the real app on loopback with the API's rate
 * limits raised out of the way, and drives it with Debian's `wrk` (a worker thread without it). Usage:
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/api.bench.ts
 * ORGS, DEMANDS, CONNECTIONS (50), SECONDS (5 per scenario), BENCH_REUSE=1 as in demands.bench.ts.
 * Prints figures; never fails on them.
 */
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/app/build-app.ts';
import { serverClock } from '../src/shared/clock.ts';
import { buildUser } from '../src/modules/accounts/test/builders.ts';
import { buildToken } from '../src/modules/api/test/builders.ts';
import { testConfig } from '../test/test-app.ts';
import { demandsWorld, tableHeader, tableRow } from './bench-db.ts';
import { runLoad } from './load.ts';
import { hasWrk, runWrk } from './wrk.ts';

const ORGS = Number(process.env.ORGS ?? 10_000);
const DEMANDS = Number(process.env.DEMANDS ?? 100_000);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const SECONDS = Number(process.env.SECONDS ?? 5);

const database = await demandsWorld(ORGS, DEMANDS);
const total = await database.db.selectFrom('demands').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
const token = await buildToken(database.db, await buildUser(database.db), { scopes: ['read'] });

const config = { ...testConfig(), apiRates: { token: 1_000_000_000, anonymous: 1_000_000_000 } };
const app = await buildApp({ config, database, clock: serverClock() });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

const ids = (await database.db.selectFrom('demands').select('id').where('published_at', 'is not', null).orderBy('id').limit(500).execute()).map((r) => r.id);
const second = ((await (await fetch(`${base}/api/v1/demands`)).json()) as { next: string }).next;
const etagged = await fetch(`${base}/api/v1/demands/${ids[0]}`);
// Words of the generated titles; and words in none of them, which are looked up again with the closest spelling.
const WORDS = ['휠체어', '경로당', '폐배터리', '통학로', '빈집'];
const MISSES = ['기증', '돌봄', '수리'];
const scenarios: [string, string[], Record<string, string>][] = [
  ['GET /api/v1/demands, first page', ['/api/v1/demands'], {}],
  ['GET /api/v1/demands, second page (cursor)', [`/api/v1/demands?after=${second}`], {}],
  ['GET /api/v1/demands?q= (5 words)', WORDS.map((q) => `/api/v1/demands?q=${encodeURIComponent(q)}`), {}],
  ['GET /api/v1/demands?q= (3 words found nowhere)', MISSES.map((q) => `/api/v1/demands?q=${encodeURIComponent(q)}`), {}],
  ['GET /api/v1/demands/{id} (500 different)', ids.map((id) => `/api/v1/demands/${id}`), {}],
  ['GET /api/v1/demands, with a token', ['/api/v1/demands'], { authorization: `Bearer ${token}` }],
  ['GET /api/v1/demands/{id}, with a token', ids.map((id) => `/api/v1/demands/${id}`), { authorization: `Bearer ${token}` }],
  ['GET /api/v1/demands/{id}, If-None-Match → 304', [`/api/v1/demands/${ids[0]}`], { 'if-none-match': etagged.headers.get('etag') ?? '' }],
];

const useWrk = process.env.LOADGEN !== 'worker' && hasWrk();
tableHeader(`API: ${total.n} demands, ${CONNECTIONS} connections, ${SECONDS} s per scenario, ${database.kind}, load from ${useWrk ? 'wrk' : 'a worker thread'}`);
for (const [name, paths, headers] of scenarios) {
  const urls = paths.map((p) => base + p);
  await runLoad(urls, 5, 10_000, Math.max(urls.length, 200), headers); // warm-up: every address once
  tableRow(name, useWrk ? await runWrk(urls, CONNECTIONS, SECONDS, headers) : await runLoad(urls, CONNECTIONS, SECONDS * 1000, 50_000, headers));
}
console.log(`\nserver RSS ${Math.round(process.memoryUsage().rss / 1024 / 1024)} MB`);
await app.close();
await database.close();

/**
 * Collaboration demands under load: the list (first page, filtered, sorted by deadline), two- and
 * three-syllable Korean search, search with filters, and a demand's page. Generates 10k
 * organisations and 100k demands, serves the real app on loopback and drives it from a worker
 * thread; also times the list and search service calls alone (one at a time, no HTTP). Usage:
 *   node --import tsx bench/demands.bench.ts            # embedded database (in memory)
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/demands.bench.ts
 * A PostgreSQL on the same machine is best reached over its Unix socket
 * (`postgres://postgres@localhost/test?host=/var/run/postgresql`), as docs/PERFORMANCE.md measured.
 * ORGS (10000), DEMANDS (100000), CONNECTIONS (50), SECONDS (5 per scenario) tune it; BENCH_REUSE=1
 * keeps an earlier run's database, SKIP_HTTP=1 times the service calls only. The load comes
 * from Debian's `wrk` when installed (LOADGEN=worker forces the built-in worker thread).
 * Prints figures; never fails on them.
 */
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/app/build-app.ts';
import { serverClock } from '../src/shared/clock.ts';
import { browseDemands } from '../src/modules/demands/demands.service.ts';
import { ANONYMOUS } from '../src/shared/context.ts';
import { diskStorage } from '../src/shared/storage.ts';
import { testConfig } from '../test/test-app.ts';
import { demandsWorld, tableHeader, tableRow } from './bench-db.ts';
import { SUBJECTS } from './generate-demands.ts';
import { runLoad } from './load.ts';
import { hasWrk, runWrk } from './wrk.ts';

const ORGS = Number(process.env.ORGS ?? 10_000);
const DEMANDS = Number(process.env.DEMANDS ?? 100_000);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const SECONDS = Number(process.env.SECONDS ?? 5);

const database = await demandsWorld(ORGS, DEMANDS);

const config = testConfig();
const ids = (await database.db.selectFrom('demands').select('id').orderBy('id').limit(500).execute()).map((r) => r.id);
const theme = (await database.db.selectFrom('themes').select('id').where('name', '=', '복지').executeTakeFirstOrThrow()).id;
const WORDS = ['기증', '돌봄', '수리', '휠체어', '경로당'];
const scenarios: [string, string[]][] = [
  ['list, first page', ['/demands']],
  ['list, theme + target sector + region', [`/demands?theme=${theme}&targetSector=company&region=01`]],
  ['list, by deadline', ['/demands?sort=deadline&status=all']],
  ['search 2-3 syllable word', WORDS.map((q) => `/demands?q=${encodeURIComponent(q)}`)],
  ['search + purpose + theme', WORDS.map((q) => `/demands?q=${encodeURIComponent(q)}&purpose=pilot&theme=${theme}`)],
  ['demand page (500 different)', ids.map((id) => `/demands/${id}`)],
];

/**
 * Every scenario twice: with the page cache off, so each request renders and queries (the cost of a
 * signed-in member or of a page nobody else asked for lately), and on as anonymous visitors get it.
 */
const useWrk = process.env.LOADGEN !== 'worker' && hasWrk();
for (const pageCacheSeconds of process.env.SKIP_HTTP ? [] : [0, 2]) {
  const app = await buildApp({ config: { ...config, pageCacheSeconds }, database, clock: serverClock() });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const cache = pageCacheSeconds ? `page cache ${pageCacheSeconds} s` : 'no page cache';
  tableHeader(`HTTP: ${CONNECTIONS} connections, ${SECONDS} s per scenario, ${database.kind}, ${cache}, load from ${useWrk ? 'wrk' : 'a worker thread'}`);
  for (const [name, paths] of scenarios) {
    const urls = paths.map((p) => base + p);
    await runLoad(urls, 5, 10_000, Math.max(urls.length, 200)); // warm-up: every page once
    tableRow(name, useWrk ? await runWrk(urls, CONNECTIONS, SECONDS) : await runLoad(urls, CONNECTIONS, SECONDS * 1000));
  }
  await app.close();
}

/**
 * The service alone: what the database and query building cost per call, one at a time. Every call
 * asks a different word or filter, so none is answered from the five-second count cache.
 */
const words = [...new Set(SUBJECTS.flatMap((s) => s.split(' ')))];
const TYPOS = ['휠체여', '겅로당', '쉼트', '쓰래기', '신구', '챵업', '통학료', '폐배터라', '어르싄', '전통시쟝', '도서괸', '반려동믈'];
const themeIds = (await database.db.selectFrom('themes').select('id').execute()).map((r) => String(r.id));
const ctx = { actor: ANONYMOUS, db: database.db, now: () => new Date(), baseUrl: config.baseUrl, files: diskStorage(config.dataDir) };
const calls: [string, Record<string, string>[]][] = [
  ['browseDemands: list by theme and region', themeIds.flatMap((t) => ['01', '02', '09', '13', '17'].map((region) => ({ theme: t, region })))],
  ['browseDemands: search', words.flatMap((q): Record<string, string>[] => [{ q }, { q, status: 'all' }])],
  ['browseDemands: search + filters', words.flatMap((q) => themeIds.map((t) => ({ q, purpose: 'pilot', theme: t })))],
  // Found nothing as typed, so the closest spelling is searched too (the first call builds the vocabulary).
  ['browseDemands: search with a typo', TYPOS.map((q) => ({ q }))],
];
console.log('\nService calls, sequential, each with a fresh count (count + page), ms');
console.log('| call | calls | p50 | p95 | p99 |');
console.log('|---|---:|---:|---:|---:|');
for (const [name, queries] of calls) {
  const times: number[] = [];
  for (let i = 0; i < Math.min(300, queries.length); i++) {
    const t0 = performance.now();
    await browseDemands(ctx, queries[i]);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const p = (q: number) => (times[Math.floor((q / 100) * times.length)] ?? 0).toFixed(1);
  console.log(`| ${name} | ${times.length} | ${p(50)} | ${p(95)} | ${p(99)} |`);
}
console.log(`\nserver RSS ${Math.round(process.memoryUsage().rss / 1024 / 1024)} MB`);
await database.close();

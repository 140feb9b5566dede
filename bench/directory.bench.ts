/**
 * Foundation pages under load: home, directory, two-syllable Korean search, filtered directory,
 * organisation profile. Generates its own organisations, serves the real app on loopback and drives
 * it from a worker thread. Usage:
 *   node --import tsx bench/directory.bench.ts            # embedded database (in memory)
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/directory.bench.ts
 * ORGS (default 10000), CONNECTIONS (50) and SECONDS (5 per scenario) tune it. Prints figures; never fails on them.
 */
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/app/build-app.ts';
import { serverClock } from '../src/shared/clock.ts';
import { testConfig } from '../test/test-app.ts';
import { openBenchDatabase, tableHeader, tableRow } from './bench-db.ts';
import { generateOrgs } from './generate-orgs.ts';
import { runLoad } from './load.ts';

const ORGS = Number(process.env.ORGS ?? 10_000);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const SECONDS = Number(process.env.SECONDS ?? 5);

const database = await openBenchDatabase();
let started = performance.now();
await generateOrgs(database.db, ORGS);
console.log(`${database.kind}: generated ${ORGS} organisations in ${Math.round(performance.now() - started)} ms`);

const app = await buildApp({ config: testConfig(), database, clock: serverClock() });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const someIds = (await database.db.selectFrom('orgs').select('id').orderBy('id').limit(200).execute()).map((r) => r.id);

const scenarios: [string, string[]][] = [
  ['home', [`${base}/`]],
  ['directory, first page', [`${base}/orgs`]],
  ['search 2-syllable word', ['보훈', '관광', '돌봄', '해양', '청년'].map((q) => `${base}/orgs?q=${encodeURIComponent(q)}`)],
  ['search + sector + region', [`${base}/orgs?q=${encodeURIComponent('복지')}&sector=local&region=01`]],
  ['organisation profile', someIds.map((id) => `${base}/orgs/${id}`)],
];

tableHeader(`${CONNECTIONS} connections, ${SECONDS} s per scenario, ${database.kind}`);
for (const [name, urls] of scenarios) {
  await runLoad(urls, 5, 500); // warm-up
  tableRow(name, await runLoad(urls, CONNECTIONS, SECONDS * 1000));
}
console.log(`\nserver RSS ${Math.round(process.memoryUsage().rss / 1024 / 1024)} MB`);
started = performance.now();
await app.close();
await database.close();

/**
 * Operators' exports of a national-scale world: each dataset as CSV and XLSX, downloaded over HTTP from
 * a server in this process, with the time to the first byte and to the last, the file's size and the
 * process's peak RSS while it was made. Usage:
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test BENCH_REUSE=1 node --import tsx bench/exports.bench.ts
 * With BENCH_REUSE=1 it reads the site benchmark's world (100,000 demands, 150,000 replies); without,
 * it generates 10,000 organisations and 100,000 demands. Prints figures; never fails on them.
 */
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/app/build-app.ts';
import { createVerifiedUser } from '../src/modules/accounts/index.ts';
import { serverClock } from '../src/shared/clock.ts';
import { Agent } from '../test/agent.ts';
import { testConfig } from '../test/test-app.ts';
import { demandsWorld } from './bench-db.ts';

const database = await demandsWorld(10_000, 100_000);
const app = await buildApp({ config: testConfig(), database, clock: serverClock() });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

const email = `bench-exports-${Date.now()}@bench.ieumteo.kr`;
const { password } = await createVerifiedUser(database.db, { email, name: '벤치 운영자', role: 'operator' }, new Date());
const agent = new Agent(app);
await agent.login(email, password);
const cookie = `sid=${agent.cookie('sid')}`;

const mb = (bytes: number) => (bytes / 1048576).toFixed(1);
global.gc?.();
console.log(`RSS after start: ${mb(process.memoryUsage().rss)} MB`);
console.log('\n| export | rows | first byte s | done s | file MB | peak RSS MB |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const [dataset, table] of [['demands', 'demands'], ['replies', 'replies']] as const) {
  const rows = (await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  for (const format of ['csv', 'xlsx']) {
    global.gc?.();
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const started = performance.now();
    const response = await fetch(`${base}/admin/exports/${dataset}?format=${format}`, { headers: { cookie } });
    let firstByte = 0;
    let bytes = 0;
    for await (const chunk of response.body!) {
      firstByte ||= performance.now();
      bytes += chunk.length;
    }
    const done = performance.now();
    clearInterval(sampler);
    const s = (at: number) => ((at - started) / 1000).toFixed(2);
    console.log(`| ${dataset}.${format} (${response.status}) | ${rows} | ${s(firstByte)} | ${s(done)} | ${mb(bytes)} | ${mb(peak)} |`);
  }
}
await app.close();
await database.close();

/**
 * Statistics (/stats): one `periodStats` call over a generated history of REGISTERED (100,000)
 * demands published over five years, REPLIERS (40,000) replying organisations, 30,000 replied and
 * 8,000 concluded demands — for the whole history, one year and thirty days. Usage:
 *   DATABASE_URL=postgres://postgres@localhost/test?host=/var/run/postgresql node --import tsx bench/stats.bench.ts
 *   node --import tsx bench/stats.bench.ts     # embedded database
 * Prints figures; never fails on them.
 */
import { sql } from 'kysely';
import { ctxFor } from '../src/modules/accounts/test/builders.ts';
import { periodStats } from '../src/modules/stats/stats.service.ts';
import { buildHistory } from '../src/modules/stats/test/builders.ts';
import { ANONYMOUS } from '../src/shared/context.ts';
import { openBenchDatabase } from './bench-db.ts';
import { percentile } from './load.ts';

const REGISTERED = Number(process.env.REGISTERED ?? 100_000);
const REPLIERS = Number(process.env.REPLIERS ?? 40_000);
const RUNS = Number(process.env.RUNS ?? 20);

const database = await openBenchDatabase();
let started = performance.now();
await buildHistory(database.db, { start: '2021-01-01', days: 1825, registered: REGISTERED, replied: 30_000, replierOrgs: REPLIERS, concluded: 8_000, publicPrivate: 4_500 });
await sql`ANALYZE`.execute(database.db);
console.log(`${database.kind}: history of ${REGISTERED} demands written in ${Math.round((performance.now() - started) / 1000)} s`);

const ctx = ctxFor(database.db, ANONYMOUS, () => new Date('2026-01-15T00:00:00Z'));
const periods: [string, { from?: string; to?: string }][] = [
  ['whole history (5 years)', {}],
  ['one year', { from: '2024-01-01', to: '2024-12-31' }],
  ['thirty days', { from: '2024-06-01', to: '2024-06-30' }],
];
console.log('\n| period | demands in it | p50 ms | p95 ms | max ms |');
console.log('|---|---:|---:|---:|---:|');
for (const [name, period] of periods) {
  const first = await periodStats(ctx, period);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    started = performance.now();
    await periodStats(ctx, period);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`| ${name} | ${first.registered} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} | ${times.at(-1)!.toFixed(1)} |`);
}
console.log(`\nRSS ${Math.round(process.memoryUsage().rss / 1048576)} MB`);
await database.close();

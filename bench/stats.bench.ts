/**
 * Statistics (/stats): one `periodStats` call over a generated history of REGISTERED (1,000,000)
 * demands published over five years, REPLIERS (100,000) organisations each replying once, and
 * CONCLUDED (20,000) concluded demands — for periods the monthly rollups answer (the whole history,
 * a period starting mid-month and ending today) and past periods worked out from the log. Also times
 * the job that builds the rollups: all months at once, and one month after a reply. Usage:
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/stats.bench.ts
 *   REGISTERED=100000 node --import tsx bench/stats.bench.ts     # embedded database
 * Uses its own database (`ieumteo_bench_stats`). Prints figures; never fails on them.
 */
import { sql } from 'kysely';
import { ctxFor } from '../src/modules/accounts/test/builders.ts';
import { refreshMarkedMonths } from '../src/modules/stats/rollups.ts';
import { periodStats } from '../src/modules/stats/stats.service.ts';
import { buildHistory } from '../src/modules/stats/test/builders.ts';
import { ANONYMOUS } from '../src/shared/context.ts';
import { openBenchDatabase } from './bench-db.ts';
import { percentile } from './load.ts';

const REGISTERED = Number(process.env.REGISTERED ?? 1_000_000);
const REPLIERS = Number(process.env.REPLIERS ?? 100_000);
const CONCLUDED = Number(process.env.CONCLUDED ?? 20_000);
const RUNS = Number(process.env.RUNS ?? 20);

const database = await openBenchDatabase('ieumteo_bench_stats');
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
let started = performance.now();
await buildHistory(database.db, { start: '2021-01-01', days: 1825, registered: REGISTERED, replied: REPLIERS, replierOrgs: REPLIERS, concluded: CONCLUDED, publicPrivate: CONCLUDED / 2 });
await sql`ANALYZE`.execute(database.db);
console.log(`${database.kind}: history of ${REGISTERED} demands written in ${seconds(started)} s`);

const now = () => new Date('2026-01-15T00:00:00Z');
started = performance.now();
const months = await refreshMarkedMonths(database.db, now());
console.log(`rollups: ${months} months worked out in ${seconds(started)} s`);

const ctx = ctxFor(database.db, ANONYMOUS, now);
const periods: [string, { from?: string; to?: string }, number][] = [
  ['whole history, ending today (rollups)', {}, RUNS],
  ['2023-05-17 to today (a month from the log, the rest rollups)', { from: '2023-05-17' }, RUNS],
  ['whole history, ending yesterday (log)', { to: '2026-01-14' }, 3],
  ['one past year (log)', { from: '2024-01-01', to: '2024-12-31' }, 5],
  ['thirty past days (log)', { from: '2024-06-01', to: '2024-06-30' }, RUNS],
];
console.log('\n| period | demands in it | p50 ms | p95 ms | max ms |');
console.log('|---|---:|---:|---:|---:|');
for (const [name, period, runs] of periods) {
  const first = await periodStats(ctx, period);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    started = performance.now();
    await periodStats(ctx, period);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`| ${name} | ${first.registered} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} | ${times.at(-1)!.toFixed(1)} |`);
}

// The job's steady work: one month marked again, as a reply to one of its demands would.
const times: number[] = [];
for (let i = 0; i < 5; i++) {
  await database.db.insertInto('stats_stale_months').values({ month: '2025-06' }).execute();
  started = performance.now();
  await refreshMarkedMonths(database.db, now());
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
console.log(`\none month worked out again (${Math.round(REGISTERED / 60)} demands): p50 ${percentile(times, 50).toFixed(0)} ms, max ${times.at(-1)!.toFixed(0)} ms`);
console.log(`RSS ${Math.round(process.memoryUsage().rss / 1048576)} MB`);
await database.close();

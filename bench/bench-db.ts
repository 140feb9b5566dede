import pg from 'pg';
import { type Database, openDatabase } from '../src/db/client.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { generateDemands } from './generate-demands.ts';
import { generateOrgs } from './generate-orgs.ts';
import type { LoadResult } from './load.ts';

/**
 * A fresh, migrated benchmark database: the embedded one in memory, or `ieumteo_bench` (dropped and
 * created again) on the PostgreSQL server of DATABASE_URL.
 */
export async function openBenchDatabase(): Promise<Database> {
  let url = process.env.DATABASE_URL;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS ieumteo_bench');
    await admin.query('CREATE DATABASE ieumteo_bench');
    await admin.end();
    const u = new URL(url);
    u.pathname = '/ieumteo_bench';
    url = u.toString();
  }
  const database = await openDatabase({ url });
  await migrateToLatest(database.db);
  return database;
}

/**
 * With BENCH_REUSE=1 and DATABASE_URL: the `ieumteo_bench` database an earlier run generated, brought
 * to the latest migration, so a benchmark can be run again without generating its world; else null.
 */
export async function reusedBenchDatabase(): Promise<Database | null> {
  if (!process.env.BENCH_REUSE || !process.env.DATABASE_URL) return null;
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = '/ieumteo_bench';
  const database = await openDatabase({ url: url.toString() });
  await migrateToLatest(database.db);
  return database;
}

/** `orgs` organisations and `demands` demands: generated afresh, or an earlier run's kept database (BENCH_REUSE=1). */
export async function demandsWorld(orgs: number, demands: number): Promise<Database> {
  const reused = await reusedBenchDatabase();
  if (reused) return reused;
  const database = await openBenchDatabase();
  const started = performance.now();
  await generateOrgs(database.db, orgs);
  await generateDemands(database.db, demands);
  console.log(`${database.kind}: generated ${orgs} organisations and ${demands} demands in ${Math.round((performance.now() - started) / 1000)} s`);
  return database;
}

export function tableHeader(title: string): void {
  console.log(`\n${title}`);
  console.log('| scenario | requests | req/s | p50 ms | p95 ms | p99 ms | errors |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
}

export function tableRow(name: string, r: LoadResult): void {
  const f = (n: number) => n.toFixed(1);
  console.log(`| ${name} | ${r.requests} | ${r.rps} | ${f(r.p50)} | ${f(r.p95)} | ${f(r.p99)} | ${r.errors} |`);
}

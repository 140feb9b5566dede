import pg from 'pg';
import { type Database, openDatabase } from '../src/db/client.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { generateDemands } from './generate-demands.ts';
import { generateOrgs } from './generate-orgs.ts';
import type { LoadResult } from './load.ts';

/** A database (`ieumteo_bench` unless named) on the PostgreSQL server of DATABASE_URL; undefined without one. */
export function benchDatabaseUrl(name = 'ieumteo_bench'): string | undefined {
  if (!process.env.DATABASE_URL) return undefined;
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A fresh, migrated benchmark database: the embedded one in memory, or `name` (dropped and created
 * again) on the PostgreSQL server of DATABASE_URL. A benchmark with a world of its own names its own
 * database, so that it leaves the site benchmark's `ieumteo_bench` alone.
 */
export async function openBenchDatabase(name = 'ieumteo_bench'): Promise<Database> {
  const url = benchDatabaseUrl(name);
  if (url) {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
  }
  const database = await openDatabase({ url });
  await migrateToLatest(database.db);
  return database;
}

/**
 * With BENCH_REUSE=1 and DATABASE_URL: the `ieumteo_bench` database an earlier run generated, brought
 * to the latest migration, so a benchmark can be run again without generating its world; else (or
 * when there is none yet) null.
 */
export async function reusedBenchDatabase(): Promise<Database | null> {
  const url = benchDatabaseUrl();
  if (!process.env.BENCH_REUSE || !url) return null;
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = 'ieumteo_bench'");
  await admin.end();
  if (!rowCount) return null;
  const database = await openDatabase({ url });
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

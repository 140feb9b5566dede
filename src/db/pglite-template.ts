import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect } from 'kysely';
import { migrateToLatest } from './migrate.ts';
import type { DB } from './schema.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const MIGRATIONS_DIR = path.join(ROOT, 'src/db/migrations');
/** npm's conventional cache folder: kept between runs, made afresh by `npm ci` (whose postinstall rebuilds the template). */
const CACHE_DIR = path.join(ROOT, 'node_modules/.cache/ieumteo');

/** Changes whenever a migration, the reference data they load or PGlite itself changes, so a stale template is never used. */
export function migrationsHash(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(MIGRATIONS_DIR).sort()) hash.update(file).update(readFileSync(path.join(MIGRATIONS_DIR, file)));
  hash.update(readFileSync(path.join(ROOT, 'src/modules/orgs/data/regions-kr.json')));
  hash.update(readFileSync(path.join(ROOT, 'node_modules/@electric-sql/pglite/package.json')));
  return hash.digest('hex').slice(0, 16);
}

const templateFile = () => path.join(CACHE_DIR, `pglite-${migrationsHash()}.tar`);

/**
 * A migrated, empty embedded database as a tarball, like a PostgreSQL template database: `initdb`
 * in WebAssembly and the migrations take 5–10 s, loading the tarball about one. Made by `npm ci`'s
 * postinstall and by the first test run; null when there is none for these migrations.
 */
export function pgliteTemplate(): Blob | null {
  const file = templateFile();
  return existsSync(file) ? new Blob([readFileSync(file)]) : null;
}

/** Makes the template when there is none for these migrations (written under another name and renamed, so never half). */
export async function ensurePgliteTemplate(): Promise<Blob> {
  const existing = pgliteTemplate();
  if (existing) return existing;
  const pglite = await PGlite.create();
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
  await migrateToLatest(db);
  const dump = await pglite.dumpDataDir('none');
  await db.destroy();
  mkdirSync(CACHE_DIR, { recursive: true });
  const file = templateFile();
  const partial = `${file}.${process.pid}`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, file);
  return dump;
}

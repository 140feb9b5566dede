import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect } from 'kysely';
import { migrateToLatest } from './migrate.ts';
import { CACHE_DIR, copyDatabaseFolder, isSealedDatabaseFolder, restrictToOwner, sealDatabaseFolder } from './pglite-folder.ts';
import type { DB } from './schema.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const MIGRATIONS_DIR = path.join(ROOT, 'src/db/migrations');

/** Changes whenever a migration, the reference data they load or PGlite itself changes, so a stale template is never used. */
export function migrationsHash(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(MIGRATIONS_DIR).sort()) hash.update(file).update(readFileSync(path.join(MIGRATIONS_DIR, file)));
  hash.update(readFileSync(path.join(ROOT, 'src/modules/orgs/data/regions-kr.json')));
  hash.update(readFileSync(path.join(ROOT, 'node_modules/@electric-sql/pglite/package.json')));
  return hash.digest('hex').slice(0, 16);
}

const templateName = () => `pglite-${migrationsHash()}`;
const templateTar = () => path.join(CACHE_DIR, `${templateName()}.tar`);
/** The same database as a folder, which a new data folder copies: opening a copy is a warm start. */
const templateDir = () => path.join(CACHE_DIR, templateName());

/**
 * A migrated, empty embedded database as a tarball, like a PostgreSQL template database, for the
 * in-memory databases of the tests: `initdb` in WebAssembly and the migrations take 5–10 s,
 * loading the tarball well under one. Null when there is none for these migrations.
 */
export function pgliteTemplate(): Blob | null {
  const file = templateTar();
  return existsSync(file) ? new Blob([readFileSync(file)]) : null;
}

/**
 * Makes the template, as a tarball and as a folder, when either is missing for these migrations
 * or the folder is damaged (not as sealed). Each is written under a name of its own and renamed,
 * so never seen half-made; when two processes build at once, the first folder renamed in place wins.
 */
export async function ensurePgliteTemplate(): Promise<Blob> {
  const existing = pgliteTemplate();
  if (existing && isSealedDatabaseFolder(templateDir())) return existing;
  const pglite = await PGlite.create();
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
  await migrateToLatest(db);
  const dump = await pglite.dumpDataDir('none');
  await db.destroy();
  mkdirSync(CACHE_DIR, { recursive: true });
  restrictToOwner(CACHE_DIR);
  const file = templateTar();
  writeFileSync(`${file}.${process.pid}`, Buffer.from(await dump.arrayBuffer()));
  renameSync(`${file}.${process.pid}`, file);
  if (!isSealedDatabaseFolder(templateDir())) {
    const partial = `${templateDir()}.${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    await (await PGlite.create(partial, { loadDataDir: dump })).close();
    sealDatabaseFolder(partial);
    if (!isSealedDatabaseFolder(templateDir())) rmSync(templateDir(), { recursive: true, force: true });
    try {
      renameSync(partial, templateDir());
    } catch (error) {
      if (!isSealedDatabaseFolder(templateDir())) throw error;
      rmSync(partial, { recursive: true, force: true });
    }
  }
  return dump;
}

/**
 * Makes `dbDir`, which must hold no database yet, a copy of the template folder; false when there
 * is none or it is damaged. Opening the copy takes ~0.3 s and ~130 MB, where loading the tarball into the server's
 * own process took ~0.8 s and ~370 MB it never gave back. Copied under another name and renamed,
 * so a start that dies half-way leaves no half database.
 */
export function copyPgliteTemplate(dbDir: string): boolean {
  if (!isSealedDatabaseFolder(templateDir())) return false;
  copyDatabaseFolder(templateDir(), dbDir);
  return true;
}

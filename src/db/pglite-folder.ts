import { chmodSync, existsSync } from 'node:fs';
import path from 'node:path';

/**
 * npm's conventional cache folder: kept between runs, made afresh by `npm ci`, whose postinstall
 * makes the embedded database's template and the demo's there.
 */
export const CACHE_DIR = path.resolve(import.meta.dirname, '../../node_modules/.cache/ieumteo');

/** Makes `dir` reachable by its owner only (0700), when this process owns it; otherwise leaves it. */
export function restrictToOwner(dir: string): void {
  try {
    chmodSync(dir, 0o700);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
  }
}

/** Where the embedded database lives inside a data folder. Light to import: the first start reads it before loading PGlite. */
export function pgdataOf(dataDir: string): string {
  return path.join(dataDir, 'pgdata');
}

/** Whether `dir` holds a database (initdb writes PG_VERSION), not merely exists. */
export function isDatabaseFolder(dir: string): boolean {
  return existsSync(path.join(dir, 'PG_VERSION'));
}

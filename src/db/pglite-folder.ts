import { type CopySyncOptions, chmodSync, cpSync, existsSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

/** Inside a sealed database folder, the list of its files and sizes (PostgreSQL ignores it; a copy leaves it out). */
const SEAL = 'ieumteo-sealed.json';

/** `dir`'s files but the seal, each with its size in bytes, one per line in path order. */
function filesAndSizes(dir: string): string {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name !== SEAL)
    .sort()
    .flatMap((name) => {
      const stat = statSync(path.join(dir, name));
      return stat.isFile() ? [`${name} ${stat.size}`] : [];
    })
    .join('\n');
}

/** Seals `dir`, a closed database folder made to be copied (a template): writes in it the list of its files. */
export function sealDatabaseFolder(dir: string): void {
  writeFileSync(path.join(dir, SEAL), filesAndSizes(dir));
}

/**
 * Whether `dir` holds a database as it was sealed: every file it had, of the same size, and none
 * more (~10 ms for a demo's 1,500 files). A template damaged since (a file removed or cut short)
 * is not: a copy of it would fail every start of its data folder.
 */
export function isSealedDatabaseFolder(dir: string): boolean {
  try {
    return isDatabaseFolder(dir) && readFileSync(path.join(dir, SEAL), 'utf8') === filesAndSizes(dir);
  } catch {
    return false;
  }
}

/**
 * Clears the way for a new database at `dir`, which holds none: an empty folder goes; one with
 * files in it (an older version's start that died making it, or anything else) is kept, renamed
 * to `<dir>.not-a-database-<ms>`. Returns that name, or null. Throws, naming the folder, when it
 * cannot be moved (a mounted volume: mount the data folder instead).
 */
export function setAsideNonDatabase(dir: string): string | null {
  if (!existsSync(dir)) return null;
  if (readdirSync(dir).length === 0) {
    rmdirSync(dir);
    return null;
  }
  const aside = `${dir}.not-a-database-${Date.now()}`;
  try {
    renameSync(dir, aside);
  } catch (error) {
    throw new Error(`${dir} holds files but no database, and cannot be moved aside (${(error as NodeJS.ErrnoException).code}): move it away, or mount the data folder rather than ${path.basename(dir)}`);
  }
  return aside;
}

/** Errors of a full disk or a failing one, as a copy meets them (Node's native copy reports ENOSPC as EIO). */
const DISK_PROBLEMS = new Set(['ENOSPC', 'EDQUOT', 'EIO', 'EFBIG']);

/** Copies the folder `source` to `target` (`cpSync`); throws naming the disk when it is full or failing. */
export function copyFolder(source: string, target: string, options: CopySyncOptions = {}): void {
  try {
    cpSync(source, target, { ...options, recursive: true });
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    if (!code || !DISK_PROBLEMS.has(code)) throw error;
    throw new Error(`${target}에 복사하지 못했습니다: 디스크가 가득 찼거나 고장 났습니다 (${code}). Could not copy into ${target}: the disk is full or failing.`);
  }
}

/**
 * Copies the sealed database folder `source` (its seal left out) to `target` under another name
 * and renames it into place, so a process that dies half-way leaves no half database; a folder at
 * `target` that holds none is set aside first (`setAsideNonDatabase`). A copy that fails leaves
 * nothing behind.
 */
export function copyDatabaseFolder(source: string, target: string): void {
  const partial = `${target}.partial`;
  rmSync(partial, { recursive: true, force: true });
  try {
    copyFolder(source, partial, { filter: (file) => file !== path.join(source, SEAL) });
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    throw error;
  }
  setAsideNonDatabase(target);
  renameSync(partial, target);
}

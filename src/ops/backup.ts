import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../db/client.ts';

function stamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/**
 * Writes a consistent copy of the database into `dir` and returns its path: the embedded database
 * as a gzipped data-folder archive (PGlite's own dump), PostgreSQL through `pg_dump -Fc`.
 */
export async function backupDatabase(database: Database, dir: string, now: Date, databaseUrl?: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  if (database.pglite) {
    const file = path.join(dir, `ieumteo-${stamp(now)}.tar.gz`);
    const dump = await database.pglite.dumpDataDir('gzip');
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    return file;
  }
  if (!databaseUrl) throw new Error('DATABASE_URL is needed to back up a PostgreSQL server');
  const file = path.join(dir, `ieumteo-${stamp(now)}.dump`);
  await new Promise<void>((resolve, reject) => {
    const child = spawn('pg_dump', ['--format=custom', `--file=${file}`, databaseUrl], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`pg_dump exited with ${code}`))));
  });
  return file;
}

/** Keeps the newest `keep` archives in `dir`, removing older ones. */
export function pruneBackups(dir: string, keep: number): void {
  const archives = readdirSync(dir)
    .filter((f) => /^ieumteo-\d{8}-\d{6}\.(tar\.gz|dump)$/.test(f))
    .sort()
    .reverse();
  for (const old of archives.slice(keep)) rmSync(path.join(dir, old));
}

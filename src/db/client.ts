import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import { acquireDataDirLock } from './data-dir-lock.ts';
import { listenPostgres, type OnNotify, type Unlisten } from './listen.ts';
import type { DB } from './schema.ts';

// bigint (count(*), sums) comes back as a string from `pg` and as a number from PGlite;
// every count we store fits in a double, so both backends hand out numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
// A calendar date (a deadline, a meeting day) has no time zone: keep it as 'YYYY-MM-DD' on both backends
// rather than a Date at the server's local midnight.
const asText = (value: string) => value;
pg.types.setTypeParser(pg.types.builtins.DATE, asText);
/** The same for every PGlite we open (server, tests, restore). */
export const PGLITE_PARSERS = { [pg.types.builtins.DATE]: asText };

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  /** Only the embedded database has one: used for backups. */
  pglite?: PGlite;
  /**
   * Receives `pg_notify(channel, …)` from every process on this database, each once its transaction
   * commits. `onError` hears of a lost connection that is being re-established.
   */
  listen(channel: string, onNotify: OnNotify, onError: (error: Error) => void): Promise<Unlisten>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A PostgreSQL server; when absent the embedded database is used. */
  url?: string | undefined;
  /** Folder of the embedded database; `undefined` keeps it in memory (tests). */
  dataDir?: string | undefined;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) return openPostgres(options.url);
  return openPglite(options.dataDir);
}

function openPostgres(url: string): Database {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', listen: (channel, onNotify, onError) => listenPostgres(url, channel, onNotify, onError), close: () => db.destroy() };
}

/** A database over an open PGlite; `release` runs after it is closed. */
export function pgliteDatabase(pglite: PGlite, release?: () => void): Database {
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    kind: 'pglite',
    pglite,
    // One process: PGlite delivers its own notifications, at commit as PostgreSQL does.
    listen: (channel, onNotify) => pglite.listen(channel, onNotify),
    async close() {
      await db.destroy();
      // Kysely closes PGlite only if a query ever ran; one never used would stay open.
      if (!pglite.closed) await pglite.close();
      release?.();
    },
  };
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  const dbDir = dataDir ? path.join(dataDir, 'pgdata') : undefined;
  // PGlite has no lock of its own: a second process on the same folder silently loses writes.
  const lock = dataDir ? acquireDataDirLock(dataDir) : undefined;
  try {
    const pglite = await PGlite.create(dbDir, { parsers: PGLITE_PARSERS });
    return pgliteDatabase(pglite, lock?.release);
  } catch (error) {
    lock?.release();
    throw error;
  }
}

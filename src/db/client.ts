import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import { acquireDataDirLock } from './data-dir-lock.ts';
import { listenPostgres, type OnNotify, type Unlisten } from './listen.ts';
import { isDatabaseFolder, pgdataOf, restrictToOwner } from './pglite-folder.ts';
import { copyPgliteTemplate } from './pglite-template.ts';
import type { DB } from './schema.ts';

// bigint (count(*), sums) comes back as a string from `pg` and as a number from PGlite;
// every count we store fits in a double, so both backends hand out numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
// Arrays as PGlite hands them out, which `pg` did not: bigint[] (a demand's theme ids) as numbers, not
// strings; date[] as 'YYYY-MM-DD', not Dates; numeric[] as exact strings, like numeric, not doubles.
const arrayOf = (oid: number) => oid as Parameters<typeof pg.types.getTypeParser>[0]; // not among pg-types' named builtins
const textArray = pg.types.getTypeParser(arrayOf(1009)) as (value: string) => (string | null)[];
pg.types.setTypeParser(arrayOf(1016), (value) => textArray(value).map((item) => (item === null ? null : Number(item))));
pg.types.setTypeParser(arrayOf(1182), textArray);
pg.types.setTypeParser(arrayOf(1231), textArray);
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
  /** Only a server's pool has these: connections open, idle, and requests waiting for one. */
  poolStats?: () => { total: number; idle: number; waiting: number };
  /**
   * A streaming replica of the server (`DATABASE_READ_URL`) for pages anyone may read; it may lag
   * behind `db`, so only `app/plugins/read-replica.ts` decides when a request may use it.
   */
  replica?: Kysely<DB>;
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
  /** A hot standby of that server, for reads that may lag (only with `url`). */
  readUrl?: string | undefined;
  /** Folder of the embedded database; `undefined` keeps it in memory (tests). */
  dataDir?: string | undefined;
  /** Hears of a pooled server connection that was lost while idle (a restart, a failover, a terminated backend). */
  onConnectionLost?: (error: Error) => void;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) return openPostgres(options.url, options.readUrl, options.onConnectionLost);
  return openPglite(options.dataDir);
}

/** Distinct statements one connection prepares; past it (unusual SQL shapes) they are parsed per execution. */
const PREPARED_PER_CONNECTION = 1_000;

/**
 * Makes `client` prepare each parameterised statement the first time it runs on this connection
 * and only bind and execute it afterwards (PostgreSQL's extended protocol with a named statement):
 * no parse and plan per query. Statements without parameters (transaction control, migrations'
 * several-statement DDL) keep the simple protocol. Off with `DATABASE_PREPARED_STATEMENTS=false`,
 * for a transaction-pooling PgBouncer before 1.21, which cannot keep named statements.
 */
function prepareStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const names = new Map<string, string>();
  client.query = ((text: unknown, values?: unknown, callback?: unknown) => {
    if (typeof text === 'string' && Array.isArray(values) && values.length > 0 && callback === undefined) {
      let name = names.get(text);
      if (name === undefined && names.size < PREPARED_PER_CONNECTION) {
        name = `ieumteo_${names.size}`;
        names.set(text, name);
      }
      if (name !== undefined) return query({ name, text, values });
    }
    return query(text, values, callback);
  }) as typeof client.query;
}

function postgresPool(url: string, onConnectionLost: (error: Error) => void): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10), connectionTimeoutMillis: 5_000 });
  const prepared = process.env.DATABASE_PREPARED_STATEMENTS !== 'false';
  // A connection that ends (a restart, a failover, a terminated backend) makes its client emit 'error',
  // and the pool re-emits it for idle clients; unheard, either event ends the process. Each client is
  // heard from its first connection on, also while checked out between two queries of a transaction.
  // A broken client is not queryable any more, so the pool discards it on release and opens a new one.
  pool.on('connect', (client) => {
    client.on('error', onConnectionLost);
    if (prepared) prepareStatements(client);
  });
  pool.on('error', () => {}); // already heard through the client's own listener
  return pool;
}

function openPostgres(url: string, readUrl: string | undefined, onConnectionLost: (error: Error) => void = () => {}): Database {
  const pool = postgresPool(url, onConnectionLost);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const replica = readUrl ? new Kysely<DB>({ dialect: new PostgresDialect({ pool: postgresPool(readUrl, onConnectionLost) }) }) : undefined;
  const poolStats = () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount });
  return {
    db,
    kind: 'postgres',
    poolStats,
    ...(replica ? { replica } : {}),
    listen: (channel, onNotify, onError) => listenPostgres(url, channel, onNotify, onError),
    close: async () => {
      await replica?.destroy();
      await db.destroy();
    },
  };
}

// SQLSTATE classes and codes that mean "the server cannot be reached or is going away", not "this
// query is wrong": class 08 (connection exception), 57P01–57P03 (shutdown, crash, cannot connect now),
// 53300 (too many connections).
const UNAVAILABLE_CODES = /^(08...|57P0[123]|53300)$/;
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * True when `error` says the database is unreachable for now (its server restarting, failing over,
 * or the connection cut), so the request may be answered 503 and tried again; false for any other
 * error. Codes: PostgreSQL's Appendix A (SQLSTATE), Node's system errors, and node-postgres' own
 * messages for a connection ended mid-query or a pool that timed out connecting.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code } = error as { code?: unknown };
  if (typeof code === 'string' && (UNAVAILABLE_CODES.test(code) || UNAVAILABLE_ERRNOS.has(code))) return true;
  return /Connection terminated|connection error|timeout exceeded when trying to connect|Client was closed/i.test(error.message);
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

const MAKE_TEMPLATE_SCRIPT = path.join(import.meta.dirname, 'make-pglite-template.ts');
/**
 * PGlite's own start parameters with 16 MB of shared buffers instead of PostgreSQL's 128 MB: the
 * embedded database is for a laptop or a small office, its files sit in the OS page cache anyway,
 * and the process stays near 250 MB instead of 400 MB (measured in docs/PERFORMANCE.md). And 10
 * connection slots instead of 100: PGlite has one backend, and the shared memory of each slot
 * (its process entry, its share of the lock table) is touched at start, ~50 MB in all. The lock
 * table keeps 640 locks, more than all migrations in one transaction take.
 */
const PGLITE_START = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB', '-c', 'max_connections=10'];

async function openPglite(dataDir: string | undefined): Promise<Database> {
  const dbDir = dataDir ? pgdataOf(dataDir) : undefined;
  // PGlite has no lock of its own: a second process on the same folder silently loses writes.
  const lock = dataDir ? acquireDataDirLock(dataDir) : undefined;
  // PGlite writes its files readable and writable by anyone (0666, whatever the umask): the data
  // folder, like PostgreSQL's, is its owner's alone. A folder we do not own keeps its mode.
  if (dataDir) restrictToOwner(dataDir);
  try {
    // A new folder starts as a copy of the migrated template. Without one (npm's postinstall did
    // not run) a child process makes it first: initdb in WebAssembly holds ~500 MB that a process
    // never gives back, and the child's is given back when it exits.
    if (dbDir !== undefined && !isDatabaseFolder(dbDir) && !copyPgliteTemplate(dbDir)) {
      await promisify(execFile)(process.execPath, ['--import', 'tsx', MAKE_TEMPLATE_SCRIPT], { cwd: path.resolve(import.meta.dirname, '../..') });
      if (!copyPgliteTemplate(dbDir)) throw new Error('The embedded database template could not be made');
    }
    const pglite = await PGlite.create(dbDir, { parsers: PGLITE_PARSERS, startParams: PGLITE_START }).catch((error: Error) => {
      // PGlite says only that it failed; the folder and what to do are what an installer needs.
      throw new Error(
        `데이터베이스 폴더(${dbDir})를 열 수 없습니다: ${error.message}. The embedded database in ${dbDir} could not be opened (${error.message}): ` +
          'restore the data folder from a backup, or, if it was just made, move it away and run npm ci again to make its templates afresh.',
      );
    });
    return pgliteDatabase(pglite, lock?.release);
  } catch (error) {
    lock?.release();
    throw error;
  }
}

import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { type Database, openDatabase, PGLITE_PARSERS, pgliteDatabase } from '../src/db/client.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { ensurePgliteTemplate, migrationsHash, pgliteTemplate } from '../src/db/pglite-template.ts';

/** A copy of the migrated template's tarball; its folder, sealed and checked for the server's starts (~10 ms), is not needed here. */
async function freshPglite(): Promise<Database> {
  return pgliteDatabase(await PGlite.create({ loadDataDir: pgliteTemplate() ?? (await ensurePgliteTemplate()), parsers: PGLITE_PARSERS }));
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Each test file gets its own database, copied from a migrated template database; `url` lets
 * server processes started by the test open it too.
 */
export async function freshPostgres(serverUrl: string): Promise<Database & { url: string }> {
  const template = `ieumteo_tpl_${migrationsHash()}`;
  const name = `ieumteo_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    // One process at a time builds the template; the others wait and reuse it.
    await admin.query('SELECT pg_advisory_lock(724001)');
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (!exists.rowCount) {
      // Built under a temporary name and renamed when complete: a run that dies half-way never
      // leaves a half-migrated template behind for the next one.
      const building = `${template}_${process.pid}`;
      await admin.query(`DROP DATABASE IF EXISTS ${building}`);
      await admin.query(`CREATE DATABASE ${building}`);
      const templateDb = await openDatabase({ url: withDatabase(serverUrl, building) });
      await migrateToLatest(templateDb.db);
      await templateDb.close();
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${template}`);
    }
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    await admin.query('SELECT pg_advisory_unlock(724001)');
  } finally {
    await admin.end();
  }
  const url = withDatabase(serverUrl, name);
  const database = await openDatabase({ url });
  return {
    ...database,
    url,
    async close() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name}`);
      await cleanup.end();
    },
  };
}

/** A migrated, empty database of the kind this run tests: PostgreSQL when DATABASE_URL is set, else PGlite. */
export function createTestDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  return url ? freshPostgres(url) : freshPglite();
}

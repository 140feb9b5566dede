import { existsSync, readFileSync, renameSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { loadConfig } from '../config.ts';
import { acquireDataDirLock } from '../db/data-dir-lock.ts';
import { pgdataOf } from '../db/pglite-folder.ts';

/** Restores an embedded-database archive made by `npm run backup`; the current data is kept aside, not deleted. */
const archive = process.argv[2];
const config = loadConfig();
if (!archive || !existsSync(archive)) {
  console.error('Usage: npm run restore -- DATA_DIR/backups/ieumteo-YYYYMMDD-HHMMSS.tar.gz');
  process.exit(2);
}
if (config.databaseUrl) {
  console.error('PostgreSQL: restore with pg_restore --clean --dbname "$DATABASE_URL" <file.dump> (see docs/OPERATIONS.md).');
  process.exit(2);
}
const lock = acquireDataDirLock(config.dataDir);
try {
  const target = pgdataOf(config.dataDir);
  if (existsSync(target)) {
    const aside = `${target}.before-restore-${Date.now()}`;
    renameSync(target, aside);
    console.log(`기존 데이터를 옮겨 두었습니다 / previous data kept at ${aside}`);
  }
  const pglite = await PGlite.create(target, { loadDataDir: new Blob([readFileSync(archive)]) });
  const { rows } = await pglite.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  await pglite.close();
  console.log(`복원했습니다 / restored ${archive} (${rows[0]?.n ?? 0} users)`);
} finally {
  lock.release();
}

/**
 * The first start's demo database, made by a child process of `npm start` (`app/first-start.ts`):
 * a copy of the migrated template in a side folder, the demo loaded through the services, closed
 * cleanly and only then moved in place as `<DATA_DIR>/pgdata`. A start that dies half-way leaves
 * no half-loaded demo behind, and the memory the seed grows in the embedded database goes with
 * this process instead of staying in the server's. Logs the demo sign-ins.
 * Usage (same environment as the server): node --import tsx src/seed/demo-database-cli.ts [parent pid]
 */
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../config.ts';
import { acquireDataDirLock } from '../db/data-dir-lock.ts';
import { isDatabaseFolder, pgdataOf, setAsideNonDatabase } from '../db/pglite-folder.ts';
import { serverClock } from '../shared/clock.ts';
import { exitWithParent } from '../shared/processes.ts';
import { DEMO_PARTIAL } from './demo-template.ts';

const config = loadConfig();
const log = pino({ level: config.logLevel });
// Started by the server, which names itself: when the server ends, however it ends, so does this.
// Watched from before the services load (~1 s), which are imported below for that reason.
const parent = Number(process.argv[2]);
if (parent) exitWithParent(parent);
try {
  // The data folder's lock, as the server's: a second server started at the same time stops here.
  const lock = acquireDataDirLock(config.dataDir);
  const side = path.join(config.dataDir, DEMO_PARTIAL);
  rmSync(side, { recursive: true, force: true });
  mkdirSync(side);
  const { seedDemoFolder } = await import('./demo-folder.ts');
  // The demo's queued jobs are left to the server's worker, after its first page.
  const accounts = await seedDemoFolder(side, config, serverClock(config.clockStart), { runJobs: false });
  const target = pgdataOf(config.dataDir);
  if (isDatabaseFolder(target)) throw new Error(`${target} already holds a database`);
  const aside = setAsideNonDatabase(target);
  if (aside) log.warn(`${target}에 데이터베이스가 없어 다른 이름으로 옮겨 두었습니다: ${aside} (held no database; moved aside)`);
  renameSync(pgdataOf(side), target);
  rmSync(side, { recursive: true, force: true });
  lock.release();
  log.info('데모 데이터를 만들었습니다 (demo data loaded). 데모 계정 / demo accounts:');
  for (const account of accounts) log.info(`  ${account.label}: ${account.email} / ${account.password}`);
} catch (error) {
  log.fatal((error as Error).message);
  process.exit(1);
}

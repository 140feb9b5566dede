import pino from 'pino';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { jobHandlers } from '../jobs/handlers.ts';
import { createWorker, scheduleRecurring } from '../jobs/worker.ts';
import { seedDemoIfEmpty } from '../seed/demo-seed.ts';
import { serverClock } from '../shared/clock.ts';
import { buildApp } from './build-app.ts';

const config = loadConfig();
const log = pino({ level: config.logLevel });
const clock = serverClock(config.clockStart);

const open = () =>
  openDatabase({
    url: config.databaseUrl,
    readUrl: config.databaseReadUrl,
    dataDir: config.dataDir,
    onConnectionLost: (error) => log.warn({ code: (error as { code?: string }).code, message: error.message }, 'a database connection was lost; the next query opens a new one'),
  });

let database: Awaited<ReturnType<typeof openDatabase>>;
try {
  database = await open();
} catch (error) {
  log.fatal((error as Error).message);
  process.exit(1);
}

const applied = await migrateToLatest(database.db);
if (applied.length) log.info({ applied }, 'migrations applied');
const demo = config.demoSeed ? await seedDemoIfEmpty(database.db, config, clock) : undefined;
if (demo) {
  log.info('데모 데이터를 만들었습니다 (demo data loaded). 데모 계정 / demo accounts:');
  for (const account of demo.accounts) log.info(`  ${account.label}: ${account.email} / ${account.password}`);
}
// The embedded database's WebAssembly memory grows with the writes of migrations and the seed and is
// never given back: opened afresh, the server holds what serving needs (~300 MB less after a first start).
if (database.kind === 'pglite' && (applied.length || demo)) {
  await database.close();
  database = await open();
}

const app = await buildApp({ config, database, clock, logger: { level: config.logLevel } });
const handlers = jobHandlers(config, database, clock);
const worker = createWorker({ db: database.db, now: clock, handlers, log: app.log });
if (config.worker) {
  await scheduleRecurring(database.db, handlers, clock());
  worker.start();
}

await app.listen({ port: config.port, host: config.host });
log.info(`이음터가 ${config.baseUrl} 에서 시작되었습니다 (database: ${database.kind})`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down: finishing in-flight requests');
  // Requests in progress finish; new ones are refused; then the worker and the database close.
  const force = setTimeout(() => process.exit(1), 15_000);
  force.unref();
  await app.close();
  await worker.stop();
  await database.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

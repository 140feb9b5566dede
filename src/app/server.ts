import pino from 'pino';
import { loadConfig } from '../config.ts';
import { serverClock } from '../shared/clock.ts';
import { isNewEmbeddedDatabase, prepareDemoDatabase } from './first-start.ts';

const config = loadConfig();
const log = pino({ level: config.logLevel });
const clock = serverClock(config.clockStart);

/** Why the server could not listen, in words an installer acts on (a raw stack trace otherwise). */
function listenProblem(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  if (code === 'EADDRINUSE') return `다른 프로그램이 이미 포트 ${config.port}에서 연결을 받고 있습니다. Port ${config.port} is in use by another program: stop it or set PORT.`;
  if (code === 'EACCES') return `포트 ${config.port}에서 연결을 받을 권한이 없습니다. No permission to listen on port ${config.port}: set PORT above 1023.`;
  return message;
}

/** What a stop has to close: filled in as the start gets to each. */
const running: {
  preparation?: Awaited<ReturnType<typeof prepareDemoDatabase>>;
  database?: { close(): Promise<void> };
  app?: { close(): Promise<unknown> };
  worker?: { stop(): Promise<void> };
} = {};
let stopping = false;
/**
 * Stops on a signal, at any point of the start too (a first start takes seconds): requests in
 * progress finish and new ones are refused, the worker finishes its job, the first start's child
 * and port go, then the database closes. Forced, and said so, after 15 s.
 */
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, running.app ? 'shutting down: finishing in-flight requests' : 'stopping before the start is done');
  const force = setTimeout(() => {
    log.error('shutdown took over 15 s: stopped without closing the database');
    process.exit(1);
  }, 15_000);
  force.unref();
  // The worker stops taking jobs at once, while the requests in flight finish.
  await Promise.all([running.app?.close(), running.worker?.stop(), running.app ? undefined : running.preparation?.abandon()]);
  await running.database?.close();
  process.exit(0);
}
// An error while a stop is under way comes from what the stop closed under a step of the start
// (the database during migrations): the stop ends the process. Any other is fatal, as by default.
process.on('uncaughtException', (error) => {
  if (stopping) return;
  log.fatal(error);
  process.exit(1);
});
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
// A closed terminal: the same clean stop, not a kill that leaves the embedded database unclosed.
process.on('SIGHUP', () => void shutdown('SIGHUP'));

// A first start on the embedded database copies the demo made ahead by npm ci, or makes it in a child
// process, which runs while this one loads the application's modules below (imported here, after it
// has started, for that reason).
let preparation: Awaited<ReturnType<typeof prepareDemoDatabase>> | undefined;
try {
  preparation = config.demoSeed && isNewEmbeddedDatabase(config) ? await prepareDemoDatabase(config, clock()) : undefined;
} catch (error) {
  log.fatal(listenProblem(error));
  process.exit(1);
}
running.preparation = preparation;
if (preparation?.making && !preparation.copy.copied) log.info(`데모 데이터를 지금 만듭니다 (making the demo data now: ${preparation.copy.why})`);

/** Once a stop has begun, the start goes no further: no database opened, no port taken; the stop ends the process. */
const unlessStopping = (): Promise<never> | undefined => (stopping ? new Promise<never>(() => {}) : undefined);

/** A failed step of the start, unless it failed because a stop began: that stop ends the process. */
async function startFailed(message: string): Promise<never> {
  await unlessStopping();
  log.fatal(message);
  await Promise.all([preparation?.abandon(), running.database?.close()]);
  process.exit(1);
}

const { openDatabase } = await import('../db/client.ts');
const { migrateToLatest } = await import('../db/migrate.ts');
const { jobHandlers } = await import('../jobs/handlers.ts');
const { createWorker, scheduleRecurring } = await import('../jobs/worker.ts');
const { demoAccounts, seedDemoIfEmpty } = await import('../seed/demo-seed.ts');
const { rebaseDemoMail } = await import('../modules/notifications/index.ts');
const { buildApp } = await import('./build-app.ts');
await unlessStopping();

const open = async () => {
  const opened = await openDatabase({
    url: config.databaseUrl,
    readUrl: config.databaseReadUrl,
    dataDir: config.dataDir,
    onConnectionLost: (error) => log.warn({ code: (error as { code?: string }).code, message: error.message }, 'a database connection was lost; the next query opens a new one'),
  });
  running.database = opened;
  return opened;
};

let database: Awaited<ReturnType<typeof openDatabase>>;
try {
  await preparation?.done;
  database = await open();
} catch (error) {
  database = await startFailed((error as Error).message);
}
await unlessStopping();

const applied = await migrateToLatest(database.db);
if (applied.length) log.info({ applied }, 'migrations applied');
// The first start's demo came from the child or was copied; this seeds a database made without it.
const copy = preparation?.copy;
if (copy?.copied && copy.madeFor !== config.baseUrl) await rebaseDemoMail(database.db, copy.madeFor, config.baseUrl);
const demo = config.demoSeed && !preparation ? await seedDemoIfEmpty(database.db, config, clock) : undefined;
const accounts = copy?.copied ? demoAccounts() : demo?.accounts;
// The embedded database's WebAssembly memory grows with the writes of migrations and the seed and is
// never given back: opened afresh, the server holds what serving needs (~300 MB less after a first start).
if (database.kind === 'pglite' && (applied.length || demo)) {
  await database.close();
  database = await open();
}

const app = await buildApp({ config, database, clock, logger: { level: config.logLevel } });
await unlessStopping();
const listen = () => app.listen({ port: config.port, host: config.host });
try {
  await (preparation ? preparation.handOver(listen) : listen());
} catch (error) {
  await startFailed(listenProblem(error));
}
running.app = app;
log.info(`이음터가 ${config.baseUrl} 에서 시작되었습니다 (database: ${database.kind})`);
if (accounts) {
  log.info(copy?.copied ? '미리 만든 데모 데이터를 복사했습니다 (demo data made by npm ci copied). 데모 계정 / demo accounts:' : '데모 데이터를 만들었습니다 (demo data loaded). 데모 계정 / demo accounts:');
  for (const account of accounts) log.info(`  ${account.label}: ${account.email} / ${account.password}`);
}

// The worker starts once the pages are served: its jobs run on the same thread (and, embedded, on
// the same connection), and a demo made at the first start leaves jobs that write ~1,000 notices,
// which had delayed listening by 3 s.
const handlers = jobHandlers(config, database, clock);
const worker = createWorker({ db: database.db, now: clock, handlers, log: app.log });
running.worker = worker;
if (config.worker) {
  await scheduleRecurring(database.db, handlers, clock());
  worker.start();
}


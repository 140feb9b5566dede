import type { Config } from '../config.ts';
import pino from 'pino';
import { openDatabase } from '../db/client.ts';
import { jobHandlers } from '../jobs/handlers.ts';
import { createWorker } from '../jobs/worker.ts';
import type { Clock } from '../shared/clock.ts';
import { type DemoAccount, seedDemoIfEmpty } from './demo-seed.ts';

/**
 * Opens a new embedded database in the data folder `folder` (a copy of the migrated template),
 * loads the demo through the services, with attachments under `config.dataDir`, and closes the
 * database cleanly. With `runJobs`, the jobs the demo queued (a demand's subscribers told, a forum
 * answer's supporters) run first, as the server's worker would, so that a server opening the
 * folder starts with nothing to catch up on. Returns the demo sign-ins. Throws when `folder`
 * already held users.
 */
export async function seedDemoFolder(folder: string, config: Config, now: Clock, options: { runJobs: boolean }): Promise<DemoAccount[]> {
  const database = await openDatabase({ dataDir: folder });
  try {
    const demo = await seedDemoIfEmpty(database.db, config, now);
    if (!demo) throw new Error(`${folder} already holds users`);
    if (options.runJobs) await createWorker({ db: database.db, now, handlers: jobHandlers(config, database, now), log: pino({ level: 'warn' }) }).runDue();
    return demo.accounts;
  } finally {
    await database.close();
  }
}

import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '../db/schema.ts';
import { claimJobs, completeJob, enqueue, failJob, type Job, releaseJobs } from './queue.ts';

export interface JobHandler {
  run(job: Job): Promise<void>;
  /** Called once when the last attempt has failed. */
  onExhausted?(job: Job, error: unknown): Promise<void>;
  /** Recurring work: after each run the next one is scheduled this far ahead. */
  everyMs?: number;
  /** Recurring work's first run on a new database, this far after it is scheduled (default at once). */
  firstRunAfterMs?: number;
}

export interface WorkerOptions {
  db: Kysely<DB>;
  now: () => Date;
  handlers: Record<string, JobHandler>;
  log: Pick<Logger, 'error' | 'warn'>;
  pollMs?: number;
  batchSize?: number;
}

export interface Worker {
  /** Runs every due job once; returns how many ran. Tests call this instead of waiting for the timer. */
  runDue(): Promise<number>;
  /** Polls for due jobs until stopped. */
  start(): void;
  /** Lets the job in progress finish, hands back the rest of its batch, and stops polling. */
  stop(): Promise<void>;
}

export function createWorker(options: WorkerOptions): Worker {
  const { db, now, handlers, log } = options;
  const batchSize = options.batchSize ?? 10;

  async function runOne(job: Job): Promise<void> {
    const handler = handlers[job.kind];
    try {
      if (!handler) throw new Error(`No handler for job kind ${job.kind}`);
      await handler.run(job);
      await db.transaction().execute(async (trx) => {
        await completeJob(trx, job.id, now());
        if (handler.everyMs) {
          await enqueue(trx, now(), job.kind, {}, { singletonKey: job.kind, runAt: new Date(now().getTime() + handler.everyMs) });
        }
      });
    } catch (error) {
      const exhausted = await failJob(db, job, error, now());
      log.warn({ err: error, jobId: job.id, kind: job.kind, attempt: job.attempts }, 'job failed');
      if (exhausted) await handler?.onExhausted?.(job, error);
    }
  }

  let stopped = false;

  async function runDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const jobs = await claimJobs(db, now(), batchSize, 120);
      for (const [i, job] of jobs.entries()) {
        // Stopping waits for the job in progress only: one job can be long (a forum answer told to
        // every supporter), and a batch of them outlasted a shutdown's 15 s under load. The jobs
        // claimed but not started are handed back, for the next start to run at once.
        if (stopped) {
          await releaseJobs(db, jobs.slice(i).map((j) => j.id));
          return total;
        }
        await runOne(job);
        total++;
        // Embedded, a query is synchronous work on this thread whose promise settles at once: without
        // a turn of the event loop between jobs, a backlog starved the HTTP server for seconds.
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (jobs.length < batchSize || stopped) return total;
    }
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = runDue()
      .catch((error) => log.error({ err: error }, 'job worker tick failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.pollMs ?? 1000);
      });
  };

  return {
    runDue,
    start() {
      tick();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/** Makes sure each recurring job has its next run queued (idempotent across restarts and instances). */
export async function scheduleRecurring(db: Kysely<DB>, handlers: Record<string, JobHandler>, now: Date): Promise<void> {
  for (const [kind, handler] of Object.entries(handlers)) {
    if (handler.everyMs) await enqueue(db, now, kind, {}, { singletonKey: kind, runAt: new Date(now.getTime() + (handler.firstRunAfterMs ?? 0)) });
  }
}

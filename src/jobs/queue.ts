import { sql } from 'kysely';
import type { Db } from '../shared/context.ts';

export interface Job {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
}

export interface EnqueueOptions {
  /** Defaults to `now`: due at once. */
  runAt?: Date;
  maxAttempts?: number;
  /** When given, nothing is added if an unfinished job with this key exists. */
  singletonKey?: string;
}

/** Adds a job inside the caller's transaction: it exists exactly when the change that caused it commits. */
export async function enqueue(
  db: Db,
  now: Date,
  kind: string,
  payload: Record<string, unknown>,
  options: EnqueueOptions = {},
): Promise<void> {
  await db
    .insertInto('jobs')
    .values({
      kind,
      payload: JSON.stringify(payload),
      run_at: options.runAt ?? now,
      created_at: now,
      ...(options.maxAttempts ? { max_attempts: options.maxAttempts } : {}),
      singleton_key: options.singletonKey ?? null,
    })
    .onConflict((oc) => oc.column('singleton_key').where('done_at', 'is', null).where('failed_at', 'is', null).doNothing())
    .execute();
}

/**
 * Claims up to `limit` due jobs for `lockSeconds`. SKIP LOCKED lets several workers share the table;
 * the lease means a job whose worker died is picked up again once it runs out.
 */
export async function claimJobs(db: Db, now: Date, limit: number, lockSeconds: number): Promise<Job[]> {
  const due = db
    .selectFrom('jobs')
    .select('id')
    .where('done_at', 'is', null)
    .where('failed_at', 'is', null)
    .where('run_at', '<=', now)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .orderBy('run_at')
    .limit(limit)
    .forUpdate()
    .skipLocked();
  return db
    .updateTable('jobs')
    .set({
      locked_until: new Date(now.getTime() + lockSeconds * 1000),
      attempts: sql`attempts + 1`,
    })
    .where('id', 'in', due)
    .returning(['id', 'kind', 'payload', 'attempts', 'max_attempts'])
    .execute();
}

/** Hands claimed jobs that were not started back to the queue: no lease held, no attempt counted. */
export async function releaseJobs(db: Db, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('jobs')
    .set({ locked_until: null, attempts: sql`attempts - 1` })
    .where('id', 'in', ids)
    .execute();
}

export async function completeJob(db: Db, id: number, now: Date): Promise<void> {
  await db.updateTable('jobs').set({ done_at: now, locked_until: null }).where('id', '=', id).execute();
}

/** Exponential backoff from 30 s, capped at one hour; after the last attempt the job is marked failed. */
export async function failJob(db: Db, job: Job, error: unknown, now: Date): Promise<boolean> {
  const message = error instanceof Error ? error.message : String(error);
  const exhausted = job.attempts >= job.max_attempts;
  const delay = Math.min(3600, 30 * 2 ** (job.attempts - 1)) * 1000;
  await db
    .updateTable('jobs')
    .set({
      last_error: message.slice(0, 2000),
      locked_until: null,
      run_at: new Date(now.getTime() + delay),
      failed_at: exhausted ? now : null,
    })
    .where('id', '=', job.id)
    .execute();
  return exhausted;
}

const FINISHED_KEPT_MS = 30 * 86_400_000;

/**
 * Drops jobs that finished more than 30 days ago, done or failed: recurring work alone adds a
 * row per run (the statistics rollups, every 30 s), and a month is enough to look into a failure.
 */
export async function pruneFinishedJobs(db: Db, now: Date): Promise<void> {
  const before = new Date(now.getTime() - FINISHED_KEPT_MS);
  await db.deleteFrom('jobs').where((eb) => eb.or([eb('done_at', '<', before), eb('failed_at', '<', before)])).execute();
}

/** Due, unfinished jobs per kind and the oldest one's due time, for `/metrics` (reads the `jobs_due` index). */
export async function dueJobs(db: Db, now: Date): Promise<{ kind: string; count: number; oldest: Date }[]> {
  return db
    .selectFrom('jobs')
    .select(['kind', (eb) => eb.fn.countAll<number>().as('count'), (eb) => eb.fn.min('run_at').as('oldest')])
    .where('done_at', 'is', null)
    .where('failed_at', 'is', null)
    .where('run_at', '<=', now)
    .groupBy('kind')
    .execute();
}

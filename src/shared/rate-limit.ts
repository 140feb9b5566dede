import { countRows } from '../db/count.ts';
import { sql } from 'kysely';
import type { Db } from './context.ts';
import { RateLimitedError } from './errors.ts';

export interface RateRule {
  bucket: string;
  limit: number;
  windowSeconds: number;
}

/** How many events `bucket` has seen inside its window; stored in the DB so every instance agrees. */
export async function countRecent(db: Db, rule: RateRule, now: Date): Promise<number> {
  const since = new Date(now.getTime() - rule.windowSeconds * 1000);
  return countRows(db.selectFrom('rate_events').where('bucket', '=', rule.bucket).where('at', '>', since));
}

/**
 * Takes one event of each rule's window at once, or none when any window is full: the ids of the
 * events taken, or null. Atomic across requests and instances: the buckets' transaction-scoped
 * advisory locks (taken in name order, so two callers never wait on each other crosswise) make
 * concurrent takers count one after the other — counting and then inserting would let forty
 * parallel requests all see room under a limit of five. Inside the caller's transaction the events
 * are kept or rolled back with it; outside one, they are taken in a transaction of their own.
 */
export async function take(db: Db, rules: RateRule[], now: Date): Promise<number[] | null> {
  if (!db.isTransaction) return db.transaction().execute((trx) => take(trx, rules, now));
  const ordered = [...rules].sort((a, b) => a.bucket.localeCompare(b.bucket));
  for (const rule of ordered) await sql`SELECT pg_advisory_xact_lock(hashtextextended(${rule.bucket}, 0))`.execute(db);
  for (const rule of ordered) if ((await countRecent(db, rule, now)) >= rule.limit) return null;
  const rows = await db
    .insertInto('rate_events')
    .values(ordered.map((rule) => ({ bucket: rule.bucket, at: now })))
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

/** Takes one event of the rule's window, or refuses with 429 (and the window as Retry-After) when it is full. */
export async function takeOrRefuse(db: Db, rule: RateRule, now: Date): Promise<void> {
  if (!(await take(db, [rule], now))) throw new RateLimitedError('error.rateLimited', rule.windowSeconds);
}

/** Gives back events taken for an attempt that turned out well (a right password), so they do not count. */
export async function giveBack(db: Db, eventIds: number[]): Promise<void> {
  if (eventIds.length) await db.deleteFrom('rate_events').where('id', 'in', eventIds).execute();
}

/** Old events are useless once outside every window; the maintenance job calls this. */
export async function pruneRateEvents(db: Db, now: Date): Promise<void> {
  await db
    .deleteFrom('rate_events')
    .where('at', '<', new Date(now.getTime() - 24 * 3600 * 1000))
    .execute();
}

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
  const row = await db
    .selectFrom('rate_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('bucket', '=', rule.bucket)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function recordEvent(db: Db, bucket: string, now: Date): Promise<void> {
  await db.insertInto('rate_events').values({ bucket, at: now }).execute();
}

export async function isLimited(db: Db, rule: RateRule, now: Date): Promise<boolean> {
  return (await countRecent(db, rule, now)) >= rule.limit;
}

/** Takes one event of the rule's window, in the caller's transaction, or refuses with 429 when it is full. */
export async function takeOrRefuse(db: Db, rule: RateRule, now: Date): Promise<void> {
  if (await isLimited(db, rule, now)) throw new RateLimitedError('error.rateLimited', rule.windowSeconds);
  await recordEvent(db, rule.bucket, now);
}

/** Old events are useless once outside every window; the maintenance job calls this. */
export async function pruneRateEvents(db: Db, now: Date): Promise<void> {
  await db
    .deleteFrom('rate_events')
    .where('at', '<', new Date(now.getTime() - 24 * 3600 * 1000))
    .execute();
}

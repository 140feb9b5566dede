import type { Db } from './context.ts';
import { type Calendar, STANDARD_HOURS } from './business-time.ts';

/** The operators' closures change a few times a year; each process reads a database's at most once a minute. */
const FRESH_MS = 60_000;
const cached = new WeakMap<object, { at: number; value: Promise<Calendar> }>();

/** The installation's business calendar: standard working hours, the gazette's holidays and the operators' closures. */
export function businessCalendar(db: Db): Promise<Calendar> {
  const hit = cached.get(db);
  if (hit && Date.now() - hit.at <= FRESH_MS) return hit.value;
  const value = db
    .selectFrom('business_closures')
    .select('day')
    .execute()
    .then((rows): Calendar => ({ hours: STANDARD_HOURS, closures: new Set(rows.map((r) => r.day)) }));
  cached.set(db, { at: Date.now(), value });
  value.catch(() => cached.delete(db));
  return value;
}

/** After a change of closures through this process; other instances see it within a minute. */
export function forgetBusinessCalendar(db: Db): void {
  cached.delete(db);
}

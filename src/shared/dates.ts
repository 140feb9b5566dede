/**
 * Korea Standard Time is UTC+9 all year (표준시에 관한 법률; no daylight saving since 1988), so a
 * date or hour in Korea is arithmetic on the instant. `Intl.DateTimeFormat` with a time zone gave
 * the same answers at ~20× the cost, and lists work out a date for every card.
 */
const KST_OFFSET_MS = 9 * 3_600_000;

/** What a clock in Korea shows at `at`, as a Date whose UTC fields read that time (for formats without zones). */
export function kstWallClock(at: Date): Date {
  return new Date(at.getTime() + KST_OFFSET_MS);
}

/** The calendar date ('YYYY-MM-DD') people in Korea read at `at`, whatever the server's time zone. */
export function kstDate(at: Date): string {
  return kstWallClock(at).toISOString().slice(0, 10);
}

/** The hour (0–23) on a clock in Korea. */
export function kstHour(at: Date): number {
  return kstWallClock(at).getUTCHours();
}

/** Hours (KST) when no mail goes out unasked (digests, reminders), e.g. 22 to 8; null: none. */
export interface QuietHours {
  start: number;
  end: number;
}

export function inQuietHours(at: Date, quiet: QuietHours | null): boolean {
  if (!quiet || quiet.start === quiet.end) return false;
  const hour = kstHour(at);
  return quiet.start < quiet.end ? hour >= quiet.start && hour < quiet.end : hour >= quiet.start || hour < quiet.end;
}

/** The instant a KST calendar day ('YYYY-MM-DD') begins. */
export function kstMidnight(date: string): Date {
  return new Date(`${date}T00:00:00+09:00`);
}

/** KST wall-clock time with its offset, e.g. 2026-11-22T10:00:00+09:00 — unambiguous and readable. */
export function kstTimestamp(at: Date): string {
  return `${kstWallClock(at).toISOString().slice(0, 19)}+09:00`;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A real calendar day (rejects 2026-02-30). */
export function isCalendarDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
}

/**
 * The one range of calendar days every date field and filter accepts (deadlines, meetings, a match's
 * start, briefings, awards, statistics and recognition periods, exports): wide enough for any record
 * of this service, and days every clock and database here handles the same way (PostgreSQL has no
 * year 0, and PGlite failed on year 1 in Seoul's historical offset).
 */
export const FIRST_DAY = '2000-01-01';
export const LAST_DAY = '2099-12-31';

export function isAcceptedDate(date: string): boolean {
  return isCalendarDate(date) && date >= FIRST_DAY && date <= LAST_DAY;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Korean administrative time for deadlines promised to people (민원 처리에 관한 법률 시행령):
 * - 제19조①: a period of five days or less counts in working hours from receipt, a day being eight
 *   working hours; Saturdays and public holidays do not count (`addBusinessHours`);
 * - 제19조②: a period of six days or more counts in days, the first day included, Saturdays and public
 *   holidays not (`addBusinessDays`); Sundays are public holidays (관공서의 공휴일에 관한 규정 제2조);
 * - "즉시" is within three working hours (`IMMEDIATE_HOURS`); a deadline that would fall on a day off
 *   moves to the next working day.
 * Working hours are 09:00–18:00 KST without the 12:00–13:00 lunch hour (configurable: `WorkingHours`).
 * Holidays come from the gazette data of `@hyunbinseo/holidays-kr` (lunar holidays, substitute holidays,
 * election days); 임시공휴일 and local closures the package does not know are added by operators
 * (`Calendar.closures`). For a year past the package's data only the fixed-date holidays are known —
 * `holidaysKnown` says so, and a newer package version brings the year in.
 */
import * as gazette from '@hyunbinseo/holidays-kr/all';
import { addDays, kstDate, kstMidnight } from './dates.ts';

const HOLIDAYS = new Map<string, readonly string[]>(Object.values(gazette).flatMap((year) => Object.entries(year)));
const YEARS = new Set([...HOLIDAYS.keys()].map((date) => date.slice(0, 4)));

/** 관공서의 공휴일에 관한 규정 제2조's holidays on fixed solar dates, for years the data does not cover. */
const FIXED: Record<string, string> = {
  '01-01': '1월 1일',
  '03-01': '3ㆍ1절',
  '05-05': '어린이날',
  '06-06': '현충일',
  '08-15': '광복절',
  '10-03': '개천절',
  '10-09': '한글날',
  '12-25': '기독탄신일',
};

/** Minutes after KST midnight. */
export interface WorkingHours {
  start: number;
  end: number;
  /** A break that does not count (lunch), or null. */
  pause: { start: number; end: number } | null;
}

export const STANDARD_HOURS: WorkingHours = { start: 9 * 60, end: 18 * 60, pause: { start: 12 * 60, end: 13 * 60 } };

/** The hours of a working day and the days off beyond the gazette's (임시공휴일, local closures: 'YYYY-MM-DD'). */
export interface Calendar {
  hours: WorkingHours;
  closures: ReadonlySet<string>;
}

export const STANDARD_CALENDAR: Calendar = { hours: STANDARD_HOURS, closures: new Set() };

/** "즉시" (immediately): within three working hours. */
export const IMMEDIATE_HOURS = 3;

/** Whether the year's lunar, substitute and election holidays are known (gazette data present). */
export function holidaysKnown(year: number): boolean {
  return YEARS.has(String(year));
}

/** The holiday names of a 'YYYY-MM-DD' day, or null on an ordinary day (weekends are not named). */
export function holidayNames(date: string): readonly string[] | null {
  if (YEARS.has(date.slice(0, 4))) return HOLIDAYS.get(date) ?? null;
  const fixed = FIXED[date.slice(5)];
  return fixed ? [fixed] : null;
}

/** Monday to Friday, not a public holiday and not a closure of the calendar. */
export function isWorkingDay(date: string, calendar: Calendar = STANDARD_CALENDAR): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && holidayNames(date) === null && !calendar.closures.has(date);
}

/** The day itself if it is a working day, else the next one (a deadline falling on a day off moves on). */
export function onOrNextWorkingDay(date: string, calendar: Calendar = STANDARD_CALENDAR): string {
  let day = date;
  while (!isWorkingDay(day, calendar)) day = addDays(day, 1);
  return day;
}

/** The `days`-th working day after `date` (`date` itself not counted); `days` ≥ 0. */
export function addWorkingDays(date: string, days: number, calendar: Calendar = STANDARD_CALENDAR): string {
  let day = date;
  for (let left = days; left > 0; ) {
    day = addDays(day, 1);
    if (isWorkingDay(day, calendar)) left--;
  }
  return days === 0 ? onOrNextWorkingDay(day, calendar) : day;
}

const MINUTE = 60_000;

/** The working spans of a day, as [start, end) minutes after KST midnight. */
function spans(hours: WorkingHours): [number, number][] {
  if (!hours.pause) return [[hours.start, hours.end]];
  return [
    [hours.start, hours.pause.start],
    [hours.pause.end, hours.end],
  ];
}

/** Working minutes in one working day (480 for the standard hours). */
export function minutesPerDay(hours: WorkingHours): number {
  return spans(hours).reduce((sum, [a, b]) => sum + (b - a), 0);
}

const at = (date: string, minutes: number) => new Date(kstMidnight(date).getTime() + minutes * MINUTE);
const minutesOf = (instant: Date, date: string) => (instant.getTime() - kstMidnight(date).getTime()) / MINUTE;

/**
 * The instant `hours` working hours after `from` (제19조①). Counting starts at receipt; outside
 * working hours it starts at the next working minute. A deadline reached exactly at the end of a span
 * stays there (18:00 is still that day), rather than jumping to the next morning.
 */
export function addBusinessHours(from: Date, hours: number, calendar: Calendar = STANDARD_CALENDAR): Date {
  let left = Math.round(hours * 60);
  let day = kstDate(from);
  let minute = minutesOf(from, day);
  for (let guard = 0; guard < 3660; guard++) {
    if (isWorkingDay(day, calendar)) {
      for (const [a, b] of spans(calendar.hours)) {
        const start = Math.max(a, minute);
        if (start >= b) continue;
        if (start + left <= b) return at(day, start + left);
        left -= b - start;
      }
    }
    day = addDays(day, 1);
    minute = 0;
  }
  throw new RangeError('a deadline more than ten years away');
}

/**
 * The deadline of `days` days counted in days (제19조②): the first day counts if it is a working
 * day, days off do not; the deadline is the end of working hours of the last counted day.
 */
export function addBusinessDays(from: Date, days: number, calendar: Calendar = STANDARD_CALENDAR): Date {
  const first = onOrNextWorkingDay(kstDate(from), calendar);
  return at(addWorkingDays(first, days - 1, calendar), calendar.hours.end);
}

/**
 * A deadline of `days` days as the 시행령 counts it: up to five days in working hours (a day is a
 * working day's hours), six or more in days.
 */
export function deadlineOf(from: Date, days: number, calendar: Calendar = STANDARD_CALENDAR): Date {
  return days <= 5 ? addBusinessHours(from, (days * minutesPerDay(calendar.hours)) / 60, calendar) : addBusinessDays(from, days, calendar);
}

/**
 * Working minutes between two instants (0 if `to` is not after `from`): what a paused clock leaves
 * out. Whole minutes, rounded, as they are kept in integer columns; instants are rarely on the minute.
 */
export function businessMinutesBetween(from: Date, to: Date, calendar: Calendar = STANDARD_CALENDAR): number {
  if (to <= from) return 0;
  let total = 0;
  const last = kstDate(to);
  for (let day = kstDate(from), guard = 0; day <= last && guard < 3660; day = addDays(day, 1), guard++) {
    if (!isWorkingDay(day, calendar)) continue;
    const lo = day === kstDate(from) ? minutesOf(from, day) : 0;
    const hi = day === last ? minutesOf(to, day) : 24 * 60;
    for (const [a, b] of spans(calendar.hours)) total += Math.max(0, Math.min(b, hi) - Math.max(a, lo));
  }
  return Math.round(total);
}

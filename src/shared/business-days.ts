/**
 * Korean working days for deadlines promised to people (민원 처리에 관한 법률 시행령 제19조: a period
 * counted in days leaves out Saturdays and public holidays; Sundays are public holidays under 관공서의
 * 공휴일에 관한 규정 제2조). Holidays come from the gazette data of `@hyunbinseo/holidays-kr` (lunar
 * holidays, substitute holidays, election days). For a year past that data only the fixed-date
 * holidays are known; `holidaysKnown` says so, and a newer package version brings the year in.
 */
import * as gazette from '@hyunbinseo/holidays-kr/all';
import { addDays } from './dates.ts';

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

/** Monday to Friday and not a public holiday. */
export function isWorkingDay(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && holidayNames(date) === null;
}

/** The day itself if it is a working day, else the next one (a deadline falling on a day off moves on). */
export function onOrNextWorkingDay(date: string): string {
  let day = date;
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

/** The `days`-th working day after `date` (`date` itself not counted); `days` ≥ 0. */
export function addWorkingDays(date: string, days: number): string {
  let day = date;
  for (let left = days; left > 0; ) {
    day = addDays(day, 1);
    if (isWorkingDay(day)) left--;
  }
  return days === 0 ? onOrNextWorkingDay(day) : day;
}

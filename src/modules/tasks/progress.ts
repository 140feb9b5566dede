/**
 * Progress from evidence, never a typed percentage (decidim#3190: hand-kept progress is not kept):
 * milestones done against those due, each indicator's latest reported value against its target, and
 * reports made by their due day. Pure: the service gathers the facts, the pages explain the result.
 */
import { addWorkingDays, type Calendar, STANDARD_CALENDAR } from '../../shared/business-time.ts';
import { addDays } from '../../shared/dates.ts';
import type { Cadence } from './tasks.tables.ts';

/** The reporting period a day falls in: '2026-11' (monthly) or '2026-Q4' (quarterly). */
export function periodOf(cadence: Cadence, date: string): string {
  const [year, month] = [date.slice(0, 4), Number(date.slice(5, 7))];
  return cadence === 'monthly' ? date.slice(0, 7) : `${year}-Q${Math.ceil(month / 3)}`;
}

/** First and last day of a period. */
export function periodBounds(period: string): { first: string; last: string } {
  const year = Number(period.slice(0, 4));
  const quarter = period.includes('Q') ? Number(period.slice(6)) : null;
  const firstMonth = quarter ? quarter * 3 - 2 : Number(period.slice(5, 7));
  const months = quarter ? 3 : 1;
  const first = `${year}-${String(firstMonth).padStart(2, '0')}-01`;
  const nextMonth = firstMonth + months;
  const next = nextMonth > 12 ? `${year + 1}-01-01` : `${year}-${String(nextMonth).padStart(2, '0')}-01`;
  return { first, last: addDays(next, -1) };
}

export interface ScheduledReport {
  period: string;
  /** The `graceDays`-th working day after the period ends (holidays and weekends not counted). */
  dueOn: string;
}

/**
 * The reports a task owes: one per period from the one it was selected in through the one it ends in.
 * `graceDays` counts in working days, as a deadline promised to people must (민원처리법 시행령 제19조),
 * leaving out the calendar's closures too.
 */
export function reportSchedule(cadence: Cadence, selectedOn: string, endsOn: string, graceDays: number, calendar: Calendar = STANDARD_CALENDAR): ScheduledReport[] {
  const schedule: ScheduledReport[] = [];
  const lastPeriod = periodOf(cadence, endsOn);
  for (let period = periodOf(cadence, selectedOn); ; ) {
    const { last } = periodBounds(period);
    schedule.push({ period, dueOn: addWorkingDays(last, graceDays, calendar) });
    if (period === lastPeriod || schedule.length > 240) break;
    period = periodOf(cadence, addDays(last, 1));
  }
  return schedule;
}

export interface Evidence {
  today: string;
  milestones: { due_on: string; done_on: string | null }[];
  indicators: { baseline: number; target: number; latest: number | null }[];
  schedule: ScheduledReport[];
  /** Submitted reports: their period and the Korean day they came in. */
  reports: { period: string; submittedOn: string }[];
}

export interface Progress {
  milestones: { total: number; done: number; doneOnTime: number; due: number; slipping: number };
  indicators: { total: number; met: number; reported: number };
  reports: { due: number; onTime: number; late: number; missing: number };
  /** A report whose due day has passed is missing. */
  reportOverdue: boolean;
}

/** An indicator meets its target when its latest value has reached it, in whichever direction the target lies. */
export function targetMet(indicator: Evidence['indicators'][number]): boolean {
  if (indicator.latest === null) return false;
  return indicator.target >= indicator.baseline ? indicator.latest >= indicator.target : indicator.latest <= indicator.target;
}

export function progressOf(evidence: Evidence): Progress {
  const { today } = evidence;
  const done = evidence.milestones.filter((m) => m.done_on !== null);
  const submitted = new Map(evidence.reports.map((r) => [r.period, r.submittedOn]));
  const dueReports = evidence.schedule.filter((s) => s.dueOn < today || submitted.has(s.period));
  const onTime = dueReports.filter((s) => (submitted.get(s.period) ?? '9999') <= s.dueOn).length;
  const missing = dueReports.filter((s) => !submitted.has(s.period)).length;
  return {
    milestones: {
      total: evidence.milestones.length,
      done: done.length,
      doneOnTime: done.filter((m) => m.done_on! <= m.due_on).length,
      due: evidence.milestones.filter((m) => m.due_on < today || m.done_on !== null).length,
      slipping: evidence.milestones.filter((m) => m.done_on === null && m.due_on < today).length,
    },
    indicators: {
      total: evidence.indicators.length,
      met: evidence.indicators.filter(targetMet).length,
      reported: evidence.indicators.filter((i) => i.latest !== null).length,
    },
    reports: { due: dueReports.length, onTime, late: dueReports.length - onTime - missing, missing },
    reportOverdue: missing > 0,
  };
}

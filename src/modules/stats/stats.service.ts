import { ANONYMOUS, type Ctx, type Db, isOperator } from '../../shared/context.ts';
import { sharedInFlight } from '../../shared/memo.ts';
import { kstDate } from '../../shared/dates.ts';
import { cohortRows } from './cohort.ts';
import { addUp, figuresByMonth, type MonthFigures, type Totals } from './figures.ts';
import { firstPublicationDay, type Period, parsePeriod, periodBounds } from './period.ts';
import { monthBounds, monthsFrom, nextMonth } from './rollups.ts';

export type { Slice } from './figures.ts';

export interface PeriodStats extends Omit<Totals, 'replies' | 'hidden' | 'statusNow'> {
  period: Period;
  /** Names of the themes (Korean, English) and 시·도 the slices name by id and code. */
  names: { themes: Record<string, [string, string]>; regions: Record<string, string> };
  /** Only for operators. */
  operator: OperatorStats | null;
}

export interface OperatorStats {
  replies: number;
  hidden: number;
  /** Where the cohort stands today, by status. */
  statusNow: { status: string; count: number }[];
}

async function namesOf(db: Db, themeIds: string[], regionCodes: string[]): Promise<PeriodStats['names']> {
  const [themes, regions] = await Promise.all([
    themeIds.length ? db.selectFrom('themes').select(['id', 'name', 'name_en']).where('id', 'in', themeIds.map(Number)).execute() : [],
    regionCodes.length ? db.selectFrom('regions').select(['code', 'name']).where('code', 'in', regionCodes).execute() : [],
  ]);
  return {
    themes: Object.fromEntries(themes.map((th) => [String(th.id), [th.name, th.name_en]])),
    regions: Object.fromEntries(regions.map((r) => [r.code, r.name])),
  };
}

/**
 * The months a period's figures add up from. A period that ends before today follows its cohort
 * only to its end, so it is worked out from the log. One that ends today (or later) follows its
 * cohort to now, which is what the monthly rollups hold: a whole month from its row, a month the
 * period starts in the middle of from the log (unless nothing was published before the period's
 * first day, as for the whole history).
 */
async function monthsOf(db: Db, period: Period, today: string): Promise<MonthFigures[]> {
  const bounds = periodBounds(period);
  if (period.to < today) return figuresByMonth(await cohortRows(db, { ...bounds, until: bounds.to }));
  if (period.from.endsWith('-01')) return monthsFrom(db, period.from.slice(0, 7));
  const first = await firstPublicationDay(db);
  if (first === null || period.from <= first) return monthsFrom(db, period.from.slice(0, 7));
  const month = period.from.slice(0, 7);
  const [partial, rest] = await Promise.all([
    cohortRows(db, { from: bounds.from, to: monthBounds(month).to, until: null }),
    monthsFrom(db, nextMonth(month)),
  ]);
  return [...figuresByMonth(partial), ...rest];
}

/** Figures being worked out for everyone but operators, per database and period. */
const publicFigures = sharedInFlight<PeriodStats>();

/**
 * The platform's figures for a period of KST days (`from`…`to`, both included). Everyone but an
 * operator sees the same figures, so while they are being worked out (milliseconds from the
 * rollups, seconds for a long past period from the log) others asking for the same period wait for
 * that answer instead of each starting one: fifty members asking at once cost one computation.
 */
export async function periodStats(ctx: Ctx, raw: unknown): Promise<PeriodStats> {
  const period = await parsePeriod(ctx.db, raw, kstDate(ctx.now()));
  if (isOperator(ctx.actor)) return workOut(ctx, period);
  return publicFigures(ctx.db, JSON.stringify([period, kstDate(ctx.now())]), () => workOut({ ...ctx, actor: ANONYMOUS }, period));
}

async function workOut(ctx: Ctx, period: Period): Promise<PeriodStats> {
  const { replies, hidden, statusNow, ...totals } = addUp(await monthsOf(ctx.db, period, kstDate(ctx.now())));
  return {
    period,
    ...totals,
    names: await namesOf(ctx.db, totals.byTheme.map((slice) => slice.key), totals.byRegion.map((slice) => slice.key).filter(Boolean)),
    operator: isOperator(ctx.actor) ? { replies, hidden, statusNow } : null,
  };
}

import type { Db } from '../../shared/context.ts';
import { addDays, kstMidnight } from '../../shared/dates.ts';
import { cohortRows } from './cohort.ts';
import { type CohortFigures, figuresByMonth, type MonthFigures } from './figures.ts';

/** The job that works marked months out again; recurring, so figures for periods ending today lag by at most this much. */
export const STATS_ROLLUP_JOB = 'stats.rollups';
export const STATS_ROLLUP_EVERY_MS = 30_000;

/** The month after a month 'YYYY-MM'. */
export const nextMonth = (month: string): string => addDays(`${month}-28`, 4).slice(0, 7);

/** A KST month 'YYYY-MM' as instants: [its first day's start, the next month's first day's start). */
export function monthBounds(month: string): { from: Date; to: Date } {
  return { from: kstMidnight(`${month}-01`), to: kstMidnight(`${nextMonth(month)}-01`) };
}

/** One month's cohort followed to now. */
export async function liveMonth(db: Db, month: string): Promise<MonthFigures | null> {
  return figuresByMonth(await cohortRows(db, { ...monthBounds(month), until: null }))[0] ?? null;
}

/**
 * The stored months from `fromMonth` on, and the marked months with no stored row yet (a month
 * that has only just had its first demand, or an installation whose rollups are still being built)
 * worked out live, so that figures never leave a month out. Rows of marked months that have one are
 * used as they are: at most one job period behind.
 */
export async function monthsFrom(db: Db, fromMonth: string): Promise<MonthFigures[]> {
  const [stored, marked] = await Promise.all([
    db.selectFrom('stats_months').select(['month', 'figures', 'replier_orgs']).where('month', '>=', fromMonth).execute(),
    db.selectFrom('stats_stale_months').select('month').distinct().where('month', '>=', fromMonth).execute(),
  ]);
  const have = new Set(stored.map((row) => row.month));
  const missing = await Promise.all(marked.filter((row) => !have.has(row.month)).map((row) => liveMonth(db, row.month)));
  return [
    ...stored.map((row) => ({ month: row.month, figures: row.figures as CohortFigures, repliers: new Uint8Array(row.replier_orgs) })),
    ...missing.filter((m) => m !== null),
  ];
}

const MARKS_PER_PASS = 10_000;

/**
 * Works out every marked month again and clears the marks it read (by id: a mark written while the
 * month was being worked out stays for the next run). Returns the number of months worked out.
 */
export async function refreshMarkedMonths(db: Db, now: Date): Promise<number> {
  let refreshed = 0;
  for (;;) {
    const marks = await db.selectFrom('stats_stale_months').select(['id', 'month']).orderBy('id').limit(MARKS_PER_PASS).execute();
    for (const [month, seen] of Map.groupBy(marks, (mark) => mark.month)) {
      await storeMonth(db, month, await liveMonth(db, month), seen.map((mark) => mark.id), now);
      refreshed++;
    }
    if (marks.length < MARKS_PER_PASS) return refreshed;
  }
}

async function storeMonth(db: Db, month: string, figures: MonthFigures | null, marks: number[], now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (figures) {
      const row = { figures: JSON.stringify(figures.figures), replier_orgs: Buffer.from(figures.repliers), refreshed_at: now };
      await trx
        .insertInto('stats_months')
        .values({ month, ...row })
        .onConflict((oc) => oc.column('month').doUpdateSet(row))
        .execute();
    } else {
      await trx.deleteFrom('stats_months').where('month', '=', month).execute();
    }
    await trx.deleteFrom('stats_stale_months').where('id', 'in', marks).execute();
  });
}

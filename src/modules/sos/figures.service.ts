/**
 * 협업SOS figures: how often the targets were met, how long answers took (in business hours, from the
 * minutes kept when they happened), satisfaction, and the breaches by category and month. Counts
 * and durations only, never who asked what. One query each, whatever the number of requests.
 */
import { sql } from 'kysely';
import type { Db } from '../../shared/context.ts';
import { addDays, kstMidnight } from '../../shared/dates.ts';
import type { SosCategory } from './sos.tables.ts';

export interface SosFigures {
  opened: number;
  /** Of the requests whose first answer was due by now or came: answered on time. */
  firstDue: number;
  firstMet: number;
  resolutionDue: number;
  resolutionMet: number;
  /** Business hours, median; null when nothing to measure. */
  medianFirstHours: number | null;
  medianResolutionHours: number | null;
  satisfaction: number | null;
  /** Per KST month of receipt and category: received, and breached (either target). */
  byMonth: { month: string; category: SosCategory; opened: number; breached: number }[];
}

/** A target missed: met late, or not met and due while the clock runs (a paused request is not late). */
const breached = (now: Date) => sql<boolean>`(
  (first_responded_at IS NOT NULL AND first_responded_at > first_response_due_at)
  OR (first_responded_at IS NULL AND paused_since IS NULL AND first_response_due_at <= ${now})
  OR (solved_at IS NOT NULL AND solved_at > resolution_due_at)
  OR (solved_at IS NULL AND paused_since IS NULL AND status <> 'closed' AND resolution_due_at <= ${now}))`;

const round = (value: number | string | null, by: number) => (value === null ? null : Math.round((Number(value) / by) * 10) / 10);

/** The figures of requests received from `from` to `to` (KST days, both included), as of `now`. */
export async function sosFigures(db: Db, from: string, to: string, now: Date): Promise<SosFigures> {
  const inPeriod = db.selectFrom('sos_tickets').where('created_at', '>=', kstMidnight(from)).where('created_at', '<', kstMidnight(addDays(to, 1)));
  const [totals, byMonth] = await Promise.all([
    inPeriod
      .select((eb) => [
        eb.fn.countAll<number>().as('opened'),
        sql<number>`count(*) FILTER (WHERE first_responded_at IS NOT NULL OR (paused_since IS NULL AND first_response_due_at <= ${now}))`.as('first_due'),
        sql<number>`count(*) FILTER (WHERE first_responded_at <= first_response_due_at)`.as('first_met'),
        sql<number>`count(*) FILTER (WHERE solved_at IS NOT NULL OR (paused_since IS NULL AND status <> 'closed' AND resolution_due_at <= ${now}))`.as('resolution_due'),
        sql<number>`count(*) FILTER (WHERE solved_at <= resolution_due_at)`.as('resolution_met'),
        sql<number | null>`percentile_cont(0.5) WITHIN GROUP (ORDER BY first_response_minutes)`.as('median_first'),
        sql<number | null>`percentile_cont(0.5) WITHIN GROUP (ORDER BY resolution_minutes)`.as('median_resolution'),
        sql<number | null>`avg(satisfaction)`.as('satisfaction'),
      ])
      .executeTakeFirstOrThrow(),
    inPeriod
      .select([
        sql<string>`to_char(created_at AT TIME ZONE 'Asia/Seoul', 'YYYY-MM')`.as('month'),
        'category',
        sql<number>`count(*)`.as('opened'),
        sql<number>`count(*) FILTER (WHERE ${breached(now)})`.as('breached'),
      ])
      .groupBy([sql`1`, 'category'])
      .orderBy(sql`1`)
      .orderBy('category')
      .execute(),
  ]);
  return {
    opened: Number(totals.opened),
    firstDue: Number(totals.first_due),
    firstMet: Number(totals.first_met),
    resolutionDue: Number(totals.resolution_due),
    resolutionMet: Number(totals.resolution_met),
    medianFirstHours: round(totals.median_first, 60),
    medianResolutionHours: round(totals.median_resolution, 60),
    satisfaction: round(totals.satisfaction, 1),
    byMonth: byMonth.map((m) => ({ month: m.month, category: m.category, opened: Number(m.opened), breached: Number(m.breached) })),
  };
}

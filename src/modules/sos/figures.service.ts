/**
 * 협업SOS figures: how often the targets were met, how long answers took (in business hours), and
 * the breaches by category and month. Counts and durations only, never who asked what.
 */
import { businessMinutesBetween, type Calendar } from '../../shared/business-time.ts';
import { businessCalendar } from '../../shared/business-calendar.ts';
import type { Db } from '../../shared/context.ts';
import { kstDate, kstMidnight, addDays } from '../../shared/dates.ts';
import type { SosCategory } from './sos.tables.ts';

export interface SosFigures {
  opened: number;
  /** Of the tickets whose first answer was due by now or came: answered on time. */
  firstDue: number;
  firstMet: number;
  resolutionDue: number;
  resolutionMet: number;
  /** Business hours, median; null when nothing to measure. */
  medianFirstHours: number | null;
  medianResolutionHours: number | null;
  satisfaction: number | null;
  /** Per KST month of opening and category: opened and breached (either target). */
  byMonth: { month: string; category: SosCategory; opened: number; breached: number }[];
}

const median = (values: number[]) => {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return Math.round((sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2) * 10) / 10;
};

/** The figures of tickets opened from `from` to `to` (KST days, both included), as of `now`. */
export async function sosFigures(db: Db, from: string, to: string, now: Date): Promise<SosFigures> {
  const [rows, calendar] = await Promise.all([
    db
      .selectFrom('sos_tickets')
      .select(['category', 'created_at', 'first_response_due_at', 'first_responded_at', 'resolution_due_at', 'solved_at', 'satisfaction'])
      .where('created_at', '>=', kstMidnight(from))
      .where('created_at', '<', kstMidnight(addDays(to, 1)))
      .execute(),
    businessCalendar(db),
  ]);
  return figuresOf(rows, now, calendar);
}

type Row = { category: SosCategory; created_at: Date; first_response_due_at: Date; first_responded_at: Date | null; resolution_due_at: Date; solved_at: Date | null; satisfaction: number | null };

export function figuresOf(rows: Row[], now: Date, calendar: Calendar): SosFigures {
  const firstCounted = rows.filter((r) => r.first_responded_at || r.first_response_due_at <= now);
  const resolutionCounted = rows.filter((r) => r.solved_at || r.resolution_due_at <= now);
  const hours = (from: Date, to: Date) => businessMinutesBetween(from, to, calendar) / 60;
  const months = new Map<string, { month: string; category: SosCategory; opened: number; breached: number }>();
  for (const r of rows) {
    const key = `${kstDate(r.created_at).slice(0, 7)}|${r.category}`;
    const slot = months.get(key) ?? { month: kstDate(r.created_at).slice(0, 7), category: r.category, opened: 0, breached: 0 };
    slot.opened++;
    const firstLate = (r.first_responded_at ?? now) > r.first_response_due_at && (r.first_responded_at !== null || r.first_response_due_at <= now);
    const resolutionLate = (r.solved_at ?? now) > r.resolution_due_at && (r.solved_at !== null || r.resolution_due_at <= now);
    if (firstLate || resolutionLate) slot.breached++;
    months.set(key, slot);
  }
  const rated = rows.filter((r) => r.satisfaction !== null).map((r) => r.satisfaction!);
  return {
    opened: rows.length,
    firstDue: firstCounted.length,
    firstMet: firstCounted.filter((r) => r.first_responded_at && r.first_responded_at <= r.first_response_due_at).length,
    resolutionDue: resolutionCounted.length,
    resolutionMet: resolutionCounted.filter((r) => r.solved_at && r.solved_at <= r.resolution_due_at).length,
    medianFirstHours: median(rows.filter((r) => r.first_responded_at).map((r) => hours(r.created_at, r.first_responded_at!))),
    medianResolutionHours: median(rows.filter((r) => r.solved_at).map((r) => hours(r.created_at, r.solved_at!))),
    satisfaction: rated.length ? Math.round((rated.reduce((a, b) => a + b, 0) / rated.length) * 10) / 10 : null,
    byMonth: [...months.values()].sort((a, b) => a.month.localeCompare(b.month) || a.category.localeCompare(b.category)),
  };
}

import Type from 'typebox';
import type { Db } from '../../shared/context.ts';
import { addDays, kstDate, kstMidnight } from '../../shared/dates.ts';
import { ValidationError } from '../../shared/errors.ts';
import { calendarDate, parseInput } from '../../shared/forms.ts';

/** KST calendar days, both included. */
export interface Period {
  from: string;
  to: string;
}

const PeriodInput = Type.Object({ from: Type.Optional(calendarDate()), to: Type.Optional(calendarDate()) });

/**
 * The period asked for: `to` defaults to today and `from` to the day the first demand was published
 * (the whole history). A period that ends before it starts is refused.
 */
export async function parsePeriod(db: Db, raw: unknown, today: string): Promise<Period> {
  const input = parseInput(PeriodInput, raw);
  const to = input.to ?? today;
  const from = input.from ?? (await firstPublicationDay(db)) ?? to;
  if (from > to) throw new ValidationError({ to: 'stats.periodOrder' });
  return { from, to };
}

/** The period as instants: from its first day's start to the start of the day after its last. */
export function periodBounds(period: Period): { from: Date; to: Date } {
  return { from: kstMidnight(period.from), to: kstMidnight(addDays(period.to, 1)) };
}

export async function firstPublicationDay(db: Db): Promise<string | null> {
  const row = await db
    .selectFrom('demand_events')
    .select((eb) => eb.fn.min('at').as('first'))
    .where('kind', '=', 'published')
    .executeTakeFirst();
  return row?.first ? kstDate(new Date(row.first)) : null;
}

/**
 * 임시공휴일 and local closures: days off the gazette data does not know, which every deadline
 * counted in Korean business time then leaves out (`shared/business-calendar.ts`); the tasks' kept due
 * days are worked out again by a job queued with the change.
 */
import Type from 'typebox';
import { requireOperator } from '../../shared/actors.ts';
import { audit } from '../../shared/audit.ts';
import { forgetBusinessCalendar } from '../../shared/business-calendar.ts';
import { holidayNames, holidaysKnown } from '../../shared/business-time.ts';
import type { Ctx } from '../../shared/context.ts';
import { kstDate } from '../../shared/dates.ts';
import { ValidationError } from '../../shared/errors.ts';
import { calendarDate, parseInput } from '../../shared/forms.ts';
import { underUniqueRules } from '../../shared/unique.ts';
import { enqueue } from '../../jobs/queue.ts';
import { TASKS_REFRESH_JOB } from '../tasks/index.ts';

const ClosureInput = Type.Object({ day: calendarDate(), name: Type.String({ minLength: 1, maxLength: 100 }) });

/** The closures from this year on, and whether the gazette data covers this year and the next. */
export async function closuresPage(ctx: Ctx) {
  requireOperator(ctx);
  const year = Number(kstDate(ctx.now()).slice(0, 4));
  const closures = await ctx.db.selectFrom('business_closures').select(['day', 'name']).where('day', '>=', `${year}-01-01`).orderBy('day').execute();
  return { closures, covered: [year, year + 1].map((y) => ({ year: y, known: holidaysKnown(y) })) };
}

/** Adds a day off; a weekend or a day the gazette already makes a holiday is refused, as is a day entered twice. */
export async function addClosure(ctx: Ctx, raw: unknown): Promise<void> {
  requireOperator(ctx);
  const input = parseInput(ClosureInput, raw);
  const weekday = new Date(`${input.day}T00:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6 || holidayNames(input.day)) throw new ValidationError({ day: 'closure.alreadyOff' });
  const taken = () => new ValidationError({ day: 'closure.taken' });
  await underUniqueRules({ business_closures_pkey: taken }, () =>
    ctx.db.transaction().execute(async (trx) => {
      if (await trx.selectFrom('business_closures').select('day').where('day', '=', input.day).executeTakeFirst()) throw taken();
      await trx.insertInto('business_closures').values({ day: input.day, name: input.name, created_by: ctx.actor.kind === 'user' ? ctx.actor.id : null, created_at: ctx.now() }).execute();
      await audit(ctx, trx, 'closure.add', { type: 'business_closure', id: input.day }, { name: input.name });
      await enqueue(trx, ctx.now(), TASKS_REFRESH_JOB, {}, { singletonKey: TASKS_REFRESH_JOB });
    }),
  );
  forgetBusinessCalendar(ctx.db);
}

export async function removeClosure(ctx: Ctx, day: string): Promise<void> {
  requireOperator(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('business_closures').where('day', '=', day).execute();
    await audit(ctx, trx, 'closure.remove', { type: 'business_closure', id: day });
    await enqueue(trx, ctx.now(), TASKS_REFRESH_JOB, {}, { singletonKey: TASKS_REFRESH_JOB });
  });
  forgetBusinessCalendar(ctx.db);
}

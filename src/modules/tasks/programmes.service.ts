import { requireOperator } from '../../shared/actors.ts';
import { audit } from '../../shared/audit.ts';
import type { Ctx, Db } from '../../shared/context.ts';
import { kstDate } from '../../shared/dates.ts';
import { ValidationError } from '../../shared/errors.ts';
import { parseInput } from '../../shared/forms.ts';
import type { MessageKey } from '../../shared/i18n/index.ts';
import { enqueue } from '../../jobs/queue.ts';
import { TASKS_REFRESH_JOB } from './schedule.ts';
import { ProgrammeInput } from './tasks.schemas.ts';

export function listProgrammes(db: Db) {
  return db.selectFrom('task_programmes').selectAll().orderBy('year', 'desc').execute();
}

export type Programme = Awaited<ReturnType<typeof listProgrammes>>[number];

/** The programme whose intake window holds today (KST), if any: where new tasks are registered. */
export async function openIntake(ctx: Ctx, db: Db = ctx.db): Promise<Programme | undefined> {
  const today = kstDate(ctx.now());
  return db.selectFrom('task_programmes').selectAll().where('intake_opens_on', '<=', today).where('intake_closes_on', '>=', today).orderBy('year', 'desc').executeTakeFirst();
}

/**
 * Opens a year's programme, or changes it (same year): the intake window must run forwards and lie
 * within the year or the one before; a change of cadence or grace moves every running task's next
 * report due day (through `TASKS_REFRESH_JOB`).
 */
export async function saveProgramme(ctx: Ctx, raw: unknown): Promise<number> {
  const operator = requireOperator(ctx);
  const input = parseInput(ProgrammeInput, raw);
  const year = Number(input.year);
  const errors: Record<string, MessageKey> = {};
  // A programme is opened for this year or the next, not for a year nobody will run.
  const thisYear = Number(kstDate(ctx.now()).slice(0, 4));
  if (year < thisYear - 1 || year > thisYear + 1) errors.year = 'task.yearNear';
  if (input.intakeClosesOn < input.intakeOpensOn) errors.intakeClosesOn = 'task.datesOrder';
  if (Number(input.intakeOpensOn.slice(0, 4)) < year - 1 || Number(input.intakeClosesOn.slice(0, 4)) > year) errors.intakeOpensOn = 'task.intakeOutsideYear';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const values = {
    intake_opens_on: input.intakeOpensOn,
    intake_closes_on: input.intakeClosesOn,
    key_cadence: input.keyCadence,
    managed_cadence: input.managedCadence,
    report_grace_days: Number(input.graceDays),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('task_programmes')
      .values({ year, ...values, created_by: operator.id, created_at: ctx.now() })
      .onConflict((oc) => oc.column('year').doUpdateSet(values))
      .execute();
    // Every running task's next due day may move: worked out off the request, queued with the change.
    await enqueue(trx, ctx.now(), TASKS_REFRESH_JOB, {}, { singletonKey: TASKS_REFRESH_JOB });
    await audit(ctx, trx, 'task.programme', { type: 'task_programme', id: year }, values);
  });
  return year;
}

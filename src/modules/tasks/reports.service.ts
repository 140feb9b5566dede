import { sql } from 'kysely';
import { requireUser } from '../../shared/actors.ts';
import { businessCalendar } from '../../shared/business-calendar.ts';
import { addWorkingDays, type Calendar } from '../../shared/business-time.ts';
import { audit } from '../../shared/audit.ts';
import { ANONYMOUS, type Ctx, type Db } from '../../shared/context.ts';
import { addDays, inQuietHours, kstDate, type QuietHours } from '../../shared/dates.ts';
import { ValidationError } from '../../shared/errors.ts';
import { parseInput } from '../../shared/forms.ts';
import type { MessageKey } from '../../shared/i18n/index.ts';
import { type Notice, notify } from '../notifications/index.ts';
import { publishEvent } from '../webhooks/index.ts';
import { orgMemberRecipients } from '../orgs/index.ts';
import { tfRecipients } from './charter.ts';
import { periodBounds, type Progress, progressOf } from './progress.ts';
import { refreshTaskState, scheduleOf } from './schedule.ts';
import { loadTask, type TaskRow } from './task-access.ts';
import { ReportInput, ReportValue } from './tasks.schemas.ts';
import { number } from './tasks.service.ts';
import { createOnce } from '../../shared/unique.ts';
import { operatorRecipients } from '../accounts/index.ts';

/** The indicators with their newest reported value, in plan order. */
export async function indicatorsOf(db: Db, taskId: number) {
  return db
    .selectFrom('task_indicators as i')
    .select((eb) => [
      'i.id',
      'i.name',
      'i.unit',
      'i.baseline',
      'i.target',
      'i.due_on',
      eb
        .selectFrom('task_report_values as v')
        .innerJoin('task_reports as r', 'r.id', 'v.report_id')
        .select('v.value')
        .whereRef('v.indicator_id', '=', 'i.id')
        .orderBy('r.submitted_at', 'desc')
        .orderBy('r.id', 'desc')
        .limit(1)
        .as('latest'),
    ])
    .where('i.task_id', '=', taskId)
    .orderBy('i.position')
    .execute();
}

export function milestonesOf(db: Db, taskId: number) {
  return db
    .selectFrom('task_milestones')
    .innerJoin('orgs', 'orgs.id', 'task_milestones.owner_org_id')
    .select(['task_milestones.id', 'task_milestones.title', 'task_milestones.due_on', 'task_milestones.done_on', 'task_milestones.owner_org_id', 'orgs.name as owner_name'])
    .where('task_milestones.task_id', '=', taskId)
    .orderBy('task_milestones.position')
    .execute();
}

export type Indicator = Awaited<ReturnType<typeof indicatorsOf>>[number];
export type Milestone = Awaited<ReturnType<typeof milestonesOf>>[number];

/** The task's progress from its evidence, as of today (KST). */
export async function progressOfTask(ctx: Ctx, db: Db, task: TaskRow, indicators: Indicator[], milestones: Milestone[]): Promise<Progress> {
  const [schedule, reports] = await Promise.all([
    task.status === 'registered' || task.status === 'completed' ? scheduleOf(db, task) : Promise.resolve([]),
    db.selectFrom('task_reports').select(['period', 'submitted_at']).where('task_id', '=', task.id).execute(),
  ]);
  return progressOf({
    today: kstDate(ctx.now()),
    milestones,
    indicators: indicators.map((i) => ({ baseline: i.baseline, target: i.target, latest: i.latest })),
    schedule,
    reports: reports.map((r) => ({ period: r.period, submittedOn: kstDate(r.submitted_at) })),
  });
}

/**
 * Reports of the task, newest first (the 60 newest; the newest public one with `publicOnly`, the
 * summaries the TF chose to publish), or the one report `reportId` of this task.
 */
export function reportsOf(db: Db, taskId: number, publicOnly: boolean, reportId?: number) {
  return db
    .selectFrom('task_reports')
    .leftJoin('users', 'users.id', 'task_reports.submitted_by')
    .select([
      'task_reports.id',
      'task_reports.period',
      'task_reports.due_on',
      'task_reports.rag',
      'task_reports.summary',
      'task_reports.summary_public',
      'task_reports.difficulties',
      'task_reports.asks',
      'task_reports.milestones_done',
      'task_reports.submitted_at',
      'users.name as submitted_by_name',
    ])
    .where('task_reports.task_id', '=', taskId)
    .$if(publicOnly, (q) => q.where('task_reports.summary_public', '=', true))
    .$if(reportId !== undefined, (q) => q.where('task_reports.id', '=', reportId!))
    .orderBy('task_reports.submitted_at', 'desc')
    .orderBy('task_reports.id', 'desc')
    .limit(publicOnly ? 1 : 60)
    .execute();
}

/** The periods a report may be made for now: begun, and not yet reported. */
export async function openPeriods(ctx: Ctx, db: Db, task: TaskRow) {
  const [schedule, done] = await Promise.all([scheduleOf(db, task), db.selectFrom('task_reports').select('period').where('task_id', '=', task.id).execute()]);
  const today = kstDate(ctx.now());
  const made = new Set(done.map((d) => d.period));
  return schedule.filter((s) => !made.has(s.period) && periodBounds(s.period).first <= today);
}

/**
 * A progress report for one period: RAG status, each indicator's value (blank: not measured this
 * time), milestones done (dated today), difficulties and what the TF asks of the ministry. One report
 * per period (a database rule). The liaison (or, for agency-managed tasks, nobody but the list) hears
 * of a red status or an ask at once.
 */
export async function submitReport(ctx: Ctx, taskId: number, raw: unknown): Promise<number> {
  const actor = requireUser(ctx.actor);
  const body = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  return ctx.db.transaction().execute(async (trx) => {
    const { task } = await loadTask(ctx, trx, taskId, 'task.report');
    // A double click lands on the first report (its twin waits at the key), not on "already reported".
    return createOnce(ctx, trx, async () => {
      const errors: Record<string, MessageKey> = {};
      let input: ReturnType<typeof parseInput<typeof ReportInput>> | undefined;
      try {
        input = parseInput(ReportInput, body);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        Object.assign(errors, error.fields);
      }
      const [indicators, milestones, periods] = await Promise.all([indicatorsOf(trx, taskId), milestonesOf(trx, taskId), openPeriods(ctx, trx, task)]);
      const values: { indicator_id: number; value: number }[] = [];
      for (const indicator of indicators) {
        const typed = body[`value.${indicator.id}`];
        if (typed === undefined || (typeof typed === 'string' && typed.trim() === '')) continue;
        try {
          values.push({ indicator_id: indicator.id, value: number(parseInput(ReportValue, { value: typed }).value) });
        } catch {
          errors[`value.${indicator.id}`] = 'task.numberInvalid';
        }
      }
      const period = input ? periods.find((p) => p.period === input.period) : undefined;
      if (input && !period) errors.period = 'task.periodClosed';
      const done = new Set((input?.done ?? []).map(Number));
      if ([...done].some((id) => !milestones.some((m) => m.id === id))) errors.done = 'field.choiceInvalid';
      if (Object.keys(errors).length || !input || !period) throw new ValidationError(errors);

      const today = kstDate(ctx.now());
      const newlyDone = milestones.filter((m) => done.has(m.id) && m.done_on === null).map((m) => m.id);
      if (newlyDone.length) await trx.updateTable('task_milestones').set({ done_on: today }).where('id', 'in', newlyDone).execute();
      const { id } = await trx
        .insertInto('task_reports')
        .values({
          task_id: taskId,
          period: period.period,
          due_on: period.dueOn,
          rag: input.rag,
          summary: input.summary,
          summary_public: input.summaryPublic === 'on',
          difficulties: input.difficulties ?? '',
          asks: input.asks ?? '',
          milestones_done: milestones.filter((m) => m.done_on !== null).length + newlyDone.length,
          submitted_by: actor.id,
          submitted_at: ctx.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (values.length) await trx.insertInto('task_report_values').values(values.map((v) => ({ ...v, report_id: id }))).execute();
      await refreshTaskState(trx, taskId);
      if (input.rag === 'red' || input.asks) {
        await notify(trx, ctx, await watchersOf(trx, task), { kind: 'notice.taskReportAttention', params: { title: task.title, period: period.period }, link: `/tasks/${taskId}/reports/${id}` });
      }
      await audit(ctx, trx, 'task.report', { type: 'task', id: taskId }, { period: period.period, rag: input.rag });
      return id;
    });
  });
}

/** Who watches a task for the ministry: the TF's liaisons, else (agency-managed tasks) every operator. */
async function watchersOf(db: Db, task: Pick<TaskRow, 'id' | 'kind'>) {
  if (task.kind === 'key') {
    const liaisons = await tfRecipients(db, task.id, 'liaison');
    if (liaisons.length) return liaisons;
  }
  return operatorRecipients(db);
}

/** Who reports: a key task's TF members, an agency-managed task's organisations' members. */
async function reportersOf(db: Db, task: Pick<TaskRow, 'id' | 'kind'>) {
  if (task.kind === 'key') return tfRecipients(db, task.id, 'member');
  const orgs = await db.selectFrom('task_orgs').select('org_id').where('task_id', '=', task.id).where('status', '=', 'accepted').execute();
  return orgMemberRecipients(
    db,
    orgs.map((o) => o.org_id),
  );
}

/** How many working days ahead of a due day the reporters are reminded. */
const REMINDER_DAYS = 3;

/**
 * The hourly sweep: a reminder to the reporters when a report falls due within `REMINDER_DAYS`, and a
 * notice to the ministry the day after a due day passed without one. Each is claimed in
 * `task_report_notices` in the same transaction as its notices, so it goes out exactly once whatever
 * the number of runs or instances; nothing goes out in quiet hours (the next run after them sends it).
 */
export async function sendReportNotices(db: Db, now: Date, options: { baseUrl: string; quietHours: QuietHours | null }): Promise<number> {
  if (inQuietHours(now, options.quietHours)) return 0;
  // Notices of the sweep are nobody's act: every recipient is told.
  const ctx: Pick<Ctx, 'actor' | 'now' | 'baseUrl'> = { actor: ANONYMOUS, now: () => now, baseUrl: options.baseUrl };
  const today = kstDate(now);
  const horizon = addDays(today, REMINDER_DAYS + 4);
  const candidates = await db
    .selectFrom('tasks')
    .select(['id', 'title', 'kind', 'next_report_period', 'next_report_due_on'])
    .where('status', '=', 'registered')
    .where('next_report_due_on', 'is not', null)
    .where('next_report_due_on', '<=', horizon)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('task_report_notices as n')
            .select('n.task_id')
            .whereRef('n.task_id', '=', 'tasks.id')
            .whereRef('n.period', '=', 'tasks.next_report_period')
            .where('n.kind', '=', sql<'due' | 'late'>`case when tasks.next_report_due_on < ${today} then 'late' else 'due' end`),
        ),
      ),
    )
    .execute();
  let sent = 0;
  const calendar = await businessCalendar(db);
  for (const task of candidates) {
    const late = task.next_report_due_on! < today;
    if (!late && !withinWorkingDays(today, task.next_report_due_on!, calendar)) continue;
    await db.transaction().execute(async (trx) => {
      const claimed = await trx
        .insertInto('task_report_notices')
        .values({ task_id: task.id, period: task.next_report_period!, kind: late ? 'late' : 'due', sent_at: now })
        .onConflict((oc) => oc.doNothing())
        .returning('task_id')
        .executeTakeFirst();
      if (!claimed) return;
      const notice: Notice = {
        kind: late ? 'notice.taskReportLate' : 'notice.taskReportDue',
        params: { title: task.title, period: task.next_report_period!, due: task.next_report_due_on! },
        link: `/tasks/${task.id}`,
      };
      await notify(trx, ctx, late ? await watchersOf(trx, task) : await reportersOf(trx, task), notice);
      if (!late) {
        const orgs = await trx.selectFrom('task_orgs').select('org_id').where('task_id', '=', task.id).where('status', '=', 'accepted').execute();
        await publishEvent(trx, now, {
          event: 'task.report_due',
          id: `task.report_due:${task.id}:${task.next_report_period}`,
          orgIds: orgs.map((o) => o.org_id),
          data: {
            task: { id: task.id, title: task.title, url: `${options.baseUrl}/tasks/${task.id}` },
            report: { period: task.next_report_period, dueOn: task.next_report_due_on },
          },
        });
      }
      sent++;
    });
  }
  return sent;
}

/** Whether `due` is at most `REMINDER_DAYS` working days after `today`. */
function withinWorkingDays(today: string, due: string, calendar: Calendar): boolean {
  return due >= today && due <= addWorkingDays(today, REMINDER_DAYS, calendar);
}

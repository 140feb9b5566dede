import { businessCalendar } from '../../shared/business-calendar.ts';
import type { Db } from '../../shared/context.ts';
import { kstDate } from '../../shared/dates.ts';
import { reportSchedule, type ScheduledReport } from './progress.ts';

/** A selected task's reports as its programme sets them: cadence by kind, due days in working days of the installation's calendar. */
export async function scheduleOf(db: Db, task: { year: number; kind: 'key' | 'managed' | null; selected_at: Date | null; ends_on: string }): Promise<ScheduledReport[]> {
  if (!task.kind || !task.selected_at) return [];
  const [programme, calendar] = await Promise.all([db.selectFrom('task_programmes').selectAll().where('year', '=', task.year).executeTakeFirstOrThrow(), businessCalendar(db)]);
  const cadence = task.kind === 'key' ? programme.key_cadence : programme.managed_cadence;
  return reportSchedule(cadence, kstDate(task.selected_at), task.ends_on, programme.report_grace_days, calendar);
}

/**
 * Keeps the task's derived columns: its next report (earliest period without one, and its due day),
 * the newest report's RAG status and the earliest due day of a milestone not done — so that lists
 * filter "report overdue" and "slipping" with an index, without a schedule or a subquery per task.
 * Called wherever one of them can change: selection, a report, the plan, the dates, the programme.
 */
export async function refreshTaskState(db: Db, taskId: number): Promise<void> {
  const task = await db.selectFrom('tasks').select(['year', 'kind', 'selected_at', 'ends_on', 'status']).where('id', '=', taskId).executeTakeFirstOrThrow();
  const [schedule, reports, open] = await Promise.all([
    task.status === 'registered' ? scheduleOf(db, task) : Promise.resolve([]),
    db.selectFrom('task_reports').select(['period', 'rag']).where('task_id', '=', taskId).orderBy('submitted_at', 'desc').orderBy('id', 'desc').execute(),
    db.selectFrom('task_milestones').select((eb) => eb.fn.min<string>('due_on').as('first')).where('task_id', '=', taskId).where('done_on', 'is', null).executeTakeFirst(),
  ]);
  const done = new Set(reports.map((r) => r.period));
  const next = schedule.find((s) => !done.has(s.period));
  await db
    .updateTable('tasks')
    .set({ next_report_period: next?.period ?? null, next_report_due_on: next?.dueOn ?? null, latest_rag: reports[0]?.rag ?? null, first_open_milestone_on: open?.first ?? null })
    .where('id', '=', taskId)
    .execute();
}

/** Queued when what due days depend on changes (a programme's cadence or grace, the operators' closures). */
export const TASKS_REFRESH_JOB = 'tasks.refresh';

/** Rewrites the kept columns of every running task (the job's work; a few thousand tasks a year). */
export async function refreshRunningTasks(db: Db): Promise<number> {
  const running = await db.selectFrom('tasks').select('id').where('status', '=', 'registered').where('kind', 'is not', null).execute();
  for (const { id } of running) await refreshTaskState(db, id);
  return running.length;
}

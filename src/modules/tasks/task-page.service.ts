import { type Ctx, isOperator, sharedWork } from '../../shared/context.ts';
import { audit } from '../../shared/audit.ts';
import { NotFoundError } from '../../shared/errors.ts';
import { parseInput } from '../../shared/forms.ts';
import { can } from './tasks.policy.ts';
import { charterState } from './charter.ts';
import { indicatorsOf, milestonesOf, openPeriods, progressOfTask, reportsOf } from './reports.service.ts';
import { staffingOf } from './staffing.service.ts';
import { type LoadedTask, loadTask, viewTask } from './task-access.ts';
import { ResultsInput } from './tasks.schemas.ts';

/**
 * The task page: what anyone may see of a public task (goals, partners, milestones, progress, the
 * newest public summary, results), and for its people and operators the reports, charter and forms.
 */
export async function taskPage(ctx: Ctx, taskId: number) {
  const loaded = await viewTask(ctx, taskId);
  const { task, facts } = loaded;
  const inside = can(ctx.actor, 'task.report', facts) || can(ctx.actor, 'tf.view', facts) || can(ctx.actor, 'task.edit', facts) || isOperator(ctx.actor);
  const [everyone, reports, staffing, periods] = await Promise.all([
    sharedWork(ctx, `tasks.page ${taskId}`, () => whatEveryoneSees(ctx, loaded)),
    inside ? reportsOf(ctx.db, taskId, false) : Promise.resolve([]),
    // Staffing is the task's organisations' and the ministry's business, not the public's.
    inside ? staffingOf(ctx.db, taskId) : Promise.resolve([]),
    can(ctx.actor, 'task.report', facts) ? openPeriods(ctx, ctx.db, task) : Promise.resolve([]),
  ]);
  return { ...loaded, ...everyone, reports, staffing, periods, inside };
}

/**
 * The page's parts that do not depend on who reads it (up to ten queries), once the reader may see
 * the task at all: shared among readers for a moment (`sharedWork`), as a member's list is.
 */
async function whatEveryoneSees(ctx: Ctx, loaded: LoadedTask) {
  const { task } = loaded;
  const [themes, indicators, milestones, publicSummary, charter, match, proposal] = await Promise.all([
    ctx.db.selectFrom('task_themes').innerJoin('themes', 'themes.id', 'task_themes.theme_id').select(['themes.id', 'themes.name', 'themes.name_en']).where('task_themes.task_id', '=', task.id).orderBy('themes.sort').execute(),
    indicatorsOf(ctx.db, task.id),
    milestonesOf(ctx.db, task.id),
    reportsOf(ctx.db, task.id, true).then((r) => r[0] ?? null),
    task.charter_version > 0 ? charterState(ctx.db, loaded) : Promise.resolve(null),
    task.match_id ? ctx.db.selectFrom('matches').select(['id', 'demand_id']).where('id', '=', task.match_id).executeTakeFirst() : Promise.resolve(undefined),
    task.proposal_id ? ctx.db.selectFrom('forum_proposals').select(['id', 'title']).where('id', '=', task.proposal_id).executeTakeFirst() : Promise.resolve(undefined),
  ]);
  const progress = await progressOfTask(ctx, ctx.db, task, indicators, milestones);
  return { themes, indicators, milestones, publicSummary, charter, progress, match: match ?? null, proposal: proposal ?? null };
}

export type TaskPage = Awaited<ReturnType<typeof taskPage>>;

/** One report in full, for the task's people and operators (404 to others, and for another task's id). */
export async function reportPage(ctx: Ctx, taskId: number, reportId: number) {
  const page = await taskPage(ctx, taskId);
  const [report] = page.inside ? await reportsOf(ctx.db, taskId, false, reportId) : [];
  if (!report) throw new NotFoundError();
  const values = await ctx.db
    .selectFrom('task_report_values as v')
    .innerJoin('task_indicators as i', 'i.id', 'v.indicator_id')
    .select(['i.name', 'i.unit', 'i.target', 'v.value'])
    .where('v.report_id', '=', reportId)
    .orderBy('i.position')
    .execute();
  return { ...page, report, values };
}

/** The results (성과) the team publishes on the task page, in Markdown. */
export async function saveResults(ctx: Ctx, taskId: number, raw: unknown): Promise<void> {
  const input = parseInput(ResultsInput, raw);
  await ctx.db.transaction().execute(async (trx) => {
    await loadTask(ctx, trx, taskId, 'task.results');
    await trx.updateTable('tasks').set({ results: input.results ?? '', updated_at: ctx.now() }).where('id', '=', taskId).execute();
    await audit(ctx, trx, 'task.results', { type: 'task', id: taskId });
  });
}

import { requireOperator } from '../../shared/actors.ts';
import { audit } from '../../shared/audit.ts';
import type { Ctx, Db } from '../../shared/context.ts';
import { ValidationError } from '../../shared/errors.ts';
import { parseInput } from '../../shared/forms.ts';
import { containsPattern } from '../../shared/text.ts';
import { notify } from '../notifications/index.ts';
import { orgMemberRecipients } from '../orgs/index.ts';
import { recordCharterVersion, seatMember } from './charter.ts';
import { refreshTaskState } from './schedule.ts';
import { loadTask, type LoadedTask } from './task-access.ts';
import { SelectInput } from './tasks.schemas.ts';

/**
 * The first seats of a new TF: for each organisation that has accepted, the person who registered or
 * accepted for it (if still an active member); the selecting operator sits as the ministry's liaison.
 */
async function formTf(ctx: Ctx, db: Db, loaded: LoadedTask, liaisonId: number): Promise<void> {
  const { task, orgs } = loaded;
  for (const org of orgs.filter((o) => o.status === 'accepted')) {
    const person = org.role === 'lead' ? task.created_by : org.answered_by;
    const active = person
      ? await db.selectFrom('org_members').select('user_id').where('org_id', '=', org.org_id).where('user_id', '=', person).where('status', '=', 'active').executeTakeFirst()
      : undefined;
    if (active) await seatMember(ctx, db, task.id, person!, org.org_id);
  }
  await db
    .insertInto('tf_members')
    .values({ task_id: task.id, user_id: liaisonId, org_id: null, role: 'liaison', added_by: liaisonId, added_at: ctx.now() })
    .onConflict((oc) => oc.columns(['task_id', 'user_id']).doNothing())
    .execute();
  await recordCharterVersion(ctx, db, loaded, 'formed');
}

/**
 * The operator marks a registered task 중점 (key) or 기관관리 (agency-managed) with a reason, after
 * the review. A key task gets its TF at once, with the plan as charter version 1; reporting starts with
 * the period of the selection. A later change of kind is possible (a managed task promoted), audited
 * the same way; a TF, once formed, is kept with its history.
 */
export async function selectTask(ctx: Ctx, taskId: number, raw: unknown): Promise<void> {
  const operator = requireOperator(ctx);
  const input = parseInput(SelectInput, raw);
  await ctx.db.transaction().execute(async (trx) => {
    const loaded = await loadTask(ctx, trx, taskId, 'task.select');
    const { task, orgs } = loaded;
    if (task.kind === input.kind) throw new ValidationError({ kind: 'task.kindSame' });
    await trx
      .updateTable('tasks')
      .set({ kind: input.kind, kind_reason: input.reason, selected_at: task.selected_at ?? ctx.now(), selected_by: operator.id, updated_at: ctx.now() })
      .where('id', '=', taskId)
      .execute();
    if (input.kind === 'key' && task.charter_version === 0) await formTf(ctx, trx, { ...loaded, task: { ...task, kind: 'key' } }, operator.id);
    await refreshTaskState(trx, taskId);
    const recipients = await orgMemberRecipients(
      trx,
      orgs.filter((o) => o.status === 'accepted').map((o) => o.org_id),
    );
    await notify(trx, ctx, recipients, { kind: input.kind === 'key' ? 'notice.taskKey' : 'notice.taskManaged', params: { title: task.title }, link: `/tasks/${taskId}` });
    await audit(ctx, trx, 'task.select', { type: 'task', id: taskId }, { kind: input.kind, from: task.kind, reason: input.reason });
  });
}

/**
 * Tasks registered and waiting for the selection, newest first, for review rounds: all of them, or
 * those among `ids`, those not among `exclude` (the round's own), whose title holds `q`; at most
 * `limit`. Filtered in the query, so a task far down the list is found by its words and
 * can be added by its id. `db` may be the caller's transaction. Operators only (NotFoundError).
 */
export async function reviewableTasks(ctx: Ctx, db: Db, filter: { ids?: number[]; exclude?: number[]; q?: string; limit?: number } = {}) {
  requireOperator(ctx);
  return db
    .selectFrom('tasks')
    .innerJoin('orgs', 'orgs.id', 'tasks.lead_org_id')
    .select(['tasks.id', 'tasks.title', 'tasks.year', 'orgs.name as lead_name'])
    .where('tasks.status', '=', 'registered')
    .where('tasks.kind', 'is', null)
    .$if(filter.ids !== undefined, (q) => q.where('tasks.id', 'in', filter.ids!.length ? filter.ids! : [0]))
    .$if(Boolean(filter.exclude?.length), (q) => q.where('tasks.id', 'not in', filter.exclude!))
    .$if(Boolean(filter.q), (q) => q.where('tasks.title', 'ilike', containsPattern(filter.q!)))
    .orderBy('tasks.id', 'desc')
    .$if(filter.limit !== undefined, (q) => q.limit(filter.limit!))
    .execute();
}

/** Title, lead and summary of tasks by id, for review items (whatever their status). */
export async function taskSummariesOf(db: Db, ids: number[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('tasks')
    .innerJoin('orgs', 'orgs.id', 'tasks.lead_org_id')
    .select(['tasks.id', 'tasks.title', 'tasks.problem', 'tasks.benefit', 'tasks.year', 'tasks.kind', 'tasks.status', 'orgs.name as lead_name', 'orgs.status as lead_status'])
    .where('tasks.id', 'in', ids)
    .execute();
}

export type TaskSummary = Awaited<ReturnType<typeof taskSummariesOf>>[number];

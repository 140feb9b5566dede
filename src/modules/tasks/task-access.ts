import { queryTemplate } from '../../db/query-template.ts';
import type { ExpressionBuilder, RawBuilder } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { DB } from '../../db/schema.ts';
import { type Ctx, type Db, isOperator, sharedWork } from '../../shared/context.ts';
import type { MessageKey } from '../../shared/i18n/index.ts';
import { ForbiddenError, NotFoundError } from '../../shared/errors.ts';
import { can, isPublicTask, myTaskOrgs, type TaskAction, type TaskFacts } from './tasks.policy.ts';

/** The task row, locked inside a transaction so that changes to one task take turns. */
export async function taskRow(db: Db, id: number) {
  const task = await db
    .selectFrom('tasks')
    .selectAll()
    .where('id', '=', id)
    .$if(db.isTransaction, (q) => q.forUpdate())
    .executeTakeFirst();
  if (!task) throw new NotFoundError();
  return task;
}

export type TaskRow = Awaited<ReturnType<typeof taskRow>>;

/** The task's organisations with their names, lead first: a JSON column of a query on `tasks`. */
function taskOrgsColumn(eb: ExpressionBuilder<DB, 'tasks'>) {
  return jsonArrayFrom(
    eb
      .selectFrom('task_orgs')
      .innerJoin('orgs', 'orgs.id', 'task_orgs.org_id')
      .select([
        'task_orgs.org_id',
        'task_orgs.role',
        'task_orgs.status',
        'task_orgs.contribution',
        'task_orgs.decline_reason',
        'task_orgs.answered_by',
        'orgs.name',
        'orgs.sector',
        'orgs.status as org_status',
      ])
      .whereRef('task_orgs.task_id', '=', 'tasks.id')
      .orderBy('task_orgs.role')
      .orderBy('orgs.name'),
  );
}

type TaskOrg = ReturnType<typeof taskOrgsColumn> extends RawBuilder<(infer O)[]> ? O : never;

export interface LoadedTask {
  task: TaskRow;
  orgs: TaskOrg[];
  facts: TaskFacts;
}

/** The task with its organisations and its TF's seats (the reader's own is looked up among them). */
const taskWithSeats = queryTemplate((db, id: number) =>
  db
    .selectFrom('tasks')
    .selectAll('tasks')
    .select((eb) => [
      taskOrgsColumn(eb).as('orgs'),
      jsonArrayFrom(eb.selectFrom('tf_members').select(['tf_members.user_id', 'tf_members.role', 'tf_members.org_id']).whereRef('tf_members.task_id', '=', 'tasks.id')).as('seats'),
    ])
    .where('tasks.id', '=', id),
);

/**
 * The task as this actor may see it, or 404. With `action`, the actor must also be allowed that: an
 * actor with no part in the task gets 404 (nothing about it is theirs to know), one with a part gets
 * 403 with the reason.
 */
export async function loadTask(ctx: Ctx, db: Db, id: number, action?: TaskAction): Promise<LoadedTask> {
  // Inside a transaction the task is locked first, by a statement of its own: a statement's snapshot
  // is taken before it waits for a lock, so organisations and seats read in the locking statement would
  // be those from before the transaction it waited for committed (READ COMMITTED; tested on PostgreSQL).
  if (db.isTransaction) await db.selectFrom('tasks').select('id').where('id', '=', id).forUpdate().execute();
  return allowedTask(ctx, (await taskWithSeats(db, id))[0], action);
}

/**
 * `loadTask` for reading its page: the task is the same for every reader, who is then let see it or
 * not, so it is read once for all of them for a moment (`sharedWork`).
 */
export async function viewTask(ctx: Ctx, id: number): Promise<LoadedTask> {
  return allowedTask(ctx, (await sharedWork(ctx, `tasks.record ${id}`, () => taskWithSeats(ctx.db, id)))[0]);
}

function allowedTask(ctx: Ctx, row: Awaited<ReturnType<typeof taskWithSeats>>[number] | undefined, action?: TaskAction): LoadedTask {
  if (!row) throw new NotFoundError();
  const { orgs, seats, ...task } = row;
  const userId = ctx.actor.kind === 'user' ? ctx.actor.id : null;
  const seat = seats.find((s) => s.user_id === userId);
  // A seat counts while its organisation takes part (a removed partner's seats are gone; this is the guard).
  const seated = seat && (seat.role === 'liaison' || orgs.some((o) => o.org_id === seat.org_id && o.status === 'accepted')) ? { role: seat.role, org_id: seat.org_id } : null;
  const facts: TaskFacts = { status: task.status, kind: task.kind, orgs, seat: seated };
  if (!can(ctx.actor, 'task.view', facts)) throw new NotFoundError();
  if (action && !can(ctx.actor, action, facts)) {
    const involved = myTaskOrgs(ctx.actor, facts).length > 0 || facts.seat !== null || isOperator(ctx.actor);
    if (!involved || action.startsWith('tf.')) throw new NotFoundError();
    throw new ForbiddenError(REFUSALS[action] ?? 'task.notAllowed');
  }
  return { task, orgs, facts };
}

/** Why an actor with a part in the task may not do this, and what would let them. */
const REFUSALS: Partial<Record<TaskAction, MessageKey>> = {
  'task.edit': 'task.refusedEdit',
  'task.report': 'task.refusedReport',
  'task.results': 'task.refusedReport',
  'task.answer': 'task.refusedAnswer',
};

export { isPublicTask };

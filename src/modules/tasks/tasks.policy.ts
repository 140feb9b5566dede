/**
 * Who may do what with a collaboration task. Pure: the service gathers the task, its organisations and
 * the actor's TF seat; pages ask the same rules to decide which forms to draw. What an actor may not
 * see answers 404, so `task.view` comes first everywhere.
 */
import { type Actor, isOperator, verifiedMembershipOf } from '../../shared/context.ts';
import type { TaskKind, TaskOrgRole, TaskOrgStatus, TaskStatus } from './tasks.tables.ts';

export interface TaskFacts {
  status: TaskStatus;
  kind: TaskKind | null;
  orgs: { org_id: number; role: TaskOrgRole; status: TaskOrgStatus }[];
  /** The actor's TF seat, if any. */
  seat: { role: 'member' | 'liaison'; org_id: number | null } | null;
}

export type TaskAction =
  | 'task.view'
  | 'task.edit'
  | 'task.answer'
  | 'task.select'
  | 'task.report'
  | 'task.results'
  | 'tf.view'
  | 'tf.work'
  | 'tf.manageLiaison'
  | 'staffing.decide';

/** Selected tasks (key or agency-managed) that are running or done are public; the rest belong to their organisations. */
export function isPublicTask(task: Pick<TaskFacts, 'status' | 'kind'>): boolean {
  return task.kind !== null && (task.status === 'registered' || task.status === 'completed');
}

/** The actor's organisations on the task, by their standing; only verified memberships speak for one. */
export function myTaskOrgs(actor: Actor, task: TaskFacts) {
  return task.orgs.filter((o) => verifiedMembershipOf(actor, o.org_id));
}

export function can(actor: Actor, action: TaskAction, task: TaskFacts): boolean {
  const operator = isOperator(actor);
  const mine = myTaskOrgs(actor, task);
  const leads = mine.some((o) => o.role === 'lead');
  const team = mine.some((o) => o.status === 'accepted');
  const running = task.status === 'registered' && task.kind !== null;
  const tfMember = task.kind === 'key' && task.seat !== null;
  // Who speaks for a selected task: a key task's seated members, an agency-managed task's organisations.
  const reporter = task.kind === 'key' ? tfMember && task.seat!.role === 'member' : team;
  switch (action) {
    case 'task.view':
      return isPublicTask(task) || operator || mine.length > 0 || task.seat !== null;
    case 'task.edit':
      // Before selection the lead shapes the task; after it, whoever reports keeps the plan current.
      if (task.kind === null) return leads && (task.status === 'draft' || task.status === 'registered');
      return can(actor, 'task.report', task);
    case 'task.answer':
      return mine.some((o) => o.role === 'partner' && o.status !== 'accepted') && (task.status === 'draft' || task.status === 'registered');
    case 'task.select':
      return operator && task.status === 'registered';
    case 'task.report':
      return running && reporter;
    case 'task.results':
      return isPublicTask(task) && reporter;
    case 'tf.view':
      return task.kind === 'key' && (tfMember || operator);
    case 'tf.work':
      return task.kind === 'key' && task.status === 'registered' && (tfMember || operator);
    case 'tf.manageLiaison':
    case 'staffing.decide':
      return operator && task.kind === 'key';
  }
}

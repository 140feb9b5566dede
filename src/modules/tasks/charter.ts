/**
 * The TF's charter (goals and plan): each version is kept as it stood, and every member organisation
 * records its agreement to a version. A change of indicators or milestones is a new version that
 * needs everyone's agreement again; the history stays readable.
 */
import { requireUser } from '../../shared/actors.ts';
import { audit } from '../../shared/audit.ts';
import type { Ctx, Db } from '../../shared/context.ts';
import { ValidationError } from '../../shared/errors.ts';
import { notify } from '../notifications/index.ts';
import { type LoadedTask, loadTask } from './task-access.ts';

/** JSON with every object's keys sorted: jsonb keeps its own key order, so stored and fresh plans compare by content. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v));
}

/** Gives a person a member's seat for their organisation (once; a second call changes nothing). */
export async function seatMember(ctx: Ctx, db: Db, taskId: number, userId: number, orgId: number): Promise<void> {
  await db
    .insertInto('tf_members')
    .values({ task_id: taskId, user_id: userId, org_id: orgId, role: 'member', added_by: ctx.actor.kind === 'user' ? ctx.actor.id : null, added_at: ctx.now() })
    .onConflict((oc) => oc.columns(['task_id', 'user_id']).doNothing())
    .execute();
}

/** Everyone with a TF seat, for notices. */
export function tfRecipients(db: Db, taskId: number, role?: 'member' | 'liaison') {
  return db
    .selectFrom('tf_members')
    .innerJoin('users', 'users.id', 'tf_members.user_id')
    .select(['users.id', 'users.email', 'users.locale'])
    .where('tf_members.task_id', '=', taskId)
    .where('users.deleted_at', 'is', null)
    .$if(role !== undefined, (q) => q.where('tf_members.role', '=', role!))
    .execute();
}

/** Writes the plan as it now stands as the next charter version, if it differs from the one in force, and asks the TF to agree to it. */
export async function recordCharterVersion(ctx: Ctx, db: Db, loaded: LoadedTask, reason: 'formed' | 'changed'): Promise<number> {
  const { task } = loaded;
  const [indicators, milestones] = await Promise.all([
    db.selectFrom('task_indicators').select(['name', 'unit', 'baseline', 'target', 'due_on']).where('task_id', '=', task.id).orderBy('position').execute(),
    db
      .selectFrom('task_milestones')
      .innerJoin('orgs', 'orgs.id', 'task_milestones.owner_org_id')
      .select(['task_milestones.title', 'task_milestones.due_on', 'orgs.name as owner'])
      .where('task_id', '=', task.id)
      .orderBy('position')
      .execute(),
  ]);
  const current = await db.selectFrom('tasks').select('charter_version').where('id', '=', task.id).executeTakeFirstOrThrow();
  if (current.charter_version > 0) {
    // A plan saved unchanged is no new charter: nobody's agreement is lost.
    const last = await db.selectFrom('task_charters').select(['indicators', 'milestones']).where('task_id', '=', task.id).where('version', '=', current.charter_version).executeTakeFirstOrThrow();
    if (canonical(last.indicators) === canonical(indicators) && canonical(last.milestones) === canonical(milestones)) return current.charter_version;
  }
  const version = current.charter_version + 1;
  await db
    .insertInto('task_charters')
    .values({ task_id: task.id, version, indicators: JSON.stringify(indicators), milestones: JSON.stringify(milestones), created_by: ctx.actor.kind === 'user' ? ctx.actor.id : null, created_at: ctx.now() })
    .execute();
  await db.updateTable('tasks').set({ charter_version: version }).where('id', '=', task.id).execute();
  await notify(db, ctx, await tfRecipients(db, task.id, 'member'), {
    kind: reason === 'formed' ? 'notice.charterToAgree' : 'notice.charterChanged',
    params: { title: task.title },
    link: `/tasks/${task.id}/tf`,
  });
  return version;
}

/** The member organisations that must agree: the lead and every partner that accepted. */
function charterParties(loaded: Pick<LoadedTask, 'orgs'>) {
  return loaded.orgs.filter((o) => o.status === 'accepted');
}

/** Where the current version stands: who agreed, who has yet to, and the versions before it. */
export async function charterState(db: Db, loaded: LoadedTask) {
  const { task } = loaded;
  const [versions, agreements] = await Promise.all([
    db.selectFrom('task_charters').select(['version', 'indicators', 'milestones', 'created_at']).where('task_id', '=', task.id).orderBy('version', 'desc').execute(),
    db
      .selectFrom('task_charter_agreements')
      .innerJoin('orgs', 'orgs.id', 'task_charter_agreements.org_id')
      .leftJoin('users', 'users.id', 'task_charter_agreements.agreed_by')
      .select(['task_charter_agreements.version', 'task_charter_agreements.org_id', 'task_charter_agreements.agreed_at', 'orgs.name as org_name', 'users.name as agreed_by_name'])
      .where('task_charter_agreements.task_id', '=', task.id)
      .orderBy('task_charter_agreements.agreed_at')
      .execute(),
  ]);
  const current = agreements.filter((a) => a.version === task.charter_version);
  const pending = charterParties(loaded).filter((o) => !current.some((a) => a.org_id === o.org_id));
  return { version: task.charter_version, agreed: current, pending, agreedByAll: task.charter_version > 0 && pending.length === 0, versions, agreements };
}

/**
 * A TF member records their organisation's agreement (the organisation of their seat) to the charter
 * version in force; a second agreement changes nothing. When the last organisation agrees, the TF is told.
 */
export async function agreeCharter(ctx: Ctx, taskId: number): Promise<void> {
  const actor = requireUser(ctx.actor);
  await ctx.db.transaction().execute(async (trx) => {
    const loaded = await loadTask(ctx, trx, taskId, 'tf.work');
    const seat = loaded.facts.seat;
    // The liaison sits for the ministry, which does not sign the charter; an operator without a seat neither.
    if (seat?.role !== 'member' || seat.org_id === null || !charterParties(loaded).some((o) => o.org_id === seat.org_id)) throw new ValidationError({ charter: 'task.agreeMembersOnly' });
    const orgId = seat.org_id;
    const inserted = await trx
      .insertInto('task_charter_agreements')
      .values({ task_id: taskId, version: loaded.task.charter_version, org_id: orgId, agreed_by: actor.id, agreed_at: ctx.now() })
      .onConflict((oc) => oc.columns(['task_id', 'version', 'org_id']).doNothing())
      .returning('org_id')
      .executeTakeFirst();
    if (!inserted) return;
    await audit(ctx, trx, 'task.charterAgree', { type: 'task', id: taskId }, { version: loaded.task.charter_version, org: orgId });
    if ((await charterState(trx, loaded)).agreedByAll) {
      await notify(trx, ctx, await tfRecipients(trx, taskId), { kind: 'notice.charterAgreed', params: { title: loaded.task.title }, link: `/tasks/${taskId}/tf` });
    }
  });
}

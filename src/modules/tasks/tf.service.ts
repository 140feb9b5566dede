/** The TF workspace of a key task: members, meetings with action items, the thread and documents. */
import { requireUser } from '../../shared/actors.ts';
import { audit } from '../../shared/audit.ts';
import { type Ctx, type Db, isOperator } from '../../shared/context.ts';
import { kstDate } from '../../shared/dates.ts';
import { NotFoundError, ValidationError } from '../../shared/errors.ts';
import { parseInput, parseRows } from '../../shared/forms.ts';
import type { MessageKey } from '../../shared/i18n/index.ts';
import { createOnce } from '../../shared/unique.ts';
import { attachmentsOf, readAttachment, storeAttachment } from '../demands/index.ts';
import { notify } from '../notifications/index.ts';
import { ticketsOfTask } from '../sos/index.ts';
import { charterState, tfRecipients } from './charter.ts';
import { loadTask } from './task-access.ts';
import { ActionRow, MAX_ACTIONS, MeetingInput, MemberInput, MessageInput } from './tasks.schemas.ts';

const TF_MESSAGES_SHOWN = 50;
/** Meetings shown: a monthly meeting for the longest task (five years) fits. */
const MEETINGS_SHOWN = 100;

/**
 * Everything the workspace shows; 404 to anyone but the TF's members and operators. The thread shows
 * its newest messages, or with `before` (a message id) the ones before it.
 */
export async function tfWorkspace(ctx: Ctx, taskId: number, before?: number) {
  const loaded = await loadTask(ctx, ctx.db, taskId, 'tf.view');
  const db = ctx.db;
  const [members, charter, meetings, actions, messages, documents, candidates, liaisonCandidates, sos] = await Promise.all([
    db
      .selectFrom('tf_members')
      .innerJoin('users', 'users.id', 'tf_members.user_id')
      .leftJoin('orgs', 'orgs.id', 'tf_members.org_id')
      .select(['tf_members.user_id', 'tf_members.role', 'tf_members.org_id', 'users.name', 'orgs.name as org_name'])
      .where('tf_members.task_id', '=', taskId)
      .orderBy('tf_members.role')
      .orderBy('orgs.name')
      .orderBy('users.name')
      .execute(),
    charterState(db, loaded),
    db.selectFrom('tf_meetings').selectAll().where('task_id', '=', taskId).orderBy('held_on', 'desc').orderBy('id', 'desc').limit(MEETINGS_SHOWN).execute(),
    db
      .selectFrom('tf_action_items')
      .innerJoin('orgs', 'orgs.id', 'tf_action_items.owner_org_id')
      .select(['tf_action_items.id', 'tf_action_items.meeting_id', 'tf_action_items.title', 'tf_action_items.due_on', 'tf_action_items.done_at', 'orgs.name as owner_name'])
      .where('tf_action_items.task_id', '=', taskId)
      .orderBy('tf_action_items.due_on')
      .execute(),
    db
      .selectFrom('tf_messages')
      .leftJoin('users', 'users.id', 'tf_messages.author_id')
      .leftJoin('orgs', 'orgs.id', 'tf_messages.org_id')
      .select(['tf_messages.id', 'tf_messages.body', 'tf_messages.created_at', 'users.name as author_name', 'orgs.name as org_name'])
      .where('tf_messages.task_id', '=', taskId)
      .$if(before !== undefined, (q) => q.where('tf_messages.id', '<', before!))
      .orderBy('tf_messages.id', 'desc')
      .limit(TF_MESSAGES_SHOWN + 1)
      .execute(),
    attachmentsOf(db, 'task', taskId),
    memberCandidates(ctx, db, taskId),
    isOperator(ctx.actor)
      ? db
          .selectFrom('users')
          .select(['id', 'name'])
          .where('role', '=', 'operator')
          .where('deleted_at', 'is', null)
          .where('id', 'not in', (eb) => eb.selectFrom('tf_members').select('user_id').where('task_id', '=', taskId))
          .orderBy('name')
          .execute()
      : Promise.resolve([]),
    ticketsOfTask(db, taskId),
  ]);
  const earlier = messages.length > TF_MESSAGES_SHOWN ? messages[TF_MESSAGES_SHOWN - 1]!.id : null;
  return { ...loaded, members, charter, meetings, actions, messages: messages.slice(0, TF_MESSAGES_SHOWN).reverse(), earlier, before: before ?? null, documents, candidates, liaisonCandidates, sos };
}

export type Workspace = Awaited<ReturnType<typeof tfWorkspace>>;

/** Colleagues a TF member may seat: active members of their own organisation not yet in the TF. */
async function memberCandidates(ctx: Ctx, db: Db, taskId: number) {
  if (ctx.actor.kind !== 'user') return [];
  const seat = await db.selectFrom('tf_members').select('org_id').where('task_id', '=', taskId).where('user_id', '=', ctx.actor.id).where('role', '=', 'member').executeTakeFirst();
  if (!seat?.org_id) return [];
  return db
    .selectFrom('org_members')
    .innerJoin('users', 'users.id', 'org_members.user_id')
    .select(['users.id', 'users.name'])
    .where('org_members.org_id', '=', seat.org_id)
    .where('org_members.status', '=', 'active')
    .where('users.deleted_at', 'is', null)
    .where('users.id', 'not in', (eb) => eb.selectFrom('tf_members').select('user_id').where('task_id', '=', taskId))
    .orderBy('users.name')
    .execute();
}

/**
 * Seats a person: a member seats a colleague of their own organisation; an operator seats another
 * operator as liaison. Anyone else's id is refused as an invalid choice.
 */
export async function addMember(ctx: Ctx, taskId: number, raw: unknown): Promise<void> {
  const input = parseInput(MemberInput, raw);
  const userId = Number(input.user);
  await ctx.db.transaction().execute(async (trx) => {
    const loaded = await loadTask(ctx, trx, taskId, 'tf.work');
    const seat = loaded.facts.seat;
    if (seat?.role === 'member' && (await memberCandidates(ctx, trx, taskId)).some((c) => c.id === userId)) {
      await trx.insertInto('tf_members').values({ task_id: taskId, user_id: userId, org_id: seat.org_id, role: 'member', added_by: ctx.actor.kind === 'user' ? ctx.actor.id : null, added_at: ctx.now() }).execute();
    } else if (isOperator(ctx.actor)) {
      // An operator seats another operator as liaison, or — to mend a TF an organisation has left empty —
      // an active member of an organisation that takes part.
      const [operator, member] = await Promise.all([
        trx.selectFrom('users').select('id').where('id', '=', userId).where('role', '=', 'operator').where('deleted_at', 'is', null).executeTakeFirst(),
        trx
          .selectFrom('org_members')
          .select('org_id')
          .where('user_id', '=', userId)
          .where('status', '=', 'active')
          .where(
            'org_id',
            'in',
            loaded.orgs.filter((o) => o.status === 'accepted').map((o) => o.org_id),
          )
          .executeTakeFirst(),
      ]);
      if (!operator && !member) throw new ValidationError({ user: 'field.choiceInvalid' });
      await trx
        .insertInto('tf_members')
        .values({ task_id: taskId, user_id: userId, org_id: operator ? null : member!.org_id, role: operator ? 'liaison' : 'member', added_by: ctx.actor.id, added_at: ctx.now() })
        .onConflict((oc) => oc.columns(['task_id', 'user_id']).doNothing())
        .execute();
    } else throw new ValidationError({ user: 'field.choiceInvalid' });
    await audit(ctx, trx, 'task.tfSeat', { type: 'task', id: taskId }, { user: userId });
  });
}

/** A member leaves (themselves) or is removed by a colleague of the same organisation or an operator; the last liaison stays. */
export async function removeMember(ctx: Ctx, taskId: number, userId: number): Promise<void> {
  const actor = requireUser(ctx.actor);
  await ctx.db.transaction().execute(async (trx) => {
    const loaded = await loadTask(ctx, trx, taskId, 'tf.work');
    const target = await trx.selectFrom('tf_members').select(['role', 'org_id']).where('task_id', '=', taskId).where('user_id', '=', userId).executeTakeFirst();
    const seat = loaded.facts.seat;
    const allowed = target && (userId === actor.id || isOperator(actor) || (seat?.role === 'member' && target.role === 'member' && seat.org_id === target.org_id));
    if (!allowed) throw new ValidationError({ user: 'field.choiceInvalid' });
    // The ministry keeps a liaison, and each organisation that takes part keeps a seat: an empty one could
    // never seat anyone again, report or agree the charter.
    const alike = await trx
      .selectFrom('tf_members')
      .select('user_id')
      .where('task_id', '=', taskId)
      .where('role', '=', target.role)
      .$if(target.org_id !== null, (q) => q.where('org_id', '=', target.org_id!))
      .execute();
    if (alike.length <= 1) throw new ValidationError({ user: target.role === 'liaison' ? 'task.lastLiaison' : 'task.lastOfOrg' });
    await trx.deleteFrom('tf_members').where('task_id', '=', taskId).where('user_id', '=', userId).execute();
    await audit(ctx, trx, 'task.tfUnseat', { type: 'task', id: taskId }, { user: userId });
  });
}

/**
 * Records a meeting with its agenda, decisions and action items (each owned by one of the task's
 * organisations, with a due day); the TF is told.
 */
export async function recordMeeting(ctx: Ctx, taskId: number, raw: unknown): Promise<number> {
  const body = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  return ctx.db.transaction().execute(async (trx) => {
    const { task, orgs } = await loadTask(ctx, trx, taskId, 'tf.work');
    const errors: Record<string, MessageKey> = {};
    let input: ReturnType<typeof parseInput<typeof MeetingInput>> | undefined;
    try {
      input = parseInput(MeetingInput, body);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      Object.assign(errors, error.fields);
    }
    const actions = parseRows(body, 'action', ActionRow, MAX_ACTIONS, errors);
    const owners = new Set(orgs.filter((o) => o.status === 'accepted').map((o) => o.org_id));
    for (const action of actions) {
      if (!owners.has(Number(action.owner))) errors[`action.${action.row}.owner`] = 'field.choiceInvalid';
      if (input && action.due < input.heldOn) errors[`action.${action.row}.due`] = 'task.actionBeforeMeeting';
    }
    // A record of a meeting held, not of one planned.
    if (input && input.heldOn > kstDate(ctx.now())) errors.heldOn = 'tf.meetingFuture';
    if (Object.keys(errors).length || !input) throw new ValidationError(errors);
    return createOnce(ctx, trx, async () => {
      const { id } = await trx
        .insertInto('tf_meetings')
        .values({ task_id: taskId, held_on: input.heldOn, title: input.title, agenda: input.agenda, decisions: input.decisions ?? '', recorded_by: ctx.actor.kind === 'user' ? ctx.actor.id : null, created_at: ctx.now() })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (actions.length) {
        await trx
          .insertInto('tf_action_items')
          .values(actions.map((a) => ({ meeting_id: id, task_id: taskId, title: a.title, owner_org_id: Number(a.owner), due_on: a.due, done_at: null })))
          .execute();
      }
      await notify(trx, ctx, await tfRecipients(trx, taskId), { kind: 'notice.tfMeeting', params: { title: task.title, meeting: input.title }, link: `/tasks/${taskId}/tf#meeting-${id}` });
      return id;
    });
  });
}

/** Marks an action item of this task done (again: nothing changes); another task's item is not found. */
export async function completeAction(ctx: Ctx, taskId: number, actionId: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await loadTask(ctx, trx, taskId, 'tf.work');
    const item = await trx.selectFrom('tf_action_items').select('done_at').where('id', '=', actionId).where('task_id', '=', taskId).executeTakeFirst();
    if (!item) throw new NotFoundError();
    if (!item.done_at) await trx.updateTable('tf_action_items').set({ done_at: ctx.now() }).where('id', '=', actionId).execute();
  });
}

/** A message in the TF's thread, signed with the author's seat (organisation, or the ministry). */
export async function postMessage(ctx: Ctx, taskId: number, raw: unknown): Promise<number> {
  const actor = requireUser(ctx.actor);
  const input = parseInput(MessageInput, raw);
  return ctx.db.transaction().execute(async (trx) => {
    const { task, facts } = await loadTask(ctx, trx, taskId, 'tf.work');
    return createOnce(ctx, trx, async () => {
      const { id } = await trx
        .insertInto('tf_messages')
        .values({ task_id: taskId, org_id: facts.seat?.org_id ?? null, author_id: actor.id, body: input.body, created_at: ctx.now() })
        .returning('id')
        .executeTakeFirstOrThrow();
      await notify(trx, ctx, await tfRecipients(trx, taskId), { kind: 'notice.tfMessage', params: { title: task.title }, link: `/tasks/${taskId}/tf#message-${id}` });
      return id;
    });
  });
}

export async function addDocument(ctx: Ctx, taskId: number, file: unknown): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await loadTask(ctx, trx, taskId, 'tf.work');
    await storeAttachment(ctx, trx, 'task', taskId, file, 'file');
    await audit(ctx, trx, 'task.document', { type: 'task', id: taskId });
  });
}

export async function downloadDocument(ctx: Ctx, taskId: number, fileId: number) {
  await loadTask(ctx, ctx.db, taskId, 'tf.view');
  return readAttachment(ctx, 'task', taskId, fileId);
}

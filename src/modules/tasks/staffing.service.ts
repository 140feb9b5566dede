/** 협업정원: a TF asks for positions, tied to the task's goals; an operator decides with reasons. */
import { requireOperator, requireUser } from '../../shared/actors.ts';
import { audit } from '../../shared/audit.ts';
import type { Ctx, Db } from '../../shared/context.ts';
import { ValidationError } from '../../shared/errors.ts';
import { parseInput } from '../../shared/forms.ts';
import type { MessageKey } from '../../shared/i18n/index.ts';
import { createOnce } from '../../shared/unique.ts';
import { notify } from '../notifications/index.ts';
import { tfRecipients } from './charter.ts';
import { loadTask } from './task-access.ts';
import { StaffingDecisionInput, StaffingInput } from './tasks.schemas.ts';
import { operatorRecipients } from '../accounts/index.ts';

/** The task's staffing requests, newest first, with the goals each is tied to. */
export async function staffingOf(db: Db, taskId: number) {
  const requests = await db
    .selectFrom('task_staffing_requests as s')
    .innerJoin('orgs', 'orgs.id', 's.from_org_id')
    .select(['s.id', 's.positions', 's.role', 's.months', 's.justification', 's.status', 's.granted_positions', 's.decision_reason', 's.created_at', 's.decided_at', 'orgs.name as from_org_name'])
    .where('s.task_id', '=', taskId)
    .orderBy('s.id', 'desc')
    .execute();
  const goals = requests.length
    ? await db
        .selectFrom('task_staffing_indicators as g')
        .innerJoin('task_indicators as i', 'i.id', 'g.indicator_id')
        .select(['g.request_id', 'i.name'])
        .where(
          'g.request_id',
          'in',
          requests.map((r) => r.id),
        )
        .execute()
    : [];
  return requests.map((r) => ({ ...r, goals: goals.filter((g) => g.request_id === r.id).map((g) => g.name) }));
}

export type StaffingRequest = Awaited<ReturnType<typeof staffingOf>>[number];

/**
 * A TF member asks for positions: how many, which role or grade, from which of the task's
 * organisations, for how many months, and why, naming the goals (indicators) they serve. The
 * operators are told.
 */
export async function requestStaffing(ctx: Ctx, taskId: number, raw: unknown): Promise<number> {
  const actor = requireUser(ctx.actor);
  const input = parseInput(StaffingInput, raw);
  return ctx.db.transaction().execute(async (trx) => {
    const { task, orgs, facts } = await loadTask(ctx, trx, taskId, 'tf.work');
    const errors: Record<string, MessageKey> = {};
    if (facts.seat?.role !== 'member') errors.positions = 'task.staffingMembersOnly';
    if (!orgs.some((o) => o.status === 'accepted' && o.org_id === Number(input.fromOrg))) errors.fromOrg = 'field.choiceInvalid';
    const ids = [...new Set(input.indicators.map(Number))];
    const found = await trx.selectFrom('task_indicators').select('id').where('task_id', '=', taskId).where('id', 'in', ids).execute();
    if (found.length !== ids.length) errors.indicators = 'field.choiceInvalid';
    if (Object.keys(errors).length) throw new ValidationError(errors);
    return createOnce(ctx, trx, async () => {
      const { id } = await trx
        .insertInto('task_staffing_requests')
        .values({
          task_id: taskId,
          positions: Number(input.positions),
          role: input.role,
          from_org_id: Number(input.fromOrg),
          months: Number(input.months),
          justification: input.justification,
          granted_positions: null,
          decision_reason: null,
          requested_by: actor.id,
          created_at: ctx.now(),
          decided_by: null,
          decided_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('task_staffing_indicators').values(ids.map((indicator_id) => ({ request_id: id, indicator_id }))).execute();
      const operators = await operatorRecipients(trx);
      await notify(trx, ctx, operators, { kind: 'notice.staffingRequested', params: { title: task.title }, link: `/tasks/${taskId}/staffing` });
      await audit(ctx, trx, 'task.staffingRequest', { type: 'task', id: taskId }, { request: id, positions: Number(input.positions) });
      return id;
    });
  });
}

/**
 * An operator decides a pending request: approved (all positions), partly (fewer, at least one) or
 * declined, always with reasons; the TF is told. A decision is final (a second one is refused).
 */
export async function decideStaffing(ctx: Ctx, taskId: number, requestId: number, raw: unknown): Promise<void> {
  const operator = requireOperator(ctx);
  const input = parseInput(StaffingDecisionInput, raw);
  await ctx.db.transaction().execute(async (trx) => {
    const { task } = await loadTask(ctx, trx, taskId, 'staffing.decide');
    const request = await trx.selectFrom('task_staffing_requests').selectAll().where('id', '=', requestId).where('task_id', '=', taskId).forUpdate().executeTakeFirst();
    if (!request) throw new ValidationError({ decision: 'field.choiceInvalid' });
    if (request.status !== 'pending') throw new ValidationError({ decision: 'task.staffingDecided' });
    const granted = input.decision === 'approved' ? request.positions : input.decision === 'declined' ? 0 : Number(input.granted ?? 'x');
    if (input.decision === 'partly' && !(granted >= 1 && granted < request.positions)) throw new ValidationError({ granted: 'task.grantedRange' });
    await trx
      .updateTable('task_staffing_requests')
      .set({ status: input.decision, granted_positions: granted, decision_reason: input.reason, decided_by: operator.id, decided_at: ctx.now() })
      .where('id', '=', requestId)
      .execute();
    await notify(trx, ctx, await tfRecipients(trx, taskId, 'member'), { kind: 'notice.staffingDecided', params: { title: task.title }, link: `/tasks/${taskId}/staffing` });
    await audit(ctx, trx, 'task.staffingDecide', { type: 'task', id: taskId }, { request: requestId, decision: input.decision, granted, reason: input.reason });
  });
}

/** The staffing page: the TF's requests and the form; operators decide here. */
export async function staffingPage(ctx: Ctx, taskId: number) {
  const loaded = await loadTask(ctx, ctx.db, taskId, 'tf.view');
  const [requests, indicators] = await Promise.all([
    staffingOf(ctx.db, taskId),
    ctx.db.selectFrom('task_indicators').select(['id', 'name']).where('task_id', '=', taskId).orderBy('position').execute(),
  ]);
  return { ...loaded, requests, indicators };
}

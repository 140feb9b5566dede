/**
 * The responsible body's official answer: 수용, 일부 수용 (adopted, with a plan and milestones), 불수용
 * (not adopted, with reasons), or 추가 검토 — an extension of the due time with its public reason.
 * Everyone concerned (authors, followers, supporters) hears of the answer through the job queue, in
 * batches, each person once even if the worker stops half-way.
 */
import { queryTemplate } from '../../db/query-template.ts';
import { enqueue } from '../../jobs/queue.ts';
import { publishEvent } from '../webhooks/index.ts';
import { audit } from '../../shared/audit.ts';
import { businessCalendar } from '../../shared/business-calendar.ts';
import { addBusinessDays, onOrNextWorkingDay } from '../../shared/business-time.ts';
import { ANONYMOUS, type Ctx, type Db, verifiedMembershipOf } from '../../shared/context.ts';
import { kstDate, kstMidnight } from '../../shared/dates.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors.ts';
import { parseInput, parseRows } from '../../shared/forms.ts';
import type { MessageKey } from '../../shared/i18n/index.ts';
import { AnswerInput, MAX_MILESTONES, MilestoneRow, ResultInput } from './forum.schemas.ts';
import type { Decision } from './forum.tables.ts';
import { authorRecipients, loadProposal } from './proposals.service.ts';
import { forumSettings } from './settings.service.ts';
import { followerRecipients } from './supports.service.ts';
import { notifyNews } from './news.service.ts';

export const FORUM_ANSWERED_JOB = 'forum.answered';

const STATUS_AFTER: Record<Exclude<Decision, 'further'>, 'adopted' | 'not_adopted'> = { accept: 'adopted', partial: 'adopted', reject: 'not_adopted' };

/**
 * A verified member of the responsible organisation answers a proposal in review. An adopting answer
 * needs its plan; milestones (title, due day) are optional rows `milestone.N.*`. 추가 검토 needs a new
 * due day after the current one and no further than `answer_days` working days past it; the due
 * time becomes the end of that working day. Returns the answer's id.
 */
export async function answerProposal(ctx: Ctx, proposalId: number, raw: unknown): Promise<number> {
  const input = parseInput(AnswerInput, raw);
  const errors: Record<string, MessageKey> = {};
  const milestones = parseRows((raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>, 'milestone', MilestoneRow, MAX_MILESTONES, errors);
  const adopting = input.decision === 'accept' || input.decision === 'partial';
  if (adopting && !input.plan) errors.plan = 'forum.planRequired';
  if (!adopting && milestones.length) errors['milestone.0.title'] = 'forum.milestonesOnlyAdopted';
  if (input.decision === 'further' && !input.dueOn) errors.dueOn = 'forum.newDueRequired';
  return ctx.db.transaction().execute(async (trx) => {
    const { proposal } = await loadProposal(ctx, trx, proposalId, 'proposal.answer');
    const calendar = await businessCalendar(trx);
    const now = ctx.now();
    const currentDue = proposal.answer_due_at!;
    let newDue: Date | null = null;
    // One extension: a second would let an answer slip without end, each published as on time.
    if (input.decision === 'further' && (await trx.selectFrom('forum_answers').select('id').where('proposal_id', '=', proposalId).where('decision', '=', 'further').executeTakeFirst())) {
      errors.decision = 'forum.extendedOnce';
    }
    const today = kstDate(now);
    for (const m of milestones) if (m.due < today) errors[`milestone.${m.row}.due`] = 'forum.milestonePast';
    if (input.decision === 'further' && input.dueOn && !errors.decision) {
      const latest = kstDate(addBusinessDays(currentDue, (await forumSettings(trx)).answer_days, calendar));
      if (input.dueOn <= kstDate(currentDue) || input.dueOn <= kstDate(now)) errors.dueOn = 'forum.newDueTooEarly';
      else if (input.dueOn > latest) errors.dueOn = 'forum.newDueTooLate';
      else newDue = new Date(kstMidnight(onOrNextWorkingDay(input.dueOn, calendar)).getTime() + calendar.hours.end * 60_000);
    }
    if (Object.keys(errors).length) throw new ValidationError(errors);
    const { id } = await trx
      .insertInto('forum_answers')
      .values({
        proposal_id: proposalId,
        org_id: proposal.org_id,
        author_id: ctx.actor.kind === 'user' ? ctx.actor.id : null,
        decision: input.decision,
        reasons: input.reasons,
        plan: adopting ? (input.plan ?? '') : '',
        previous_due_at: newDue ? currentDue : null,
        new_due_at: newDue,
        on_time: now <= currentDue,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (milestones.length) await trx.insertInto('forum_milestones').values(milestones.map((m) => ({ answer_id: id, title: m.title, due_on: m.due, done_on: null }))).execute();
    if (input.decision === 'further') {
      await trx.updateTable('forum_proposals').set({ answer_due_at: newDue, overdue_noticed_at: null, updated_at: now }).where('id', '=', proposalId).execute();
    } else {
      const status = STATUS_AFTER[input.decision];
      await trx
        .updateTable('forum_proposals')
        .set({ status, answered_at: now, ...(status === 'not_adopted' ? { closed_at: now } : {}), updated_at: now })
        .where('id', '=', proposalId)
        .execute();
    }
    await enqueue(trx, now, FORUM_ANSWERED_JOB, { answerId: id });
    await publishEvent(trx, now, {
      event: 'proposal.answered',
      id: `proposal.answered:${id}`,
      orgIds: await followingOrgs(trx, proposalId),
      data: {
        proposal: { id: proposalId, title: proposal.title, url: `${ctx.baseUrl}/forum/${proposalId}` },
        answer: { id, decision: input.decision, dueAt: newDue?.toISOString() ?? null },
      },
    });
    await audit(ctx, trx, 'forum.answer', { type: 'proposal', id: proposalId }, { decision: input.decision, onTime: now <= currentDue, newDueAt: newDue?.toISOString() ?? null });
    return id;
  });
}

/** Organisations one of whose active members follows the proposal: those whose webhooks hear of its answers. */
async function followingOrgs(db: Db, proposalId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('forum_follows')
    .innerJoin('org_members', 'org_members.user_id', 'forum_follows.user_id')
    .select('org_members.org_id')
    .distinct()
    .where('forum_follows.proposal_id', '=', proposalId)
    .where('org_members.status', '=', 'active')
    .execute();
  return rows.map((row) => row.org_id);
}

/** People told of an answer in one transaction; the rest in the next, from where this one stopped. */
const NOTICE_BATCH = 500;

/**
 * The notice of an answer to its authors, followers and supporters, a batch at a time in user id
 * order; each batch commits with its progress (`notified_through`), so a crash or a retry tells no one
 * twice. Returns how many were told.
 */
export async function sendAnswerNotices(db: Db, now: () => Date, baseUrl: string, answerId: number): Promise<number> {
  let told = 0;
  for (;;) {
    const batch = await db.transaction().execute(async (trx) => {
      const answer = await trx.selectFrom('forum_answers').select(['proposal_id', 'decision', 'notified_through']).where('id', '=', answerId).forUpdate().executeTakeFirst();
      if (!answer) return 0;
      const proposal = await trx.selectFrom('forum_proposals').select(['id', 'title', 'author_id']).where('id', '=', answer.proposal_id).executeTakeFirstOrThrow();
      const concerned = trx
        .selectFrom('users')
        .select(['id', 'email', 'locale'])
        .where('deleted_at', 'is', null)
        .where('id', '>', answer.notified_through)
        .where((eb) =>
          eb.or([
            eb('id', '=', proposal.author_id ?? 0),
            eb('id', 'in', eb.selectFrom('forum_coauthors').select('user_id').where('proposal_id', '=', proposal.id).where('accepted_at', 'is not', null)),
            eb('id', 'in', eb.selectFrom('forum_follows').select('user_id').where('proposal_id', '=', proposal.id)),
            eb('id', 'in', eb.selectFrom('forum_supports').select('user_id').where('proposal_id', '=', proposal.id)),
          ]),
        )
        .orderBy('id')
        .limit(NOTICE_BATCH);
      const recipients = await concerned.execute();
      if (!recipients.length) return 0;
      await notifyNews(trx, { actor: ANONYMOUS, now, baseUrl }, recipients, { kind: `notice.forumAnswer.${answer.decision}`, params: { title: proposal.title }, link: `/forum/${proposal.id}` });
      await trx.updateTable('forum_answers').set({ notified_through: recipients.at(-1)!.id }).where('id', '=', answerId).execute();
      return recipients.length;
    });
    told += batch;
    if (batch < NOTICE_BATCH) return told;
  }
}

/** An adopted proposal's milestone done (or not), by the responsible body. */
export async function setMilestoneDone(ctx: Ctx, proposalId: number, milestoneId: number, done: boolean): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await loadProposal(ctx, trx, proposalId, 'proposal.complete');
    const updated = await trx
      .updateTable('forum_milestones')
      .set({ done_on: done ? kstDate(ctx.now()) : null })
      .where('id', '=', milestoneId)
      .where('answer_id', 'in', (eb) => eb.selectFrom('forum_answers').select('id').where('proposal_id', '=', proposalId))
      .executeTakeFirst();
    if (!updated.numUpdatedRows) throw new NotFoundError();
  });
}

/** The responsible body reports the adopted proposal carried out (완료), with what came of it. */
export async function completeProposal(ctx: Ctx, proposalId: number, raw: unknown): Promise<void> {
  const input = parseInput(ResultInput, raw);
  await ctx.db.transaction().execute(async (trx) => {
    const { proposal } = await loadProposal(ctx, trx, proposalId, 'proposal.complete');
    if (proposal.status !== 'adopted') throw new ForbiddenError('forum.refusedAnswer');
    const open = await trx
      .selectFrom('forum_milestones')
      .select('id')
      .where('done_on', 'is', null)
      .where('answer_id', 'in', (eb) => eb.selectFrom('forum_answers').select('id').where('proposal_id', '=', proposalId))
      .executeTakeFirst();
    if (open) throw new ValidationError({ result: 'forum.milestonesOpen' });
    await trx.updateTable('forum_proposals').set({ status: 'completed', result: input.result, completed_at: ctx.now(), closed_at: ctx.now(), updated_at: ctx.now() }).where('id', '=', proposalId).execute();
    await notifyNews(trx, ctx, [...(await authorRecipients(trx, proposal)), ...(await followerRecipients(trx, proposalId))], { kind: 'notice.forumCompleted', params: { title: proposal.title }, link: `/forum/${proposalId}` });
    await audit(ctx, trx, 'forum.complete', { type: 'proposal', id: proposalId });
  });
}

/**
 * An adopted proposal as the start of a collaboration task (the loop from idea to outcome): its words
 * and its responsible body, for a verified member of that body; 404 for anyone else or any other stage.
 */
export async function adoptedProposal(ctx: Ctx, id: number) {
  const { proposal } = await loadProposal(ctx, ctx.db, id);
  if (proposal.status !== 'adopted' || !verifiedMembershipOf(ctx.actor, proposal.org_id)) throw new NotFoundError();
  return { id: proposal.id, title: proposal.title, problem: proposal.problem, proposal: proposal.proposal, effect: proposal.effect, orgId: proposal.org_id, regionCode: proposal.region_code };
}

const answersQuery = queryTemplate((db, proposalId: number) =>
  db
    .selectFrom('forum_answers')
    .innerJoin('orgs', 'orgs.id', 'forum_answers.org_id')
    .select(['forum_answers.id', 'forum_answers.decision', 'forum_answers.reasons', 'forum_answers.plan', 'forum_answers.previous_due_at', 'forum_answers.new_due_at', 'forum_answers.on_time', 'forum_answers.created_at', 'orgs.name as org'])
    .where('forum_answers.proposal_id', '=', proposalId)
    .orderBy('forum_answers.id'),
);

/** The answers given so far, oldest first, each with its milestones (those read only when there is an answer). */
export async function answersOf(db: Db, proposalId: number) {
  const answers = await answersQuery(db, proposalId);
  const milestones = answers.length
    ? await db
        .selectFrom('forum_milestones')
        .select(['id', 'answer_id', 'title', 'due_on', 'done_on'])
        .where(
          'answer_id',
          'in',
          answers.map((a) => a.id),
        )
        .orderBy('due_on')
        .orderBy('id')
        .execute()
    : [];
  return answers.map((a) => ({ ...a, milestones: milestones.filter((m) => m.answer_id === a.id) }));
}

/**
 * 공감: one support per person and proposal, withdrawable while the window is open; reaching the
 * threshold sends the proposal to review with the answer's due time. Merging a duplicate unites the
 * supports (each person once) on the proposal received first (국민제안 규정: of identical proposals
 * the first received counts).
 */
import { countRows } from '../../db/count.ts';
import { sql } from 'kysely';
import { requireOperator, requireUser } from '../../shared/actors.ts';
import { audit } from '../../shared/audit.ts';
import { businessCalendar } from '../../shared/business-calendar.ts';
import type { Ctx, Db } from '../../shared/context.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors.ts';
import { parseInput } from '../../shared/forms.ts';
import { takeOrRefuse } from '../../shared/rate-limit.ts';
import { notify } from '../notifications/index.ts';
import { orgMemberRecipients } from '../orgs/index.ts';
import { MergeInput } from './forum.schemas.ts';
import { authorRecipients, type LoadedProposal, loadProposal, requirePoster } from './proposals.service.ts';
import { forumSettings } from './settings.service.ts';
import { answerDue, stageAt, supportOpen } from './stages.ts';
import { notifyNews } from './news.service.ts';

/** Counts the proposal's supports again (the count is kept on the row for lists and sorting). */
async function recount(db: Db, id: number): Promise<number> {
  const n = await countRows(db.selectFrom('forum_supports').where('proposal_id', '=', id));
  await db.updateTable('forum_proposals').set({ support_count: n }).where('id', '=', id).execute();
  return n;
}

/**
 * When the supports needed have come within the window, the proposal goes to review (검토): the
 * answer is due `answer_days` after, in Korean legal days; the authors, the followers and the
 * responsible body are told.
 */
async function reachIfDue(ctx: Pick<Ctx, 'actor' | 'now' | 'baseUrl' | 'ip'>, trx: Db, proposal: LoadedProposal['proposal'], count: number): Promise<void> {
  if (proposal.reached_at || proposal.support_needed === null || count < proposal.support_needed) return;
  if (stageAt(proposal, ctx.now()) !== 'support') return;
  const due = answerDue(ctx.now(), await forumSettings(trx), await businessCalendar(trx));
  await trx.updateTable('forum_proposals').set({ status: 'review', reached_at: ctx.now(), answer_due_at: due, ...(proposal.summary ? { summary_sent_at: ctx.now() } : {}), updated_at: ctx.now() }).where('id', '=', proposal.id).execute();
  const params = { title: proposal.title };
  await notifyNews(trx, ctx, [...(await authorRecipients(trx, proposal)), ...(await followerRecipients(trx, proposal.id))], { kind: 'notice.forumReached', params, link: `/forum/${proposal.id}` });
  await notify(trx, ctx, await orgMemberRecipients(trx, [proposal.org_id]), { kind: 'notice.forumToAnswer', params, link: `/forum/${proposal.id}` });
  await audit(ctx, trx, 'forum.reached', { type: 'proposal', id: proposal.id }, { supports: count, answerDueAt: due.toISOString() });
}

/**
 * Proposals whose supports came before their support window opened (merged in from a duplicate during
 * the discussion) reach review once it opens: the sweep's part, at `now`. Returns how many.
 */
export async function reachWaiting(db: Db, ctx: Pick<Ctx, 'actor' | 'now' | 'baseUrl' | 'ip'>): Promise<number> {
  const waiting = await db
    .selectFrom('forum_proposals')
    .select('id')
    .where('status', '=', 'support')
    .where('reached_at', 'is', null)
    .where(sql<boolean>`support_count >= support_needed`)
    .execute();
  for (const { id } of waiting) {
    await db.transaction().execute(async (trx) => {
      const proposal = await trx.selectFrom('forum_proposals').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
      await reachIfDue(ctx, trx, proposal, proposal.support_count);
    });
  }
  return waiting.length;
}

export function followerRecipients(db: Db, id: number) {
  return db
    .selectFrom('forum_follows')
    .innerJoin('users', 'users.id', 'forum_follows.user_id')
    .select(['users.id', 'users.email', 'users.locale'])
    .where('forum_follows.proposal_id', '=', id)
    .where('users.deleted_at', 'is', null)
    .execute();
}

/** Supporting a great many proposals in an hour is a script's doing, not a person's. */
const SUPPORTS_PER_HOUR = 60;

/** The actor supports the proposal (once; supporting again changes nothing). Needs a confirmed e-mail. */
export async function support(ctx: Ctx, id: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const actor = await requirePoster(ctx, trx);
    const { proposal } = await loadProposal(ctx, trx, id);
    if (!supportOpen(proposal, ctx.now())) throw new ForbiddenError('forum.supportClosed');
    const added = await trx.insertInto('forum_supports').values({ proposal_id: id, user_id: actor.id, created_at: ctx.now() }).onConflict((oc) => oc.doNothing()).returning('user_id').executeTakeFirst();
    if (!added) return;
    await takeOrRefuse(trx, { bucket: `forum.support:${actor.id}`, limit: SUPPORTS_PER_HOUR, windowSeconds: 3600 }, ctx.now());
    await reachIfDue(ctx, trx, proposal, await recount(trx, id));
  });
}

/** The actor takes their support back while the window is open; a threshold already reached stays reached. */
export async function withdrawSupport(ctx: Ctx, id: number): Promise<void> {
  const actor = requireUser(ctx.actor);
  await ctx.db.transaction().execute(async (trx) => {
    const { proposal } = await loadProposal(ctx, trx, id);
    if (!supportOpen(proposal, ctx.now())) throw new ForbiddenError('forum.supportClosed');
    const removed = await trx.deleteFrom('forum_supports').where('proposal_id', '=', id).where('user_id', '=', actor.id).executeTakeFirst();
    if (removed.numDeletedRows) await recount(trx, id);
  });
}

/** Follow a public proposal (its stage changes and answer reach the follower), or stop. */
export async function setFollow(ctx: Ctx, id: number, follow: boolean): Promise<void> {
  const actor = requireUser(ctx.actor);
  await ctx.db.transaction().execute(async (trx) => {
    await loadProposal(ctx, trx, id);
    if (follow) await trx.insertInto('forum_follows').values({ proposal_id: id, user_id: actor.id }).onConflict((oc) => oc.doNothing()).execute();
    else await trx.deleteFrom('forum_follows').where('proposal_id', '=', id).where('user_id', '=', actor.id).execute();
  });
}

/**
 * An operator merges a duplicate into the proposal received first: the duplicate's supports and
 * followers move over (each person counted once), it points to the first and takes no more; the
 * first may reach its threshold by it. Both must be public and unanswered.
 */
export async function mergeProposal(ctx: Ctx, id: number, raw: unknown): Promise<void> {
  requireOperator(ctx);
  const input = parseInput(MergeInput, raw);
  const intoId = Number(input.into);
  if (intoId === id) throw new ValidationError({ into: 'forum.mergeSelf' });
  await ctx.db.transaction().execute(async (trx) => {
    // Lock in id order, so two merges of the same pair cannot wait on each other crosswise.
    const [first, second] = id < intoId ? [id, intoId] : [intoId, id];
    const loaded = new Map<number, LoadedProposal>();
    for (const pid of [first, second]) {
      try {
        loaded.set(pid, await loadProposal(ctx, trx, pid, 'proposal.moderate'));
      } catch (error) {
        if (pid === intoId && error instanceof NotFoundError) throw new ValidationError({ into: 'forum.mergeUnknown' });
        throw error;
      }
    }
    const duplicate = loaded.get(id)!;
    const target = loaded.get(intoId)!;
    // The duplicate's page has no merge form left once it is merged: say so instead of a form error.
    if (duplicate.stage === 'merged') throw new ForbiddenError('forum.mergedAlready');
    if (!['discussion', 'support', 'review', 'expired'].includes(duplicate.stage) || duplicate.proposal.answered_at) throw new ValidationError({ into: 'forum.mergeDuplicateState' });
    // The first proposal must still gather supports and be answered: public, not hidden, not expired.
    if (!['discussion', 'support', 'review'].includes(target.stage) || target.proposal.answered_at || target.proposal.hidden_at) throw new ValidationError({ into: 'forum.mergeTargetState' });
    if ((target.proposal.submitted_at ?? target.proposal.created_at) > (duplicate.proposal.submitted_at ?? duplicate.proposal.created_at)) throw new ValidationError({ into: 'forum.mergeLater' });
    await sql`INSERT INTO forum_supports (proposal_id, user_id, created_at)
              SELECT ${intoId}, user_id, created_at FROM forum_supports WHERE proposal_id = ${id}
              ON CONFLICT DO NOTHING`.execute(trx);
    await sql`INSERT INTO forum_follows (proposal_id, user_id)
              SELECT ${intoId}, user_id FROM forum_follows WHERE proposal_id = ${id}
              ON CONFLICT DO NOTHING`.execute(trx);
    await trx.updateTable('forum_proposals').set({ status: 'merged', merged_into_id: intoId, closed_at: ctx.now(), updated_at: ctx.now() }).where('id', '=', id).execute();
    await reachIfDue(ctx, trx, target.proposal, await recount(trx, intoId));
    await notify(trx, ctx, await authorRecipients(trx, duplicate.proposal), { kind: 'notice.forumMerged', params: { title: duplicate.proposal.title, into: target.proposal.title }, link: `/forum/${intoId}` });
    await audit(ctx, trx, 'forum.merge', { type: 'proposal', id }, { into: intoId });
  });
}

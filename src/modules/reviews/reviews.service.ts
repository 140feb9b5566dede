import { countRows } from '../../db/count.ts';
import { audit } from '../../shared/audit.ts';
import type { Ctx, Db } from '../../shared/context.ts';
import { NotFoundError, ValidationError } from '../../shared/errors.ts';
import { createOnce } from '../../shared/unique.ts';
import { parseInput } from '../../shared/forms.ts';
import type { MessageKey } from '../../shared/i18n/index.ts';
import { requireOperator, requireUser } from '../../shared/actors.ts';
import { containsPattern } from '../../shared/text.ts';
import { type DemandSummary, publishedDemands, summariesOf } from '../demands/index.ts';
import { notify } from '../notifications/index.ts';
import { reviewableTasks, type TaskSummary, taskSummariesOf } from '../tasks/index.ts';
import { rankItems, type Sheet } from './ranking.ts';
import { CommentInput, ConflictInput, CriterionInput, FeaturedInput, ItemsInput, ReviewerInput, RoundInput } from './reviews.schemas.ts';

/** The round; inside a transaction its row is locked, so opening, closing and setup changes take turns. */
async function roundOf(db: Db, id: number) {
  const round = await db
    .selectFrom('review_rounds')
    .selectAll()
    .where('id', '=', id)
    .$if(db.isTransaction, (q) => q.forUpdate())
    .executeTakeFirst();
  if (!round) throw new NotFoundError();
  return round;
}

/** The round, if its setup may still change: criteria, items and reviewers are fixed once scoring starts. */
async function draftRound(db: Db, id: number) {
  const round = await roundOf(db, id);
  if (round.status !== 'draft') throw new ValidationError({ round: 'review.notDraft' });
  return round;
}

export async function listRounds(ctx: Ctx) {
  requireOperator(ctx);
  return ctx.db.selectFrom('review_rounds').selectAll().orderBy('id', 'desc').execute();
}

export async function createRound(ctx: Ctx, raw: unknown): Promise<number> {
  const operator = requireOperator(ctx);
  const input = parseInput(RoundInput, raw);
  return ctx.db.transaction().execute((trx) =>
    createOnce(ctx, trx, async () => {
      const { id } = await trx
        .insertInto('review_rounds')
        .values({ title: input.title, description: input.description ?? '', created_by: operator.id, created_at: ctx.now(), opened_at: null, closed_at: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit(ctx, trx, 'review.create', { type: 'review_round', id });
      return id;
    }),
  );
}

export async function addCriterion(ctx: Ctx, roundId: number, raw: unknown): Promise<void> {
  requireOperator(ctx);
  const input = parseInput(CriterionInput, raw);
  await ctx.db.transaction().execute(async (trx) => {
    await draftRound(trx, roundId);
    const taken = await trx.selectFrom('review_criteria').select('id').where('round_id', '=', roundId).where('name', '=', input.name).executeTakeFirst();
    if (taken) throw new ValidationError({ name: 'review.criterionTaken' });
    await trx.insertInto('review_criteria').values({ round_id: roundId, name: input.name, weight: Number(input.weight) }).execute();
  });
}

export async function removeCriterion(ctx: Ctx, roundId: number, criterionId: number): Promise<void> {
  requireOperator(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    await draftRound(trx, roundId);
    await trx.deleteFrom('review_criteria').where('id', '=', criterionId).where('round_id', '=', roundId).execute();
  });
}

/** Assignments for every reviewer of the round on every item, whichever was added last. */
async function assignAll(db: Db, roundId: number): Promise<void> {
  const [items, reviewers] = await Promise.all([
    db.selectFrom('review_items').select('id').where('round_id', '=', roundId).execute(),
    db.selectFrom('review_reviewers').select('reviewer_id').where('round_id', '=', roundId).execute(),
  ]);
  const pairs = items.flatMap((item) => reviewers.map((r) => ({ item_id: item.id, reviewer_id: r.reviewer_id, conflict: null, conflict_reason: null, submitted_at: null })));
  if (pairs.length) await db.insertInto('review_assignments').values(pairs).onConflict((oc) => oc.doNothing()).execute();
}

/**
 * Candidates are live demands anyone can see (open or in negotiation, published, not hidden) and
 * collaboration tasks registered for the programme and not yet selected.
 */
export async function addItems(ctx: Ctx, roundId: number, raw: unknown): Promise<void> {
  requireOperator(ctx);
  const input = parseInput(ItemsInput, raw);
  if (!input.demands.length && !input.tasks.length) throw new ValidationError({ demands: 'review.pickDemands' });
  await ctx.db.transaction().execute(async (trx) => {
    await draftRound(trx, roundId);
    const demandIds = input.demands.map(Number);
    const taskIds = new Set(input.tasks.map(Number));
    const live = demandIds.length ? await publishedDemands(trx, 'active').select('demands.id').where('demands.id', 'in', demandIds).execute() : [];
    if (live.length !== new Set(demandIds).size) throw new ValidationError({ demands: 'review.pickDemands' });
    const tasks = taskIds.size ? await reviewableTasks(ctx, trx, { ids: [...taskIds] }) : [];
    if (tasks.length !== taskIds.size) throw new ValidationError({ tasks: 'review.pickDemands' });
    const items = [
      ...live.map((d) => ({ round_id: roundId, subject_type: 'demand' as const, subject_id: d.id, featured_at: null })),
      ...tasks.map((task) => ({ round_id: roundId, subject_type: 'task' as const, subject_id: task.id, featured_at: null })),
    ];
    await trx.insertInto('review_items').values(items).onConflict((oc) => oc.doNothing()).execute();
    await assignAll(trx, roundId);
  });
}

export async function removeItem(ctx: Ctx, roundId: number, itemId: number): Promise<void> {
  requireOperator(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    await draftRound(trx, roundId);
    await trx.deleteFrom('review_items').where('id', '=', itemId).where('round_id', '=', roundId).execute();
  });
}

/** Only people an operator has made expert reviewers (전문 심사위원) can be assigned. */
export async function addReviewer(ctx: Ctx, roundId: number, raw: unknown): Promise<void> {
  requireOperator(ctx);
  const input = parseInput(ReviewerInput, raw);
  await ctx.db.transaction().execute(async (trx) => {
    await draftRound(trx, roundId);
    const reviewer = await trx.selectFrom('users').select('id').where('id', '=', Number(input.reviewer)).where('role', '=', 'reviewer').where('deleted_at', 'is', null).executeTakeFirst();
    if (!reviewer) throw new ValidationError({ reviewer: 'field.choiceInvalid' });
    await trx.insertInto('review_reviewers').values({ round_id: roundId, reviewer_id: reviewer.id }).onConflict((oc) => oc.doNothing()).execute();
    await assignAll(trx, roundId);
    await audit(ctx, trx, 'review.assign', { type: 'review_round', id: roundId }, { reviewer: reviewer.id });
  });
}

export async function removeReviewer(ctx: Ctx, roundId: number, reviewerId: number): Promise<void> {
  requireOperator(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    await draftRound(trx, roundId);
    await trx.deleteFrom('review_reviewers').where('round_id', '=', roundId).where('reviewer_id', '=', reviewerId).execute();
    await trx
      .deleteFrom('review_assignments')
      .where('reviewer_id', '=', reviewerId)
      .where('item_id', 'in', (eb) => eb.selectFrom('review_items').select('id').where('round_id', '=', roundId))
      .execute();
  });
}

/** Scoring starts: the reviewers are told (in the app and by mail). */
export async function openRound(ctx: Ctx, roundId: number): Promise<void> {
  requireOperator(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const round = await draftRound(trx, roundId);
    const count = (table: 'review_criteria' | 'review_items' | 'review_reviewers') => countRows(trx.selectFrom(table).where('round_id', '=', roundId));
    const missing: Record<string, MessageKey> = {};
    if ((await count('review_criteria')) === 0) missing.criteria = 'review.needCriteria';
    if ((await count('review_items')) === 0) missing.items = 'review.needItems';
    if ((await count('review_reviewers')) === 0) missing.reviewers = 'review.needReviewers';
    if (Object.keys(missing).length) throw new ValidationError(missing);
    await trx.updateTable('review_rounds').set({ status: 'open', opened_at: ctx.now() }).where('id', '=', roundId).execute();
    const reviewers = await trx
      .selectFrom('review_reviewers')
      .innerJoin('users', 'users.id', 'review_reviewers.reviewer_id')
      .select(['users.id', 'users.email', 'users.locale'])
      .where('review_reviewers.round_id', '=', roundId)
      .execute();
    await notify(trx, ctx, reviewers, { kind: 'notice.reviewOpened', params: { round: round.title }, link: `/reviews/${roundId}` });
    await audit(ctx, trx, 'review.open', { type: 'review_round', id: roundId });
  });
}

export async function closeRound(ctx: Ctx, roundId: number): Promise<void> {
  requireOperator(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const round = await roundOf(trx, roundId);
    if (round.status !== 'open') throw new ValidationError({ round: 'review.notOpen' });
    await trx.updateTable('review_rounds').set({ status: 'closed', closed_at: ctx.now() }).where('id', '=', roundId).execute();
    await audit(ctx, trx, 'review.close', { type: 'review_round', id: roundId });
  });
}

/** The featured items of the round are exactly those chosen (from the ranking, once scoring has started). */
export async function setFeatured(ctx: Ctx, roundId: number, raw: unknown): Promise<void> {
  requireOperator(ctx);
  const input = parseInput(FeaturedInput, raw);
  await ctx.db.transaction().execute(async (trx) => {
    const round = await roundOf(trx, roundId);
    if (round.status === 'draft') throw new ValidationError({ items: 'review.notOpen' });
    const chosen = input.items.map(Number);
    // Featuring speaks for the programme: only demands of verified organisations.
    const unverified = await trx
      .selectFrom('review_items')
      .innerJoin('demands', 'demands.id', 'review_items.subject_id')
      .innerJoin('orgs', 'orgs.id', 'demands.org_id')
      .select('review_items.id')
      .where('review_items.round_id', '=', roundId)
      .where('review_items.id', 'in', chosen.length ? chosen : [0])
      .where('orgs.status', '!=', 'verified')
      .executeTakeFirst();
    if (unverified) throw new ValidationError({ items: 'review.featureUnverified' });
    await trx.updateTable('review_items').set({ featured_at: null }).where('round_id', '=', roundId).where('featured_at', 'is not', null).$if(chosen.length > 0, (q) => q.where('id', 'not in', chosen)).execute();
    if (chosen.length) await trx.updateTable('review_items').set({ featured_at: ctx.now() }).where('round_id', '=', roundId).where('id', 'in', chosen).where('featured_at', 'is', null).execute();
    await audit(ctx, trx, 'review.feature', { type: 'review_round', id: roundId }, { items: chosen });
  });
}

async function criteriaOf(db: Db, roundId: number) {
  return db.selectFrom('review_criteria').select(['id', 'name', 'weight']).where('round_id', '=', roundId).orderBy('id').execute();
}

/** What an item puts under review, as every page names it; null once it is no longer public. */
export interface ItemSubject {
  kind: 'demand' | 'task';
  title: string;
  orgName: string;
  href: string;
}

async function itemsOf(db: Db, roundId: number) {
  const items = await db.selectFrom('review_items').select(['id', 'subject_type', 'subject_id', 'featured_at']).where('round_id', '=', roundId).orderBy('id').execute();
  const idsOf = (type: 'demand' | 'task') => items.filter((i) => i.subject_type === type).map((i) => i.subject_id);
  const [demands, tasks] = await Promise.all([summariesOf(db, idsOf('demand')), taskSummariesOf(db, idsOf('task'))]);
  return items.map((item) => {
    const demand = item.subject_type === 'demand' ? (demands.find((d) => d.id === item.subject_id) ?? null) : null;
    const task = item.subject_type === 'task' ? (tasks.find((t) => t.id === item.subject_id) ?? null) : null;
    const subject: ItemSubject | null = demand
      ? { kind: 'demand', title: demand.title, orgName: demand.org_name, href: `/demands/${demand.id}` }
      : task
        ? { kind: 'task', title: task.title, orgName: task.lead_name, href: `/tasks/${task.id}` }
        : null;
    return { ...item, demand, task, subject };
  });
}

/** Every submitted score sheet of the round (or of one item), for the ranking and the panel. */
async function sheetsOf(db: Db, roundId: number, itemId?: number): Promise<(Sheet & { comment: string })[]> {
  const rows = await db
    .selectFrom('review_scores')
    .innerJoin('review_assignments', (join) => join.onRef('review_assignments.item_id', '=', 'review_scores.item_id').onRef('review_assignments.reviewer_id', '=', 'review_scores.reviewer_id'))
    .innerJoin('review_items', 'review_items.id', 'review_scores.item_id')
    .select(['review_scores.item_id', 'review_scores.reviewer_id', 'review_scores.criterion_id', 'review_scores.score', 'review_assignments.comment'])
    .where('review_items.round_id', '=', roundId)
    .where('review_assignments.submitted_at', 'is not', null)
    .$if(itemId !== undefined, (q) => q.where('review_scores.item_id', '=', itemId!))
    .execute();
  const sheets = new Map<string, Sheet & { comment: string }>();
  for (const row of rows) {
    const key = `${row.item_id}:${row.reviewer_id}`;
    const sheet = sheets.get(key) ?? { itemId: row.item_id, reviewerId: row.reviewer_id, scores: new Map(), comment: row.comment };
    sheet.scores.set(row.criterion_id, row.score);
    sheets.set(key, sheet);
  }
  return [...sheets.values()];
}

/** The operator's view: setup, progress per reviewer, and the aggregated ranking. Scores are never public. */
export async function roundForOperator(ctx: Ctx, roundId: number) {
  requireOperator(ctx);
  const round = await roundOf(ctx.db, roundId);
  const [criteria, items, reviewers, sheets, assignments] = await Promise.all([
    criteriaOf(ctx.db, roundId),
    itemsOf(ctx.db, roundId),
    ctx.db
      .selectFrom('review_reviewers')
      .innerJoin('users', 'users.id', 'review_reviewers.reviewer_id')
      .select(['users.id', 'users.name', 'users.email'])
      .where('review_reviewers.round_id', '=', roundId)
      .orderBy('users.name')
      .execute(),
    sheetsOf(ctx.db, roundId),
    ctx.db
      .selectFrom('review_assignments')
      .innerJoin('review_items', 'review_items.id', 'review_assignments.item_id')
      .select(['review_assignments.item_id', 'review_assignments.reviewer_id', 'review_assignments.conflict', 'review_assignments.submitted_at'])
      .where('review_items.round_id', '=', roundId)
      .execute(),
  ]);
  const ranking = rankItems(
    items.map((i) => i.id),
    criteria,
    sheets,
  );
  const conflicts = (itemId: number) => assignments.filter((a) => a.item_id === itemId && a.conflict === 'declared').length;
  const progress = reviewers.map((r) => {
    const mine = assignments.filter((a) => a.reviewer_id === r.id);
    return { ...r, assigned: mine.length, submitted: mine.filter((a) => a.submitted_at).length, conflicts: mine.filter((a) => a.conflict === 'declared').length };
  });
  return { round, criteria, items, reviewers: progress, ranking: ranking.map((r) => ({ ...r, item: items.find((i) => i.id === r.itemId)!, conflicts: conflicts(r.itemId) })) };
}

/** Expert reviewers who could be added: everyone with that role, not yet in the round. */
export async function reviewerCandidates(ctx: Ctx, roundId: number) {
  requireOperator(ctx);
  return ctx.db
    .selectFrom('users')
    .select(['id', 'name', 'email'])
    .where('role', '=', 'reviewer')
    .where('deleted_at', 'is', null)
    .where('id', 'not in', (eb) => eb.selectFrom('review_reviewers').select('reviewer_id').where('round_id', '=', roundId))
    .orderBy('name')
    .execute();
}

/** Candidates of each kind offered at once; the search by title finds the others. */
export const CANDIDATES_SHOWN = 50;

/**
 * What could be added: live demands and registered tasks not yet in the round, newest first, at
 * most `CANDIDATES_SHOWN` of each, optionally those whose title holds `q`.
 */
export async function itemCandidates(ctx: Ctx, roundId: number, q: string | undefined): Promise<{ demands: DemandSummary[]; tasks: TaskSummary[] }> {
  requireOperator(ctx);
  const inRound = (type: 'demand' | 'task') => ctx.db.selectFrom('review_items').select('subject_id').where('round_id', '=', roundId).where('subject_type', '=', type);
  const rows = await publishedDemands(ctx.db, 'active')
    .select('demands.id')
    .where('demands.id', 'not in', inRound('demand'))
    .$if(Boolean(q), (query) => query.where('demands.title', 'ilike', containsPattern(q!)))
    .orderBy('demands.published_at', 'desc')
    .limit(CANDIDATES_SHOWN)
    .execute();
  const taken = (await inRound('task').execute()).map((r) => r.subject_id);
  const tasks = await reviewableTasks(ctx, ctx.db, { exclude: taken, ...(q ? { q } : {}), limit: CANDIDATES_SHOWN });
  return {
    demands: await summariesOf(
      ctx.db,
      rows.map((r) => r.id),
    ),
    tasks: await taskSummariesOf(
      ctx.db,
      tasks.map((task) => task.id),
    ),
  };
}

/** A reviewer's own assignment: 404 for anyone not assigned, and before the round opens. */
async function myAssignment(ctx: Ctx, roundId: number, itemId: number) {
  const actor = requireUser(ctx.actor);
  const row = await ctx.db
    .selectFrom('review_assignments')
    .innerJoin('review_items', 'review_items.id', 'review_assignments.item_id')
    .innerJoin('review_rounds', 'review_rounds.id', 'review_items.round_id')
    .select([
      'review_assignments.conflict',
      'review_assignments.conflict_reason',
      'review_assignments.comment',
      'review_assignments.submitted_at',
      'review_items.subject_type',
      'review_items.subject_id',
      'review_rounds.status',
      'review_rounds.title',
    ])
    .where('review_assignments.item_id', '=', itemId)
    .where('review_assignments.reviewer_id', '=', actor.id)
    .where('review_items.round_id', '=', roundId)
    .where('review_rounds.status', '!=', 'draft')
    .executeTakeFirst();
  if (!row) throw new NotFoundError();
  return { ...row, reviewerId: actor.id };
}

/** Rounds the signed-in reviewer sits on, with how far they have got. */
export async function myRounds(ctx: Ctx) {
  const actor = requireUser(ctx.actor);
  return ctx.db
    .selectFrom('review_reviewers')
    .innerJoin('review_rounds', 'review_rounds.id', 'review_reviewers.round_id')
    .select((eb) => [
      'review_rounds.id',
      'review_rounds.title',
      'review_rounds.status',
      eb
        .selectFrom('review_assignments')
        .innerJoin('review_items', 'review_items.id', 'review_assignments.item_id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('review_items.round_id', '=', eb.ref('review_rounds.id'))
        .where('review_assignments.reviewer_id', '=', actor.id)
        // Still to do: no declaration yet, or declared free of conflict and not yet submitted.
        .where((e) => e.or([e('review_assignments.conflict', 'is', null), e.and([e('review_assignments.conflict', '=', 'none'), e('review_assignments.submitted_at', 'is', null)])]))
        .as('to_do'),
    ])
    .where('review_reviewers.reviewer_id', '=', actor.id)
    .where('review_rounds.status', '!=', 'draft')
    .orderBy('review_rounds.id', 'desc')
    .execute();
}

export async function roundForReviewer(ctx: Ctx, roundId: number) {
  const actor = requireUser(ctx.actor);
  const round = await ctx.db
    .selectFrom('review_rounds')
    .innerJoin('review_reviewers', 'review_reviewers.round_id', 'review_rounds.id')
    .selectAll('review_rounds')
    .where('review_rounds.id', '=', roundId)
    .where('review_reviewers.reviewer_id', '=', actor.id)
    .where('review_rounds.status', '!=', 'draft')
    .executeTakeFirst();
  if (!round) throw new NotFoundError();
  const [items, assignments] = await Promise.all([
    itemsOf(ctx.db, roundId),
    ctx.db
      .selectFrom('review_assignments')
      .innerJoin('review_items', 'review_items.id', 'review_assignments.item_id')
      .select(['review_assignments.item_id', 'review_assignments.conflict', 'review_assignments.submitted_at'])
      .where('review_assignments.reviewer_id', '=', actor.id)
      .where('review_items.round_id', '=', roundId)
      .execute(),
  ]);
  return { round, items: items.map((item) => ({ ...item, mine: assignments.find((a) => a.item_id === item.id) ?? null })).filter((item) => item.mine) };
}

/**
 * One item for its reviewer: the demand, the criteria, their own declaration and scores — and only
 * once they have submitted, the other reviewers' submitted sheets (unnamed), so nobody is swayed.
 */
export async function itemForReviewer(ctx: Ctx, roundId: number, itemId: number) {
  const mine = await myAssignment(ctx, roundId, itemId);
  const [criteria, [demand], [task], scores] = await Promise.all([
    criteriaOf(ctx.db, roundId),
    mine.subject_type === 'demand' ? summariesOf(ctx.db, [mine.subject_id]) : [],
    mine.subject_type === 'task' ? taskSummariesOf(ctx.db, [mine.subject_id]) : [],
    ctx.db.selectFrom('review_scores').select(['criterion_id', 'score']).where('item_id', '=', itemId).where('reviewer_id', '=', mine.reviewerId).execute(),
  ]);
  const panel = mine.submitted_at ? (await sheetsOf(ctx.db, roundId, itemId)).filter((s) => s.reviewerId !== mine.reviewerId) : null;
  return { mine, criteria, demand: demand ?? null, task: task ?? null, scores: new Map(scores.map((s) => [s.criterion_id, s.score])), panel };
}

async function openAssignment(ctx: Ctx, roundId: number, itemId: number) {
  const mine = await myAssignment(ctx, roundId, itemId);
  if (mine.status !== 'open') throw new ValidationError({ round: 'review.notOpen' });
  if (mine.submitted_at) throw new ValidationError({ round: 'review.alreadySubmitted' });
  return mine;
}

/** Before scoring, each reviewer says whether they have a conflict of interest with the item. */
export async function declareConflict(ctx: Ctx, roundId: number, itemId: number, raw: unknown): Promise<void> {
  const input = parseInput(ConflictInput, raw);
  const mine = await openAssignment(ctx, roundId, itemId);
  if (input.conflict === 'declared' && !input.reason) throw new ValidationError({ reason: 'review.conflictReason' });
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('review_assignments')
      .set({ conflict: input.conflict, conflict_reason: input.conflict === 'declared' ? input.reason! : null })
      .where('item_id', '=', itemId)
      .where('reviewer_id', '=', mine.reviewerId)
      .execute();
    await trx.deleteFrom('review_scores').where('item_id', '=', itemId).where('reviewer_id', '=', mine.reviewerId).execute();
    await audit(ctx, trx, 'review.conflict', { type: 'review_item', id: itemId }, { conflict: input.conflict });
  });
}

/** Scores 1–5 on every criterion with a comment; submitted once, after declaring no conflict. */
export async function submitScores(ctx: Ctx, roundId: number, itemId: number, raw: Record<string, unknown>): Promise<void> {
  const mine = await openAssignment(ctx, roundId, itemId);
  if (mine.conflict !== 'none') throw new ValidationError({ conflict: 'review.conflictFirst' });
  const criteria = await criteriaOf(ctx.db, roundId);
  const errors: Record<string, MessageKey> = {};
  const scores = criteria.map((c) => {
    const value = raw[`c${c.id}`];
    if (typeof value !== 'string' || !/^[1-5]$/.test(value)) errors[`c${c.id}`] = 'review.scoreChoose';
    return { criterion_id: c.id, score: Number(value) };
  });
  let comment = '';
  try {
    comment = parseInput(CommentInput, raw).comment;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    Object.assign(errors, error.fields);
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('review_assignments')
      .set({ comment, submitted_at: ctx.now() })
      .where('item_id', '=', itemId)
      .where('reviewer_id', '=', mine.reviewerId)
      .where('submitted_at', 'is', null)
      .executeTakeFirst();
    // Two tabs submitting at once: the second finds the sheet already in.
    if (!updated.numUpdatedRows) throw new ValidationError({ round: 'review.alreadySubmitted' });
    await trx
      .insertInto('review_scores')
      .values(scores.map((s) => ({ ...s, item_id: itemId, reviewer_id: mine.reviewerId })))
      .execute();
  });
}

/**
 * The newest featured demands still worth showing: published, not hidden or withdrawn, of an organisation
 * still verified (a revoked one's choice falls away by itself).
 */
export async function featuredDemands(ctx: Ctx, limit: number): Promise<DemandSummary[]> {
  const rows = await ctx.db
    .selectFrom('review_items')
    .select('subject_id')
    .where('subject_type', '=', 'demand')
    .where('featured_at', 'is not', null)
    .where('subject_id', 'in', () =>
      publishedDemands(ctx.db, 'all')
        .innerJoin('orgs', 'orgs.id', 'demands.org_id')
        .select('demands.id')
        .where('demands.status', '!=', 'withdrawn')
        .where('orgs.status', '=', 'verified'),
    )
    .orderBy('featured_at', 'desc')
    .limit(limit * 2)
    .execute();
  const ids = [...new Set(rows.map((r) => r.subject_id))];
  return (await summariesOf(ctx.db, ids)).slice(0, limit);
}


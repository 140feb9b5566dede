/**
 * Deliberation: points for, against and "yes, if" (조건부 찬성), each with an optional source, marked
 * helpful by others, with one level of replies; the summary of the arguments (논점 정리) citing
 * points as #id.
 */
import { sql } from 'kysely';
import { decodeCursor, encodeCursor, type Page, toPage } from '../../db/pagination.ts';
import { queryTemplate } from '../../db/query-template.ts';
import { audit } from '../../shared/audit.ts';
import type { Ctx, Db } from '../../shared/context.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors.ts';
import { parseInput } from '../../shared/forms.ts';
import { takeOrRefuse } from '../../shared/rate-limit.ts';
import { createOnce } from '../../shared/unique.ts';
import { notify } from '../notifications/index.ts';
import { orgMemberRecipients } from '../orgs/index.ts';
import { SIDES, type Side } from './forum.tables.ts';
import { PointInput, ReplyInput, SummaryInput } from './forum.schemas.ts';
import { authorRecipients, linkCount, loadProposal, readableProposal, requirePoster } from './proposals.service.ts';
import { deliberationOpen } from './stages.ts';
import { notifyNews } from './news.service.ts';

/** The proposal's column that counts a side's points. */
const SIDE_COLUMNS = { for: 'points_for', against: 'points_against', conditional: 'points_conditional' } as const satisfies Record<Side, string>;

/** Points and replies one person may post in an hour. */
const POSTS_PER_HOUR = 30;
const MAX_POINT_LINKS = 2;

/** A new point on one side; a double click posts it once. */
export async function addPoint(ctx: Ctx, proposalId: number, raw: unknown): Promise<number> {
  const input = parseInput(PointInput, raw);
  if (linkCount(input.body) > MAX_POINT_LINKS) throw new ValidationError({ body: 'forum.tooManyLinks' });
  return ctx.db.transaction().execute(async (trx) => {
    const actor = await requirePoster(ctx, trx);
    const { proposal } = await loadProposal(ctx, trx, proposalId);
    if (!deliberationOpen(proposal, ctx.now())) throw new ForbiddenError('forum.deliberationClosed');
    return createOnce(ctx, trx, async () => {
      await takeOrRefuse(trx, { bucket: `forum.post:${actor.id}`, limit: POSTS_PER_HOUR, windowSeconds: 3600 }, ctx.now());
      const { id } = await trx
        .insertInto('forum_points')
        .values({ proposal_id: proposalId, parent_id: null, author_id: actor.id, side: input.side, body: input.body, source_url: input.source ?? null, hidden_at: null, hidden_reason: null, created_at: ctx.now() })
        .returning('id')
        .executeTakeFirstOrThrow();
      const column = SIDE_COLUMNS[input.side];
      await trx.updateTable('forum_proposals').set({ [column]: sql`${sql.ref(column)} + 1` }).where('id', '=', proposalId).execute();
      return id;
    });
  });
}

/** The point with its proposal, as the actor may see it (404 otherwise). */
async function loadPoint(ctx: Ctx, db: Db, pointId: number) {
  const point = await db.selectFrom('forum_points').selectAll().where('id', '=', pointId).executeTakeFirst();
  if (!point) throw new NotFoundError();
  // A hidden proposal's points go with it.
  return { point, ...(await readableProposal(ctx, db, point.proposal_id)) };
}

/** A reply to a point (one level: a reply to a reply answers its point). */
export async function addReply(ctx: Ctx, pointId: number, raw: unknown): Promise<number> {
  const input = parseInput(ReplyInput, raw);
  if (linkCount(input.body) > MAX_POINT_LINKS) throw new ValidationError({ body: 'forum.tooManyLinks' });
  return ctx.db.transaction().execute(async (trx) => {
    const actor = await requirePoster(ctx, trx);
    const { point, proposal } = await loadPoint(ctx, trx, pointId);
    if (point.parent_id !== null || point.hidden_at) throw new NotFoundError();
    if (!deliberationOpen(proposal, ctx.now())) throw new ForbiddenError('forum.deliberationClosed');
    return createOnce(ctx, trx, async () => {
      await takeOrRefuse(trx, { bucket: `forum.post:${actor.id}`, limit: POSTS_PER_HOUR, windowSeconds: 3600 }, ctx.now());
      const { id } = await trx
        .insertInto('forum_points')
        .values({ proposal_id: point.proposal_id, parent_id: pointId, author_id: actor.id, side: null, body: input.body, source_url: null, hidden_at: null, hidden_reason: null, created_at: ctx.now() })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.updateTable('forum_points').set({ replies_count: sql`replies_count + 1` }).where('id', '=', pointId).execute();
      return id;
    });
  });
}

/** Marks another person's point helpful, or takes the mark back; one mark per person. */
export async function setHelpful(ctx: Ctx, pointId: number, helpful: boolean): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const actor = await requirePoster(ctx, trx);
    const { point, proposal } = await loadPoint(ctx, trx, pointId);
    if (point.parent_id !== null || point.hidden_at || proposal.hidden_at) throw new NotFoundError();
    if (point.author_id === actor.id) throw new ForbiddenError('forum.helpfulOwn');
    const changed = helpful
      ? (await trx.insertInto('forum_helpful').values({ point_id: pointId, user_id: actor.id }).onConflict((oc) => oc.doNothing()).returning('point_id').execute()).length
      : Number((await trx.deleteFrom('forum_helpful').where('point_id', '=', pointId).where('user_id', '=', actor.id).executeTakeFirst()).numDeletedRows);
    if (changed) await trx.updateTable('forum_points').set({ helpful_count: sql`helpful_count + ${helpful ? 1 : -1}` }).where('id', '=', pointId).execute();
    return point.proposal_id;
  });
}

const pointColumns = ['forum_points.id', 'forum_points.proposal_id', 'forum_points.side', 'forum_points.body', 'forum_points.source_url', 'forum_points.helpful_count', 'forum_points.replies_count', 'forum_points.hidden_at', 'forum_points.hidden_reason', 'forum_points.created_at', 'forum_points.author_id', 'users.name as author'] as const;

function pointsQuery(db: Db) {
  return db.selectFrom('forum_points').leftJoin('users', 'users.id', 'forum_points.author_id').select(pointColumns);
}

export type PointRow = Awaited<ReturnType<ReturnType<typeof pointsQuery>['execute']>>[number];

/** The side asked for (`?side=`), the supporting side when it names none. */
export function sideOf(asked: string | undefined): Side {
  return (SIDES as readonly string[]).includes(asked ?? '') ? (asked as Side) : 'for';
}

/** How many points each side has (the argument map's counts), as kept on the proposal. */
export async function sideCounts(db: Db, proposalId: number): Promise<Record<Side, number>> {
  const row = await db.selectFrom('forum_proposals').select(['points_for', 'points_against', 'points_conditional']).where('id', '=', proposalId).executeTakeFirstOrThrow();
  return { for: row.points_for, against: row.points_against, conditional: row.points_conditional };
}

/** One side's top-level points, most helpful first (then oldest), after `cursor` (helpful count, id). */
function sideQuery(db: Db, proposalId: number, side: Side, cursor: (string | number)[] | null = null) {
  return pointsQuery(db)
    .where('forum_points.proposal_id', '=', proposalId)
    .where('forum_points.parent_id', 'is', null)
    .where('forum_points.side', '=', side)
    .$if(cursor !== null, (q) => q.where(sql<boolean>`(forum_points.helpful_count < ${cursor![0]} OR (forum_points.helpful_count = ${cursor![0]} AND forum_points.id > ${cursor![1]}))`))
    .orderBy('forum_points.helpful_count', 'desc')
    .orderBy('forum_points.id');
}

const sidePage = (rows: PointRow[], limit: number) => toPage(rows, limit, (p) => [p.helpful_count, p.id]);

/**
 * One side's points, most helpful first (then oldest), `limit` at a time with a cursor of the last
 * shown (helpful count, id): a side with ten thousand points costs the same on every page.
 */
export async function pointsOfSide(db: Db, proposalId: number, side: Side, after?: string, limit = 20): Promise<Page<PointRow>> {
  return sidePage(await sideQuery(db, proposalId, side, decodeCursor(after, ['count', 'id'])).limit(limit + 1).execute(), limit);
}

/** Each side's first `take` points; the union keeps no order, so each side is sorted again. */
const firstOfEachSide = queryTemplate((db, proposalId: number, take: number) => {
  const [first, ...rest] = SIDES.map((side) => db.selectFrom(sideQuery(db, proposalId, side).limit(take).as('s')).selectAll());
  return rest.reduce((union, side) => union.unionAll(side), first!);
});

/** The first page of every side (`pointsOfSide` with no cursor, for each side) in one round trip: a proposal's page. */
export async function firstPointsOfSides(db: Db, proposalId: number, limit: number): Promise<Record<Side, Page<PointRow>>> {
  const rows = await firstOfEachSide(db, proposalId, limit + 1);
  const order = (a: PointRow, b: PointRow) => b.helpful_count - a.helpful_count || a.id - b.id;
  return Object.fromEntries(SIDES.map((side) => [side, sidePage(rows.filter((r) => r.side === side).sort(order), limit)])) as Record<Side, Page<PointRow>>;
}

/** A point's replies, oldest first, `limit` at a time. */
export async function repliesOf(db: Db, pointId: number, after?: string, limit = 20): Promise<Page<PointRow>> {
  const cursor = decodeCursor(after, ['id']);
  const rows = await pointsQuery(db)
    .where('forum_points.parent_id', '=', pointId)
    .$if(cursor !== null, (q) => q.where('forum_points.id', '>', Number(cursor![0])))
    .orderBy('forum_points.id')
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor([last.id]) : null };
}

/** A point and its proposal's title, for the point's own page (its replies). */
export async function pointPage(ctx: Ctx, pointId: number, after?: string) {
  const { point, proposal, stage } = await loadPoint(ctx, ctx.db, pointId);
  if (point.parent_id !== null) throw new NotFoundError();
  const [rows, replies, helpful] = await Promise.all([
    pointsQuery(ctx.db).where('forum_points.id', '=', pointId).execute(),
    repliesOf(ctx.db, pointId, after),
    ctx.actor.kind === 'user' ? ctx.db.selectFrom('forum_helpful').select('point_id').where('point_id', '=', pointId).where('user_id', '=', ctx.actor.id).executeTakeFirst() : undefined,
  ]);
  return { point: rows[0]!, proposal: { id: proposal.id, title: proposal.title }, stage, open: deliberationOpen(proposal, ctx.now()), replies, markedHelpful: Boolean(helpful) };
}

/** Of `pointIds`, those the actor marked helpful (to show the mark as given). */
export async function markedHelpful(ctx: Ctx, pointIds: number[]): Promise<Set<number>> {
  if (ctx.actor.kind !== 'user' || !pointIds.length) return new Set();
  const rows = await ctx.db.selectFrom('forum_helpful').select('point_id').where('user_id', '=', ctx.actor.id).where('point_id', 'in', pointIds).execute();
  return new Set(rows.map((r) => r.point_id));
}

/** A point cited as #123: not inside a word or an address (https://…/#51 is a link, not a citation). */
const CITATION = /(?<![\p{L}\p{N}/#&?=])#(\d{1,9})(?!\d)/gu;

/** The point ids a summary cites (#123) that are points of this proposal. */
export async function citedPoints(db: Db, proposalId: number, summary: string): Promise<Set<number>> {
  const ids = [...new Set([...summary.matchAll(CITATION)].map((m) => Number(m[1])))];
  if (!ids.length) return new Set();
  // Only points anyone can read: a hidden one cannot be cited.
  const rows = await db.selectFrom('forum_points').select('id').where('proposal_id', '=', proposalId).where('id', 'in', ids).where('parent_id', 'is', null).where('hidden_at', 'is', null).execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * The author or a facilitator (operator) writes the summary of the arguments, citing points as #id
 * (a number that is no point of this proposal is refused, so every citation leads somewhere). Once
 * the proposal is in review, saving it sends it to the responsible body.
 */
export async function saveSummary(ctx: Ctx, proposalId: number, raw: unknown): Promise<void> {
  const input = parseInput(SummaryInput, raw);
  await ctx.db.transaction().execute(async (trx) => {
    const { proposal, stage } = await loadProposal(ctx, trx, proposalId, 'proposal.summarise');
    const cited = [...input.summary.matchAll(CITATION)].map((m) => Number(m[1]));
    const known = await citedPoints(trx, proposalId, input.summary);
    if (cited.some((id) => !known.has(id))) throw new ValidationError({ summary: 'forum.citationUnknown' });
    const sending = stage === 'review' && !proposal.summary_sent_at;
    await trx
      .updateTable('forum_proposals')
      .set({ summary: input.summary, summary_by: ctx.actor.kind === 'user' ? ctx.actor.id : null, summary_at: ctx.now(), ...(sending ? { summary_sent_at: ctx.now() } : {}), updated_at: ctx.now() })
      .where('id', '=', proposalId)
      .execute();
    if (sending) await notify(trx, ctx, await orgMemberRecipients(trx, [proposal.org_id]), { kind: 'notice.forumSummarySent', params: { title: proposal.title }, link: `/forum/${proposalId}` });
    else await notifyNews(trx, ctx, await authorRecipients(trx, proposal), { kind: 'notice.forumSummarised', params: { title: proposal.title }, link: `/forum/${proposalId}` });
    await audit(ctx, trx, 'forum.summary', { type: 'proposal', id: proposalId });
  });
}

/** Everything a proposal's page shows, gathered as the actor may see it. */
import { sql } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import { queryTemplate } from '../../db/query-template.ts';
import { type Ctx, type Db, sharedWork } from '../../shared/context.ts';
import { NotFoundError } from '../../shared/errors.ts';
import { answersOf } from './answers.service.ts';
import { can } from './forum.policy.ts';
import { SIDES, type Side } from './forum.tables.ts';
import { firstPointsOfSides } from './points.service.ts';
import { coauthorsOf, type LoadedProposal, proposalFiles, viewProposal } from './proposals.service.ts';
import { forumSettings } from './settings.service.ts';
import { similarProposals } from './lists.service.ts';
import { answerOverdue, supportOpen, deliberationOpen } from './stages.ts';
import { timeline } from './timeline.ts';

/** Points shown per side on the proposal's page; the rest are a page away. */
const POINTS_ON_PAGE = 5;

/**
 * What the page names beside the proposal, in one round trip: its author's name, its organisation,
 * category and region, the proposal it was merged into and those merged into it.
 */
const namesAround = queryTemplate((db, id: number) =>
  db
    .selectFrom('forum_proposals as p')
    .select((eb) => [
      eb.selectFrom('users').select('users.name').whereRef('users.id', '=', 'p.author_id').as('author'),
      jsonObjectFrom(eb.selectFrom('orgs').select(['orgs.id', 'orgs.name', 'orgs.status']).whereRef('orgs.id', '=', 'p.org_id')).$notNull().as('org'),
      jsonObjectFrom(eb.selectFrom('forum_categories as c').select(['c.name', 'c.name_en']).whereRef('c.id', '=', 'p.category_id')).$notNull().as('category'),
      jsonObjectFrom(eb.selectFrom('regions').select(['regions.code', 'regions.name']).whereRef('regions.code', '=', 'p.region_code')).as('region'),
      jsonObjectFrom(eb.selectFrom('forum_proposals as m').select(['m.id', 'm.title']).whereRef('m.id', '=', 'p.merged_into_id')).as('mergedInto'),
      jsonArrayFrom(eb.selectFrom('forum_proposals as d').select(['d.id', 'd.title']).whereRef('d.merged_into_id', '=', 'p.id').orderBy('d.id')).as('duplicates'),
    ])
    .where('p.id', '=', id),
);

/**
 * The page's parts that do not depend on who reads it (six queries), once the reader may see the
 * proposal at all: shared among readers for a moment (`sharedWork`), as a member's list is.
 */
async function whatEveryoneSees(db: Db, proposal: LoadedProposal['proposal']) {
  const id = proposal.id;
  const [[names], coauthors, files, answers, settings, points] = await Promise.all([
    namesAround(db, id),
    coauthorsOf(db, id),
    proposalFiles(db, id),
    answersOf(db, id),
    forumSettings(db),
    firstPointsOfSides(db, id, POINTS_ON_PAGE),
  ]);
  // Read with the proposal, which the page's record holds already.
  const counts: Record<Side, number> = { for: proposal.points_for, against: proposal.points_against, conditional: proposal.points_conditional };
  if (!names) throw new NotFoundError(); // gone between the two reads
  return { ...names, coauthors, files, counts, answers, settings, points };
}

/** An appeal's standing as its author reads it. */
type AppealStanding = { status: 'open' | 'restored' | 'kept'; note: string | null };

const standingOf = queryTemplate((db, id: number, userId: number, pointIds: number[]) =>
  db.selectNoFrom((eb) => [
    eb.exists(eb.selectFrom('forum_supports').select('user_id').where('proposal_id', '=', id).where('user_id', '=', userId)).as('supported'),
    eb.exists(eb.selectFrom('forum_follows').select('user_id').where('proposal_id', '=', id).where('user_id', '=', userId)).as('following'),
    sql<{ point_id: number | null; status: AppealStanding['status']; note: string | null }[]>`coalesce((
      SELECT json_agg(json_build_object('point_id', point_id, 'status', status, 'note', decision_note) ORDER BY id)
      FROM forum_appeals WHERE proposal_id = ${id} AND author_id = ${userId}), '[]'::json)`.as('appeals'),
    sql<number[]>`array(SELECT point_id FROM forum_helpful WHERE user_id = ${userId} AND point_id = ANY(${pointIds}::bigint[]))`.as('helpful'),
  ]),
);

/**
 * The reader's own relation to the proposal, in one query: whether they support and follow it, their
 * appeals by point id (0: the proposal itself), and which of `pointIds` they marked helpful.
 */
async function readerStanding(ctx: Ctx, id: number, pointIds: number[]) {
  const actor = ctx.actor;
  if (actor.kind !== 'user') return { relation: { supported: false, following: false }, appeals: new Map<number, AppealStanding>(), helpful: new Set<number>() };
  // A query without FROM: always one row.
  const row = (await standingOf(ctx.db, id, actor.id, pointIds))[0]!;
  return {
    relation: { supported: row.supported, following: row.following },
    appeals: new Map(row.appeals.map((a) => [a.point_id ?? 0, { status: a.status, note: a.note }])),
    helpful: new Set(row.helpful),
  };
}

export async function proposalPage(ctx: Ctx, id: number) {
  const { proposal, facts, stage, concealed } = await viewProposal(ctx, id);
  const now = ctx.now();
  const { author, org, category, region, coauthors, files, counts, answers, settings, mergedInto, duplicates, points } = await sharedWork(ctx, `forum.proposal ${id}`, () => whatEveryoneSees(ctx.db, proposal));
  const { relation, appeals, helpful } = await readerStanding(
    ctx,
    id,
    SIDES.flatMap((side) => points[side].items.map((item) => item.id)),
  );
  // Before publication, its authors see what is already public on the same subject (support that one instead).
  const similar = proposal.published_at ? [] : await similarProposals(ctx.db, `${proposal.title}\n${proposal.problem}\n${proposal.proposal}`, id);
  const actor = ctx.actor;
  const mayEdit = can(actor, 'proposal.edit', facts);
  return {
    proposal,
    stage,
    /** Hidden by moderation: everyone but its authors and the operators sees only the reason. */
    concealed,
    author,
    org,
    category,
    region,
    coauthors: facts.coauthor === null && !mayEdit ? coauthors.filter((c) => c.accepted_at) : coauthors,
    files,
    counts,
    points,
    helpful,
    answers,
    relation,
    settings,
    mergedInto,
    duplicates,
    /** The actor's own appeals, by point id (0: the proposal itself). */
    appeals,
    similar,
    steps: timeline(proposal, now),
    overdue: answerOverdue(proposal, now),
    supportOpen: supportOpen(proposal, now),
    deliberationOpen: deliberationOpen(proposal, now),
    may: {
      edit: mayEdit,
      submit: can(actor, 'proposal.submit', facts),
      withdraw: can(actor, 'proposal.withdraw', facts),
      check: can(actor, 'proposal.check', facts),
      summarise: can(actor, 'proposal.summarise', facts),
      answer: can(actor, 'proposal.answer', facts),
      complete: can(actor, 'proposal.complete', facts),
      moderate: can(actor, 'proposal.moderate', facts),
      invited: facts.coauthor === 'invited',
      appeal: proposal.hidden_at !== null && actor.kind === 'user' && actor.id === proposal.author_id,
      report: proposal.published_at !== null && proposal.hidden_at === null && actor.kind === 'user' && actor.id !== proposal.author_id,
      inviteCoauthor: can(actor, 'proposal.edit', facts) && actor.kind === 'user' && proposal.author_id === actor.id,
    },
  };
}

export type ProposalPage = Awaited<ReturnType<typeof proposalPage>>;

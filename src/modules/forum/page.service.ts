/** Everything a proposal's page shows, gathered as the actor may see it. */
import { type Ctx, type Db, sharedWork } from '../../shared/context.ts';
import { answersOf } from './answers.service.ts';
import { can } from './forum.policy.ts';
import { SIDES, type Side } from './forum.tables.ts';
import { myAppeals } from './moderation.service.ts';
import { markedHelpful, pointsOfSide, sideCounts } from './points.service.ts';
import { coauthorsOf, type LoadedProposal, loadProposal, proposalFiles } from './proposals.service.ts';
import { forumSettings } from './settings.service.ts';
import { similarProposals } from './lists.service.ts';
import { answerOverdue, supportOpen, deliberationOpen } from './stages.ts';
import { myRelation } from './supports.service.ts';
import { timeline } from './timeline.ts';

/** Points shown per side on the proposal's page; the rest are a page away. */
const POINTS_ON_PAGE = 5;

/**
 * The page's parts that do not depend on who reads it (twelve queries), once the reader may see the
 * proposal at all: shared among readers for a moment (`sharedWork`), as a member's list is.
 */
async function whatEveryoneSees(db: Db, proposal: LoadedProposal['proposal']) {
  const id = proposal.id;
  const [author, org, category, region, coauthors, files, counts, answers, settings, mergedInto, duplicates, ...sides] = await Promise.all([
    proposal.author_id ? db.selectFrom('users').select('name').where('id', '=', proposal.author_id).executeTakeFirst() : undefined,
    db.selectFrom('orgs').select(['id', 'name', 'status']).where('id', '=', proposal.org_id).executeTakeFirstOrThrow(),
    db.selectFrom('forum_categories').select(['name', 'name_en']).where('id', '=', proposal.category_id).executeTakeFirstOrThrow(),
    proposal.region_code ? db.selectFrom('regions').select(['code', 'name']).where('code', '=', proposal.region_code).executeTakeFirst() : undefined,
    coauthorsOf(db, id),
    proposalFiles(db, id),
    sideCounts(db, id),
    answersOf(db, id),
    forumSettings(db),
    proposal.merged_into_id ? db.selectFrom('forum_proposals').select(['id', 'title']).where('id', '=', proposal.merged_into_id).executeTakeFirst() : undefined,
    db.selectFrom('forum_proposals').select(['id', 'title']).where('merged_into_id', '=', id).orderBy('id').execute(),
    ...SIDES.map((side) => pointsOfSide(db, id, side, undefined, POINTS_ON_PAGE)),
  ]);
  return { author, org, category, region, coauthors, files, counts, answers, settings, mergedInto, duplicates, sides };
}

export async function proposalPage(ctx: Ctx, id: number) {
  const { proposal, facts, stage, concealed } = await loadProposal(ctx, ctx.db, id);
  const now = ctx.now();
  const [{ author, org, category, region, coauthors, files, counts, answers, settings, mergedInto, duplicates, sides }, relation, appeals] = await Promise.all([
    sharedWork(ctx, `forum.proposal ${id}`, () => whatEveryoneSees(ctx.db, proposal)),
    myRelation(ctx, id),
    myAppeals(ctx, id),
  ]);
  const points = Object.fromEntries(SIDES.map((side, i) => [side, sides[i]!])) as Record<Side, (typeof sides)[number]>;
  const helpful = await markedHelpful(
    ctx,
    Object.values(points).flatMap((p) => p.items.map((item) => item.id)),
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
    author: author?.name ?? null,
    org,
    category,
    region: region ?? null,
    coauthors: facts.coauthor === null && !mayEdit ? coauthors.filter((c) => c.accepted_at) : coauthors,
    files,
    counts,
    points,
    helpful,
    answers,
    relation,
    settings,
    mergedInto: mergedInto ?? null,
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

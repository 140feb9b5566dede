/** Everything a proposal's page shows, gathered as the actor may see it. */
import type { Ctx } from '../../shared/context.ts';
import { answersOf } from './answers.service.ts';
import { can } from './forum.policy.ts';
import { SIDES, type Side } from './forum.tables.ts';
import { myAppeals } from './moderation.service.ts';
import { markedHelpful, pointsOfSide, sideCounts } from './points.service.ts';
import { coauthorsOf, loadProposal, proposalFiles } from './proposals.service.ts';
import { forumSettings } from './settings.service.ts';
import { similarProposals } from './lists.service.ts';
import { answerOverdue, supportOpen, deliberationOpen } from './stages.ts';
import { myRelation } from './supports.service.ts';
import { timeline } from './timeline.ts';

/** Points shown per side on the proposal's page; the rest are a page away. */
const POINTS_ON_PAGE = 5;

export async function proposalPage(ctx: Ctx, id: number) {
  const { proposal, facts, stage, concealed } = await loadProposal(ctx, ctx.db, id);
  const now = ctx.now();
  const [author, org, category, region, coauthors, files, counts, answers, relation, settings, mergedInto, duplicates, appeals, ...sides] = await Promise.all([
    proposal.author_id ? ctx.db.selectFrom('users').select('name').where('id', '=', proposal.author_id).executeTakeFirst() : undefined,
    ctx.db.selectFrom('orgs').select(['id', 'name', 'status']).where('id', '=', proposal.org_id).executeTakeFirstOrThrow(),
    ctx.db.selectFrom('forum_categories').select(['name', 'name_en']).where('id', '=', proposal.category_id).executeTakeFirstOrThrow(),
    proposal.region_code ? ctx.db.selectFrom('regions').select(['code', 'name']).where('code', '=', proposal.region_code).executeTakeFirst() : undefined,
    coauthorsOf(ctx.db, id),
    proposalFiles(ctx.db, id),
    sideCounts(ctx.db, id),
    answersOf(ctx.db, id),
    myRelation(ctx, id),
    forumSettings(ctx.db),
    proposal.merged_into_id ? ctx.db.selectFrom('forum_proposals').select(['id', 'title']).where('id', '=', proposal.merged_into_id).executeTakeFirst() : undefined,
    ctx.db.selectFrom('forum_proposals').select(['id', 'title']).where('merged_into_id', '=', id).orderBy('id').execute(),
    myAppeals(ctx, id),
    ...SIDES.map((side) => pointsOfSide(ctx.db, id, side, undefined, POINTS_ON_PAGE)),
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

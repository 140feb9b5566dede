import { sql } from 'kysely';
import { countRows } from '../../db/count.ts';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { queryTemplate } from '../../db/query-template.ts';
import { requireUser } from '../../shared/actors.ts';
import { audit } from '../../shared/audit.ts';
import { businessCalendar } from '../../shared/business-calendar.ts';
import { type Ctx, type Db, type SignedInUser, sharedWork } from '../../shared/context.ts';
import { ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '../../shared/errors.ts';
import { parseInput } from '../../shared/forms.ts';
import type { MessageKey } from '../../shared/i18n/index.ts';
import { searchDocument } from '../../shared/korean-search.ts';
import { takeOrRefuse } from '../../shared/rate-limit.ts';
import { createOnce } from '../../shared/unique.ts';
import { operatorRecipients } from '../accounts/index.ts';
import { attachmentsOf, readAttachment, storeAttachment } from '../demands/index.ts';
import { notify } from '../notifications/index.ts';
import { isPublicSector, orgNameKey } from '../orgs/index.ts';
import { can, type ProposalAction, type ProposalFacts } from './forum.policy.ts';
import { CoauthorInput, ProposalInput, ReasonInput } from './forum.schemas.ts';
import { checkDue, publicationWindows, stageAt } from './stages.ts';
import { forumSettings } from './settings.service.ts';

/** A proposal's words for search and for finding similar ones. */
export const proposalVector = (p: { title: string; problem: string; proposal: string }) => sql<string>`to_tsvector('simple', ${searchDocument(p.title, p.title, p.problem, p.proposal)})`;

/** Links a text may carry: more is what spam looks like. */
const MAX_LINKS = 5;
const LINK = /https?:\/\//gi;

export function linkCount(...texts: string[]): number {
  return texts.reduce((n, text) => n + (text.match(LINK)?.length ?? 0), 0);
}

/**
 * Posting in the forum needs an account whose e-mail address was confirmed (so one person is one
 * voice and a notice reaches them); the actor, or 403 saying what to do.
 */
export async function requirePoster(ctx: Ctx, db: Db): Promise<SignedInUser> {
  const actor = requireUser(ctx.actor);
  const user = await db.selectFrom('users').select('email_verified_at').where('id', '=', actor.id).executeTakeFirst();
  if (!user?.email_verified_at) throw new ForbiddenError('forum.verifyEmailFirst');
  return actor;
}

/** Why someone who sees a proposal may not do this with it. */
const REFUSALS: Partial<Record<ProposalAction, MessageKey>> = {
  'proposal.edit': 'forum.refusedEdit',
  'proposal.submit': 'forum.refusedEdit',
  'proposal.withdraw': 'forum.refusedWithdraw',
  'proposal.summarise': 'forum.refusedSummary',
  'proposal.answer': 'forum.refusedAnswer',
  'proposal.complete': 'forum.refusedAnswer',
};

/** The proposal with its co-authors, invited or accepted (the reader's own standing is looked up among them). */
const proposalWithCoauthors = queryTemplate((db, id: number) =>
  db
    .selectFrom('forum_proposals')
    .selectAll('forum_proposals')
    .select((eb) =>
      jsonArrayFrom(
        eb
          .selectFrom('forum_coauthors')
          .select(['forum_coauthors.user_id', sql<'accepted' | 'invited'>`CASE WHEN accepted_at IS NULL THEN 'invited' ELSE 'accepted' END`.as('state')])
          .whereRef('forum_coauthors.proposal_id', '=', 'forum_proposals.id'),
      ).as('coauthorships'),
    )
    .where('id', '=', id),
);

/**
 * The proposal (locked inside a transaction) as this actor may see it, 404 otherwise; with `action`,
 * allowed that too (403 with the reason, or 404 for operator-only actions).
 */
export async function loadProposal(ctx: Ctx, db: Db, id: number, action?: ProposalAction) {
  // Locked first inside a transaction, so the co-authorship is read after the wait (see `loadTask`).
  if (db.isTransaction) await db.selectFrom('forum_proposals').select('id').where('id', '=', id).forUpdate().execute();
  return allowedProposal(ctx, (await proposalWithCoauthors(db, id))[0], action);
}

/**
 * `loadProposal` for reading its page: the proposal is the same for every reader, who is then let
 * see it or not, so it is read once for all of them for a moment (`sharedWork`).
 */
export async function viewProposal(ctx: Ctx, id: number) {
  return allowedProposal(ctx, (await sharedWork(ctx, `forum.record ${id}`, () => proposalWithCoauthors(ctx.db, id)))[0]);
}

function allowedProposal(ctx: Ctx, row: Awaited<ReturnType<typeof proposalWithCoauthors>>[number] | undefined, action?: ProposalAction) {
  if (!row) throw new NotFoundError();
  const { coauthorships, ...proposal } = row;
  const userId = ctx.actor.kind === 'user' ? ctx.actor.id : null;
  const coauthor = coauthorships.find((c) => c.user_id === userId)?.state ?? null;
  const stage = stageAt(proposal, ctx.now());
  const facts: ProposalFacts = {
    author_id: proposal.author_id,
    org_id: proposal.org_id,
    stage,
    published: proposal.published_at !== null,
    coauthor,
  };
  if (!can(ctx.actor, 'proposal.view', facts)) throw new NotFoundError();
  // Hidden by moderation: everyone but its authors and the operators sees only its tombstone.
  const actor = ctx.actor;
  const concealed = proposal.hidden_at !== null && !((actor.kind === 'user' && (actor.role === 'operator' || actor.id === proposal.author_id)) || facts.coauthor === 'accepted');
  // A visitor who may see it is asked to sign in for anything more.
  if (action && ctx.actor.kind !== 'user') throw new UnauthenticatedError();
  if (action && !can(ctx.actor, action, facts)) {
    if (action === 'proposal.check' || action === 'proposal.moderate') throw new NotFoundError();
    throw new ForbiddenError(REFUSALS[action] ?? 'forum.notNow');
  }
  return { proposal, facts, stage, concealed };
}

export type LoadedProposal = Awaited<ReturnType<typeof loadProposal>>;

/**
 * `loadProposal` for what only shows a proposal's own words or points (a side page, a point, a
 * report, the API): a proposal hidden from the actor is not found there, not shown as a tombstone.
 */
export async function readableProposal(ctx: Ctx, db: Db, id: number): Promise<LoadedProposal> {
  const loaded = await loadProposal(ctx, db, id);
  if (loaded.concealed) throw new NotFoundError();
  return loaded;
}

/** The checked fields of the proposal form, with the responsible body found by its registered name. */
async function readProposal(db: Db, raw: unknown) {
  const input = parseInput(ProposalInput, raw);
  const errors: Record<string, MessageKey> = {};
  const [org, category, region] = await Promise.all([
    db.selectFrom('orgs').select(['id', 'sector']).where('name_key', '=', orgNameKey(input.org)).where('status', '=', 'verified').executeTakeFirst(),
    db.selectFrom('forum_categories').select('id').where('id', '=', Number(input.category)).where('archived_at', 'is', null).executeTakeFirst(),
    input.region ? db.selectFrom('regions').select('code').where('code', '=', input.region).executeTakeFirst() : undefined,
  ]);
  if (!org || !isPublicSector(org.sector)) errors.org = 'forum.orgUnknown';
  if (!category) errors.category = 'field.choiceInvalid';
  if (input.region && !region) errors.region = 'field.choiceInvalid';
  if (linkCount(input.problem, input.proposal, input.effect) > MAX_LINKS) errors.proposal = 'forum.tooManyLinks';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return {
    title: input.title,
    problem: input.problem,
    proposal: input.proposal,
    effect: input.effect,
    org_id: org!.id,
    category_id: Number(input.category),
    region_code: input.region ?? null,
  };
}

/** At most five new proposals a person a day: enough for anyone with ideas, too few for a flood. */
const PROPOSALS_PER_DAY = 5;

/**
 * A citizen (or a member of an organisation) writes a proposal: kept as a draft, seen only by its
 * authors until submitted. Needs a confirmed e-mail address; a double click makes one draft.
 */
export async function createProposal(ctx: Ctx, raw: unknown): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const actor = await requirePoster(ctx, trx);
    const fields = await readProposal(trx, raw);
    return createOnce(ctx, trx, async () => {
      await takeOrRefuse(trx, { bucket: `forum.proposal:${actor.id}`, limit: PROPOSALS_PER_DAY, windowSeconds: 24 * 3600 }, ctx.now());
      const { id } = await trx
        .insertInto('forum_proposals')
        .values({
          ...fields,
          author_id: actor.id,
          search_vector: proposalVector(fields),
          submitted_at: null,
          check_due_at: null,
          return_reason: null,
          published_at: null,
          discussion_ends_at: null,
          support_ends_at: null,
          support_needed: null,
          reached_at: null,
          answer_due_at: null,
          answered_at: null,
          overdue_noticed_at: null,
          summary: null,
          summary_by: null,
          summary_at: null,
          summary_sent_at: null,
          completed_at: null,
          result: null,
          closed_at: null,
          merged_into_id: null,
          hidden_at: null,
          hidden_reason: null,
          created_at: ctx.now(),
          updated_at: ctx.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('forum_follows').values({ proposal_id: id, user_id: actor.id }).execute();
      await audit(ctx, trx, 'forum.create', { type: 'proposal', id });
      return id;
    });
  });
}

/** Its authors change a draft, or a proposal the check returned. */
export async function updateProposal(ctx: Ctx, id: number, raw: unknown): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await loadProposal(ctx, trx, id, 'proposal.edit');
    const fields = await readProposal(trx, raw);
    await trx
      .updateTable('forum_proposals')
      .set({ ...fields, search_vector: proposalVector(fields), updated_at: ctx.now() })
      .where('id', '=', id)
      .execute();
  });
}

/** The author sends the proposal to 사전 검토; the operators are told, with the check's due time. */
export async function submitProposal(ctx: Ctx, id: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const { proposal } = await loadProposal(ctx, trx, id, 'proposal.submit');
    const due = checkDue(ctx.now(), await forumSettings(trx), await businessCalendar(trx));
    await trx
      .updateTable('forum_proposals')
      .set({ status: 'checking', submitted_at: proposal.submitted_at ?? ctx.now(), check_due_at: due, updated_at: ctx.now() })
      .where('id', '=', id)
      .execute();
    await notify(trx, ctx, await operatorRecipients(trx), { kind: 'notice.forumSubmitted', params: { title: proposal.title }, link: `/forum/${id}` });
    await audit(ctx, trx, 'forum.submit', { type: 'proposal', id });
  });
}

/** The authors: who wrote it and the co-authors who accepted. */
export async function authorRecipients(db: Db, proposal: { id: number; author_id: number | null }) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'locale'])
    .where('deleted_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('id', '=', proposal.author_id ?? 0),
        eb('id', 'in', eb.selectFrom('forum_coauthors').select('user_id').where('proposal_id', '=', proposal.id).where('accepted_at', 'is not', null)),
      ]),
    )
    .execute();
}

/**
 * 사전 검토 passed: the proposal is public, with its windows fixed from the settings of today (a
 * later change of settings does not move them). Operators only.
 */
export async function publishProposal(ctx: Ctx, id: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const { proposal } = await loadProposal(ctx, trx, id, 'proposal.check');
    const windows = publicationWindows(ctx.now(), await forumSettings(trx));
    await trx
      .updateTable('forum_proposals')
      .set({ ...windows, status: windows.discussion_ends_at > ctx.now() ? 'discussion' : 'support', return_reason: null, updated_at: ctx.now() })
      .where('id', '=', id)
      .execute();
    await notify(trx, ctx, await authorRecipients(trx, proposal), { kind: 'notice.forumPublished', params: { title: proposal.title }, link: `/forum/${id}` });
    await audit(ctx, trx, 'forum.publish', { type: 'proposal', id });
  });
}

/** 사전 검토 returns the proposal to its authors with the reason (personal data, abuse, not a proposal…). */
export async function returnProposal(ctx: Ctx, id: number, raw: unknown): Promise<void> {
  const input = parseInput(ReasonInput, raw);
  await ctx.db.transaction().execute(async (trx) => {
    const { proposal } = await loadProposal(ctx, trx, id, 'proposal.check');
    await trx.updateTable('forum_proposals').set({ status: 'returned', return_reason: input.reason, updated_at: ctx.now() }).where('id', '=', id).execute();
    await notify(trx, ctx, await authorRecipients(trx, proposal), { kind: 'notice.forumReturned', params: { title: proposal.title }, link: `/forum/${id}` });
    await audit(ctx, trx, 'forum.return', { type: 'proposal', id }, { reason: input.reason });
  });
}

/** The author withdraws the proposal before the supports came; its supports and points stay visible. */
export async function withdrawProposal(ctx: Ctx, id: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await loadProposal(ctx, trx, id, 'proposal.withdraw');
    await trx.updateTable('forum_proposals').set({ status: 'withdrawn', closed_at: ctx.now(), updated_at: ctx.now() }).where('id', '=', id).execute();
    await audit(ctx, trx, 'forum.withdraw', { type: 'proposal', id });
  });
}

/** The author invites a co-author by the e-mail of their account; they are named once they accept. */
export async function inviteCoauthor(ctx: Ctx, id: number, raw: unknown): Promise<void> {
  const input = parseInput(CoauthorInput, raw);
  await ctx.db.transaction().execute(async (trx) => {
    const { proposal, facts } = await loadProposal(ctx, trx, id, 'proposal.edit');
    if (ctx.actor.kind !== 'user' || facts.author_id !== ctx.actor.id) throw new ForbiddenError('forum.refusedEdit');
    const user = await trx
      .selectFrom('users')
      .select(['id', 'email', 'locale'])
      .where(sql`lower(email)`, '=', input.email.toLowerCase())
      .where('deleted_at', 'is', null)
      .where('email_verified_at', 'is not', null)
      .executeTakeFirst();
    if (!user) throw new ValidationError({ email: 'forum.coauthorUnknown' });
    if (user.id === ctx.actor.id) throw new ValidationError({ email: 'forum.coauthorSelf' });
    if ((await countRows(trx.selectFrom('forum_coauthors').where('proposal_id', '=', id))) >= 5) throw new ValidationError({ email: 'forum.coauthorsFull' });
    const added = await trx.insertInto('forum_coauthors').values({ proposal_id: id, user_id: user.id, accepted_at: null, invited_at: ctx.now() }).onConflict((oc) => oc.doNothing()).returning('user_id').executeTakeFirst();
    if (!added) return;
    await notify(trx, ctx, [user], { kind: 'notice.forumCoauthorInvited', params: { title: proposal.title }, link: `/forum/${id}` });
    await audit(ctx, trx, 'forum.coauthor.invite', { type: 'proposal', id }, { userId: user.id });
  });
}

/** An invited co-author accepts (and is named) or declines (and no longer sees a draft). */
export async function answerCoauthor(ctx: Ctx, id: number, accept: boolean): Promise<void> {
  const actor = requireUser(ctx.actor);
  await ctx.db.transaction().execute(async (trx) => {
    const { facts } = await loadProposal(ctx, trx, id);
    if (facts.coauthor !== 'invited') throw new ForbiddenError('forum.notInvited');
    const row = trx.updateTable('forum_coauthors').where('proposal_id', '=', id).where('user_id', '=', actor.id);
    if (accept) await row.set({ accepted_at: ctx.now() }).execute();
    else await trx.deleteFrom('forum_coauthors').where('proposal_id', '=', id).where('user_id', '=', actor.id).execute();
  });
}

/** The accepted co-authors' names, and (for the authors) who is still invited. */
export const coauthorsOf = queryTemplate((db, id: number) =>
  db
    .selectFrom('forum_coauthors')
    .innerJoin('users', 'users.id', 'forum_coauthors.user_id')
    .select(['users.id', 'users.name', 'forum_coauthors.accepted_at'])
    .where('forum_coauthors.proposal_id', '=', id)
    .orderBy('forum_coauthors.invited_at')
    // Invited in the same instant (a clock's tick): in a stable order all the same.
    .orderBy('forum_coauthors.user_id'),
);

/** Its authors attach a file to a draft (at most five: pictures, a data table, a drawing). */
export async function addProposalFile(ctx: Ctx, id: number, file: unknown): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await loadProposal(ctx, trx, id, 'proposal.edit');
    await storeAttachment(ctx, trx, 'proposal', id, file, 'file');
  });
}

export async function proposalFiles(db: Db, id: number) {
  return attachmentsOf(db, 'proposal', id);
}

export async function downloadProposalFile(ctx: Ctx, id: number, fileId: number) {
  await loadProposal(ctx, ctx.db, id);
  return readAttachment(ctx, 'proposal', id, fileId);
}

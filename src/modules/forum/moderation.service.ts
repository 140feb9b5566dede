/**
 * Moderation: anyone signed in reports a proposal or a point (each person once per subject); the
 * reports wait in a queue with a target time in working hours; an operator hides the subject with a
 * public reason (a tombstone stays in its place) or dismisses the reports; the author may appeal a
 * hiding once at a time, and an operator restores or keeps it. Every step is in the audit log, which
 * the operators' page shows as the moderation log.
 */
import { countRows } from '../../db/count.ts';
import { sql } from 'kysely';
import { queueHead, toPage } from '../../db/pagination.ts';
import { requireOperator, requireUser } from '../../shared/actors.ts';
import { audit } from '../../shared/audit.ts';
import { businessCalendar } from '../../shared/business-calendar.ts';
import { addBusinessHours } from '../../shared/business-time.ts';
import type { Ctx, Db } from '../../shared/context.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors.ts';
import { parseInput } from '../../shared/forms.ts';
import { takeOrRefuse } from '../../shared/rate-limit.ts';
import { underUniqueRules } from '../../shared/unique.ts';
import { operatorRecipients } from '../accounts/index.ts';
import { notify } from '../notifications/index.ts';
import { AppealInput, ReasonInput, ReportInput } from './forum.schemas.ts';
import { authorRecipients, readableProposal } from './proposals.service.ts';
import { forumSettings } from './settings.service.ts';

/** What is reported, hidden or appealed: a proposal, or one of its points. */
export interface Subject {
  proposalId: number;
  pointId: number | null;
}

/** The subject as the actor may see it (404 otherwise): its author and whether it is hidden. */
async function loadSubject(ctx: Ctx, db: Db, subject: Subject) {
  const { proposal } = await readableProposal(ctx, db, subject.proposalId);
  if (subject.pointId === null) return { proposal, authorIds: [proposal.author_id], hidden: proposal.hidden_at !== null, title: proposal.title };
  const point = await db.selectFrom('forum_points').select(['author_id', 'hidden_at']).where('id', '=', subject.pointId).where('proposal_id', '=', subject.proposalId).executeTakeFirst();
  if (!point) throw new NotFoundError();
  return { proposal, authorIds: [point.author_id], hidden: point.hidden_at !== null, title: proposal.title };
}

const ofSubject = (subject: Subject) => (subject.pointId === null ? sql<boolean>`point_id IS NULL` : sql<boolean>`point_id = ${subject.pointId}`);

/** Reports one person may make in a day. */
const REPORTS_PER_DAY = 20;

/**
 * Reports a public proposal or point: a reason and an optional detail. A second report by the same
 * person on the same subject changes nothing. The operators hear of the first open report of a subject.
 */
export async function reportContent(ctx: Ctx, subject: Subject, raw: unknown): Promise<void> {
  const actor = requireUser(ctx.actor);
  const input = parseInput(ReportInput, raw);
  await underUniqueRules({ forum_reports_once: () => new ValidationError({ reason: 'forum.reportedAlready' }) }, () =>
    ctx.db.transaction().execute(async (trx) => {
      const { proposal, hidden, title, authorIds } = await loadSubject(ctx, trx, subject);
      if (!proposal.published_at || hidden || proposal.hidden_at) throw new NotFoundError();
      if (authorIds.includes(actor.id)) throw new ForbiddenError('forum.reportOwn');
      const mine = await trx.selectFrom('forum_reports').select('id').where('proposal_id', '=', subject.proposalId).where(ofSubject(subject)).where('reporter_id', '=', actor.id).executeTakeFirst();
      if (mine) return;
      await takeOrRefuse(trx, { bucket: `forum.report:${actor.id}`, limit: REPORTS_PER_DAY, windowSeconds: 24 * 3600 }, ctx.now());
      const open = await trx.selectFrom('forum_reports').select('id').where('proposal_id', '=', subject.proposalId).where(ofSubject(subject)).where('status', '=', 'open').executeTakeFirst();
      const due = addBusinessHours(ctx.now(), (await forumSettings(trx)).report_hours, await businessCalendar(trx));
      await trx
        .insertInto('forum_reports')
        .values({ proposal_id: subject.proposalId, point_id: subject.pointId, reporter_id: actor.id, reason: input.reason, detail: input.detail ?? '', due_at: due, decided_by: null, decided_at: null, created_at: ctx.now() })
        .execute();
      if (!open) await notify(trx, ctx, await operatorRecipients(trx), { kind: 'notice.forumReported', params: { title }, link: '/admin/forum#reports-h' });
      await audit(ctx, trx, 'forum.report', { type: subject.pointId ? 'forum_point' : 'proposal', id: subject.pointId ?? subject.proposalId }, { reason: input.reason });
    }),
  );
}

async function setHidden(ctx: Ctx, db: Db, subject: Subject, reason: string | null) {
  const values = { hidden_at: reason === null ? null : ctx.now(), hidden_reason: reason };
  if (subject.pointId === null) await db.updateTable('forum_proposals').set(values).where('id', '=', subject.proposalId).execute();
  else await db.updateTable('forum_points').set(values).where('id', '=', subject.pointId).execute();
}

/** Who wrote the subject: a point's author, or a proposal's authors. */
async function subjectAuthors(db: Db, subject: Subject, proposal: { id: number; author_id: number | null }, authorIds: (number | null)[]) {
  if (subject.pointId === null) return authorRecipients(db, proposal);
  return db.selectFrom('users').select(['id', 'email', 'locale']).where('id', 'in', authorIds.filter((id): id is number => id !== null).concat(0)).where('deleted_at', 'is', null).execute();
}

/**
 * An operator hides a proposal or point with a public reason: a tombstone with the reason takes its
 * place, its open reports are upheld, its author is told and may appeal.
 */
export async function hideContent(ctx: Ctx, subject: Subject, raw: unknown): Promise<void> {
  requireOperator(ctx);
  const input = parseInput(ReasonInput, raw);
  await ctx.db.transaction().execute(async (trx) => {
    const { proposal, authorIds, hidden, title } = await loadSubject(ctx, trx, subject);
    if (hidden) return;
    await setHidden(ctx, trx, subject, input.reason);
    await trx.updateTable('forum_reports').set({ status: 'upheld', decided_by: ctx.actor.kind === 'user' ? ctx.actor.id : null, decided_at: ctx.now() }).where('proposal_id', '=', subject.proposalId).where(ofSubject(subject)).where('status', '=', 'open').execute();
    await notify(trx, ctx, await subjectAuthors(trx, subject, proposal, authorIds), { kind: 'notice.forumHidden', params: { title }, link: `/forum/${subject.proposalId}` });
    await audit(ctx, trx, 'forum.hide', { type: subject.pointId ? 'forum_point' : 'proposal', id: subject.pointId ?? subject.proposalId }, { reason: input.reason });
  });
}

/** An operator finds nothing wrong: the subject's open reports are dismissed. */
export async function dismissReports(ctx: Ctx, subject: Subject): Promise<void> {
  const operator = requireOperator(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    await loadSubject(ctx, trx, subject);
    const done = await trx.updateTable('forum_reports').set({ status: 'dismissed', decided_by: operator.id, decided_at: ctx.now() }).where('proposal_id', '=', subject.proposalId).where(ofSubject(subject)).where('status', '=', 'open').executeTakeFirst();
    if (!done.numUpdatedRows) throw new NotFoundError();
    await audit(ctx, trx, 'forum.dismiss', { type: subject.pointId ? 'forum_point' : 'proposal', id: subject.pointId ?? subject.proposalId });
  });
}

/** The author of a hidden proposal or point asks for it back, once at a time; the operators hear of it. */
export async function appealHiding(ctx: Ctx, subject: Subject, raw: unknown): Promise<void> {
  const actor = requireUser(ctx.actor);
  const input = parseInput(AppealInput, raw);
  await underUniqueRules({ forum_appeals_open: () => new ValidationError({ body: 'forum.appealOpen' }) }, () =>
    ctx.db.transaction().execute(async (trx) => {
      const { authorIds, hidden, title } = await loadSubject(ctx, trx, subject);
      if (!authorIds.includes(actor.id)) throw new ForbiddenError('forum.appealNotYours');
      if (!hidden) throw new ForbiddenError('forum.appealNotHidden');
      // One appeal per hiding: once an operator kept it hidden, that is the answer.
      const decided = await trx.selectFrom('forum_appeals').select('id').where('proposal_id', '=', subject.proposalId).where(ofSubject(subject)).where('status', '=', 'kept').executeTakeFirst();
      if (decided) throw new ValidationError({ body: 'forum.appealDecided' });
      await trx.insertInto('forum_appeals').values({ proposal_id: subject.proposalId, point_id: subject.pointId, author_id: actor.id, body: input.body, decided_by: null, decided_at: null, decision_note: null, created_at: ctx.now() }).execute();
      await notify(trx, ctx, await operatorRecipients(trx), { kind: 'notice.forumAppealed', params: { title }, link: '/admin/forum#appeals-h' });
      await audit(ctx, trx, 'forum.appeal', { type: subject.pointId ? 'forum_point' : 'proposal', id: subject.pointId ?? subject.proposalId });
    }),
  );
}

/** An operator decides an appeal: restore the subject, or keep it hidden with a note the author reads. */
export async function decideAppeal(ctx: Ctx, appealId: number, restore: boolean, raw: unknown): Promise<void> {
  const operator = requireOperator(ctx);
  const input = parseInput(ReasonInput, raw);
  await ctx.db.transaction().execute(async (trx) => {
    const appeal = await trx.selectFrom('forum_appeals').selectAll().where('id', '=', appealId).where('status', '=', 'open').forUpdate().executeTakeFirst();
    if (!appeal) throw new NotFoundError();
    const subject = { proposalId: appeal.proposal_id, pointId: appeal.point_id };
    const { proposal, authorIds, title } = await loadSubject(ctx, trx, subject);
    if (restore) await setHidden(ctx, trx, subject, null);
    await trx.updateTable('forum_appeals').set({ status: restore ? 'restored' : 'kept', decided_by: operator.id, decided_at: ctx.now(), decision_note: input.reason }).where('id', '=', appealId).execute();
    await notify(trx, ctx, await subjectAuthors(trx, subject, proposal, authorIds), { kind: restore ? 'notice.forumRestored' : 'notice.forumKeptHidden', params: { title }, link: `/forum/${subject.proposalId}` });
    await audit(ctx, trx, restore ? 'forum.restore' : 'forum.keepHidden', { type: subject.pointId ? 'forum_point' : 'proposal', id: subject.pointId ?? subject.proposalId }, { note: input.reason });
  });
}

/** Reports (per subject) and appeals shown at once: the operators work them from the top, as they fall due. */
const MODERATION_SHOWN = 100;
/** The latest moderation actions on the forum's page; the earlier ones are read in the audit log. */
export const MODERATION_LOG_SHOWN = 50;

/**
 * The operators' queue: open reports per subject (oldest due first, with how many and why) and open
 * appeals, each with how many there are in all (`queueHead`). The log of what was done is `moderationLog`.
 */
export async function moderationPage(ctx: Ctx) {
  requireOperator(ctx);
  const openReports = ctx.db.selectFrom('forum_reports').where('forum_reports.status', '=', 'open');
  const openAppeals = ctx.db.selectFrom('forum_appeals').where('forum_appeals.status', '=', 'open');
  const [reports, appeals] = await Promise.all([
    openReports
      .innerJoin('forum_proposals', 'forum_proposals.id', 'forum_reports.proposal_id')
      .leftJoin('forum_points', 'forum_points.id', 'forum_reports.point_id')
      .select((eb) => [
        'forum_reports.proposal_id',
        'forum_reports.point_id',
        'forum_proposals.title',
        'forum_points.body as point_body',
        eb.fn.min('forum_reports.due_at').as('due_at'),
        eb.fn.countAll<number>().as('reports'),
        sql<string>`string_agg(DISTINCT forum_reports.reason, ',')`.as('reasons'),
      ])
      .groupBy(['forum_reports.proposal_id', 'forum_reports.point_id', 'forum_proposals.title', 'forum_points.body'])
      .orderBy('due_at')
      .orderBy('forum_reports.proposal_id')
      .orderBy(sql`forum_reports.point_id NULLS FIRST`)
      .limit(MODERATION_SHOWN + 1)
      .execute(),
    openAppeals
      .innerJoin('forum_proposals', 'forum_proposals.id', 'forum_appeals.proposal_id')
      .select(['forum_appeals.id', 'forum_appeals.proposal_id', 'forum_appeals.point_id', 'forum_appeals.body', 'forum_appeals.created_at', 'forum_proposals.title'])
      .orderBy('forum_appeals.id')
      .limit(MODERATION_SHOWN + 1)
      .execute(),
  ]);
  const subjects = sql<number>`count(DISTINCT (forum_reports.proposal_id, forum_reports.point_id))`;
  const [reportsHead, appealsHead] = await Promise.all([
    queueHead(reports, MODERATION_SHOWN, async () => (await openReports.select(subjects.as('n')).executeTakeFirstOrThrow()).n),
    queueHead(appeals, MODERATION_SHOWN, () => countRows(openAppeals)),
  ]);
  return { reports: reportsHead, appeals: appealsHead };
}

/**
 * The newest 50 moderation actions on the forum (hidden, dismissed, restored, kept hidden, merged,
 * returned), newest first; the rest are the audit log's, from just below the last entry shown (the
 * page's `nextCursor` is its `after`).
 */
export async function moderationLog(ctx: Ctx) {
  requireOperator(ctx);
  const log = await ctx.db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .select(['audit_log.id', 'audit_log.at', 'audit_log.action', 'audit_log.target_type', 'audit_log.target_id', 'audit_log.detail', 'users.name as actor'])
    .where('audit_log.action', 'in', ['forum.hide', 'forum.dismiss', 'forum.restore', 'forum.keepHidden', 'forum.merge', 'forum.return'])
    .orderBy('audit_log.id', 'desc')
    .limit(MODERATION_LOG_SHOWN + 1)
    .execute();
  return toPage(log, MODERATION_LOG_SHOWN, (entry) => [entry.id]);
}

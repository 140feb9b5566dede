import { sql } from 'kysely';
import { decodeCursor, olderThan, toPage } from '../../db/pagination.ts';
import { queryTemplate } from '../../db/query-template.ts';
import { audit } from '../../shared/audit.ts';
import { type Ctx, type Db, membershipOf, sharedWork } from '../../shared/context.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors.ts';
import { createOnce } from '../../shared/unique.ts';
import { parseInput } from '../../shared/forms.ts';
import type { MessageKey } from '../../shared/i18n/index.ts';
import { type RateRule, takeOrRefuse } from '../../shared/rate-limit.ts';
import { requireUser } from '../../shared/actors.ts';
import {
  adjustReplyCount,
  attachmentsOfMany,
  demandFor,
  readAttachment,
  recordDemandEvent,
  storeAttachment,
  transitionDemand,
  withdrawDemandsOfRejectedOrg,
} from '../demands/index.ts';
import { notify } from '../notifications/index.ts';
import { publishEvent } from '../webhooks/index.ts';
import { orgMemberRecipients, validCapabilities } from '../orgs/index.ts';
import { canOnReply, LIVE_STATUSES, REPLY_BLOCKED, type ReplyAction, replyBlocker } from './matches.policy.ts';
import { DeclineInput, MeetingInput, MessageInput, ReplyInput } from './matches.schemas.ts';

const postingRule = (userId: number): RateRule => ({ bucket: `reply-write:${userId}`, limit: 60, windowSeconds: 3600 });

/** Replies and messages share one window per person, against spam. */
async function guardPosting(ctx: Ctx, db: Db): Promise<void> {
  return takeOrRefuse(db, postingRule(requireUser(ctx.actor).id), ctx.now());
}

/**
 * A reply with what the rules need to know about it and its demand. Read inside a transaction, the
 * reply's row is locked until it commits: a withdrawal or decision sent twice at once is decided once
 * (the second sees the first's status), and the demand's reply count moves once.
 */
export function findReply(db: Db, id: number) {
  return db
    .selectFrom('replies')
    .innerJoin('demands', 'demands.id', 'replies.demand_id')
    .innerJoin('orgs', 'orgs.id', 'replies.org_id')
    .innerJoin('orgs as demand_org', 'demand_org.id', 'demands.org_id')
    .select([
      'replies.id',
      'replies.demand_id',
      'replies.org_id',
      'replies.statement',
      'replies.private_note',
      'replies.status',
      'replies.decline_reason',
      'replies.hidden_at',
      'replies.hidden_reason',
      'replies.created_at',
      'replies.updated_at',
      'orgs.name as org_name',
      'orgs.sector as org_sector',
      'orgs.status as org_status',
      'demands.title as demand_title',
      'demands.org_id as demand_org_id',
      'demands.status as demand_status',
      'demand_org.name as demand_org_name',
    ])
    .where('replies.id', '=', id)
    .$if(db.isTransaction, (q) => q.forUpdate('replies'))
    .executeTakeFirst();
}

export type ReplyRecord = NonNullable<Awaited<ReturnType<typeof findReply>>>;

/** 404 unless the reply exists and the actor may do `action` with it. */
async function replyFor(ctx: Ctx, db: Db, id: number, action: ReplyAction): Promise<ReplyRecord> {
  const reply = await findReply(db, id);
  if (!reply || !canOnReply(ctx.actor, 'reply.viewThread', reply) || !canOnReply(ctx.actor, action, reply)) throw new NotFoundError();
  return reply;
}

function replyLink(replyId: number): string {
  return `/replies/${replyId}`;
}

async function writeCapabilities(db: Db, replyId: number, ids: number[]): Promise<void> {
  await db.deleteFrom('reply_capabilities').where('reply_id', '=', replyId).execute();
  if (ids.length) await db.insertInto('reply_capabilities').values(ids.map((capability_id) => ({ reply_id: replyId, capability_id }))).execute();
}

/** 협업 이음 참여 답글: one active reply per organisation and demand; never to one's own demand. */
export async function createReply(ctx: Ctx, demandId: number, raw: unknown): Promise<number> {
  const actor = requireUser(ctx.actor);
  const input = parseInput(ReplyInput, raw);
  const orgId = Number(input.org);
  return ctx.db.transaction().execute((trx) =>
    createOnce(ctx, trx, async () => {
      const demand = await demandFor(ctx, trx, demandId, 'demand.view');
      const blocker = replyBlocker(actor, demand);
      if (blocker) throw new ForbiddenError(REPLY_BLOCKED[blocker]);
      const errors: Record<string, MessageKey> = {};
      const membership = membershipOf(actor, orgId);
      if (!membership) errors.org = 'field.choiceInvalid';
      else if (orgId === demand.org_id) errors.org = 'reply.ownDemand';
      else if (membership.orgStatus !== 'verified') errors.org = 'reply.orgNotVerified';
      const capabilities = await validCapabilities(trx, input.capabilities);
      const existing = await trx
        .selectFrom('replies')
        .select('id')
        .where('demand_id', '=', demandId)
        .where('org_id', '=', orgId)
        .where('status', '!=', 'withdrawn')
        .executeTakeFirst();
      if (existing) errors.org = 'reply.already';
      if (Object.keys(errors).length) throw new ValidationError(errors);
      await guardPosting(ctx, trx);
      const { id } = await trx
        .insertInto('replies')
        .values({
          demand_id: demandId,
          org_id: orgId,
          author_id: actor.id,
          statement: input.statement,
          private_note: input.privateNote ?? '',
          decline_reason: null,
          hidden_at: null,
          hidden_reason: null,
          created_at: ctx.now(),
          updated_at: ctx.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeCapabilities(trx, id, capabilities);
      await adjustReplyCount(trx, demandId, 1);
      await recordDemandEvent(ctx, trx, { demandId, kind: 'reply', orgId, data: { replyId: id } });
      const orgName = (await trx.selectFrom('orgs').select('name').where('id', '=', orgId).executeTakeFirstOrThrow()).name;
      await notify(trx, ctx, await orgMemberRecipients(trx, [demand.org_id]), {
        kind: 'notice.newReply',
        params: { org: orgName, title: demand.title },
        link: replyLink(id),
      });
      await publishEvent(trx, ctx.now(), {
        event: 'reply.received',
        id: `reply.received:${id}`,
        orgIds: [demand.org_id],
        data: {
          demand: { id: demandId, title: demand.title, url: `${ctx.baseUrl}/demands/${demandId}` },
          reply: { id, url: `${ctx.baseUrl}${replyLink(id)}` },
          org: { id: orgId, name: orgName },
        },
      });
      return id;
    }),
  );
}

export async function updateReply(ctx: Ctx, id: number, raw: unknown): Promise<void> {
  const input = parseInput(ReplyInput, raw);
  await ctx.db.transaction().execute(async (trx) => {
    await replyFor(ctx, trx, id, 'reply.edit');
    const capabilities = await validCapabilities(trx, input.capabilities);
    await trx
      .updateTable('replies')
      .set({ statement: input.statement, private_note: input.privateNote ?? '', updated_at: ctx.now() })
      .where('id', '=', id)
      .execute();
    await writeCapabilities(trx, id, capabilities);
  });
}

export async function withdrawReply(ctx: Ctx, id: number): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const reply = await replyFor(ctx, trx, id, 'reply.withdraw');
    await trx.updateTable('replies').set({ status: 'withdrawn', updated_at: ctx.now() }).where('id', '=', id).execute();
    await adjustReplyCount(trx, reply.demand_id, -1);
    await recordDemandEvent(ctx, trx, { demandId: reply.demand_id, kind: 'reply.withdrawn', orgId: reply.org_id, data: { replyId: id } });
    return reply.demand_id;
  });
}

/**
 * Withdraws what a refused organisation has live, inside the caller's transaction, with notice: its
 * open and negotiating demands (to the organisations that replied) and its live replies (to the
 * demanding organisations). Run by the `org.rejected` job.
 */
export async function withdrawRejectedOrg(ctx: Pick<Ctx, 'actor' | 'now' | 'baseUrl'>, db: Db, orgId: number): Promise<void> {
  const org = await db.selectFrom('orgs').select('name').where('id', '=', orgId).executeTakeFirstOrThrow();
  for (const demand of await withdrawDemandsOfRejectedOrg(ctx, db, orgId)) {
    const repliers = await db.selectFrom('replies').select('org_id').where('demand_id', '=', demand.id).where('status', 'in', [...LIVE_STATUSES]).execute();
    await notify(db, ctx, await orgMemberRecipients(db, repliers.map((r) => r.org_id)), {
      kind: 'notice.demandWithdrawnOrgRejected',
      params: { org: org.name, title: demand.title },
      link: `/demands/${demand.id}`,
    });
  }
  const replies = await db
    .updateTable('replies')
    .set({ status: 'withdrawn', updated_at: ctx.now() })
    .where('org_id', '=', orgId)
    .where('status', 'in', [...LIVE_STATUSES])
    .returning(['id', 'demand_id'])
    .execute();
  for (const reply of replies) {
    await adjustReplyCount(db, reply.demand_id, -1);
    await recordDemandEvent(ctx, db, { demandId: reply.demand_id, kind: 'reply.withdrawn', orgId, data: { replyId: reply.id, reason: 'org-rejected' } });
    const demand = await db.selectFrom('demands').select(['org_id', 'title']).where('id', '=', reply.demand_id).executeTakeFirstOrThrow();
    await notify(db, ctx, await orgMemberRecipients(db, [demand.org_id]), {
      kind: 'notice.replyWithdrawnOrgRejected',
      params: { org: org.name, title: demand.title },
      link: replyLink(reply.id),
    });
  }
}

export type Decision = 'shortlist' | 'invite' | 'decline';

const DECISIONS: Record<Decision, { status: 'shortlisted' | 'invited' | 'declined'; notice: MessageKey }> = {
  shortlist: { status: 'shortlisted', notice: 'notice.shortlisted' },
  invite: { status: 'invited', notice: 'notice.invited' },
  decline: { status: 'declined', notice: 'notice.declined' },
};

/**
 * The demanding organisation shortlists a reply, invites it to conclude, or declines it with a
 * reason. Shortlisting or inviting opens negotiation (모집중 → 협의중).
 */
export async function decideReply(ctx: Ctx, id: number, decision: Decision, raw: unknown = {}): Promise<void> {
  const reason = decision === 'decline' ? parseInput(DeclineInput, raw).reason : null;
  await ctx.db.transaction().execute(async (trx) => {
    const reply = await replyFor(ctx, trx, id, 'reply.decide');
    const { status, notice } = DECISIONS[decision];
    await trx.updateTable('replies').set({ status, decline_reason: reason, updated_at: ctx.now() }).where('id', '=', id).execute();
    await recordDemandEvent(ctx, trx, { demandId: reply.demand_id, kind: `reply.${status}`, orgId: reply.org_id, data: { replyId: id } });
    if (decision !== 'decline') await transitionDemand(ctx, trx, reply.demand_id, ['open'], 'negotiating');
    await notify(trx, ctx, await orgMemberRecipients(trx, [reply.org_id]), {
      kind: notice,
      params: { org: reply.demand_org_name, title: reply.demand_title, reason: reason ?? '' },
      link: replyLink(id),
    });
  });
}

export async function setReplyHidden(ctx: Ctx, id: number, raw: unknown, hidden: boolean): Promise<number> {
  const reason = hidden ? parseInput(DeclineInput, raw).reason : null;
  return ctx.db.transaction().execute(async (trx) => {
    const reply = await replyFor(ctx, trx, id, 'reply.hide');
    await trx.updateTable('replies').set({ hidden_at: hidden ? ctx.now() : null, hidden_reason: reason }).where('id', '=', id).execute();
    await audit(ctx, trx, hidden ? 'reply.hide' : 'reply.unhide', { type: 'reply', id }, reason ? { reason } : {});
    return reply.demand_id;
  });
}

/** A reply's capabilities in their order, as one JSON column: a demand's replies come in one query. */
const capabilitiesColumn = sql<{ id: number; name: string; name_en: string }[]>`coalesce((
  SELECT json_agg(json_build_object('id', c.id, 'name', c.name, 'name_en', c.name_en) ORDER BY c.sort, c.id)
  FROM reply_capabilities rc JOIN capabilities c ON c.id = rc.capability_id WHERE rc.reply_id = replies.id), '[]'::json)`;

/** Replies shown on a demand's page at a time. */
const REPLIES_PAGE = 50;

/**
 * Replies of a demand but the withdrawn, oldest first, 50 at a time after `after` (a cursor of
 * creation time and id), with how many there are: the hidden ones only for those who may hide them
 * (operators). Read once for all readers of each kind for a moment (`sharedWork`).
 */
export async function repliesOfDemand(ctx: Ctx, demand: { id: number; org_id: number }, after?: string) {
  const cursor = decodeCursor(after, ['timestamp', 'id']);
  const withHidden = canOnReply(ctx.actor, 'reply.hide', { org_id: 0, status: 'active', demand_org_id: demand.org_id, demand_status: 'open' });
  // Those who may not see hidden replies share a list read without them, so no page or cursor of theirs holds one.
  const reading = sharedWork(ctx, `matches.replies ${demand.id} ${withHidden} ${cursor?.join(' ') ?? ''}`, async () => {
    // The page nearly everyone reads, as a template; the others are built as asked.
    const rows = cursor || withHidden ? await repliesQuery(ctx.db, demand.id, cursor, withHidden).execute() : await firstShownReplies(ctx.db, demand.id);
    return toPage(rows, REPLIES_PAGE, (r) => [r.created_at.toISOString(), r.id]);
  });
  // The same on every page of a long list: counted once for all its pages, beside a later page.
  const counting = () => sharedWork(ctx, `matches.replyCounts ${demand.id}`, () => replyCounts(ctx.db, demand.id));
  const [page, early] = await Promise.all([reading, cursor ? counting() : undefined]);
  // A first page that holds them all counts them; a longer one waits for the count.
  if (!cursor && !page.nextCursor) return { ...page, count: page.items.length };
  const counts = early ?? (await counting());
  return { ...page, count: withHidden ? counts.all : counts.shown };
}

function repliesQuery(db: Db, demandId: number, cursor: (string | number)[] | null, withHidden: boolean) {
  return db
    .selectFrom('replies')
    .innerJoin('orgs', 'orgs.id', 'replies.org_id')
    .select([
      'replies.id',
      'replies.org_id',
      'replies.statement',
      'replies.status',
      'replies.hidden_at',
      'replies.created_at',
      'orgs.name as org_name',
      'orgs.sector as org_sector',
      'orgs.status as org_status',
      capabilitiesColumn.as('capabilities'),
    ])
    .where('replies.demand_id', '=', demandId)
    .where('replies.status', '!=', 'withdrawn')
    .$if(!withHidden, (q) => q.where('replies.hidden_at', 'is', null))
    .$if(cursor !== null, (q) => q.where(sql<boolean>`(replies.created_at, replies.id) > (${new Date(cursor![0]!)}, ${cursor![1]})`))
    .orderBy('replies.created_at')
    .orderBy('replies.id')
    .limit(REPLIES_PAGE + 1);
}

const firstShownReplies = queryTemplate((db, demandId: number) => repliesQuery(db, demandId, null, false));

/** A demand's replies but the withdrawn: all of them, and those not hidden. */
async function replyCounts(db: Db, demandId: number) {
  const row = await db
    .selectFrom('replies')
    .select((eb) => [eb.fn.countAll<number>().as('all'), eb.fn.countAll<number>().filterWhere('hidden_at', 'is', null).as('shown')])
    .where('demand_id', '=', demandId)
    .where('status', '!=', 'withdrawn')
    .executeTakeFirstOrThrow();
  return { all: Number(row.all), shown: Number(row.shown) };
}

export type PublicReply = Awaited<ReturnType<typeof repliesOfDemand>>['items'][number];

/** One reply's capabilities in their order (its thread, its edit form). */
async function capabilitiesOfReply(db: Db, replyId: number) {
  const row = await db.selectFrom('replies').select(capabilitiesColumn.as('capabilities')).where('id', '=', replyId).executeTakeFirst();
  return row?.capabilities ?? [];
}

/** Messages of a thread shown at a time. */
const THREAD_PAGE = 100;

/**
 * The negotiation thread: reply, private note, meeting records, and its newest 100 messages (or the
 * 100 before `before`, a cursor of the oldest shown), oldest first, with their files; `earlier` is the
 * cursor of the messages before them, or null.
 */
export async function getThread(ctx: Ctx, id: number, before?: string) {
  const reply = await replyFor(ctx, ctx.db, id, 'reply.viewThread');
  const cursor = decodeCursor(before, ['id']);
  const [rows, meetings, capabilities] = await Promise.all([
    ctx.db
      .selectFrom('thread_messages')
      .innerJoin('orgs', 'orgs.id', 'thread_messages.org_id')
      .leftJoin('users', 'users.id', 'thread_messages.author_id')
      .select(['thread_messages.id', 'thread_messages.body', 'thread_messages.created_at', 'orgs.name as org_name', 'users.name as author_name'])
      .where('thread_messages.reply_id', '=', id)
      .$if(cursor !== null, (q) => q.where('thread_messages.id', '<', cursor![0] as number))
      .orderBy('thread_messages.id', 'desc')
      .limit(THREAD_PAGE + 1)
      .execute(),
    ctx.db.selectFrom('meetings').selectAll().where('reply_id', '=', id).orderBy('held_on').orderBy('id').execute(),
    capabilitiesOfReply(ctx.db, id),
  ]);
  const { items, nextCursor } = toPage(rows, THREAD_PAGE, (m) => [m.id]);
  const messages = items.reverse();
  const files = await attachmentsOfMany(
    ctx.db,
    'message',
    messages.map((m) => m.id),
  );
  return {
    reply,
    capabilities,
    messages: messages.map((m) => ({ ...m, files: files.filter((f) => f.owner_id === m.id) })),
    earlier: nextCursor,
    meetings,
  };
}

export type Thread = Awaited<ReturnType<typeof getThread>>;

/** The side the actor speaks for in this thread. */
function speakingOrg(ctx: Ctx, reply: ReplyRecord): { orgId: number; otherOrgId: number } {
  const actor = requireUser(ctx.actor);
  return actor.memberships.some((m) => m.orgId === reply.demand_org_id)
    ? { orgId: reply.demand_org_id, otherOrgId: reply.org_id }
    : { orgId: reply.org_id, otherOrgId: reply.demand_org_id };
}

export async function postMessage(ctx: Ctx, id: number, raw: unknown): Promise<number> {
  const input = parseInput(MessageInput, raw);
  const file = (raw as Record<string, unknown> | undefined)?.file;
  return ctx.db.transaction().execute((trx) =>
    createOnce(ctx, trx, async () => {
      const reply = await replyFor(ctx, trx, id, 'reply.post');
      await guardPosting(ctx, trx);
      const { orgId, otherOrgId } = speakingOrg(ctx, reply);
      const message = await trx
        .insertInto('thread_messages')
        .values({ reply_id: id, org_id: orgId, author_id: requireUser(ctx.actor).id, body: input.body, created_at: ctx.now() })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (file) await storeAttachment(ctx, trx, 'message', message.id, file, 'file');
      const from = orgId === reply.org_id ? reply.org_name : reply.demand_org_name;
      await notify(trx, ctx, await orgMemberRecipients(trx, [otherOrgId]), {
        kind: 'notice.newMessage',
        params: { org: from, title: reply.demand_title },
        link: `${replyLink(id)}#m${message.id}`,
      });
      return message.id;
    }),
  );
}

export async function recordMeeting(ctx: Ctx, id: number, raw: unknown): Promise<number> {
  const input = parseInput(MeetingInput, raw);
  return ctx.db.transaction().execute((trx) =>
    createOnce(ctx, trx, async () => {
      const reply = await replyFor(ctx, trx, id, 'reply.post');
      const meeting = await trx
        .insertInto('meetings')
        .values({
          reply_id: id,
          held_on: input.heldOn,
          mode: input.mode,
          attendees: input.attendees,
          notes: input.notes,
          recorded_by: requireUser(ctx.actor).id,
          created_at: ctx.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordDemandEvent(ctx, trx, { demandId: reply.demand_id, kind: 'meeting', orgId: reply.org_id, data: { replyId: id, heldOn: input.heldOn } });
      const { otherOrgId } = speakingOrg(ctx, reply);
      await notify(trx, ctx, await orgMemberRecipients(trx, [otherOrgId]), {
        kind: 'notice.meetingRecorded',
        params: { title: reply.demand_title, date: input.heldOn },
        link: replyLink(id),
      });
      return meeting.id;
    }),
  );
}

export async function downloadMessageFile(ctx: Ctx, replyId: number, fileId: number) {
  await replyFor(ctx, ctx.db, replyId, 'reply.viewThread');
  const owner = await ctx.db
    .selectFrom('attachments')
    .innerJoin('thread_messages', 'thread_messages.id', 'attachments.owner_id')
    .select('attachments.owner_id')
    .where('attachments.id', '=', fileId)
    .where('attachments.owner_type', '=', 'message')
    .where('thread_messages.reply_id', '=', replyId)
    .executeTakeFirst();
  if (!owner) throw new NotFoundError();
  return readAttachment(ctx, 'message', owner.owner_id, fileId);
}

/** The form's values when the replier edits. */
export async function getReplyForEdit(ctx: Ctx, id: number) {
  const reply = await replyFor(ctx, ctx.db, id, 'reply.edit');
  const capabilities = await capabilitiesOfReply(ctx.db, id);
  return {
    reply,
    values: { org: String(reply.org_id), statement: reply.statement, privateNote: reply.private_note, capabilities: capabilities.map((c) => String(c.id)) },
  };
}

const PARTICIPATION_PAGE = 20;

/**
 * 우리 기관의 참여: the replies of the actor's organisations, newest first, with the demand, its
 * organisation, where the negotiation stands and its last message. Keyset pages (`after`: the last
 * row's creation time and id); 401 for a visitor.
 */
export async function ourParticipation(ctx: Ctx, after: string | undefined) {
  const actor = requireUser(ctx.actor);
  const orgIds = actor.memberships.map((m) => m.orgId);
  if (!orgIds.length) return { after, page: toPage([], PARTICIPATION_PAGE, () => []) };
  let query = ctx.db
    .selectFrom('replies')
    .innerJoin('demands', 'demands.id', 'replies.demand_id')
    .innerJoin('orgs as demand_org', 'demand_org.id', 'demands.org_id')
    .innerJoin('orgs', 'orgs.id', 'replies.org_id')
    .select([
      'replies.id',
      'replies.status',
      'replies.created_at',
      'replies.demand_id',
      'demands.title as demand_title',
      'demands.status as demand_status',
      'demands.deadline',
      'demand_org.name as demand_org_name',
      'orgs.name as org_name',
    ])
    .select((eb) => eb.selectFrom('thread_messages').select((e) => e.fn.max('created_at').as('at')).whereRef('thread_messages.reply_id', '=', 'replies.id').as('last_message_at'))
    .where('replies.org_id', 'in', orgIds);
  const cursor = decodeCursor(after, ['timestamp', 'id']);
  if (cursor) query = query.where(olderThan('replies.created_at', 'replies.id', cursor));
  const rows = await query.orderBy('replies.created_at', 'desc').orderBy('replies.id', 'desc').limit(PARTICIPATION_PAGE + 1).execute();
  return { after, page: toPage(rows, PARTICIPATION_PAGE, (r) => [r.created_at.toISOString(), r.id]) };
}

export type Participation = Awaited<ReturnType<typeof ourParticipation>>;

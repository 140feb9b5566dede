import { requireUser } from '../../shared/actors.ts';
import { audit } from '../../shared/audit.ts';
import { businessCalendar } from '../../shared/business-calendar.ts';
import { businessMinutesBetween } from '../../shared/business-time.ts';
import { newestById } from '../../db/pagination.ts';
import { type Ctx, type Db, isOperator, verifiedMembershipOf } from '../../shared/context.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors.ts';
import { parseInput } from '../../shared/forms.ts';
import type { MessageKey } from '../../shared/i18n/index.ts';
import { createOnce } from '../../shared/unique.ts';
import { attachmentsOf, readAttachment, storeAttachment } from '../demands/index.ts';
import { notify } from '../notifications/index.ts';
import { orgMemberRecipients } from '../orgs/index.ts';
import { afterPause, dueTimes } from './sla.ts';
import { can, type SosAction, type TicketFacts } from './sos.policy.ts';
import { AssignInput, DeskReplyInput, GuestInput, MessageInput, RatingInput, SolutionInput, TicketInput } from './sos.schemas.ts';
import { operatorRecipients } from '../accounts/index.ts';

/** The response targets, per category and urgency. */
export function listTargets(db: Db) {
  return db.selectFrom('sos_targets').selectAll().orderBy('category').orderBy('urgency').execute();
}

/** The desk: operators who answer (and, with `lead`, hear of breaches); every operator when none is set. */
export async function deskRecipients(db: Db, leadsOnly: boolean) {
  const desk = await db
    .selectFrom('sos_desk')
    .innerJoin('users', 'users.id', 'sos_desk.user_id')
    .select(['users.id', 'users.email', 'users.locale'])
    .where('users.deleted_at', 'is', null)
    .$if(leadsOnly, (q) => q.where('sos_desk.lead', '=', true))
    .execute();
  if (desk.length) return desk;
  return operatorRecipients(db);
}

/** Why someone who sees a request may not do this on it, and who does. */
const REFUSALS: Partial<Record<SosAction, MessageKey>> = {
  'sos.reply': 'sos.refusedReply',
  'sos.guestReply': 'sos.refusedGuest',
  'sos.close': 'sos.refusedClose',
};

/** The ticket, locked inside a transaction, as this actor may see it (404 otherwise); with `action`, allowed that too (403). */
export async function loadTicket(ctx: Ctx, db: Db, id: number, action?: SosAction) {
  const ticket = await db
    .selectFrom('sos_tickets')
    .selectAll()
    .where('id', '=', id)
    .$if(db.isTransaction, (q) => q.forUpdate())
    .executeTakeFirst();
  if (!ticket) throw new NotFoundError();
  const userId = ctx.actor.kind === 'user' ? ctx.actor.id : 0;
  const [guest, seat] = await Promise.all([
    db.selectFrom('sos_guests').select('user_id').where('ticket_id', '=', id).where('user_id', '=', userId).executeTakeFirst(),
    ticket.task_id ? db.selectFrom('tf_members').select('user_id').where('task_id', '=', ticket.task_id).where('user_id', '=', userId).executeTakeFirst() : undefined,
  ]);
  const facts: TicketFacts = { requester_id: ticket.requester_id, org_id: ticket.org_id, status: ticket.status, guest: Boolean(guest), tfSeat: Boolean(seat) };
  if (!can(ctx.actor, 'sos.view', facts)) throw new NotFoundError();
  if (action && !can(ctx.actor, action, facts)) {
    if (action === 'sos.desk') throw new NotFoundError();
    throw new ForbiddenError(ticket.status === 'closed' ? 'sos.closedAlready' : (REFUSALS[action] ?? 'sos.notAllowed'));
  }
  return { ticket, facts };
}

type LoadedTicket = Awaited<ReturnType<typeof loadTicket>>;

/** Who hears of the requester's side of a ticket: the requester and their organisation's members. */
async function requesterSide(db: Db, ticket: { org_id: number; requester_id: number | null }) {
  return orgMemberRecipients(db, [ticket.org_id]);
}

async function addMessage(ctx: Ctx, db: Db, ticketId: number, kind: 'answer' | 'note' | 'info_request' | 'solution' | 'requester' | 'guest', body: string) {
  const { id } = await db
    .insertInto('sos_messages')
    .values({ ticket_id: ticketId, author_id: ctx.actor.kind === 'user' ? ctx.actor.id : null, kind, body, created_at: ctx.now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.updateTable('sos_tickets').set({ updated_at: ctx.now() }).where('id', '=', ticketId).execute();
  return id;
}

/**
 * A member of a verified organisation asks for help: category, urgency, what is wrong, optionally the
 * collaboration task it concerns (one its organisation takes part in). The due times of a first
 * answer and a solution are fixed at once from the targets, in Korean business time, and the desk is told.
 */
export async function openTicket(ctx: Ctx, raw: unknown): Promise<number> {
  const actor = requireUser(ctx.actor);
  const input = parseInput(TicketInput, raw);
  const orgId = Number(input.org);
  const errors: Record<string, MessageKey> = {};
  if (!verifiedMembershipOf(actor, orgId)) errors.org = 'sos.orgNotVerified';
  return ctx.db.transaction().execute(async (trx) => {
    if (input.task) {
      const taking = await trx.selectFrom('task_orgs').select('task_id').where('task_id', '=', Number(input.task)).where('org_id', '=', orgId).where('status', '=', 'accepted').executeTakeFirst();
      if (!taking) errors.task = 'field.choiceInvalid';
    }
    if (Object.keys(errors).length) throw new ValidationError(errors);
    return createOnce(ctx, trx, async () => {
      const target = await trx.selectFrom('sos_targets').selectAll().where('category', '=', input.category).where('urgency', '=', input.urgency).executeTakeFirstOrThrow();
      const due = dueTimes(ctx.now(), target, await businessCalendar(trx));
      const { id } = await trx
        .insertInto('sos_tickets')
        .values({
          requester_id: actor.id,
          org_id: orgId,
          task_id: input.task ? Number(input.task) : null,
          category: input.category,
          urgency: input.urgency,
          title: input.title,
          description: input.description,
          assignee_id: null,
          ...due,
          first_responded_at: null,
          first_response_minutes: null,
          resolution_minutes: null,
          paused_since: null,
          solved_at: null,
          resolution_category: null,
          closed_at: null,
          satisfaction: null,
          satisfaction_comment: null,
          created_at: ctx.now(),
          updated_at: ctx.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await notify(trx, ctx, await deskRecipients(trx, false), { kind: 'notice.sosOpened', params: { title: input.title }, link: `/sos/${id}` });
      await audit(ctx, trx, 'sos.open', { type: 'sos', id }, { category: input.category, urgency: input.urgency });
      return id;
    });
  });
}

/**
 * The due times after the clock stood still from `since` to now (waiting for the requester, or for
 * their word on a solution), with the business minutes it stood still added up.
 */
async function resumed(db: Db, ticket: LoadedTicket['ticket'], since: Date, now: Date) {
  const calendar = await businessCalendar(db);
  return { ...afterPause(ticket, since, now, calendar), paused_minutes: ticket.paused_minutes + businessMinutesBetween(since, now, calendar) };
}

/** Who hears of the requester's side's words: the assignee, else the desk. */
async function deskSide(db: Db, ticket: { assignee_id: number | null }) {
  return ticket.assignee_id ? db.selectFrom('users').select(['id', 'email', 'locale']).where('id', '=', ticket.assignee_id).execute() : deskRecipients(db, false);
}

/**
 * The requester's side adds what the desk asked for, or anything more. If the desk was waiting for it,
 * the clock resumes: the due times move on by the business time the ticket waited. A message sent twice
 * with one form key is written once.
 */
export async function replyAsRequester(ctx: Ctx, ticketId: number, raw: unknown): Promise<void> {
  const input = parseInput(MessageInput, raw);
  await ctx.db.transaction().execute(async (trx) => {
    const { ticket } = await loadTicket(ctx, trx, ticketId, 'sos.reply');
    await createOnce(ctx, trx, async () => {
      const id = await addMessage(ctx, trx, ticketId, 'requester', input.body);
      if (ticket.status === 'waiting' && ticket.paused_since) {
        await trx.updateTable('sos_tickets').set({ ...(await resumed(trx, ticket, ticket.paused_since, ctx.now())), status: 'open', paused_since: null }).where('id', '=', ticketId).execute();
      }
      await notify(trx, ctx, await deskSide(trx, ticket), { kind: 'notice.sosRequesterReplied', params: { title: ticket.title }, link: `/sos/${ticketId}` });
      return id;
    });
  });
}

/** A guest responder's answer on the one ticket they were invited to; the requester's side and the desk hear of it. */
export async function replyAsGuest(ctx: Ctx, ticketId: number, raw: unknown): Promise<void> {
  const input = parseInput(MessageInput, raw);
  await ctx.db.transaction().execute(async (trx) => {
    const { ticket } = await loadTicket(ctx, trx, ticketId, 'sos.guestReply');
    await createOnce(ctx, trx, async () => {
      const id = await addMessage(ctx, trx, ticketId, 'guest', input.body);
      await notify(trx, ctx, [...(await requesterSide(trx, ticket)), ...(await deskSide(trx, ticket))], { kind: 'notice.sosAnswered', params: { title: ticket.title }, link: `/sos/${ticketId}` });
      return id;
    });
  });
}

/**
 * The desk writes: a public answer, an internal note (never shown to the requester's side or a guest),
 * or — while the request is with the desk — a request for information, which pauses the clock until
 * the requester's side answers. An answer or a request counts as the first response.
 */
export async function replyAsDesk(ctx: Ctx, ticketId: number, raw: unknown): Promise<void> {
  const input = parseInput(DeskReplyInput, raw);
  await ctx.db.transaction().execute(async (trx) => {
    const { ticket } = await loadTicket(ctx, trx, ticketId, 'sos.desk');
    if (ticket.status === 'closed') throw new ValidationError({ body: 'sos.closedAlready' });
    // A solution awaits the requester's word; asking them something now would leave it neither solved nor open.
    if (input.kind === 'info_request' && ticket.status === 'solved') throw new ValidationError({ kind: 'sos.infoAfterSolution' });
    await createOnce(ctx, trx, async () => {
      const id = await addMessage(ctx, trx, ticketId, input.kind, input.body);
      if (input.kind === 'note') return id;
      const changes: { first_responded_at?: Date; first_response_minutes?: number; status?: 'waiting'; paused_since?: Date } = {};
      if (!ticket.first_responded_at) Object.assign(changes, { first_responded_at: ctx.now(), first_response_minutes: businessMinutesBetween(ticket.created_at, ctx.now(), await businessCalendar(trx)) });
      if (input.kind === 'info_request' && ticket.status === 'open') Object.assign(changes, { status: 'waiting', paused_since: ctx.now() });
      if (Object.keys(changes).length) await trx.updateTable('sos_tickets').set(changes).where('id', '=', ticketId).execute();
      await notify(trx, ctx, await requesterSide(trx, ticket), {
        kind: input.kind === 'info_request' ? 'notice.sosInfoRequested' : 'notice.sosAnswered',
        params: { title: ticket.title },
        link: `/sos/${ticketId}`,
      });
      return id;
    });
  });
}

/**
 * The desk proposes a solution with its category; the ticket waits for the requester to confirm or
 * reopen it. Proposed while the clock stood still, the pause ends first: the due times move on by it,
 * and the time waited is not counted as the desk's.
 */
export async function proposeSolution(ctx: Ctx, ticketId: number, raw: unknown): Promise<void> {
  const input = parseInput(SolutionInput, raw);
  await ctx.db.transaction().execute(async (trx) => {
    const { ticket } = await loadTicket(ctx, trx, ticketId, 'sos.desk');
    if (ticket.status === 'closed' || ticket.status === 'solved') throw new ValidationError({ body: ticket.status === 'closed' ? 'sos.closedAlready' : 'sos.solvedAlready' });
    await createOnce(ctx, trx, async () => {
      const id = await addMessage(ctx, trx, ticketId, 'solution', input.body);
      const calendar = await businessCalendar(trx);
      const after = ticket.paused_since ? await resumed(trx, ticket, ticket.paused_since, ctx.now()) : { paused_minutes: ticket.paused_minutes };
      const elapsed = businessMinutesBetween(ticket.created_at, ctx.now(), calendar);
      await trx
        .updateTable('sos_tickets')
        .set({
          ...after,
          status: 'solved',
          solved_at: ctx.now(),
          resolution_category: input.resolution,
          paused_since: null,
          resolution_minutes: elapsed - after.paused_minutes,
          first_responded_at: ticket.first_responded_at ?? ctx.now(),
          first_response_minutes: ticket.first_response_minutes ?? elapsed,
        })
        .where('id', '=', ticketId)
        .execute();
      await notify(trx, ctx, await requesterSide(trx, ticket), { kind: 'notice.sosSolved', params: { title: ticket.title }, link: `/sos/${ticketId}` });
      await audit(ctx, trx, 'sos.solve', { type: 'sos', id: ticketId }, { resolution: input.resolution });
      return id;
    });
  });
}

/**
 * The requester confirms a proposed solution (the ticket closes) or reopens it: back to the desk, the
 * due times moved on by the time the solution waited for their word (that time was not the desk's).
 */
export async function settle(ctx: Ctx, ticketId: number, outcome: 'confirm' | 'reopen'): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const { ticket } = await loadTicket(ctx, trx, ticketId, 'sos.close');
    if (ticket.status !== 'solved' || !ticket.solved_at) throw new ValidationError({ outcome: 'sos.notSolved' });
    if (outcome === 'confirm') {
      await trx.updateTable('sos_tickets').set({ status: 'closed', closed_at: ctx.now() }).where('id', '=', ticketId).execute();
    } else {
      const after = await resumed(trx, ticket, ticket.solved_at, ctx.now());
      await trx
        .updateTable('sos_tickets')
        .set({ ...after, status: 'open', solved_at: null, resolution_minutes: null, reopened: ticket.reopened + 1 })
        .where('id', '=', ticketId)
        .execute();
      await notify(trx, ctx, await deskSide(trx, ticket), { kind: 'notice.sosReopened', params: { title: ticket.title }, link: `/sos/${ticketId}` });
    }
    await audit(ctx, trx, `sos.${outcome}`, { type: 'sos', id: ticketId });
  });
}

/** The requester rates a closed ticket once, 1–5 with an optional comment. */
export async function rate(ctx: Ctx, ticketId: number, raw: unknown): Promise<void> {
  const input = parseInput(RatingInput, raw);
  await ctx.db.transaction().execute(async (trx) => {
    const { ticket } = await loadTicket(ctx, trx, ticketId, 'sos.close');
    if (ticket.status !== 'closed') throw new ValidationError({ satisfaction: 'sos.rateAfterClose' });
    if (ticket.satisfaction !== null) throw new ValidationError({ satisfaction: 'sos.ratedAlready' });
    await trx.updateTable('sos_tickets').set({ satisfaction: Number(input.satisfaction), satisfaction_comment: input.comment ?? null }).where('id', '=', ticketId).execute();
  });
}

/** The desk assigns a live ticket to one of its people (they are told), or leaves it unassigned. */
export async function assign(ctx: Ctx, ticketId: number, raw: unknown): Promise<void> {
  const input = parseInput(AssignInput, raw);
  await ctx.db.transaction().execute(async (trx) => {
    const { ticket } = await loadTicket(ctx, trx, ticketId, 'sos.desk');
    if (ticket.status === 'closed') throw new ValidationError({ assignee: 'sos.closedAlready' });
    if (!input.assignee) {
      await trx.updateTable('sos_tickets').set({ assignee_id: null, updated_at: ctx.now() }).where('id', '=', ticketId).execute();
      await audit(ctx, trx, 'sos.assign', { type: 'sos', id: ticketId }, { assignee: null });
      return;
    }
    const assignee = await trx.selectFrom('users').select(['id', 'email', 'locale']).where('id', '=', Number(input.assignee)).where('role', '=', 'operator').where('deleted_at', 'is', null).executeTakeFirst();
    if (!assignee) throw new ValidationError({ assignee: 'field.choiceInvalid' });
    await trx.updateTable('sos_tickets').set({ assignee_id: assignee.id, updated_at: ctx.now() }).where('id', '=', ticketId).execute();
    await notify(trx, ctx, [assignee], { kind: 'notice.sosAssigned', params: { title: ticket.title }, link: `/sos/${ticketId}` });
    await audit(ctx, trx, 'sos.assign', { type: 'sos', id: ticketId }, { assignee: assignee.id });
  });
}

/**
 * The desk invites a responder from another organisation for this one live ticket, by their e-mail: a
 * member of a verified organisation other than the requester's. They see this ticket (not its internal
 * notes) and answer on it.
 */
export async function inviteGuest(ctx: Ctx, ticketId: number, raw: unknown): Promise<void> {
  const input = parseInput(GuestInput, raw);
  await ctx.db.transaction().execute(async (trx) => {
    const { ticket } = await loadTicket(ctx, trx, ticketId, 'sos.desk');
    if (ticket.status === 'closed') throw new ValidationError({ email: 'sos.closedAlready' });
    const guest = await trx
      .selectFrom('users')
      .innerJoin('org_members', 'org_members.user_id', 'users.id')
      .innerJoin('orgs', 'orgs.id', 'org_members.org_id')
      .select(['users.id', 'users.email', 'users.locale'])
      .where('users.email', '=', input.email.toLowerCase())
      .where('users.deleted_at', 'is', null)
      .where('org_members.status', '=', 'active')
      .where('orgs.status', '=', 'verified')
      .where('orgs.id', '!=', ticket.org_id)
      // Someone of the requester's own organisation already takes part as a colleague.
      .where('users.id', 'not in', (eb) => eb.selectFrom('org_members').select('user_id').where('org_id', '=', ticket.org_id))
      .executeTakeFirst();
    if (!guest) throw new ValidationError({ email: 'sos.guestUnknown' });
    await trx.insertInto('sos_guests').values({ ticket_id: ticketId, user_id: guest.id, invited_by: ctx.actor.kind === 'user' ? ctx.actor.id : null, invited_at: ctx.now() }).onConflict((oc) => oc.doNothing()).execute();
    await notify(trx, ctx, [guest], { kind: 'notice.sosGuestInvited', params: { title: ticket.title }, link: `/sos/${ticketId}` });
    await audit(ctx, trx, 'sos.guest', { type: 'sos', id: ticketId }, { guest: guest.id });
  });
}

/**
 * A file on the ticket, from the requester's side, a guest or the desk (a contract, a screen, an
 * official letter); it is seen by whoever sees the ticket.
 */
export async function addFile(ctx: Ctx, ticketId: number, file: unknown): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const { ticket, facts } = await loadTicket(ctx, trx, ticketId);
    if (ticket.status === 'closed' || !(can(ctx.actor, 'sos.reply', facts) || can(ctx.actor, 'sos.guestReply', facts) || can(ctx.actor, 'sos.desk', facts))) throw new ForbiddenError('sos.notAllowed');
    await storeAttachment(ctx, trx, 'sos', ticketId, file, 'file');
  });
}

export async function downloadFile(ctx: Ctx, ticketId: number, fileId: number) {
  await loadTicket(ctx, ctx.db, ticketId);
  return readAttachment(ctx, 'sos', ticketId, fileId);
}

/** The ticket's page: the ticket, its messages as this actor may read them, and what the desk needs to act. */
export async function ticketPage(ctx: Ctx, ticketId: number) {
  const { ticket, facts } = await loadTicket(ctx, ctx.db, ticketId);
  const desk = isOperator(ctx.actor);
  const [messages, org, task, assignee, guests, operators, files, published] = await Promise.all([
    ctx.db
      .selectFrom('sos_messages')
      .leftJoin('users', 'users.id', 'sos_messages.author_id')
      .select(['sos_messages.id', 'sos_messages.kind', 'sos_messages.body', 'sos_messages.created_at', 'users.name as author_name'])
      .where('sos_messages.ticket_id', '=', ticketId)
      .$if(!desk, (q) => q.where('sos_messages.kind', '!=', 'note'))
      .orderBy('sos_messages.id')
      .execute(),
    ctx.db.selectFrom('orgs').select(['id', 'name', 'status']).where('id', '=', ticket.org_id).executeTakeFirstOrThrow(),
    ticket.task_id ? ctx.db.selectFrom('tasks').select(['id', 'title']).where('id', '=', ticket.task_id).executeTakeFirst() : undefined,
    ticket.assignee_id ? ctx.db.selectFrom('users').select(['id', 'name']).where('id', '=', ticket.assignee_id).executeTakeFirst() : undefined,
    desk ? ctx.db.selectFrom('sos_guests').innerJoin('users', 'users.id', 'sos_guests.user_id').select(['users.id', 'users.name']).where('sos_guests.ticket_id', '=', ticketId).execute() : [],
    desk ? ctx.db.selectFrom('users').select(['id', 'name']).where('role', '=', 'operator').where('deleted_at', 'is', null).orderBy('name').execute() : [],
    attachmentsOf(ctx.db, 'sos', ticketId),
    ctx.db.selectFrom('sos_entries').select('id').where('ticket_id', '=', ticketId).executeTakeFirst(),
  ]);
  return { ticket, facts, messages, org, task: task ?? null, assignee: assignee ?? null, guests, operators, files, entry: published ?? null };
}

export type TicketPage = Awaited<ReturnType<typeof ticketPage>>;

/** What a list of tickets shows of each. */
const TICKET_CARD = ['id', 'title', 'category', 'urgency', 'status', 'first_response_due_at', 'resolution_due_at', 'first_responded_at', 'paused_since', 'solved_at', 'created_at'] as const;

/** Tickets shown on the member's 협업SOS page at a time. */
const MY_TICKETS_PAGE = 20;

/** Tickets of the actor's organisations (and those they are a guest on), newest first, 20 at a time after `after`. */
export async function myTickets(ctx: Ctx, after?: string) {
  const actor = requireUser(ctx.actor);
  const orgIds = actor.memberships.map((m) => m.orgId);
  return newestById(after, MY_TICKETS_PAGE, (below, limit) =>
    ctx.db
      .selectFrom('sos_tickets')
      .select(TICKET_CARD)
      .where((eb) =>
        eb.or([
          eb('requester_id', '=', actor.id),
          ...(orgIds.length ? [eb('org_id', 'in', orgIds)] : []),
          eb('id', 'in', eb.selectFrom('sos_guests').select('ticket_id').where('user_id', '=', actor.id)),
        ]),
      )
      .$if(below !== null, (q) => q.where('id', '<', below!))
      .orderBy('id', 'desc')
      .limit(limit)
      .execute(),
  );
}

/** A task's requests, newest first, for its TF's workspace: what was asked, how it stands, when it is due. */
export function ticketsOfTask(db: Db, taskId: number) {
  return db
    .selectFrom('sos_tickets')
    .select(TICKET_CARD)
    .where('task_id', '=', taskId)
    .orderBy('id', 'desc')
    .limit(50)
    .execute();
}

/** The desk's side of 협업SOS: the queue, and the sweep that warns and escalates by the targets. */
import { decodeCursor, toPage } from '../../db/pagination.ts';
import { requireOperator } from '../../shared/actors.ts';
import { ANONYMOUS, type Ctx, type Db } from '../../shared/context.ts';
import { inQuietHours, type QuietHours } from '../../shared/dates.ts';
import { parseQuery } from '../../shared/forms.ts';
import { notify } from '../notifications/index.ts';
import { QueueQuery } from './sos.schemas.ts';
import { deskRecipients } from './sos.service.ts';

const QUEUE_PAGE_SIZE = 50;

/** Whether the queue `raw` asks for is the asking operator's own ("assigned to me", as `queue` reads it). */
export function queueIsOwn(raw: unknown): boolean {
  return parseQuery(QueueQuery, raw).assignee === 'me';
}

/**
 * The desk's queue: live tickets by default (open and waiting, solved awaiting a word), soonest
 * solution due first, with filters; keyset-paged on (due, id).
 */
export async function queue(ctx: Ctx, raw: unknown) {
  const operator = requireOperator(ctx);
  const query = parseQuery(QueueQuery, raw);
  const cursor = decodeCursor(query.after, ['timestamp', 'id']);
  const status = query.status ?? 'active';
  const rows = await ctx.db
    .selectFrom('sos_tickets')
    .innerJoin('orgs', 'orgs.id', 'sos_tickets.org_id')
    .leftJoin('users as assignee', 'assignee.id', 'sos_tickets.assignee_id')
    .select([
      'sos_tickets.id',
      'sos_tickets.title',
      'sos_tickets.category',
      'sos_tickets.urgency',
      'sos_tickets.status',
      'sos_tickets.first_response_due_at',
      'sos_tickets.first_responded_at',
      'sos_tickets.resolution_due_at',
      'sos_tickets.paused_since',
      'sos_tickets.solved_at',
      'sos_tickets.created_at',
      'orgs.name as org_name',
      'assignee.name as assignee_name',
    ])
    .$if(status === 'active', (q) => q.where('sos_tickets.status', '!=', 'closed'))
    .$if(status !== 'active', (q) => q.where('sos_tickets.status', '=', status as 'open'))
    .$if(query.category !== undefined, (q) => q.where('sos_tickets.category', '=', query.category!))
    .$if(query.urgency !== undefined, (q) => q.where('sos_tickets.urgency', '=', query.urgency!))
    .$if(query.assignee === 'none', (q) => q.where('sos_tickets.assignee_id', 'is', null))
    .$if(query.assignee === 'me', (q) => q.where('sos_tickets.assignee_id', '=', operator.id))
    .$if(query.assignee !== undefined && /^[0-9]+$/.test(query.assignee), (q) => q.where('sos_tickets.assignee_id', '=', Number(query.assignee)))
    // Overdue as the ticket page says it: a paused request (waiting for the requester) is not late.
    .$if(query.overdue === '1', (q) => q.where('sos_tickets.resolution_due_at', '<', ctx.now()).where('sos_tickets.solved_at', 'is', null).where('sos_tickets.paused_since', 'is', null))
    .$if(cursor !== null, (q) =>
      q.where((eb) =>
        eb.or([eb('sos_tickets.resolution_due_at', '>', new Date(cursor![0] as string)), eb.and([eb('sos_tickets.resolution_due_at', '=', new Date(cursor![0] as string)), eb('sos_tickets.id', '>', cursor![1] as number)])]),
      ),
    )
    .orderBy('sos_tickets.resolution_due_at')
    .orderBy('sos_tickets.id')
    .limit(QUEUE_PAGE_SIZE + 1)
    .execute();
  return { query, page: toPage(rows, QUEUE_PAGE_SIZE, (r) => [r.resolution_due_at.toISOString(), r.id]) };
}

/**
 * The sweep (every few minutes): when 75 % of a target is spent the assignee (or the desk) is warned;
 * when it is breached the desk lead is told. Each is claimed in `sos_sla_events` with its notices in
 * one transaction, so it goes out once whatever the runs, instances or restarts; a paused ticket (the
 * desk waits for information) is not swept; nothing goes out in quiet hours (the next run sends it).
 */
export async function sendSlaNotices(db: Db, now: Date, options: { baseUrl: string; quietHours: QuietHours | null }): Promise<number> {
  if (inQuietHours(now, options.quietHours)) return 0;
  // Notices of the sweep are nobody's act: every recipient is told.
  const ctx: Pick<Ctx, 'actor' | 'now' | 'baseUrl'> = { actor: ANONYMOUS, now: () => now, baseUrl: options.baseUrl };
  const due = await db
    .selectFrom('sos_tickets')
    .select(['id', 'title', 'assignee_id', 'first_responded_at', 'first_response_warn_at', 'first_response_due_at', 'resolution_warn_at', 'resolution_due_at', 'solved_at'])
    .where('status', '=', 'open')
    .where((eb) => eb.or([eb.and([eb('first_responded_at', 'is', null), eb('first_response_warn_at', '<=', now)]), eb.and([eb('solved_at', 'is', null), eb('resolution_warn_at', '<=', now)])]))
    .execute();
  let sent = 0;
  for (const ticket of due) {
    const events: ['first' | 'resolution', 'warning' | 'breach'][] = [];
    if (!ticket.first_responded_at) {
      if (ticket.first_response_warn_at <= now) events.push(['first', 'warning']);
      if (ticket.first_response_due_at <= now) events.push(['first', 'breach']);
    }
    if (!ticket.solved_at) {
      if (ticket.resolution_warn_at <= now) events.push(['resolution', 'warning']);
      if (ticket.resolution_due_at <= now) events.push(['resolution', 'breach']);
    }
    for (const [target, kind] of events) {
      await db.transaction().execute(async (trx) => {
        const claimed = await trx.insertInto('sos_sla_events').values({ ticket_id: ticket.id, target, kind, at: now }).onConflict((oc) => oc.doNothing()).returning('ticket_id').executeTakeFirst();
        if (!claimed) return;
        const assignee = ticket.assignee_id ? await trx.selectFrom('users').select(['id', 'email', 'locale']).where('id', '=', ticket.assignee_id).execute() : [];
        const to = kind === 'breach' ? await deskRecipients(trx, true) : assignee.length ? assignee : await deskRecipients(trx, false);
        await notify(trx, ctx, to, { kind: `notice.sos.${target}.${kind}` as 'notice.sos.first.warning', params: { title: ticket.title }, link: `/sos/${ticket.id}` });
        sent++;
      });
    }
  }
  return sent;
}

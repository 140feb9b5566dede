import { sql } from 'kysely';
import type { Db } from '../../shared/context.ts';
import { enqueue } from '../../jobs/queue.ts';

/**
 * What an organisation can be told of:
 * - `demand.published`: a demand of another organisation was published (and fits the saved filter);
 * - `reply.received`: another organisation replied to one of its demands;
 * - `match.concluded`: a collaboration it is a party of was concluded;
 * - `task.report_due`: a report of a collaboration task it reports on falls due;
 * - `proposal.answered`: a forum proposal one of its members follows was answered;
 * - `ping`: sent on request from the webhook's page, to try the address.
 */
export const WEBHOOK_EVENTS = ['demand.published', 'reply.received', 'match.concluded', 'task.report_due', 'proposal.answered'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number] | 'ping';

export const WEBHOOK_DELIVER_JOB = 'webhook.deliver';
/** Attempts of one delivery, the job queue's backoff between them: 30 s, 1, 2, 4, 8, 16, 32 min, 1 h (about two hours in all). */
export const DELIVERY_ATTEMPTS = 8;

export interface EventToPublish {
  event: WebhookEvent;
  /** Stable for the same happening (`reply.received:41`): published twice, it is delivered once. */
  id: string;
  /** The organisations told; `all`: every organisation with such a webhook (except `except`). */
  orgIds: readonly number[] | 'all';
  except?: readonly number[];
  data: Record<string, unknown>;
  /** For `demand.published`: whether a webhook's saved filter takes this demand. */
  fits?: (demandFilter: string) => Promise<boolean>;
}

/**
 * Records the event for every live webhook of a verified organisation that chose it, in the caller's transaction, and queues
 * each delivery there too: it is sent exactly when the change that caused it commits, and a crash
 * between the two cannot lose or double it. Returns the number of deliveries made.
 */
export async function publishEvent(db: Db, now: Date, happening: EventToPublish): Promise<number> {
  if (happening.orgIds !== 'all' && !happening.orgIds.length) return 0;
  // Only verified organisations hear anything: one whose verification was revoked is told nothing more.
  const hooks = await db
    .selectFrom('webhooks')
    .innerJoin('orgs', 'orgs.id', 'webhooks.org_id')
    .select(['webhooks.id', 'webhooks.demand_filter'])
    .where('webhooks.deleted_at', 'is', null)
    .where('orgs.status', '=', 'verified')
    .where(sql<boolean>`${happening.event} = ANY(webhooks.events)`)
    .$if(happening.orgIds !== 'all', (q) => q.where('webhooks.org_id', 'in', happening.orgIds as number[]))
    .$if(Boolean(happening.except?.length), (q) => q.where('webhooks.org_id', 'not in', happening.except as number[]))
    .execute();
  const body = bodyOf(happening, now);
  let made = 0;
  for (const hook of hooks) {
    if (happening.fits && hook.demand_filter && !(await happening.fits(hook.demand_filter))) continue;
    if (await queueDelivery(db, now, { webhookId: hook.id, eventId: happening.id, event: happening.event, body })) made++;
  }
  return made;
}

/** The JSON every receiver gets: `{ id, event, createdAt, data }`. */
export function bodyOf(happening: Pick<EventToPublish, 'id' | 'event' | 'data'>, now: Date): string {
  return JSON.stringify({ id: happening.id, event: happening.event, createdAt: now.toISOString(), data: happening.data });
}

/**
 * Logs a delivery and queues its sending, in the caller's transaction. A first delivery of an event
 * to a webhook is made once (false when it exists); a replay (`replayOf`) is always a new one.
 */
export async function queueDelivery(
  db: Db,
  now: Date,
  delivery: { webhookId: number; eventId: string; event: string; body: string; replayOf?: number },
): Promise<number | null> {
  const made = await db
    .insertInto('webhook_deliveries')
    .values({
      webhook_id: delivery.webhookId,
      event_id: delivery.eventId,
      event: delivery.event,
      body: delivery.body,
      last_status_code: null,
      last_error: null,
      replay_of: delivery.replayOf ?? null,
      delivered_at: null,
      created_at: now,
    })
    .onConflict((oc) => oc.columns(['webhook_id', 'event_id']).where('replay_of', 'is', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!made) return null;
  await enqueue(db, now, WEBHOOK_DELIVER_JOB, { deliveryId: made.id }, { maxAttempts: DELIVERY_ATTEMPTS });
  return made.id;
}

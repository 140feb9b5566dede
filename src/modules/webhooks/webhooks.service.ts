/** Organisations' webhooks: made and deleted by their admins, their delivery log read and replayed. */
import { countRows } from '../../db/count.ts';
import { newestById, type Page } from '../../db/pagination.ts';
import { requireUser } from '../../shared/actors.ts';
import { audit } from '../../shared/audit.ts';
import { type Ctx, verifiedMembershipOf } from '../../shared/context.ts';
import { NotFoundError, ValidationError } from '../../shared/errors.ts';
import { parseInput } from '../../shared/forms.ts';
import { newToken } from '../../shared/tokens.ts';
import { bodyOf, queueDelivery } from './events.ts';
import { WebhookInput } from './webhooks.schemas.ts';
import { targetProblem } from './targets.ts';

/** Webhooks an organisation may have at once. */
export const MAX_WEBHOOKS = 10;
const LOG_PAGE = 20;

/** The organisation, when the actor administers it and it is verified; otherwise it does not exist for them (404). */
function requireOrgAdmin(ctx: Ctx, orgId: number) {
  const actor = requireUser(ctx.actor);
  if (verifiedMembershipOf(actor, orgId)?.role !== 'admin') throw new NotFoundError();
  return actor;
}

/** How a webhook's address and demand filter are read (the installation's settings, the demand list's rules). */
export interface WebhookRules {
  /** `WEBHOOK_PRIVATE_TARGETS`: plain HTTP and private addresses allowed. */
  allowPrivate: boolean;
  /** A demand list query as kept (`savedListQuery` of demands), or null when the list would not read all of it. */
  readFilter: (query: string) => string | null;
}

/** `?q=관광&region=11`, `https://site/demands?q=관광` or `q=관광` as kept; '' for none; null for one the list would not read. */
function demandQuery(raw: string | undefined, rules: WebhookRules): string | null {
  const text = (raw ?? '').trim();
  if (!text) return '';
  return rules.readFilter(text.includes('?') ? text.slice(text.indexOf('?') + 1) : text);
}

/**
 * Makes a webhook for `orgId` and returns its signing secret, shown this once: `{ id, secret }`.
 * The address must pass `targetProblem` (HTTPS, public) under `rules.allowPrivate`, the demand filter
 * `rules.readFilter`. Errors: 404 for anyone but a verified organisation's admin; 422 with field
 * messages (`url`, `events`, `demandFilter`), also past MAX_WEBHOOKS.
 */
export async function createWebhook(ctx: Ctx, orgId: number, raw: unknown, rules: WebhookRules): Promise<{ id: number; secret: string }> {
  const actor = requireOrgAdmin(ctx, orgId);
  // The same event ticked twice is one choice, not too many.
  const body = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const input = parseInput(WebhookInput, { ...body, events: Array.isArray(body.events) ? [...new Set(body.events)] : body.events });
  const demandFilter = new Set<string>(input.events).has('demand.published') ? demandQuery(input.demandFilter, rules) : '';
  if (demandFilter === null) throw new ValidationError({ demandFilter: 'webhook.filterInvalid' });
  const problem = await targetProblem(input.url.trim(), rules.allowPrivate);
  if (problem) throw new ValidationError({ url: problem });
  const secret = `whsec_${newToken()}`;
  return ctx.db.transaction().execute(async (trx) => {
    // Counted under the organisation's row lock, so two at once cannot both pass the limit.
    await trx.selectFrom('orgs').select('id').where('id', '=', orgId).forUpdate().executeTakeFirstOrThrow();
    const live = await countRows(trx.selectFrom('webhooks').where('org_id', '=', orgId).where('deleted_at', 'is', null));
    if (live >= MAX_WEBHOOKS) throw new ValidationError({ url: 'webhook.tooMany' });
    const { id } = await trx
      .insertInto('webhooks')
      .values({
        org_id: orgId,
        url: input.url.trim(),
        events: input.events,
        demand_filter: demandFilter,
        secret,
        created_by: actor.id,
        created_at: ctx.now(),
        deleted_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(ctx, trx, 'webhook.create', { type: 'webhook', id }, { org: orgId, events: input.events });
    return { id, secret };
  });
}

/** The organisation (`{ id, name }`) and its live webhooks, newest first, each with how its deliveries went. */
export async function webhooksOf(ctx: Ctx, orgId: number) {
  requireOrgAdmin(ctx, orgId);
  const [org, webhooks] = await Promise.all([orgOf(ctx, orgId), hooksOf(ctx, orgId)]);
  return { org, webhooks };
}

function orgOf(ctx: Ctx, orgId: number) {
  return ctx.db.selectFrom('orgs').select(['id', 'name']).where('id', '=', orgId).executeTakeFirstOrThrow();
}

function hooksOf(ctx: Ctx, orgId: number) {
  return ctx.db
    .selectFrom('webhooks')
    .select((eb) => [
      'webhooks.id',
      'webhooks.url',
      'webhooks.events',
      'webhooks.demand_filter',
      'webhooks.created_at',
      eb
        .selectFrom('webhook_deliveries as d')
        .select((d) => d.fn.countAll<number>().as('n'))
        .whereRef('d.webhook_id', '=', 'webhooks.id')
        .where('d.status', '=', 'failed')
        .as('failed'),
      eb.selectFrom('webhook_deliveries as d').select('d.status').whereRef('d.webhook_id', '=', 'webhooks.id').orderBy('d.id', 'desc').limit(1).as('last_status'),
    ])
    .where('webhooks.org_id', '=', orgId)
    .where('webhooks.deleted_at', 'is', null)
    .orderBy('webhooks.id', 'desc')
    .execute();
}

export type WebhookRow = Awaited<ReturnType<typeof hooksOf>>[number];

async function liveWebhook(ctx: Ctx, orgId: number, id: number) {
  requireOrgAdmin(ctx, orgId);
  const hook = await ctx.db
    .selectFrom('webhooks')
    .select(['id', 'url', 'events', 'demand_filter', 'created_at'])
    .where('id', '=', id)
    .where('org_id', '=', orgId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!hook) throw new NotFoundError();
  return hook;
}

export interface DeliveryRow {
  id: number;
  event_id: string;
  event: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  replay_of: number | null;
  delivered_at: Date | null;
  created_at: Date;
}

/** A webhook with its organisation and a page of its delivery log, newest first (`after`: the cursor of the page before). */
export async function webhookLog(ctx: Ctx, orgId: number, id: number, after?: string) {
  const [webhook, org] = await Promise.all([liveWebhook(ctx, orgId, id), orgOf(ctx, orgId)]);
  const log: Page<DeliveryRow> = await newestById(after, LOG_PAGE, (below, limit) =>
    ctx.db
      .selectFrom('webhook_deliveries')
      .select(['id', 'event_id', 'event', 'status', 'attempts', 'last_status_code', 'last_error', 'replay_of', 'delivered_at', 'created_at'])
      .where('webhook_id', '=', id)
      .$if(below !== null, (q) => q.where('id', '<', below!))
      .orderBy('id', 'desc')
      .limit(limit)
      .execute(),
  );
  return { org, webhook, log };
}

/** Stops a webhook: nothing more is sent to it, deliveries waiting are dropped; its log stays with it. */
export async function deleteWebhook(ctx: Ctx, orgId: number, id: number): Promise<void> {
  await liveWebhook(ctx, orgId, id);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('webhooks').set({ deleted_at: ctx.now() }).where('id', '=', id).execute();
    await audit(ctx, trx, 'webhook.delete', { type: 'webhook', id }, { org: orgId });
  });
}

/**
 * Sends a logged delivery again, as a new delivery with the same body and event id (receivers that
 * saw it drop it), tried as many times as the first. Errors: 404 for another organisation's delivery.
 */
export async function replayDelivery(ctx: Ctx, orgId: number, webhookId: number, deliveryId: number): Promise<number> {
  await liveWebhook(ctx, orgId, webhookId);
  return ctx.db.transaction().execute(async (trx) => {
    const original = await trx
      .selectFrom('webhook_deliveries')
      .select(['id', 'event_id', 'event', 'body'])
      .where('id', '=', deliveryId)
      .where('webhook_id', '=', webhookId)
      .executeTakeFirst();
    if (!original) throw new NotFoundError();
    const id = await queueDelivery(trx, ctx.now(), { webhookId, eventId: original.event_id, event: original.event, body: original.body, replayOf: original.id });
    await audit(ctx, trx, 'webhook.replay', { type: 'webhook', id: webhookId }, { delivery: original.id });
    return id as number;
  });
}

/** Sends a `ping` to the webhook now, to try its address; it shows in the log like any delivery. */
export async function pingWebhook(ctx: Ctx, orgId: number, id: number): Promise<void> {
  const webhook = await liveWebhook(ctx, orgId, id);
  const ping = { event: 'ping' as const, id: `ping:${id}:${ctx.now().getTime()}`, data: { webhook: { id, url: webhook.url } } };
  await queueDelivery(ctx.db, ctx.now(), { webhookId: id, eventId: ping.id, event: ping.event, body: bodyOf(ping, ctx.now()) });
}

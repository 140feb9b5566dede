import { countRows } from '../../db/count.ts';
import { sql } from 'kysely';
import type { Page } from '../../db/pagination.ts';
import { audit } from '../../shared/audit.ts';
import { type Ctx, type Db, sharedWork } from '../../shared/context.ts';
import { addDays, isCalendarDate, kstDate } from '../../shared/dates.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors.ts';
import { parseInput, parseQuery, parseRows } from '../../shared/forms.ts';
import { memoPerDatabase } from '../../shared/memo.ts';
import { createOnce } from '../../shared/unique.ts';
import type { MessageKey } from '../../shared/i18n/index.ts';
import { type RateRule, takeOrRefuse } from '../../shared/rate-limit.ts';
import { enqueue } from '../../jobs/queue.ts';
import { requireUser } from '../../shared/actors.ts';
import { notify } from '../notifications/index.ts';
import { orgMemberRecipients } from '../orgs/index.ts';
import { refreshDemandSearch } from './demand-search.ts';
import { suggestQuery } from './spelling.ts';
import { deleteAttachment, readAttachment, storeAttachment } from './attachments.ts';
import { can, type DemandAction, publishBlocker } from './demands.policy.ts';
import {
  countDemands,
  countLimit,
  demandInFilter,
  rebuildOrgWants,
  type DemandFilter,
  type DemandRecord,
  type DemandSummary,
  demandPageRecord,
  demandsOfOrgs,
  findDemand,
  itemsOfDemand,
  newestOpen,
  pageDemands,
} from './demands.queries.ts';
import { DemandInput, DemandQuery, HideInput, ItemInput, MAX_ITEMS } from './demands.schemas.ts';
import type { DemandStatus, ItemKind, Purpose } from './demands.tables.ts';

/** Deadlines further ahead than this are almost always typing mistakes. */
const MAX_DEADLINE_DAYS = 730;
const POSTING_LIMIT = (userId: number): RateRule => ({ bucket: `demand-write:${userId}`, limit: 30, windowSeconds: 24 * 3600 });

interface ParsedItem {
  capability: number;
  text: string;
  /** Its row in the form, to put a message beside the right field. */
  row: number;
}

interface ParsedDemand {
  orgId: number;
  title: string;
  summary: string;
  body: string;
  purpose: Purpose;
  themes: number[];
  targetSectors: string[];
  targetRegions: string[];
  partnersSought: number;
  deadline: string;
  contactName: string;
  contactEmail: string | null;
  contactPhone: string | null;
  offers: ParsedItem[];
  needs: ParsedItem[];
}

/** Offer and need rows come as `offer.0.capability`, `offer.0.text`…; blank rows are ignored. */
function parseItems(raw: Record<string, unknown>, kind: ItemKind, errors: Record<string, MessageKey>): ParsedItem[] {
  return parseRows(raw, kind, ItemInput, MAX_ITEMS, errors).map((item) => ({ capability: Number(item.capability), text: item.text, row: item.row }));
}

async function missingThemes(db: Db, ids: number[]): Promise<boolean> {
  const rows = await db.selectFrom('themes').select('id').where('id', 'in', ids).execute();
  return rows.length !== new Set(ids).size;
}

/** Validates the whole form at once, so every mistake is shown beside its field in one go. */
async function parseDemand(ctx: Ctx, db: Db, raw: unknown, orgId?: number): Promise<ParsedDemand> {
  const actor = requireUser(ctx.actor);
  const body = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const errors: Record<string, MessageKey> = {};
  let input: ReturnType<typeof parseInput<typeof DemandInput>> | undefined;
  try {
    input = parseInput(DemandInput, orgId ? { ...body, org: String(orgId) } : body);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    Object.assign(errors, error.fields);
  }
  const offers = parseItems(body, 'offer', errors);
  const needs = parseItems(body, 'need', errors);
  if (!needs.length && !Object.keys(errors).some((f) => f.startsWith('need.'))) errors['need.0.capability'] = 'demand.needRequired';

  // Business rules are checked even when other fields failed, so every message appears at once.
  const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');
  if (!orgId && !errors.org && !actor.memberships.some((m) => String(m.orgId) === text('org'))) errors.org = 'field.choiceInvalid';
  const deadline = text('deadline');
  if (!errors.deadline && deadline) {
    const today = kstDate(ctx.now());
    if (!isCalendarDate(deadline)) errors.deadline = 'field.dateInvalid';
    else if (deadline < today) errors.deadline = 'demand.deadlinePast';
    else if (deadline > addDays(today, MAX_DEADLINE_DAYS)) errors.deadline = 'demand.deadlineFar';
  }
  if (input) {
    if (await missingThemes(db, input.themes.map(Number))) errors.themes = 'field.choiceInvalid';
    if (input.targetRegions.length) {
      const found = await db.selectFrom('regions').select('code').where('code', 'in', input.targetRegions).where('parent_code', 'is', null).execute();
      if (found.length !== new Set(input.targetRegions).size) errors.targetRegions = 'field.choiceInvalid';
    }
  }
  const capabilityIds = [...offers, ...needs].map((i) => i.capability);
  if (capabilityIds.length) {
    const rows = await db.selectFrom('capabilities').select('id').where('id', 'in', capabilityIds).execute();
    const known = new Set(rows.map((r) => r.id));
    for (const [kind, items] of [['offer', offers], ['need', needs]] as const) {
      for (const item of items) if (!known.has(item.capability)) errors[`${kind}.${item.row}.capability`] = 'field.choiceInvalid';
    }
  }
  if (Object.keys(errors).length || !input) throw new ValidationError(errors);
  return {
    orgId: orgId ?? Number(input.org),
    title: input.title,
    summary: input.summary,
    body: input.body ?? '',
    purpose: input.purpose,
    themes: [...new Set(input.themes.map(Number))],
    targetSectors: [...new Set(input.targetSectors)],
    targetRegions: [...new Set(input.targetRegions)],
    partnersSought: Number(input.partnersSought),
    deadline: input.deadline,
    contactName: input.contactName,
    contactEmail: input.contactEmail ?? null,
    contactPhone: input.contactPhone ?? null,
    offers,
    needs,
  };
}

async function capabilityNames(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('capabilities').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Writes the demand's content (not its status), its themes and items, and a revision snapshot. */
async function writeContent(ctx: Ctx, db: Db, demandId: number, d: ParsedDemand, revision: number): Promise<void> {
  const names = await capabilityNames(db, [...d.offers, ...d.needs].map((i) => i.capability));
  await db
    .updateTable('demands')
    .set({
      title: d.title,
      summary: d.summary,
      body: d.body,
      purpose: d.purpose,
      target_sectors: d.targetSectors,
      target_regions: d.targetRegions,
      partners_sought: d.partnersSought,
      deadline: d.deadline,
      contact_name: d.contactName,
      contact_email: d.contactEmail,
      contact_phone: d.contactPhone,
      revision,
      updated_at: ctx.now(),
    })
    .where('id', '=', demandId)
    .execute();
  await db.deleteFrom('demand_themes').where('demand_id', '=', demandId).execute();
  await db.insertInto('demand_themes').values(d.themes.map((theme_id) => ({ demand_id: demandId, theme_id }))).execute();
  await db.deleteFrom('demand_items').where('demand_id', '=', demandId).execute();
  const items = [
    ...d.offers.map((item, sort) => ({ kind: 'offer' as const, item, sort })),
    ...d.needs.map((item, sort) => ({ kind: 'need' as const, item, sort })),
  ];
  if (items.length) {
    await db
      .insertInto('demand_items')
      .values(items.map(({ kind, item, sort }) => ({ demand_id: demandId, kind, capability_id: item.capability, description: item.text, sort })))
      .execute();
  }
  await refreshDemandSearch(db, [demandId]);
  const snapshot = {
    title: d.title,
    summary: d.summary,
    body: d.body,
    purpose: d.purpose,
    themes: d.themes,
    targetSectors: d.targetSectors,
    targetRegions: d.targetRegions,
    partnersSought: d.partnersSought,
    deadline: d.deadline,
    offers: d.offers.map((i) => `${names.get(i.capability)}: ${i.text}`),
    needs: d.needs.map((i) => `${names.get(i.capability)}: ${i.text}`),
  };
  await db
    .insertInto('demand_revisions')
    .values({ demand_id: demandId, revision, editor_id: requireUser(ctx.actor).id, snapshot: JSON.stringify(snapshot), created_at: ctx.now() })
    .execute();
}

export interface DemandEvent {
  demandId: number;
  kind: string;
  orgId?: number | null;
  data?: Record<string, unknown>;
}

/** Events after which the demand may have entered or left the live set, or changed what it needs. */
const CHANGES_WANTS = new Set(['edited', 'published', 'negotiating', 'concluded', 'closed', 'withdrawn', 'hidden', 'unhidden']);

/** Appends to the lifecycle log that statistics read, keeps the organisation's wants current, announces publication. */
export async function recordDemandEvent(ctx: Pick<Ctx, 'actor' | 'now'>, db: Db, event: DemandEvent): Promise<void> {
  // Subscriptions hear of a newly published demand through the queue, committed with it.
  if (event.kind === 'published') await enqueue(db, ctx.now(), 'demand.published', { demandId: event.demandId });
  if (CHANGES_WANTS.has(event.kind)) {
    const { org_id } = await db.selectFrom('demands').select('org_id').where('id', '=', event.demandId).executeTakeFirstOrThrow();
    await rebuildOrgWants(db, org_id);
  }
  await db
    .insertInto('demand_events')
    .values({
      demand_id: event.demandId,
      kind: event.kind,
      actor_id: ctx.actor.kind === 'user' ? ctx.actor.id : null,
      org_id: event.orgId ?? null,
      data: JSON.stringify(event.data ?? {}),
      at: ctx.now(),
    })
    .execute();
}

/** A new demand starts as a draft of one of the actor's organisations. */
export async function createDemand(ctx: Ctx, raw: unknown): Promise<number> {
  const actor = requireUser(ctx.actor);
  return ctx.db.transaction().execute((trx) =>
    createOnce(ctx, trx, async () => {
      const parsed = await parseDemand(ctx, trx, raw);
      await takeOrRefuse(trx, POSTING_LIMIT(requireUser(ctx.actor).id), ctx.now());
      const { id } = await trx
        .insertInto('demands')
        .values({
          org_id: parsed.orgId,
          author_id: actor.id,
          title: parsed.title,
          summary: parsed.summary,
          body: '',
          purpose: parsed.purpose,
          target_sectors: [],
          target_regions: [],
          partners_sought: parsed.partnersSought,
          deadline: parsed.deadline,
          contact_name: parsed.contactName,
          contact_email: null,
          contact_phone: null,
          published_at: null,
          closed_at: null,
          reminded_at: null,
          hidden_at: null,
          hidden_reason: null,
          search_vector: sql<string>`''::tsvector`,
          created_at: ctx.now(),
          updated_at: ctx.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeContent(ctx, trx, id, parsed, 1);
      await recordDemandEvent(ctx, trx, { demandId: id, kind: 'created', orgId: parsed.orgId });
      return id;
    }),
  );
}

/** Loads a demand the actor may act on; 404 when it is missing or merely off-limits. */
export async function demandFor(ctx: Ctx, db: Db, id: number, action: DemandAction): Promise<DemandRecord> {
  return demandIfAllowed(ctx, await findDemand(db, id), action);
}

/** `demand` when the actor may see it and take `action` on it; 404 when it is missing or merely off-limits. */
function demandIfAllowed(ctx: Ctx, demand: DemandRecord | undefined, action: DemandAction): DemandRecord {
  if (!demand || !can(ctx.actor, 'demand.view', demand)) throw new NotFoundError();
  if (!can(ctx.actor, action, demand)) throw new NotFoundError();
  return demand;
}

export async function updateDemand(ctx: Ctx, id: number, raw: unknown): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const demand = await demandFor(ctx, trx, id, 'demand.edit');
    const parsed = await parseDemand(ctx, trx, raw, demand.org_id);
    await takeOrRefuse(trx, POSTING_LIMIT(requireUser(ctx.actor).id), ctx.now());
    await writeContent(ctx, trx, id, parsed, demand.revision + 1);
    await recordDemandEvent(ctx, trx, { demandId: id, kind: 'edited', orgId: demand.org_id, data: { revision: demand.revision + 1 } });
  });
}

/**
 * Moves a demand from one of `from` to `to` and logs it. Other modules call this inside their own
 * transaction (a shortlisted reply opens negotiation; confirmed partners conclude the demand).
 */
export async function transitionDemand(ctx: Pick<Ctx, 'actor' | 'now'>, db: Db, demandId: number, from: DemandStatus[], to: DemandStatus, data: Record<string, unknown> = {}): Promise<boolean> {
  const ending = to === 'concluded' || to === 'closed' || to === 'withdrawn';
  const row = await db
    .updateTable('demands')
    .set({ status: to, updated_at: ctx.now(), ...(ending ? { closed_at: ctx.now() } : {}), ...(to === 'open' ? { published_at: ctx.now() } : {}) })
    .where('id', '=', demandId)
    .where('status', 'in', from)
    .returning('org_id')
    .executeTakeFirst();
  if (!row) return false;
  await recordDemandEvent(ctx, db, { demandId, kind: to === 'open' ? 'published' : to, orgId: row.org_id, data });
  return true;
}

export async function publishDemand(ctx: Ctx, id: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const demand = await demandFor(ctx, trx, id, 'demand.view');
    // The organisation's own members learn why they cannot publish yet; anyone else finds nothing.
    const blocked = publishBlocker(ctx.actor, demand);
    if (blocked) throw new ForbiddenError(`demand.publishBlocked.${blocked}`);
    if (!can(ctx.actor, 'demand.publish', demand)) throw new NotFoundError();
    // A draft may have waited past its own deadline.
    if (demand.deadline < kstDate(ctx.now())) throw new ValidationError({ deadline: 'demand.deadlinePast' });
    await transitionDemand(ctx, trx, id, ['draft'], 'open');
  });
}

export async function withdrawDemand(ctx: Ctx, id: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await demandFor(ctx, trx, id, 'demand.withdraw');
    await transitionDemand(ctx, trx, id, ['draft', 'open', 'negotiating'], 'withdrawn');
  });
}

/**
 * A refused organisation's open and negotiating demands are withdrawn (inside the caller's transaction;
 * the log records why). Returns the demands withdrawn, for the notices.
 */
export async function withdrawDemandsOfRejectedOrg(ctx: Pick<Ctx, 'actor' | 'now'>, db: Db, orgId: number): Promise<{ id: number; title: string }[]> {
  const live = await db.selectFrom('demands').select(['id', 'title']).where('org_id', '=', orgId).where('status', 'in', ['open', 'negotiating']).forUpdate().execute();
  for (const demand of live) await transitionDemand(ctx, db, demand.id, ['open', 'negotiating'], 'withdrawn', { reason: 'org-rejected' });
  return live;
}

/** 종료: the organisation ends the search without a match. */
export async function closeDemand(ctx: Ctx, id: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await demandFor(ctx, trx, id, 'demand.close');
    await transitionDemand(ctx, trx, id, ['open', 'negotiating'], 'closed', { reason: 'by-organisation' });
  });
}

export async function setDemandHidden(ctx: Ctx, id: number, raw: unknown, hidden: boolean): Promise<void> {
  const reason = hidden ? parseInput(HideInput, raw).reason : null;
  await ctx.db.transaction().execute(async (trx) => {
    const demand = await demandFor(ctx, trx, id, 'demand.hide');
    await trx
      .updateTable('demands')
      .set({ hidden_at: hidden ? ctx.now() : null, hidden_reason: reason })
      .where('id', '=', id)
      .execute();
    await recordDemandEvent(ctx, trx, { demandId: id, kind: hidden ? 'hidden' : 'unhidden', orgId: demand.org_id, data: reason ? { reason } : {} });
    await audit(ctx, trx, hidden ? 'demand.hide' : 'demand.unhide', { type: 'demand', id }, reason ? { reason } : {});
  });
}

/** Kept by the matches module as replies come and go. */
export async function adjustReplyCount(db: Db, demandId: number, delta: number): Promise<void> {
  await db
    .updateTable('demands')
    .set((eb) => ({ reply_count: eb('reply_count', '+', delta) }))
    .where('id', '=', demandId)
    .execute();
}

export interface DemandList {
  /** The filter searched: every status for words without a chosen status; the corrected words, see `typedQuery`. */
  filter: DemandFilter;
  after: string | undefined;
  total: number;
  page: Page<DemandSummary>;
  /** The words typed when they found nothing and `filter.q` holds the correction that did ("did you mean"). */
  typedQuery: string | undefined;
}

/** The list's filter from a query (a hand-edited URL's bad parameters are left out rather than an error). */
function filterOf(raw: unknown): DemandFilter & { after?: string | undefined; statusChosen: boolean } {
  const input = parseQuery(DemandQuery, raw);
  return {
    q: input.q,
    purpose: input.purpose,
    theme: input.theme ? Number(input.theme) : undefined,
    orgSector: input.orgSector,
    targetSector: input.targetSector,
    region: input.region,
    status: input.status ?? 'active',
    statusChosen: input.status !== undefined,
    due: input.due ? Number(input.due) : undefined,
    sort: input.sort ?? 'newest',
    after: input.after,
  };
}

/**
 * A page of the demand list. Browsing shows the demands taking replies unless a status is chosen;
 * searching words looks through every status (the flagship cases are concluded), and a search that
 * finds nothing is tried once more with a corrected spelling (`suggestQuery`).
 */
export async function browseDemands(ctx: Ctx, raw: unknown): Promise<DemandList> {
  const { after, statusChosen, ...typed } = filterOf(raw);
  const today = kstDate(ctx.now());
  const db = ctx.db;
  let filter: DemandFilter = typed.q && !statusChosen ? { ...typed, status: 'all' } : typed;
  // The (bounded, briefly cached) count comes first: it tells the page query how common the words are.
  let total = await countDemands(db, filter, today);
  // A kept count may predate a demand published since; before showing nothing, count afresh.
  if (total === 0) total = await countDemands(db, filter, today, true);
  let typedQuery: string | undefined;
  if (total === 0 && filter.q && !after) {
    const suggestion = await suggestQuery(db, filter.q, ctx.now());
    const corrected = suggestion ? await countDemands(db, { ...filter, q: suggestion }, today) : 0;
    if (corrected > 0) {
      typedQuery = filter.q;
      filter = { ...filter, q: suggestion! };
      total = corrected;
    }
  }
  // Nothing counted (just now), nothing to page: a search for a word no demand has would otherwise
  // walk the whole list newest first looking for it (about a second at 100,000 demands).
  const page = total === 0 ? { items: [], nextCursor: null } : await pageDemands(db, filter, today, after, total > countLimit(filter));
  return { filter, after, total, page, typedQuery };
}

/**
 * A list query to keep (a webhook's demand filter) as the list reads it: `q=휠체어&theme=3`, sorted,
 * without a cursor or an order. Null when a part is not one the list reads — it would be dropped
 * when applied, and the filter would take more demands than was meant.
 */
export function savedListQuery(query: string): string | null {
  const params = new URLSearchParams(query);
  params.delete('after');
  params.delete('sort');
  const raw: Record<string, string> = {};
  for (const [name, value] of params) {
    if (name in raw || !(name in DemandQuery.properties)) return null;
    raw[name] = value;
  }
  try {
    parseInput(DemandQuery, raw);
  } catch {
    return null;
  }
  params.sort();
  return params.toString();
}

/** Whether a demand is among those a saved list query (`q=휠체어&theme=3`) shows. */
export async function matchesListQuery(db: Db, demandId: number, query: string, now: Date): Promise<boolean> {
  const { after: _, ...filter } = filterOf(Object.fromEntries(new URLSearchParams(query)));
  return demandInFilter(db, demandId, filter, kstDate(now));
}

/** Everything the demand's page shows of the demand itself; the contact only to those allowed. */
export async function getDemand(ctx: Ctx, id: number) {
  // The demand, its items and its files are the same for every reader, who is then let see them or
  // not: read once for all of them for a moment (`sharedWork`), in one query.
  const record = await sharedWork(ctx, `demands.page ${id}`, () => demandPageRecord(ctx.db, id));
  const demand = demandIfAllowed(ctx, record?.demand, 'demand.view');
  const { items, attachments } = record!; // there is one: `demandIfAllowed` answers 404 otherwise
  const showContact = can(ctx.actor, 'demand.viewContact', demand);
  return {
    demand: showContact ? demand : { ...demand, contact_name: '', contact_email: null, contact_phone: null },
    showContact,
    offers: items.filter((i) => i.kind === 'offer'),
    needs: items.filter((i) => i.kind === 'need'),
    attachments,
  };
}

export type DemandDetail = Awaited<ReturnType<typeof getDemand>>;

/** The form's values when editing. */
export async function getDemandForEdit(ctx: Ctx, id: number) {
  const demand = await demandFor(ctx, ctx.db, id, 'demand.edit');
  const items = await itemsOfDemand(ctx.db, id);
  const values: Record<string, unknown> = {
    org: String(demand.org_id),
    title: demand.title,
    summary: demand.summary,
    body: demand.body,
    purpose: demand.purpose,
    themes: demand.theme_ids.map(String),
    targetSectors: demand.target_sectors,
    targetRegions: demand.target_regions,
    partnersSought: String(demand.partners_sought),
    deadline: demand.deadline,
    contactName: demand.contact_name,
    contactEmail: demand.contact_email ?? '',
    contactPhone: demand.contact_phone ?? '',
  };
  for (const kind of ['offer', 'need'] as const) {
    items
      .filter((i) => i.kind === kind)
      .forEach((item, i) => {
        values[`${kind}.${i}.capability`] = String(item.capability_id);
        values[`${kind}.${i}.text`] = item.description;
      });
  }
  return { demand, values };
}

/**
 * The versions of a demand. Editors are named only to the organisation's members and operators;
 * everyone else reads the organisation as the author (`showEditors` false, `editor_name` null).
 */
export async function getRevisions(ctx: Ctx, id: number) {
  const demand = await demandFor(ctx, ctx.db, id, 'demand.view');
  const showEditors = can(ctx.actor, 'demand.viewEditors', demand);
  const rows = await ctx.db
    .selectFrom('demand_revisions')
    .leftJoin('users', 'users.id', 'demand_revisions.editor_id')
    .select(['demand_revisions.revision', 'demand_revisions.snapshot', 'demand_revisions.created_at', 'users.name as editor_name'])
    .where('demand_revisions.demand_id', '=', id)
    .orderBy('demand_revisions.revision', 'desc')
    .limit(100)
    .execute();
  const revisions = showEditors ? rows : rows.map((row) => ({ ...row, editor_name: null }));
  return { demand, revisions, showEditors };
}

export function newestOpenDemands(ctx: Ctx, limit: number): Promise<DemandSummary[]> {
  return newestOpen(ctx.db, limit);
}

/** The actor's organisations' demands, drafts included. */
export async function myDemands(ctx: Ctx, after: string | undefined): Promise<Page<DemandSummary>> {
  const actor = requireUser(ctx.actor);
  return demandsOfOrgs(
    ctx.db,
    actor.memberships.map((m) => m.orgId),
    after,
  );
}

/** Open and negotiating demands, for the home page. */
export function openDemandCount(ctx: Ctx): Promise<number> {
  return openDemands.get(ctx.db);
}

/**
 * Counting 70,000 open demands of 100,000 reads the table (48 ms on PostgreSQL): on the home page,
 * shown to everyone signed in, the figure may be ten seconds old.
 */
const openDemands = memoPerDatabase(10_000, (db) => countRows(db.selectFrom('demands').where('status', 'in', ['open', 'negotiating']).where('hidden_at', 'is', null)));

/**
 * The hourly deadline sweep: three days before the deadline of an open demand with no reply its
 * organisation is reminded once; past the deadline such a demand is closed (종료) and they are told.
 * Works through every such demand, `batch` at a time (each one handled leaves the selection: it is
 * reminded or closed), so a day on which thousands fall due is done within the hour.
 */
export async function sweepDeadlines(ctx: Pick<Ctx, 'db' | 'now' | 'baseUrl' | 'actor'>, batch = 500): Promise<{ reminded: number; closed: number }> {
  const today = kstDate(ctx.now());
  let reminded = 0;
  let closed = 0;
  let afterId = 0;
  for (;;) {
    const due = await ctx.db
      .selectFrom('demands')
      .select(['id', 'org_id', 'title', 'deadline', 'reminded_at'])
      .where('status', '=', 'open')
      .where('reply_count', '=', 0)
      .where('hidden_at', 'is', null)
      .where('deadline', '<=', addDays(today, 3))
      // Those already reminded wait for their deadline: left out, they do not fill every batch until then.
      .where((eb) => eb.or([eb('deadline', '<', today), eb('reminded_at', 'is', null)]))
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(batch)
      .execute();
    for (const demand of due) {
      await ctx.db.transaction().execute(async (trx) => {
        const recipients = await orgMemberRecipients(trx, [demand.org_id]);
        const link = `/demands/${demand.id}`;
        if (demand.deadline < today) {
          if (!(await transitionDemand(ctx, trx, demand.id, ['open'], 'closed', { reason: 'deadline' }))) return;
          await notify(trx, ctx, recipients, { kind: 'notice.closedNoReply', params: { title: demand.title }, link });
          closed += 1;
        } else if (!demand.reminded_at) {
          await trx.updateTable('demands').set({ reminded_at: ctx.now() }).where('id', '=', demand.id).execute();
          await notify(trx, ctx, recipients, { kind: 'notice.deadlineSoon', params: { title: demand.title, deadline: demand.deadline }, link });
          reminded += 1;
        }
      });
    }
    if (due.length < batch) return { reminded, closed };
    afterId = due.at(-1)!.id;
  }
}

export async function addDemandAttachment(ctx: Ctx, id: number, raw: unknown): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await demandFor(ctx, trx, id, 'demand.edit');
    await storeAttachment(ctx, trx, 'demand', id, (raw as Record<string, unknown> | undefined)?.file, 'file');
  });
}

export async function removeDemandAttachment(ctx: Ctx, id: number, fileId: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await demandFor(ctx, trx, id, 'demand.edit');
    await deleteAttachment(ctx, trx, 'demand', id, fileId);
  });
}

export async function downloadDemandAttachment(ctx: Ctx, id: number, fileId: number) {
  await demandFor(ctx, ctx.db, id, 'demand.view');
  return readAttachment(ctx, 'demand', id, fileId);
}

import { sql } from 'kysely';
import { countRows } from '../../db/count.ts';
import { decodeCursor, olderThan, type Page, toPage } from '../../db/pagination.ts';
import { queryTemplate } from '../../db/query-template.ts';
import type { Db } from '../../shared/context.ts';
import { searchQuery } from '../../shared/korean-search.ts';
import { facetQuery } from './demand-search.ts';
import { sharedFor } from '../../shared/memo.ts';
import { withThemeNames } from './theme-names.ts';
import type { Sector } from '../orgs/index.ts';
import type { DemandStatus, Purpose } from './demands.tables.ts';
import type { Attachment } from './attachments.ts';

export interface DemandSummary {
  id: number;
  title: string;
  summary: string;
  purpose: Purpose;
  status: DemandStatus;
  deadline: string;
  reply_count: number;
  published_at: Date | null;
  org_id: number;
  org_name: string;
  org_sector: Sector;
  theme_ids: number[];
  /** Its themes' names, in the themes' order. */
  themes: string[];
  /** The same themes' English names. */
  themes_en: string[];
  /** Chosen in an expert review round as a featured demand (주요 과제). */
  featured: boolean;
}

export type StatusFilter = 'active' | 'open' | 'negotiating' | 'concluded' | 'closed' | 'all';
export type DemandSort = 'newest' | 'deadline' | 'replies';

export interface DemandFilter {
  q?: string | undefined;
  purpose?: Purpose | undefined;
  theme?: number | undefined;
  orgSector?: Sector | undefined;
  targetSector?: Sector | undefined;
  region?: string | undefined;
  status: StatusFilter;
  /** Deadline within this many days from today (and not passed). */
  due?: number | undefined;
  sort: DemandSort;
}

export const DEMAND_PAGE_SIZE = 20;
/**
 * As in the directory, counting stops at a bound, so a broad filter stays cheap. A plain search
 * stops at 200 ("200건 이상"): each match of a longer word is checked against its text, so counting
 * on to 1,000 tripled its p95. The bound also decides how a search page is read (see `filtered`):
 * past it the page walks the sort order. A search with filters counts on to 1,000, because walking
 * only pays when matches are that common once the filters have thinned them (a three-syllable word
 * with a theme and a purpose, 231 matches: 65 ms walking, a few ms fetched).
 */
export function countLimit(filter: DemandFilter): number {
  return filter.q && !facetQuery(filter).length ? 200 : 1000;
}

const STATUS_SETS: Record<StatusFilter, DemandStatus[]> = {
  active: ['open', 'negotiating'],
  open: ['open'],
  negotiating: ['negotiating'],
  concluded: ['concluded'],
  closed: ['closed'],
  all: ['open', 'negotiating', 'concluded', 'closed'],
};

const themeNames = sql<string[]>`array(
  SELECT themes.name FROM demand_themes JOIN themes ON themes.id = demand_themes.theme_id
  WHERE demand_themes.demand_id = demands.id ORDER BY themes.sort, themes.id)`;
const themeNamesEn = sql<string[]>`array(
  SELECT themes.name_en FROM demand_themes JOIN themes ON themes.id = demand_themes.theme_id
  WHERE demand_themes.demand_id = demands.id ORDER BY themes.sort, themes.id)`;
/** A demand's themes as ids, read from the index alone: lists name them through `withThemeNames`. */
const themeIds = sql<number[]>`array(SELECT theme_id FROM demand_themes WHERE demand_id = demands.id)`;

/** The reviews module's table, read for display: a featured demand carries a badge everywhere. */
const featured = sql<boolean>`EXISTS (
  SELECT 1 FROM review_items WHERE review_items.subject_type = 'demand' AND review_items.subject_id = demands.id AND review_items.featured_at IS NOT NULL)`;

const SUMMARY = [
  'demands.id',
  'demands.title',
  'demands.summary',
  'demands.purpose',
  'demands.status',
  'demands.deadline',
  'demands.reply_count',
  'demands.published_at',
  'demands.org_id',
  'orgs.name as org_name',
  'orgs.sector as org_sector',
] as const;

/** A summary as lists read it; `withThemeNames` completes it. */
const LISTED = [...SUMMARY, themeIds.as('theme_ids'), featured.as('featured')] as const;

/**
 * Published demands anyone may read, with the filter applied. `broad` says the words match many
 * demands: the text test is then written as a plain function call, which no index serves, so the
 * planner walks the sort order's index and stops at the page's end instead of fetching and sorting
 * every match (a common four-syllable word: 132 ms → 2.5 ms on 100,000 demands). Few matches are
 * still found through the GIN index.
 */
function filtered(db: Db, filter: DemandFilter, today: string, broad = false): DemandQuery {
  let query = publishedDemands(db, filter.status);
  const tsquery = filter.q ? searchQuery(filter.q) : null;
  if (tsquery && !broad) {
    // With words to find, the facet filters join them in one tsquery (see demand-search.ts). The
    // facets are cast, not parsed: the text parser would split 'p:pilot' into two words.
    const facets = facetQuery(filter).join(' & ');
    const wanted = facets ? sql`(to_tsquery('simple', ${tsquery}) && ${facets}::tsquery)` : sql`to_tsquery('simple', ${tsquery})`;
    return withOrgFilters(query.where(sql<boolean>`demands.search_vector @@ ${wanted}`), filter, today);
  }
  // Walking an index, the filters are tested on the row's own columns first: a row they reject
  // never has its (large, out-of-line) search vector read.
  if (filter.purpose) query = query.where('demands.purpose', '=', filter.purpose);
  if (filter.targetSector) {
    const sector = filter.targetSector;
    // No target sector means any partner is welcome.
    query = query.where(sql<boolean>`(demands.target_sectors @> ARRAY[${sector}]::text[] OR demands.target_sectors = '{}')`);
  }
  if (filter.region === 'nationwide') query = query.where(sql<boolean>`demands.target_regions = '{}'`);
  else if (filter.region) {
    const region = filter.region;
    query = query.where(sql<boolean>`(demands.target_regions @> ARRAY[${region}]::text[] OR demands.target_regions = '{}')`);
  }
  if (filter.theme) {
    const theme = filter.theme;
    query = query.where((eb) =>
      eb.exists(
        eb.selectFrom('demand_themes').select('demand_themes.demand_id').whereRef('demand_themes.demand_id', '=', 'demands.id').where('demand_themes.theme_id', '=', theme),
      ),
    );
  }
  if (tsquery) query = query.where(sql<boolean>`ts_match_vq(demands.search_vector, to_tsquery('simple', ${tsquery}))`);
  return withOrgFilters(query, filter, today);
}

/** Demands anyone may read, in the list's status sets ('active': open or in negotiation). */
export function publishedDemands(db: Db, status: StatusFilter) {
  return db
    .selectFrom('demands')
    .where('demands.published_at', 'is not', null)
    .where('demands.hidden_at', 'is', null)
    .where('demands.status', 'in', STATUS_SETS[status]);
}
type DemandQuery = ReturnType<typeof publishedDemands>;

function withOrgFilters(query: DemandQuery, filter: DemandFilter, today: string): DemandQuery {
  if (filter.orgSector) {
    const sector = filter.orgSector;
    query = query.where((eb) => eb.exists(eb.selectFrom('orgs').select('orgs.id').whereRef('orgs.id', '=', 'demands.org_id').where('orgs.sector', '=', sector)));
  }
  if (filter.due) {
    query = query
      .where('demands.deadline', '>=', today)
      .where('demands.deadline', '<=', sql<string>`(${today}::date + ${filter.due}::int)::text`);
  }
  return query;
}

/**
 * Counts are the costliest part of a list (up to 1,001 rows read) and the same few filters are asked
 * for again and again, so each count is kept for a few seconds per filter: a new demand shows in the
 * list at once and in its count within COUNT_CACHE_MS.
 */
const COUNT_CACHE_MS = 5_000;
const COUNT_CACHE_SIZE = 500;
const sharedCounts = sharedFor<number>(COUNT_CACHE_MS, COUNT_CACHE_SIZE);

/** Exact up to countLimit(filter); one more than it means "more". `fresh` counts afresh (and keeps that). */
export function countDemands(db: Db, filter: DemandFilter, today: string, fresh = false): Promise<number> {
  const { sort: _sort, ...counted } = filter;
  return sharedCounts(db, JSON.stringify([counted, today]), () => queryCount(db, filter, today), { fresh });
}

/**
 * A search's matches are counted from a materialized CTE: planned without the LIMIT, PostgreSQL
 * intersects the GIN index and reads only the rows it needs, where under the LIMIT it trusted its
 * (poor) estimate for phrases and facets and scanned the table, reading 16,000 text vectors to
 * find 201 matches (46 ms → 12 ms for a common word with a theme and a purpose).
 */
async function queryCount(db: Db, filter: DemandFilter, today: string): Promise<number> {
  const limit = countLimit(filter) + 1;
  const matches = filtered(db, filter, today).select('demands.id');
  const counted = filter.q
    ? db
        .with((cte) => cte('matches').materialized(), () => matches)
        .selectFrom((eb) => eb.selectFrom('matches').select('matches.id').limit(limit).as('m'))
    : db.selectFrom(matches.limit(limit).as('m'));
  return countRows(counted);
}

export async function pageDemands(
  db: Db,
  filter: DemandFilter,
  today: string,
  after: string | undefined,
  broad = false,
): Promise<Page<DemandSummary>> {
  let query = filtered(db, filter, today, broad)
    .innerJoin('orgs', 'orgs.id', 'demands.org_id')
    .select(LISTED);
  switch (filter.sort) {
    case 'newest': {
      const cursor = decodeCursor(after, ['timestamp', 'id']);
      if (cursor) query = query.where(olderThan('demands.published_at', 'demands.id', cursor));
      const rows = await query.orderBy('demands.published_at', 'desc').orderBy('demands.id', 'desc').limit(DEMAND_PAGE_SIZE + 1).execute();
      return toPage(await withThemeNames(db, rows), DEMAND_PAGE_SIZE, (r) => [r.published_at?.toISOString() ?? '', r.id]);
    }
    case 'deadline': {
      const cursor = decodeCursor(after, ['date', 'id']);
      if (cursor) query = query.where(sql<boolean>`(demands.deadline, demands.id) > (${cursor[0]}::date, ${cursor[1]})`);
      const rows = await query.orderBy('demands.deadline').orderBy('demands.id').limit(DEMAND_PAGE_SIZE + 1).execute();
      return toPage(await withThemeNames(db, rows), DEMAND_PAGE_SIZE, (r) => [r.deadline, r.id]);
    }
    case 'replies': {
      const cursor = decodeCursor(after, ['count', 'id']);
      if (cursor) query = query.where(sql<boolean>`(demands.reply_count, demands.id) < (${cursor[0]}, ${cursor[1]})`);
      const rows = await query.orderBy('demands.reply_count', 'desc').orderBy('demands.id', 'desc').limit(DEMAND_PAGE_SIZE + 1).execute();
      return toPage(await withThemeNames(db, rows), DEMAND_PAGE_SIZE, (r) => [r.reply_count, r.id]);
    }
  }
}

/** A demand's row with its organisation and themes: what `findDemand` and the page's record read. */
const demandRow = (db: Db, id: number) =>
  db
    .selectFrom('demands')
    .innerJoin('orgs', 'orgs.id', 'demands.org_id')
    .select([
      ...SUMMARY,
      'demands.body',
      'demands.target_sectors',
      'demands.target_regions',
      'demands.partners_sought',
      'demands.contact_name',
      'demands.contact_email',
      'demands.contact_phone',
      'demands.revision',
      'demands.closed_at',
      'demands.hidden_at',
      'demands.hidden_reason',
      'demands.created_at',
      'demands.updated_at',
      'orgs.status as org_status',
      themeNames.as('themes'), themeNamesEn.as('themes_en'), featured.as('featured'),
      themeIds.as('theme_ids'),
    ])
    .where('demands.id', '=', id);

/** Built once per database (`queryTemplate`), and once per transaction: every write on a demand starts with it. */
const demandById = queryTemplate((db, id: number) => demandRow(db, id).$if(db.isTransaction, (q) => q.forUpdate('demands')));

/**
 * A demand with its organisation and themes; undefined if there is none. Read inside a transaction,
 * the demand's row is locked until it commits, so decisions taken on what was read (one reply per
 * organisation, one match, the next revision number, a status change) cannot be taken twice by
 * concurrent requests.
 */
export async function findDemand(db: Db, id: number) {
  return (await demandById(db, id))[0];
}

export type DemandRecord = NonNullable<Awaited<ReturnType<typeof findDemand>>>;

export function itemsOfDemand(db: Db, demandId: number) {
  return db
    .selectFrom('demand_items')
    .innerJoin('capabilities', 'capabilities.id', 'demand_items.capability_id')
    .select(['demand_items.kind', 'demand_items.capability_id', 'demand_items.description', 'capabilities.name', 'capabilities.name_en'])
    .where('demand_items.demand_id', '=', demandId)
    .orderBy('demand_items.kind')
    .orderBy('demand_items.sort')
    .execute();
}

export type DemandItem = Awaited<ReturnType<typeof itemsOfDemand>>[number];

/** An attachment as JSON carries its time as text. */
type AttachmentRow = Omit<Attachment, 'created_at'> & { created_at: string };

/**
 * The demand's page record in one round trip: the demand (as `findDemand`, never locked), its items
 * in their order (as `itemsOfDemand`) and its files (as `attachmentsOf`); undefined if there is none.
 * On a page no one has read for a moment this is the first thing waited for.
 */
const pageRecordById = queryTemplate((db, id: number) =>
  demandRow(db, id).select([
    sql<DemandItem[]>`coalesce((
      SELECT json_agg(json_build_object('kind', i.kind, 'capability_id', i.capability_id, 'description', i.description, 'name', c.name, 'name_en', c.name_en) ORDER BY i.kind, i.sort)
      FROM demand_items i JOIN capabilities c ON c.id = i.capability_id WHERE i.demand_id = demands.id), '[]'::json)`.as('items'),
    sql<AttachmentRow[]>`coalesce((
      SELECT json_agg(json_build_object('id', a.id, 'owner_id', a.owner_id, 'filename', a.filename, 'mime', a.mime, 'size_bytes', a.size_bytes, 'created_at', a.created_at) ORDER BY a.id)
      FROM attachments a WHERE a.owner_type = 'demand' AND a.owner_id = demands.id), '[]'::json)`.as('attachments'),
  ]),
);

export async function demandPageRecord(db: Db, id: number): Promise<{ demand: DemandRecord; items: DemandItem[]; attachments: Attachment[] } | undefined> {
  const [row] = await pageRecordById(db, id);
  if (!row) return undefined;
  const { items, attachments, ...demand } = row;
  return { demand, items, attachments: attachments.map((a) => ({ ...a, created_at: new Date(a.created_at) })) };
}

/** Newest published, still open demands (home page). */
export async function newestOpen(db: Db, limit: number): Promise<DemandSummary[]> {
  const rows = await db
    .selectFrom('demands')
    .innerJoin('orgs', 'orgs.id', 'demands.org_id')
    .select(LISTED)
    .where('demands.published_at', 'is not', null)
    .where('demands.hidden_at', 'is', null)
    .where('demands.status', '=', 'open')
    .orderBy('demands.published_at', 'desc')
    .orderBy('demands.id', 'desc')
    .limit(limit)
    .execute();
  return withThemeNames(db, rows);
}

/**
 * Rewrites what organisations are looking for (`org_wants`) from their live demands: one
 * organisation after each event on its demands, or all of them (data loaded around the services).
 */
export async function rebuildOrgWants(db: Db, orgId?: number): Promise<void> {
  await db.deleteFrom('org_wants').$if(orgId !== undefined, (q) => q.where('org_id', '=', orgId!)).execute();
  await db
    .insertInto('org_wants')
    .columns(['org_id', 'capability_id'])
    .expression(
      publishedDemands(db, 'active')
        .innerJoin('demand_items', 'demand_items.demand_id', 'demands.id')
        .select(['demands.org_id', 'demand_items.capability_id'])
        .distinct()
        .$if(orgId !== undefined, (q) => q.where('demands.org_id', '=', orgId!))
        .where('demand_items.kind', '=', 'need'),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function demandInFilter(db: Db, demandId: number, filter: DemandFilter, today: string): Promise<boolean> {
  return !!(await filtered(db, filter, today).select('demands.id').where('demands.id', '=', demandId).executeTakeFirst());
}

/** Published, visible demands of `ids` (one array parameter, so the SQL is the same for any number). */
function summariesQuery(db: Db, ids: number[]) {
  return db
    .selectFrom('demands')
    .innerJoin('orgs', 'orgs.id', 'demands.org_id')
    .select(LISTED)
    .where(sql<boolean>`demands.id = ANY(${ids}::bigint[])`)
    .where('demands.published_at', 'is not', null)
    .where('demands.hidden_at', 'is', null);
}

const summariesById = queryTemplate((db, ids: number[]) => summariesQuery(db, ids));

/**
 * Published, visible demands by id, in the order asked (recommendations pick the ids); with
 * `unansweredBy`, those that organisation holds a live participation reply on are left out.
 */
export async function summariesOf(db: Db, ids: number[], unansweredBy?: number): Promise<DemandSummary[]> {
  if (!ids.length) return [];
  const rows =
    unansweredBy === undefined
      ? await summariesById(db, ids)
      : await summariesQuery(db, ids)
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('replies').select('replies.id').whereRef('replies.demand_id', '=', 'demands.id').where('replies.org_id', '=', unansweredBy).where('replies.status', '!=', 'withdrawn'),
              ),
            ),
          )
          .execute();
  const named = await withThemeNames(db, rows);
  return ids.flatMap((id) => named.find((r) => r.id === id) ?? []);
}

/**
 * The organisations' own demands, drafts included (their dashboard), newest first, a page of
 * DEMAND_PAGE_SIZE after the cursor `after` (`[created_at, id]`; one that does not decode is the
 * first page).
 */
export async function demandsOfOrgs(db: Db, orgIds: number[], after: string | undefined): Promise<Page<DemandSummary>> {
  if (!orgIds.length) return { items: [], nextCursor: null };
  const cursor = decodeCursor(after, ['timestamp', 'id']);
  const rows = await db
    .selectFrom('demands')
    .innerJoin('orgs', 'orgs.id', 'demands.org_id')
    .select([...LISTED, 'demands.created_at'])
    .where('demands.org_id', 'in', orgIds)
    .$if(cursor !== null, (q) => q.where(olderThan('demands.created_at', 'demands.id', cursor!)))
    .orderBy('demands.created_at', 'desc')
    .orderBy('demands.id', 'desc')
    .limit(DEMAND_PAGE_SIZE + 1)
    .execute();
  return toPage(await withThemeNames(db, rows), DEMAND_PAGE_SIZE, (r) => [r.created_at.toISOString(), r.id]);
}

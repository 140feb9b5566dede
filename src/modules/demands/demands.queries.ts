import { sql } from 'kysely';
import { decodeCursor, type Page, toPage } from '../../db/pagination.ts';
import type { Db } from '../../shared/context.ts';
import { searchQuery } from '../../shared/korean-search.ts';
import type { Sector } from '../orgs/index.ts';
import type { DemandStatus, Purpose } from './demands.tables.ts';

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
  themes: string[];
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
/** As in the directory: counting stops here, so a broad filter stays cheap. */
export const DEMAND_COUNT_LIMIT = 1000;

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
  WHERE demand_themes.demand_id = demands.id ORDER BY themes.sort)`;

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

/** Published demands anyone may read, with the filter applied. */
function filtered(db: Db, filter: DemandFilter, today: string) {
  let query = db
    .selectFrom('demands')
    .innerJoin('orgs', 'orgs.id', 'demands.org_id')
    .where('demands.published_at', 'is not', null)
    .where('demands.hidden_at', 'is', null)
    .where('demands.status', 'in', STATUS_SETS[filter.status]);
  if (filter.purpose) query = query.where('demands.purpose', '=', filter.purpose);
  if (filter.orgSector) query = query.where('orgs.sector', '=', filter.orgSector);
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
  if (filter.due) {
    query = query
      .where('demands.deadline', '>=', today)
      .where('demands.deadline', '<=', sql<string>`(${today}::date + ${filter.due}::int)::text`);
  }
  const tsquery = filter.q ? searchQuery(filter.q) : null;
  if (tsquery) query = query.where(sql<boolean>`demands.search_vector @@ to_tsquery('simple', ${tsquery})`);
  return query;
}

/** Exact up to DEMAND_COUNT_LIMIT; DEMAND_COUNT_LIMIT + 1 means "more". */
export async function countDemands(db: Db, filter: DemandFilter, today: string): Promise<number> {
  const row = await db
    .selectFrom(
      filtered(db, filter, today)
        .select('demands.id')
        .limit(DEMAND_COUNT_LIMIT + 1)
        .as('matches'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function pageDemands(db: Db, filter: DemandFilter, today: string, after: string | undefined): Promise<Page<DemandSummary>> {
  let query = filtered(db, filter, today).select([...SUMMARY, themeNames.as('themes')]);
  switch (filter.sort) {
    case 'newest': {
      const cursor = decodeCursor(after, ['string', 'number']);
      if (cursor) query = query.where(sql<boolean>`(demands.published_at, demands.id) < (${cursor[0]}::timestamptz, ${cursor[1]})`);
      const rows = await query.orderBy('demands.published_at', 'desc').orderBy('demands.id', 'desc').limit(DEMAND_PAGE_SIZE + 1).execute();
      return toPage(rows, DEMAND_PAGE_SIZE, (r) => [r.published_at?.toISOString() ?? '', r.id]);
    }
    case 'deadline': {
      const cursor = decodeCursor(after, ['string', 'number']);
      if (cursor) query = query.where(sql<boolean>`(demands.deadline, demands.id) > (${cursor[0]}::date, ${cursor[1]})`);
      const rows = await query.orderBy('demands.deadline').orderBy('demands.id').limit(DEMAND_PAGE_SIZE + 1).execute();
      return toPage(rows, DEMAND_PAGE_SIZE, (r) => [r.deadline, r.id]);
    }
    case 'replies': {
      const cursor = decodeCursor(after, ['number', 'number']);
      if (cursor) query = query.where(sql<boolean>`(demands.reply_count, demands.id) < (${cursor[0]}, ${cursor[1]})`);
      const rows = await query.orderBy('demands.reply_count', 'desc').orderBy('demands.id', 'desc').limit(DEMAND_PAGE_SIZE + 1).execute();
      return toPage(rows, DEMAND_PAGE_SIZE, (r) => [r.reply_count, r.id]);
    }
  }
}

export function findDemand(db: Db, id: number) {
  return db
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
      themeNames.as('themes'),
      sql<number[]>`array(SELECT theme_id FROM demand_themes WHERE demand_id = demands.id)`.as('theme_ids'),
    ])
    .where('demands.id', '=', id)
    .executeTakeFirst();
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

/** Newest published, still open demands (home page). */
export function newestOpen(db: Db, limit: number): Promise<DemandSummary[]> {
  return db
    .selectFrom('demands')
    .innerJoin('orgs', 'orgs.id', 'demands.org_id')
    .select([...SUMMARY, themeNames.as('themes')])
    .where('demands.published_at', 'is not', null)
    .where('demands.hidden_at', 'is', null)
    .where('demands.status', '=', 'open')
    .orderBy('demands.published_at', 'desc')
    .orderBy('demands.id', 'desc')
    .limit(limit)
    .execute();
}

/** The organisation's own demands, drafts included (its dashboard). */
export function demandsOfOrgs(db: Db, orgIds: number[]): Promise<DemandSummary[]> {
  if (!orgIds.length) return Promise.resolve([]);
  return db
    .selectFrom('demands')
    .innerJoin('orgs', 'orgs.id', 'demands.org_id')
    .select([...SUMMARY, themeNames.as('themes')])
    .where('demands.org_id', 'in', orgIds)
    .orderBy('demands.created_at', 'desc')
    .limit(100)
    .execute();
}

import { queryTemplate } from '../../db/query-template.ts';
import { countRows } from '../../db/count.ts';
import { sql } from 'kysely';
import { decodeCursor, type Page, type QueueHead, queueHead, toPage } from '../../db/pagination.ts';
import type { Actor, Db } from '../../shared/context.ts';
import { isOperator } from '../../shared/context.ts';
import { searchQuery } from '../../shared/korean-search.ts';
import type { OrgStatus } from './orgs.tables.ts';
import type { Sector } from './sectors.ts';

export interface OrgSummary {
  id: number;
  name: string;
  sector: Sector;
  region_code: string | null;
  region_name: string | null;
  province_name: string | null;
  status: OrgStatus;
  description: string;
}

export interface DirectoryFilter {
  q?: string | undefined;
  sector?: Sector | undefined;
  region?: string | undefined;
  capability?: number | undefined;
}

export const DIRECTORY_PAGE_SIZE = 20;

/** Organisations with their region and its province, ready to select a summary from. */
function withRegions(db: Db) {
  return db
    .selectFrom('orgs')
    .leftJoin('regions', 'regions.code', 'orgs.region_code')
    .leftJoin('regions as province', 'province.code', 'regions.parent_code');
}

const SUMMARY = [
  'orgs.id',
  'orgs.name',
  'orgs.sector',
  'orgs.region_code',
  'regions.name as region_name',
  'province.name as province_name',
  'orgs.status',
  'orgs.description',
] as const;

/** Summaries of non-refused organisations, newest first (home page). */
export function newestSummaries(db: Db, limit: number): Promise<OrgSummary[]> {
  return withRegions(db)
    .select(SUMMARY)
    .where('orgs.status', '!=', 'rejected')
    .orderBy('orgs.created_at', 'desc')
    .orderBy('orgs.id', 'desc')
    .limit(limit)
    .execute();
}

/** Organisations waiting for an operator shown at once, each with its two forms: worked from the top. */
const VERIFICATIONS_SHOWN = 50;

/** Organisations waiting for an operator in the order they asked (an edit meanwhile keeps their place): the head of the queue and how many wait. */
export async function pendingSummaries(db: Db): Promise<QueueHead<OrgSummary>> {
  const rows = await withRegions(db).select(SUMMARY).where('orgs.status', '=', 'pending').orderBy('orgs.verification_requested_at').orderBy('orgs.id').limit(VERIFICATIONS_SHOWN + 1).execute();
  return queueHead(rows, VERIFICATIONS_SHOWN, () => countRows(db.selectFrom('orgs').where('status', '=', 'pending')));
}

function filtered(db: Db, actor: Actor, filter: DirectoryFilter) {
  let query = withRegions(db);
  // Refused registrations (often spam) leave the public directory; operators still see them.
  if (!isOperator(actor)) query = query.where('orgs.status', '!=', 'rejected');
  if (filter.sector) query = query.where('orgs.sector', '=', filter.sector);
  if (filter.region === 'nationwide') query = query.where('orgs.region_code', 'is', null);
  else if (filter.region) {
    const region = filter.region;
    query = query.where((eb) => eb.or([eb('orgs.region_code', '=', region), eb('orgs.region_code', 'like', `${region}-%`)]));
  }
  if (filter.capability) {
    const capability = filter.capability;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('org_capabilities')
          .select('org_capabilities.org_id')
          .whereRef('org_capabilities.org_id', '=', 'orgs.id')
          .where('org_capabilities.capability_id', '=', capability),
      ),
    );
  }
  const tsquery = filter.q ? searchQuery(filter.q) : null;
  if (tsquery) query = query.where(sql<boolean>`orgs.search_vector @@ to_tsquery('simple', ${tsquery})`);
  return query;
}

/** Counting stops here: past it the page says "more than 1,000", and a broad search stays cheap. */
export const COUNT_LIMIT = 1000;

/** The number of matches, exact up to COUNT_LIMIT; COUNT_LIMIT + 1 means "more". */
export function countDirectory(db: Db, actor: Actor, filter: DirectoryFilter): Promise<number> {
  return countRows(db.selectFrom(filtered(db, actor, filter).select('orgs.id').limit(COUNT_LIMIT + 1).as('matches')));
}

export async function pageDirectory(db: Db, actor: Actor, filter: DirectoryFilter, after: string | undefined): Promise<Page<OrgSummary>> {
  let query = filtered(db, actor, filter).select(SUMMARY);
  const cursor = decodeCursor(after, ['text', 'id']);
  if (cursor) {
    const [name, id] = cursor as [string, number];
    query = query.where((eb) => eb.or([eb('orgs.name', '>', name), eb.and([eb('orgs.name', '=', name), eb('orgs.id', '>', id)])]));
  }
  const rows = await query.orderBy('orgs.name').orderBy('orgs.id').limit(DIRECTORY_PAGE_SIZE + 1).execute();
  return toPage(rows, DIRECTORY_PAGE_SIZE, (row) => [row.name, row.id]);
}

/** An organisation; read inside a transaction, its row is locked so that status changes take turns. */
/** Built once per database (`queryTemplate`), and once per transaction: every organisation's page starts with it. */
const orgById = queryTemplate((db, id: number) =>
  withRegions(db)
    .select([...SUMMARY, 'orgs.website', 'orgs.capability_note', 'orgs.rejection_reason', 'orgs.verified_at', 'orgs.created_at'])
    .where('orgs.id', '=', id)
    .$if(db.isTransaction, (q) => q.forUpdate('orgs')),
);

export async function findOrg(db: Db, id: number) {
  return (await orgById(db, id))[0];
}

export async function capabilitiesOfOrg(db: Db, orgId: number) {
  return db
    .selectFrom('org_capabilities')
    .innerJoin('capabilities', 'capabilities.id', 'org_capabilities.capability_id')
    .select(['capabilities.id', 'capabilities.name', 'capabilities.name_en'])
    .where('org_capabilities.org_id', '=', orgId)
    .orderBy('capabilities.sort')
    .orderBy('capabilities.id')
    .execute();
}

export async function membersOfOrg(db: Db, orgId: number) {
  return db
    .selectFrom('org_members')
    .innerJoin('users', 'users.id', 'org_members.user_id')
    .select(['users.id', 'users.name', 'users.email', 'org_members.role', 'org_members.status', 'org_members.created_at'])
    .where('org_members.org_id', '=', orgId)
    .orderBy('org_members.created_at')
    .execute();
}

export async function orgAdminEmails(db: Db, orgId: number) {
  return db
    .selectFrom('org_members')
    .innerJoin('users', 'users.id', 'org_members.user_id')
    .select(['users.email', 'users.name', 'users.locale'])
    .where('org_members.org_id', '=', orgId)
    .where('org_members.role', '=', 'admin')
    .where('org_members.status', '=', 'active')
    .where('users.email', 'is not', null)
    .execute();
}

/** Active members of the organisations, to notify them. */
export async function orgMemberRecipients(db: Db, orgIds: number[]) {
  if (!orgIds.length) return [];
  return db
    .selectFrom('org_members')
    .innerJoin('users', 'users.id', 'org_members.user_id')
    .select(['users.id', 'users.email', 'users.locale'])
    .where('org_members.org_id', 'in', orgIds)
    .where('org_members.status', '=', 'active')
    .execute();
}

import { type Kysely, sql } from 'kysely';
import { orgNameKey } from '../../orgs/index.ts';
import type { DB } from '../../../db/schema.ts';
import type { Sector } from '../../orgs/index.ts';

export interface HistoryShape {
  /** First KST day of the history; demands are spread over `days` from it. */
  start: string;
  days: number;
  registered: number;
  replied: number;
  replierOrgs: number;
  concluded: number;
  /** Of the concluded, how many joined a private partner to the (public) demanding organisation. */
  publicPrivate: number;
}

const DAY_MS = 86_400_000;

/** Large inserts in parts: one statement may carry at most 65,535 parameters. */
async function inParts<T, R>(rows: T[], write: (part: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let k = 0; k < rows.length; k += 1000) out.push(...(await write(rows.slice(k, k + 1000))));
  return out;
}

async function insertOrgs(db: Kysely<DB>, prefix: string, sectors: Sector[], at: Date): Promise<number[]> {
  const rows = await inParts(
    sectors.map((sector, i) => ({ name: `${prefix} ${i + 1}`, name_key: orgNameKey(`${prefix} ${i + 1}`), sector, region_code: null, description: '', website: null, capability_note: '', rejection_reason: null, verified_at: null, search_vector: sql<string>`''::tsvector`, created_by: null, created_at: at, updated_at: at })),
    (part) => db.insertInto('orgs').values(part).returning('id').execute(),
  );
  return rows.map((r) => r.id);
}

/**
 * A platform history of a given shape, written straight into the tables and the lifecycle log —
 * hundreds of demands and organisations are too many to click through the services in a test, and
 * statistics read only these rows. One public demanding organisation; the replier organisations
 * take turns over the replied demands so that every one of them replies; each concluded demand is
 * concluded with its first replier, private for the first `publicPrivate` of them.
 */
export async function buildHistory(db: Kysely<DB>, shape: HistoryShape): Promise<void> {
  const start = new Date(`${shape.start}T09:00:00+09:00`).getTime();
  const [lead] = await insertOrgs(db, '역사 수요기관', ['local'], new Date(start));
  const replierSectors = Array.from({ length: shape.replierOrgs }, (_, j): Sector => (j < shape.publicPrivate ? 'company' : j < shape.concluded ? 'public-institution' : 'civil-society'));
  const repliers = await insertOrgs(db, '역사 답글기관', replierSectors, new Date(start));
  const day = (i: number) => new Date(start + Math.floor((i * shape.days) / shape.registered) * DAY_MS);

  const demands = await inParts(
      Array.from({ length: shape.registered }, (_, i) => ({
        org_id: lead!,
        author_id: null,
        title: `역사 수요 ${i + 1}`,
        summary: '',
        body: '',
        purpose: 'find-partner' as const,
        status: i < shape.concluded ? ('concluded' as const) : ('open' as const),
        target_sectors: [],
        target_regions: [],
        partners_sought: 1,
        deadline: '2099-12-31',
        contact_name: '담당자',
        contact_email: null,
        contact_phone: null,
        published_at: day(i),
        closed_at: null,
        reminded_at: null,
        hidden_at: null,
        hidden_reason: null,
        search_vector: sql<string>`''::tsvector`,
        created_at: day(i),
        updated_at: day(i),
      })),
    (part) => db.insertInto('demands').values(part).returning('id').execute(),
  );

  // Themes by turns, so that every breakdown has something to show.
  const themes = await db.selectFrom('themes').select('id').orderBy('sort').limit(3).execute();
  await inParts(
    demands.map(({ id }, i) => ({ demand_id: id, theme_id: themes[i % themes.length]!.id })),
    (part) => db.insertInto('demand_themes').values(part).execute(),
  );

  type Event = { demand_id: number; kind: string; actor_id: null; org_id: number; data: string; at: Date };
  const events: Event[] = [];
  const event = (demandId: number, kind: string, orgId: number, at: Date) => events.push({ demand_id: demandId, kind, actor_id: null, org_id: orgId, data: '{}', at });
  const later = (at: Date, days: number) => new Date(at.getTime() + days * DAY_MS);
  for (const [i, { id }] of demands.entries()) event(id, 'published', lead!, day(i));
  for (const [j, org] of repliers.entries()) {
    const i = j % shape.replied;
    event(demands[i]!.id, 'reply', org, later(day(i), 1 + Math.floor(j / shape.replied)));
  }
  for (let i = 0; i < shape.concluded; i++) {
    event(demands[i]!.id, 'negotiating', lead!, later(day(i), 3));
    event(demands[i]!.id, 'concluded', lead!, later(day(i), 10));
    const match = await db
      .insertInto('matches')
      .values({ demand_id: demands[i]!.id, summary: '', lead_contribution: '', started_on: shape.start, recorded_by: null, created_at: later(day(i), 3), concluded_at: later(day(i), 10) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('match_partners').values({ match_id: match.id, org_id: repliers[i]!, confirmed_at: later(day(i), 10), confirmed_by: null }).execute();
  }
  await inParts(events, (part) => db.insertInto('demand_events').values(part).execute());
}

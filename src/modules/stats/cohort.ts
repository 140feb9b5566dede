import { sql } from 'kysely';
import type { Db } from '../../shared/context.ts';
import { caseLabel } from '../matches/index.ts';
import type { Sector } from '../orgs/index.ts';

/** One demand of a cohort (first published in a range of time), followed to the cohort's horizon. */
export interface CohortRow {
  id: number;
  published_at: Date;
  /** Hidden by an operator: counted only as hidden. */
  hidden: boolean;
  sector: Sector;
  province: string | null;
  themes: number[] | null;
  first_reply_at: Date | null;
  negotiated: boolean;
  concluded_at: Date | null;
  /** Where it stands today. */
  status_now: string;
  replies: number;
  replier_orgs: number[] | null;
  /** Concluded with public and private organisations (the demanding one and every partner). */
  public_private: boolean;
}

/** What to follow: demands first published in [from, to), and what happened to them before `until` (null: until now). */
export interface CohortRange {
  from: Date;
  to: Date;
  until: Date | null;
}

/**
 * Ids of the demands first published in [from, to). A range scan of the log's (kind, at) index, so a
 * short range costs little however long the history.
 */
function cohortIds({ from, to }: CohortRange) {
  return sql`
    SELECT DISTINCT p.demand_id FROM demand_events p
    WHERE p.kind = 'published' AND p.at >= ${from} AND p.at < ${to}
      AND NOT EXISTS (SELECT 1 FROM demand_events q WHERE q.demand_id = p.demand_id AND q.kind = 'published' AND q.at < ${from})`;
}

const before = (column: string, until: Date | null) => (until ? sql`AND ${sql.ref(column)} < ${until}` : sql``);

/** Each demand of the cohort with what happened to it by the horizon: one grouped pass over its log, and one over its conclusions. */
export async function cohortRows(db: Db, range: CohortRange): Promise<CohortRow[]> {
  const [{ rows }, publicPrivate] = await Promise.all([
    sql<Omit<CohortRow, 'public_private'>>`
      WITH facts AS (
        SELECT e.demand_id,
          min(e.at) FILTER (WHERE e.kind = 'published') AS published_at,
          min(e.at) FILTER (WHERE e.kind = 'reply') AS first_reply_at,
          bool_or(e.kind IN ('negotiating', 'concluded')) AS negotiated,
          min(e.at) FILTER (WHERE e.kind = 'concluded') AS concluded_at,
          count(*) FILTER (WHERE e.kind = 'reply')::int AS replies,
          array_agg(DISTINCT e.org_id::int) FILTER (WHERE e.kind = 'reply' AND e.org_id IS NOT NULL) AS replier_orgs
        FROM demand_events e
        WHERE e.demand_id IN (${cohortIds(range)}) ${before('e.at', range.until)}
        GROUP BY e.demand_id
      ), themes AS (
        SELECT t.demand_id, array_agg(t.theme_id::int ORDER BY t.theme_id) AS themes
        FROM demand_themes t JOIN facts f ON f.demand_id = t.demand_id
        GROUP BY t.demand_id
      )
      SELECT d.id, d.hidden_at IS NOT NULL AS hidden, d.status AS status_now, o.sector, substr(o.region_code, 1, 2) AS province,
        th.themes, f.published_at, f.first_reply_at, f.negotiated, f.concluded_at, f.replies, f.replier_orgs
      FROM facts f
      JOIN demands d ON d.id = f.demand_id
      JOIN orgs o ON o.id = d.org_id
      LEFT JOIN themes th ON th.demand_id = f.demand_id
      ORDER BY d.id`.execute(db),
    publicPrivateDemands(db, range),
  ]);
  return rows.map((row) => ({ ...row, public_private: publicPrivate.has(row.id) }));
}

/** The cohort's demands whose collaboration concluded by the horizon joined public and private organisations. */
async function publicPrivateDemands(db: Db, range: CohortRange): Promise<Set<number>> {
  const { rows } = await sql<{ demand_id: number; lead_sector: Sector; partner_sector: Sector }>`
    SELECT m.demand_id, lead.sector AS lead_sector, partner.sector AS partner_sector
    FROM matches m
    JOIN demands d ON d.id = m.demand_id
    JOIN orgs lead ON lead.id = d.org_id
    JOIN match_partners mp ON mp.match_id = m.id
    JOIN orgs partner ON partner.id = mp.org_id
    WHERE m.concluded_at IS NOT NULL ${before('m.concluded_at', range.until)} AND m.demand_id IN (${cohortIds(range)})`.execute(db);
  const sectors = new Map<number, Sector[]>();
  for (const row of rows) sectors.set(row.demand_id, [...(sectors.get(row.demand_id) ?? [row.lead_sector]), row.partner_sector]);
  return new Set([...sectors].filter(([, list]) => caseLabel(list) === 'public-private').map(([id]) => id));
}

import { sql } from 'kysely';
import { ANONYMOUS, type Ctx, type Db, isOperator } from '../../shared/context.ts';
import { sharedInFlight } from '../../shared/memo.ts';
import { kstDate } from '../../shared/dates.ts';
import { caseLabel } from '../matches/index.ts';
import type { Sector } from '../orgs/index.ts';
import { type Period, parsePeriod, periodBounds } from './period.ts';

/** One demand of the period's cohort: published in the period, followed to the period's end. */
interface CohortRow {
  id: number;
  published_at: Date;
  sector: Sector;
  province: string | null;
  themes: number[] | null;
  first_reply_at: Date | null;
  negotiated: boolean;
  concluded_at: Date | null;
  status_at_end: string;
}

/** Counts for one slice of the cohort (a sector, a theme, a region, a month). */
export interface Slice {
  key: string;
  registered: number;
  replied: number;
  concluded: number;
}

export interface PeriodStats {
  period: Period;
  registered: number;
  replied: number;
  replierOrgs: number;
  negotiating: number;
  concluded: number;
  /** Concluded collaborations with both public and private organisations. */
  publicPrivate: number;
  /** Median days from publication; null when nothing to measure. */
  medianDaysToFirstReply: number | null;
  medianDaysToConclusion: number | null;
  bySector: Slice[];
  byTheme: Slice[];
  byRegion: Slice[];
  /** Per KST month of publication, 'YYYY-MM'. */
  byMonth: Slice[];
  /** Names of the themes (Korean, English) and 시·도 the slices name by id and code. */
  names: { themes: Record<string, [string, string]>; regions: Record<string, string> };
  /** Only for operators. */
  operator: OperatorStats | null;
}

export interface OperatorStats {
  replies: number;
  hidden: number;
  /** Where the cohort stands today, by status. */
  statusNow: { status: string; count: number }[];
}

const DAY_MS = 86_400_000;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const value = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(value * 10) / 10;
}

function sliceBy(rows: CohortRow[], keysOf: (row: CohortRow) => string[]): Slice[] {
  const slices = new Map<string, Slice>();
  for (const row of rows) {
    for (const key of keysOf(row)) {
      const slice = slices.get(key) ?? { key, registered: 0, replied: 0, concluded: 0 };
      slice.registered++;
      if (row.first_reply_at) slice.replied++;
      if (row.concluded_at) slice.concluded++;
      slices.set(key, slice);
    }
  }
  return [...slices.values()].sort((a, b) => b.registered - a.registered || a.key.localeCompare(b.key));
}

/**
 * Ids of the demands first published in [from, to), not hidden by an operator: the period's cohort.
 * A range scan of the log's (kind, at) index, so a short period costs little however long the history.
 */
function cohortIds(from: Date, to: Date) {
  return sql`
    SELECT DISTINCT p.demand_id FROM demand_events p JOIN demands d ON d.id = p.demand_id AND d.hidden_at IS NULL
    WHERE p.kind = 'published' AND p.at >= ${from} AND p.at < ${to}
      AND NOT EXISTS (SELECT 1 FROM demand_events q WHERE q.demand_id = p.demand_id AND q.kind = 'published' AND q.at < ${from})`;
}

/** Each demand of the cohort with what happened to it by the period's end: one grouped pass over its log. */
function cohort(db: Db, from: Date, to: Date) {
  return sql<CohortRow>`
    WITH facts AS (
      SELECT e.demand_id,
        min(e.at) FILTER (WHERE e.kind = 'published') AS published_at,
        min(e.at) FILTER (WHERE e.kind = 'reply') AS first_reply_at,
        bool_or(e.kind IN ('negotiating', 'concluded')) AS negotiated,
        min(e.at) FILTER (WHERE e.kind = 'concluded') AS concluded_at
      FROM demand_events e
      WHERE e.at < ${to} AND e.demand_id IN (${cohortIds(from, to)})
      GROUP BY e.demand_id
    ), themes AS (
      SELECT t.demand_id, array_agg(t.theme_id ORDER BY t.theme_id) AS themes
      FROM demand_themes t JOIN facts f ON f.demand_id = t.demand_id
      GROUP BY t.demand_id
    )
    SELECT d.id, d.status AS status_at_end, o.sector, substr(o.region_code, 1, 2) AS province, th.themes,
      f.published_at, f.first_reply_at, f.negotiated, f.concluded_at
    FROM facts f
    JOIN demands d ON d.id = f.demand_id
    JOIN orgs o ON o.id = d.org_id
    LEFT JOIN themes th ON th.demand_id = f.demand_id
    ORDER BY d.id`.execute(db);
}

/** Replies to the cohort within the period, and the distinct organisations that sent them. */
async function replierOrgs(db: Db, from: Date, to: Date): Promise<{ orgs: number; replies: number }> {
  const { rows } = await sql<{ orgs: number; replies: number }>`
    SELECT count(DISTINCT org_id) AS orgs, count(*) AS replies FROM demand_events
    WHERE kind = 'reply' AND at < ${to} AND demand_id IN (${cohortIds(from, to)})`.execute(db);
  return rows[0] ?? { orgs: 0, replies: 0 };
}

/** How many of the cohort's collaborations concluded in the period joined public and private organisations (the demanding one and every partner). */
async function publicPrivateCount(db: Db, from: Date, to: Date): Promise<number> {
  const { rows } = await sql<{ demand_id: number; lead_sector: Sector; partner_sector: Sector }>`
    SELECT m.demand_id, lead.sector AS lead_sector, partner.sector AS partner_sector
    FROM matches m
    JOIN demands d ON d.id = m.demand_id
    JOIN orgs lead ON lead.id = d.org_id
    JOIN match_partners mp ON mp.match_id = m.id
    JOIN orgs partner ON partner.id = mp.org_id
    WHERE m.concluded_at < ${to} AND m.demand_id IN (${cohortIds(from, to)})`.execute(db);
  const sectors = new Map<number, Sector[]>();
  for (const row of rows) sectors.set(row.demand_id, [...(sectors.get(row.demand_id) ?? [row.lead_sector]), row.partner_sector]);
  return [...sectors.values()].filter((list) => caseLabel(list) === 'public-private').length;
}

async function namesOf(db: Db, themeIds: string[], regionCodes: string[]): Promise<PeriodStats['names']> {
  const [themes, regions] = await Promise.all([
    themeIds.length ? db.selectFrom('themes').select(['id', 'name', 'name_en']).where('id', 'in', themeIds.map(Number)).execute() : [],
    regionCodes.length ? db.selectFrom('regions').select(['code', 'name']).where('code', 'in', regionCodes).execute() : [],
  ]);
  return {
    themes: Object.fromEntries(themes.map((th) => [String(th.id), [th.name, th.name_en]])),
    regions: Object.fromEntries(regions.map((r) => [r.code, r.name])),
  };
}

async function hiddenCount(db: Db, from: Date, to: Date): Promise<number> {
  const row = await db
    .selectFrom('demands')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('hidden_at', 'is not', null)
    .where('published_at', '>=', from)
    .where('published_at', '<', to)
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Figures being worked out for everyone but operators, per database and period. */
const publicFigures = sharedInFlight<PeriodStats>();

/**
 * The platform's figures for a period of KST days (`from`…`to`, both included). Everyone but an
 * operator sees the same figures, so while they are being worked out (seconds for the whole history
 * at 100,000 demands) others asking for the same period wait for that answer instead of each
 * starting one: fifty members asking at once cost one computation, not fifty.
 */
export async function periodStats(ctx: Ctx, raw: unknown): Promise<PeriodStats> {
  const period = await parsePeriod(ctx.db, raw, kstDate(ctx.now()));
  if (isOperator(ctx.actor)) return workOut(ctx, period);
  return publicFigures(ctx.db, JSON.stringify([period, kstDate(ctx.now())]), () => workOut({ ...ctx, actor: ANONYMOUS }, period));
}

async function workOut(ctx: Ctx, period: Period): Promise<PeriodStats> {
  const { from, to } = periodBounds(period);
  const [{ rows }, repliers, publicPrivate] = await Promise.all([cohort(ctx.db, from, to), replierOrgs(ctx.db, from, to), publicPrivateCount(ctx.db, from, to)]);
  const concluded = rows.filter((r) => r.concluded_at);
  const days = (end: Date | null, start: Date) => (end ? (end.getTime() - start.getTime()) / DAY_MS : null);
  const measured = (pick: (r: CohortRow) => number | null) => rows.map(pick).filter((d): d is number => d !== null);

  let operator: OperatorStats | null = null;
  if (isOperator(ctx.actor)) {
    const statuses = new Map<string, number>();
    for (const row of rows) statuses.set(row.status_at_end, (statuses.get(row.status_at_end) ?? 0) + 1);
    operator = {
      replies: repliers.replies,
      hidden: await hiddenCount(ctx.db, from, to),
      statusNow: [...statuses].map(([status, count]) => ({ status, count })),
    };
  }

  const byTheme = sliceBy(rows, (r) => (r.themes ?? []).map(String));
  const byRegion = sliceBy(rows, (r) => [r.province ?? '']);
  return {
    period,
    registered: rows.length,
    replied: rows.filter((r) => r.first_reply_at).length,
    replierOrgs: repliers.orgs,
    negotiating: rows.filter((r) => r.negotiated || r.concluded_at).length,
    concluded: concluded.length,
    publicPrivate,
    medianDaysToFirstReply: median(measured((r) => days(r.first_reply_at, r.published_at))),
    medianDaysToConclusion: median(measured((r) => days(r.concluded_at, r.published_at))),
    bySector: sliceBy(rows, (r) => [r.sector]),
    byTheme,
    byRegion,
    byMonth: sliceBy(rows, (r) => [kstDate(r.published_at).slice(0, 7)]).sort((a, b) => a.key.localeCompare(b.key)),
    names: await namesOf(ctx.db, byTheme.map((slice) => slice.key), byRegion.map((slice) => slice.key).filter(Boolean)),
    operator,
  };
}

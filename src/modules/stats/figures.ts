import { kstWallClock } from '../../shared/dates.ts';
import type { CohortRow } from './cohort.ts';

/** Registered, replied and concluded demands of one slice (a sector, a theme, a 시·도). */
type Tally = [registered: number, replied: number, concluded: number];

/**
 * What one cohort adds to a period's figures, in a form that adds up: counts, tallies by key, and
 * how many demands took each number of tenths of a day, so that medians over several months come
 * out exactly as over their demands together. Stored as JSON in `stats_months.figures`.
 */
export interface CohortFigures {
  registered: number;
  replied: number;
  negotiating: number;
  concluded: number;
  publicPrivate: number;
  replies: number;
  hidden: number;
  statusNow: Record<string, number>;
  bySector: Record<string, Tally>;
  byTheme: Record<string, Tally>;
  byRegion: Record<string, Tally>;
  /** Tenths of a day from publication to the first reply → demands. */
  replyTenths: Record<string, number>;
  /** Tenths of a day from publication to conclusion → demands. */
  conclusionTenths: Record<string, number>;
}

/** One month's cohort: its figures and the organisations that replied to it, as a bitmap by id. */
export interface MonthFigures {
  month: string;
  figures: CohortFigures;
  repliers: Uint8Array;
}

/** Counts for one slice of a period (a sector, a theme, a region, a month). */
export interface Slice {
  key: string;
  registered: number;
  replied: number;
  concluded: number;
}

/** A period's figures added up from its months. */
export interface Totals {
  registered: number;
  replied: number;
  replierOrgs: number;
  negotiating: number;
  concluded: number;
  publicPrivate: number;
  /** Median days from publication, to a tenth; null when nothing to measure. */
  medianDaysToFirstReply: number | null;
  medianDaysToConclusion: number | null;
  bySector: Slice[];
  byTheme: Slice[];
  byRegion: Slice[];
  /** Per KST month of first publication, 'YYYY-MM'. */
  byMonth: Slice[];
  replies: number;
  hidden: number;
  statusNow: { status: string; count: number }[];
}

/** A tenth of a day, the unit durations are counted in. */
const TENTH_OF_A_DAY_MS = 8_640_000;

function emptyFigures(): CohortFigures {
  return {
    registered: 0, replied: 0, negotiating: 0, concluded: 0, publicPrivate: 0, replies: 0, hidden: 0,
    statusNow: {}, bySector: {}, byTheme: {}, byRegion: {}, replyTenths: {}, conclusionTenths: {},
  };
}

const bump = (counts: Record<string, number>, key: string, by = 1) => {
  counts[key] = (counts[key] ?? 0) + by;
};

function tally(tallies: Record<string, Tally>, key: string, [registered, replied, concluded]: Tally): void {
  const t = tallies[key] ?? [0, 0, 0];
  tallies[key] = [t[0] + registered, t[1] + replied, t[2] + concluded];
}

const tenths = (end: Date, start: Date) => String(Math.round((end.getTime() - start.getTime()) / TENTH_OF_A_DAY_MS));

/** The cohort rows split by KST month of first publication, each month's figures worked out. */
export function figuresByMonth(rows: CohortRow[]): MonthFigures[] {
  const months = new Map<string, { figures: CohortFigures; orgs: Set<number> }>();
  for (const row of rows) {
    const month = kstWallClock(row.published_at).toISOString().slice(0, 7);
    const entry = months.get(month) ?? { figures: emptyFigures(), orgs: new Set<number>() };
    months.set(month, entry);
    addRow(entry.figures, entry.orgs, row);
  }
  return [...months].map(([month, { figures, orgs }]) => ({ month, figures, repliers: bitmapOf(orgs) }));
}

function addRow(f: CohortFigures, orgs: Set<number>, row: CohortRow): void {
  if (row.hidden) {
    f.hidden++;
    return;
  }
  const slice: Tally = [1, row.first_reply_at ? 1 : 0, row.concluded_at ? 1 : 0];
  f.registered++;
  f.replied += slice[1];
  f.concluded += slice[2];
  if (row.negotiated || row.concluded_at) f.negotiating++;
  if (row.public_private) f.publicPrivate++;
  f.replies += row.replies;
  for (const org of row.replier_orgs ?? []) orgs.add(org);
  bump(f.statusNow, row.status_now);
  tally(f.bySector, row.sector, slice);
  tally(f.byRegion, row.province ?? '', slice);
  for (const theme of row.themes ?? []) tally(f.byTheme, String(theme), slice);
  if (row.first_reply_at) bump(f.replyTenths, tenths(row.first_reply_at, row.published_at));
  if (row.concluded_at) bump(f.conclusionTenths, tenths(row.concluded_at, row.published_at));
}

function bitmapOf(ids: Set<number>): Uint8Array {
  let highest = -1;
  for (const id of ids) highest = Math.max(highest, id);
  const bits = new Uint8Array((highest >> 3) + 1);
  for (const id of ids) bits[id >> 3]! |= 1 << (id & 7);
  return bits;
}

/** How many organisations replied in any of the months: the bitmaps OR-ed and counted. */
function countRepliers(months: MonthFigures[]): number {
  const all = new Uint8Array(Math.max(0, ...months.map((m) => m.repliers.length)));
  for (const { repliers } of months) for (let i = 0; i < repliers.length; i++) all[i]! |= repliers[i]!;
  let count = 0;
  for (let byte of all) {
    for (; byte; byte &= byte - 1) count++;
  }
  return count;
}

/** The median of a histogram of tenths, in days to a tenth: the middle value, or the mean of the middle two. */
function median(histogram: Map<number, number>): number | null {
  const total = [...histogram.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const sorted = [...histogram].sort(([a], [b]) => a - b);
  const at = (position: number) => {
    let seen = 0;
    for (const [value, count] of sorted) {
      seen += count;
      if (position < seen) return value;
    }
    return sorted.at(-1)![0];
  };
  const mid = total >> 1;
  const value = total % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
  return Math.round(value) / 10;
}

function slices(tallies: Record<string, Tally>): Slice[] {
  return Object.entries(tallies)
    .map(([key, [registered, replied, concluded]]) => ({ key, registered, replied, concluded }))
    .sort((a, b) => b.registered - a.registered || a.key.localeCompare(b.key));
}

/** A period's totals from the figures of its months (each month at most once). */
export function addUp(months: MonthFigures[]): Totals {
  const sum = emptyFigures();
  const replyTenths = new Map<number, number>();
  const conclusionTenths = new Map<number, number>();
  const mergeCounts = (into: Map<number, number>, from: Record<string, number>) => {
    for (const [key, n] of Object.entries(from)) into.set(Number(key), (into.get(Number(key)) ?? 0) + n);
  };
  for (const { figures: f } of months) {
    for (const key of ['registered', 'replied', 'negotiating', 'concluded', 'publicPrivate', 'replies', 'hidden'] as const) sum[key] += f[key];
    for (const [status, n] of Object.entries(f.statusNow)) bump(sum.statusNow, status, n);
    for (const by of ['bySector', 'byTheme', 'byRegion'] as const) {
      for (const [key, t] of Object.entries(f[by])) tally(sum[by], key, t);
    }
    mergeCounts(replyTenths, f.replyTenths);
    mergeCounts(conclusionTenths, f.conclusionTenths);
  }
  return {
    registered: sum.registered,
    replied: sum.replied,
    replierOrgs: countRepliers(months),
    negotiating: sum.negotiating,
    concluded: sum.concluded,
    publicPrivate: sum.publicPrivate,
    medianDaysToFirstReply: median(replyTenths),
    medianDaysToConclusion: median(conclusionTenths),
    bySector: slices(sum.bySector),
    byTheme: slices(sum.byTheme),
    byRegion: slices(sum.byRegion),
    byMonth: months
      .filter((m) => m.figures.registered > 0)
      .map(({ month, figures: f }) => ({ key: month, registered: f.registered, replied: f.replied, concluded: f.concluded }))
      .sort((a, b) => a.key.localeCompare(b.key)),
    replies: sum.replies,
    hidden: sum.hidden,
    statusNow: Object.entries(sum.statusNow).map(([status, count]) => ({ status, count })),
  };
}

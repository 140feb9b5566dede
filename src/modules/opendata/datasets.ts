import { sql } from 'kysely';
import type { Feature } from '../../config.ts';
import type { Ctx } from '../../shared/context.ts';
import type { Locale, MessageKey, Translate } from '../../shared/i18n/index.ts';
import { caseLabel } from '../matches/index.ts';
import { listRegions, regionName, type Sector } from '../orgs/index.ts';
import { type PeriodStats, periodStats } from '../stats/index.ts';
import { openProposalRows } from '../forum/index.ts';
import { sosFigures } from '../sos/index.ts';
import { openTaskRows } from '../tasks/index.ts';
import { FIRST_DAY, kstDate } from '../../shared/dates.ts';
import { redactContacts } from '../../shared/redact.ts';
import type { Cell, Column, Rows } from '../../shared/export-table.ts';

/** Who a file is written for: its language (headers, labels, names of themes and regions). */
export interface Reader {
  t: Translate;
  locale: Locale;
}

/** A dataset's rows, and what its file name should say besides the dataset (a statistics period). */
export interface Loaded {
  rows: Rows;
  qualifier?: string;
}

/** A dataset: its fields (documented on /open-data) and how to read its rows now. */
export interface Dataset {
  name: string;
  /** The feature it belongs to: offered only where the installation offers that (`MODULES`). */
  feature: Feature;
  title: MessageKey;
  columns: Column[];
  load(ctx: Ctx, query: unknown, reader: Reader): Promise<Loaded>;
}

/**
 * How coded values are written. Public files keep the codes their schema documents (`concluded`,
 * `public-institution`) and Korean names, for programs; operators' exports are read by people in a
 * spreadsheet, so they get words in the operator's language (성사, 공공기관; Concluded, Public institution).
 */
interface Coder {
  code(prefix: 'sector' | 'demandStatus' | 'purpose' | 'replyStatus' | 'caseLabel', value: string): string;
  /** Korean and English names of a theme, a capability… */
  name(ko: string, en: string): string;
  region(name: string): string;
}

const CODES: Coder = { code: (_, value) => value, name: (ko) => ko, region: (name) => name };

function labels({ t, locale }: Reader): Coder {
  return {
    code: (prefix, value) => t(`${prefix}.${value}` as MessageKey),
    name: (ko, en) => (locale === 'en' ? en : ko),
    region: (name) => regionName(locale, name),
  };
}

const rowsOnly = (rows: Rows): Loaded => ({ rows });

/** Rows a page at a time: large datasets (100,000 demands) are read as their file is written, never held whole. */
const PAGE = 1000;

/**
 * Every row `read` gives, in id order, a page at a time. Keyset pages without one long transaction:
 * a row changed while the file is written appears as it was when its page was read.
 */
async function* inPages<R extends { id: number }>(read: (afterId: number, limit: number) => Promise<R[]>): AsyncGenerator<R> {
  for (let after = 0; ; ) {
    const page = await read(after, PAGE);
    yield* page;
    if (page.length < PAGE) return;
    after = page.at(-1)!.id;
  }
}

async function* mapped<R>(rows: AsyncIterable<R>, cells: (row: R) => Cell[]): AsyncGenerator<Cell[]> {
  for await (const row of rows) yield cells(row);
}

const col = (key: string, type: Column['type'] = 'text'): Column => ({ key, type, label: `data.${key}` as Column['label'] });

/**
 * A demand's themes, needs and offers, each in one cell ("capability: what is meant; …", in the order
 * written, in both languages), worked out per demand in two lateral joins: six correlated
 * subqueries made a page of 1,000 demands take ~45 ms, these ~22 ms (100,000 demands, PostgreSQL 15).
 */
const themeCells = sql<{ themes: string; themes_en: string }>`LATERAL (
  SELECT coalesce(string_agg(t.name, '; ' ORDER BY t.sort), '') AS themes, coalesce(string_agg(t.name_en, '; ' ORDER BY t.sort), '') AS themes_en
  FROM demand_themes dt JOIN themes t ON t.id = dt.theme_id WHERE dt.demand_id = demands.id)`.as('th');
const itemCells = sql<{ needs: string; needs_en: string; offers: string; offers_en: string }>`LATERAL (
  SELECT coalesce(string_agg(c.name || ': ' || di.description, '; ' ORDER BY di.sort, di.id) FILTER (WHERE di.kind = 'need'), '') AS needs,
    coalesce(string_agg(c.name_en || ': ' || di.description, '; ' ORDER BY di.sort, di.id) FILTER (WHERE di.kind = 'need'), '') AS needs_en,
    coalesce(string_agg(c.name || ': ' || di.description, '; ' ORDER BY di.sort, di.id) FILTER (WHERE di.kind = 'offer'), '') AS offers,
    coalesce(string_agg(c.name_en || ': ' || di.description, '; ' ORDER BY di.sort, di.id) FILTER (WHERE di.kind = 'offer'), '') AS offers_en
  FROM demand_items di JOIN capabilities c ON c.id = di.capability_id WHERE di.demand_id = demands.id)`.as('it');

/** A page of the demands that were ever published (and, unless for operators, are not hidden), with what the public pages show of them. */
async function publishedDemandPage(ctx: Ctx, forOperator: boolean, regions: Map<string, string>, afterId: number, limit: number) {
  const rows = await ctx.db
    .selectFrom('demands')
    .innerJoin('orgs', 'orgs.id', 'demands.org_id')
    .innerJoin(themeCells, (join) => join.onTrue())
    .innerJoin(itemCells, (join) => join.onTrue())
    .select([
      'demands.id',
      'demands.title',
      'demands.summary',
      'orgs.name as org_name',
      'orgs.sector as org_sector',
      'demands.status',
      'demands.purpose',
      'demands.target_sectors',
      'demands.target_regions',
      'demands.deadline',
      'demands.published_at',
      'demands.closed_at',
      'demands.reply_count',
      'demands.contact_name',
      'demands.contact_email',
      'demands.contact_phone',
      'demands.hidden_at',
      'th.themes',
      'th.themes_en',
      'it.needs',
      'it.needs_en',
      'it.offers',
      'it.offers_en',
    ])
    .where('demands.published_at', 'is not', null)
    .$if(!forOperator, (q) => q.where('demands.hidden_at', 'is', null))
    .where('demands.id', '>', afterId)
    .orderBy('demands.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, region_names: r.target_regions.map((code) => regions.get(code) ?? code) }));
}

async function* publishedDemands(ctx: Ctx, forOperator: boolean) {
  const regions = new Map((await listRegions(ctx.db)).map((r) => [r.code, r.name]));
  yield* inPages((afterId, limit) => publishedDemandPage(ctx, forOperator, regions, afterId, limit));
}

const DEMAND_COLUMNS = [
  col('id', 'number'),
  col('title'),
  col('summary'),
  col('org_name'),
  col('org_sector'),
  col('status'),
  col('purpose'),
  col('themes'),
  col('needs'),
  col('offers'),
  col('target_sectors'),
  col('target_regions'),
  col('deadline'),
  col('published_at', 'datetime'),
  col('closed_at', 'datetime'),
  col('replies', 'number'),
  col('url'),
];

type DemandRow = Awaited<ReturnType<typeof publishedDemandPage>>[number];

/** The cells every copy of the demands carries; `text` filters free text (masking in public files). */
function demandCells(ctx: Ctx, r: DemandRow, text: (value: string) => string, coder: Coder): Cell[] {
  return [
    r.id,
    text(r.title),
    text(r.summary),
    r.org_name,
    coder.code('sector', r.org_sector),
    coder.code('demandStatus', r.status),
    coder.code('purpose', r.purpose),
    coder.name(r.themes, r.themes_en),
    text(coder.name(r.needs, r.needs_en)),
    text(coder.name(r.offers, r.offers_en)),
    r.target_sectors.map((sector) => coder.code('sector', sector)).join('; '),
    r.region_names.map(coder.region).join('; '),
    r.deadline,
    r.published_at,
    r.closed_at,
    r.reply_count,
    `${ctx.baseUrl}/demands/${r.id}`,
  ];
}

/** 협업 수요 — public: no contact details, free text with typed-in contacts masked. */
const publicDemands: Dataset = {
  name: 'demands',
  feature: 'demands',
  title: 'opendata.dataset.demands',
  columns: DEMAND_COLUMNS,
  load: async (ctx) => rowsOnly(mapped(publishedDemands(ctx, false), (r) => demandCells(ctx, r, redactContacts, CODES))),
};

/** The operator's copy: every published demand, hidden ones included, with its contact person. */
const operatorDemands: Dataset = {
  name: 'demands',
  feature: 'demands',
  title: 'opendata.dataset.demands',
  columns: [...DEMAND_COLUMNS, col('contact_name'), col('contact_email'), col('contact_phone'), col('hidden_at', 'datetime')],
  load: async (ctx, _query, reader) => {
    const coder = labels(reader);
    return rowsOnly(mapped(publishedDemands(ctx, true), (r) => [...demandCells(ctx, r, (value) => value, coder), r.contact_name, r.contact_email, r.contact_phone, r.hidden_at]));
  },
};

/** Every participation reply with its public statement; private notes stay between the organisations. */
const operatorReplies: Dataset = {
  name: 'replies',
  feature: 'demands',
  title: 'opendata.dataset.replies',
  columns: [col('id', 'number'), col('demand_id', 'number'), col('demand_title'), col('org_name'), col('org_sector'), col('reply_status'), col('statement'), col('created_at', 'datetime'), col('hidden_at', 'datetime')],
  load: async (ctx, _query, reader) => {
    const coder = labels(reader);
    const replies = inPages((afterId, limit) =>
      ctx.db
        .selectFrom('replies')
        .innerJoin('demands', 'demands.id', 'replies.demand_id')
        .innerJoin('orgs', 'orgs.id', 'replies.org_id')
        .select(['replies.id', 'replies.demand_id', 'demands.title', 'orgs.name', 'orgs.sector', 'replies.status', 'replies.statement', 'replies.created_at', 'replies.hidden_at'])
        .where('replies.id', '>', afterId)
        .orderBy('replies.id')
        .limit(limit)
        .execute(),
    );
    return rowsOnly(
      mapped(replies, (r) => [r.id, r.demand_id, r.title, r.name, coder.code('sector', r.sector), coder.code('replyStatus', r.status), r.statement, r.created_at, r.hidden_at]),
    );
  },
};

/** A page of the recorded matches (only concluded ones of visible demands, for the public) with their partners and mix of sectors. */
async function matchPage(ctx: Ctx, concludedOnly: boolean, afterId: number, limit: number) {
  const rows = await ctx.db
    .selectFrom('matches')
    .innerJoin('demands', 'demands.id', 'matches.demand_id')
    .innerJoin('orgs', 'orgs.id', 'demands.org_id')
    .select(['matches.id', 'matches.demand_id', 'demands.title', 'matches.summary', 'orgs.name', 'orgs.sector', 'matches.started_on', 'matches.created_at', 'matches.concluded_at'])
    .$if(concludedOnly, (q) => q.where('matches.concluded_at', 'is not', null).where('demands.hidden_at', 'is', null))
    .where('matches.id', '>', afterId)
    .orderBy('matches.id')
    .limit(limit)
    .execute();
  const partners = rows.length
    ? await ctx.db
        .selectFrom('match_partners')
        .innerJoin('orgs', 'orgs.id', 'match_partners.org_id')
        .select(['match_partners.match_id', 'orgs.name', 'orgs.sector'])
        .where(
          'match_partners.match_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('orgs.name')
        .execute()
    : [];
  const partnersOf = Map.groupBy(partners, (p) => p.match_id);
  return rows.map((r) => {
    const own = partnersOf.get(r.id) ?? [];
    return { ...r, partners: own.map((p) => p.name).join('; '), label: caseLabel([r.sector as Sector, ...own.map((p) => p.sector as Sector)]) };
  });
}

const MATCH_COLUMNS = [col('id', 'number'), col('demand_id', 'number'), col('demand_title'), col('lead_org'), col('partner_orgs'), col('sectors_mix'), col('concluded_at', 'datetime')];

/** 성사 사례 — public: concluded collaborations of visible demands. */
const publicCases: Dataset = {
  name: 'cases',
  feature: 'demands',
  title: 'opendata.dataset.cases',
  columns: [...MATCH_COLUMNS, col('summary'), col('url')],
  load: async (ctx) =>
    rowsOnly(
      mapped(inPages((afterId, limit) => matchPage(ctx, true, afterId, limit)), (r) => [
        r.id,
        r.demand_id,
        redactContacts(r.title),
        r.name,
        r.partners,
        r.label,
        r.concluded_at,
        redactContacts(r.summary),
        `${ctx.baseUrl}/cases/${r.id}`,
      ]),
    ),
};

/** Every recorded match, concluded or still awaiting confirmations. */
const operatorMatches: Dataset = {
  name: 'matches',
  feature: 'demands',
  title: 'opendata.dataset.matches',
  columns: [...MATCH_COLUMNS, col('summary'), col('started_on'), col('created_at', 'datetime')],
  load: async (ctx, _query, reader) => {
    const coder = labels(reader);
    const matches = inPages((afterId, limit) => matchPage(ctx, false, afterId, limit));
    return rowsOnly(mapped(matches, (r) => [r.id, r.demand_id, r.title, r.name, r.partners, coder.code('caseLabel', r.label), r.concluded_at, r.summary, r.started_on, r.created_at]));
  },
};

/** Monthly figures of the whole history — public. */
const monthlyStats: Dataset = {
  name: 'monthly',
  feature: 'demands',
  title: 'opendata.dataset.monthly',
  columns: [col('month'), col('registered', 'number'), col('replied', 'number'), col('concluded', 'number')],
  load: async (ctx) => rowsOnly((await periodStats(ctx, {})).byMonth.map((m): Cell[] => [m.key, m.registered, m.replied, m.concluded])),
};

/** A period's statistics in long form (section, item, measure, value), in the reader's language. */
function statsRows(stats: PeriodStats, { t, locale }: Reader): Cell[][] {
  const rows: Cell[][] = [];
  const summary: [string, number | null][] = [
    [t('stats.registered'), stats.registered],
    [t('stats.replied'), stats.replied],
    [t('stats.replierOrgs'), stats.replierOrgs],
    [t('stats.negotiating'), stats.negotiating],
    [t('stats.concluded'), stats.concluded],
    [t('stats.publicPrivate'), stats.publicPrivate],
    [t('stats.medianReply'), stats.medianDaysToFirstReply],
    [t('stats.medianConclusion'), stats.medianDaysToConclusion],
  ];
  const section = t('stats.summary');
  for (const [item, value] of summary) rows.push([section, item, '', value]);
  const slices: [string, PeriodStats['byMonth'], (key: string) => string][] = [
    [t('stats.trend'), stats.byMonth, (key) => key],
    [t('stats.bySector'), stats.bySector, (key) => t(`sector.${key}` as Column['label'])],
    [t('stats.byTheme'), stats.byTheme, (key) => stats.names.themes[key]?.[locale === 'en' ? 1 : 0] ?? key],
    [t('stats.byRegion'), stats.byRegion, (key) => regionName(locale, stats.names.regions[key] ?? '') || t('stats.regionNone')],
  ];
  for (const [name, list, label] of slices) {
    for (const slice of list) {
      rows.push([name, label(slice.key), t('stats.seriesRegistered'), slice.registered]);
      rows.push([name, label(slice.key), t('stats.seriesReplied'), slice.replied]);
      rows.push([name, label(slice.key), t('stats.seriesConcluded'), slice.concluded]);
    }
  }
  return rows;
}

const statistics: Dataset = {
  name: 'statistics',
  feature: 'demands',
  title: 'opendata.dataset.statistics',
  columns: [col('section'), col('item'), col('measure'), col('value', 'number')],
  load: async (ctx, query, reader) => {
    const stats = await periodStats(ctx, query);
    return { rows: statsRows(stats, reader), qualifier: `${stats.period.from}_${stats.period.to}` };
  },
};

/** 협업과제 — public: selected tasks with their organisations and the evidence of their progress. */
const publicTasks: Dataset = {
  name: 'tasks',
  feature: 'tasks',
  title: 'opendata.dataset.tasks',
  columns: [
    col('id', 'number'),
    col('year', 'number'),
    col('title'),
    col('lead_org'),
    col('partner_orgs'),
    col('task_kind'),
    col('benefit'),
    col('starts_on'),
    col('ends_on'),
    col('milestones', 'number'),
    col('milestones_done', 'number'),
    col('rag'),
    col('report_overdue'),
    col('url'),
  ],
  load: async (ctx) => {
    const today = kstDate(ctx.now());
    const rows = await openTaskRows(ctx.db, today);
    return rowsOnly(
      rows.map((r): Cell[] => [
        r.id,
        r.year,
        redactContacts(r.title),
        r.lead_name,
        r.partner_names ?? '',
        r.kind,
        redactContacts(r.benefit),
        r.starts_on,
        r.ends_on,
        r.milestones ?? 0,
        r.milestones_done ?? 0,
        r.latest_rag ?? '',
        r.next_report_due_on !== null && r.next_report_due_on < today ? 'yes' : 'no',
        `${ctx.baseUrl}/tasks/${r.id}`,
      ]),
    );
  },
};

/** 협업SOS by month of receipt and category: counts only (public and in the operators' exports). */
const sosMonthly: Dataset = {
  name: 'sos',
  feature: 'sos',
  title: 'opendata.dataset.sos',
  columns: [col('month'), col('category'), col('opened', 'number'), col('breached', 'number')],
  load: async (ctx) => {
    const figures = await sosFigures(ctx.db, FIRST_DAY, kstDate(ctx.now()), ctx.now());
    return rowsOnly(figures.byMonth.map((m): Cell[] => [m.month, m.category, m.opened, m.breached]));
  },
};

/** 국민포럼 — public: every published proposal with its stage, supports, points per side and its answer's timeliness; no one's name. */
const publicProposals: Dataset = {
  name: 'proposals',
  feature: 'forum',
  title: 'opendata.dataset.proposals',
  columns: [
    col('id', 'number'),
    col('title'),
    col('responsible_org'),
    col('forum_category'),
    col('region_code'),
    col('stage'),
    col('published_on'),
    col('supports', 'number'),
    col('supports_needed', 'number'),
    col('points_for', 'number'),
    col('points_against', 'number'),
    col('points_conditional', 'number'),
    col('reached_on'),
    col('answer_due_on'),
    col('answered_on'),
    col('decision'),
    col('answered_on_time'),
    col('url'),
  ],
  load: async (ctx) => {
    const day = (at: Date | null) => (at ? kstDate(at) : '');
    const proposals = inPages((afterId, limit) => openProposalRows(ctx.db, afterId, limit));
    return rowsOnly(
      mapped(proposals, (r) => [
        r.id,
        redactContacts(r.title),
        r.org,
        r.category,
        r.region_code ?? '',
        r.status,
        day(r.published_at),
        r.support_count,
        r.support_needed ?? 0,
        Number(r.points_for),
        Number(r.points_against),
        Number(r.points_conditional),
        day(r.reached_at),
        day(r.answer_due_at),
        day(r.answered_at),
        r.decision ?? '',
        r.on_time === null ? '' : r.on_time ? 'yes' : 'no',
        `${ctx.baseUrl}/forum/${r.id}`,
      ]),
    );
  },
};

/** What anyone may download from /open-data. */
const PUBLIC_DATASETS: Dataset[] = [publicDemands, publicCases, monthlyStats, publicTasks, sosMonthly, publicProposals];
/** What operators export from /admin/exports, with contact persons. */
const OPERATOR_DATASETS: Dataset[] = [operatorDemands, operatorReplies, operatorMatches, statistics, sosMonthly, publicProposals];

/** The datasets an installation offering `features` publishes, and those its operators export. */
export function datasetsOf(features: ReadonlySet<Feature>) {
  const offered = (list: Dataset[]) => list.filter((dataset) => features.has(dataset.feature));
  return { public: offered(PUBLIC_DATASETS), operator: offered(OPERATOR_DATASETS) };
}

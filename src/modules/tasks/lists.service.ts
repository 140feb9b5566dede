/** Lists of tasks: the public list, the actor's own, and the operators' portfolio with its figures. */
import { type ExpressionBuilder, sql } from 'kysely';
import { decodeCursor, newestById, type Page, toPage } from '../../db/pagination.ts';
import type { DB } from '../../db/schema.ts';
import { requireOperator, requireUser } from '../../shared/actors.ts';
import { type Ctx, type Db, sharedWork } from '../../shared/context.ts';
import { kstDate } from '../../shared/dates.ts';
import { parseQuery } from '../../shared/forms.ts';
import { containsPattern } from '../../shared/text.ts';
import { listProgrammes } from './programmes.service.ts';
import { PortfolioQuery, TaskQuery } from './tasks.schemas.ts';

const TASK_PAGE_SIZE = 20;
const PORTFOLIO_PAGE_SIZE = 50;

/** The row every list shows: the task, its lead, its partners' count and its milestones' state. */
function taskRows(db: Db, today: string) {
  return db
    .selectFrom('tasks')
    .innerJoin('orgs as lead', 'lead.id', 'tasks.lead_org_id')
    .select((eb) => [
      'tasks.id',
      'tasks.year',
      'tasks.title',
      'tasks.benefit',
      'tasks.status',
      'tasks.kind',
      'tasks.starts_on',
      'tasks.ends_on',
      'tasks.latest_rag',
      'tasks.next_report_period',
      'tasks.next_report_due_on',
      'lead.name as lead_name',
      'lead.sector as lead_sector',
      eb
        .selectFrom('task_orgs')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('task_orgs.task_id', '=', 'tasks.id')
        .where('task_orgs.role', '=', 'partner')
        .where('task_orgs.status', '=', 'accepted')
        .as('partners'),
      eb.selectFrom('task_milestones').select((e) => e.fn.countAll<number>().as('n')).whereRef('task_milestones.task_id', '=', 'tasks.id').as('milestones'),
      eb
        .selectFrom('task_milestones')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('task_milestones.task_id', '=', 'tasks.id')
        .where('task_milestones.done_on', 'is not', null)
        .as('milestones_done'),
      slippingSince(eb, today).as('slipping'),
    ]);
}

/** A milestone past its due day and not done: the task is slipping (the kept column, see `refreshTaskState`). */
function slippingSince(eb: ExpressionBuilder<DB, 'tasks'>, today: string) {
  return eb('tasks.first_open_milestone_on', '<', today);
}

export type TaskListRow = Awaited<ReturnType<ReturnType<typeof taskRows>['execute']>>[number];

/** The programmes, and the year a list shows unless asked: the newest programme's, or this year's if there is none. */
async function yearOf(ctx: Ctx, asked: string | undefined) {
  const programmes = await listProgrammes(ctx.db);
  return { programmes, year: asked ? Number(asked) : (programmes[0]?.year ?? Number(kstDate(ctx.now()).slice(0, 4))) };
}

/** Words of `q` must each appear in the title or the problem (a task list is thousands, not millions). */
function matchingWords(q: string | undefined) {
  const words = (q ?? '').split(/\s+/).filter(Boolean).slice(0, 5);
  return (eb: ExpressionBuilder<DB, 'tasks'>) => eb.and(words.map((w) => eb.or([eb('tasks.title', 'ilike', containsPattern(w)), eb('tasks.problem', 'ilike', containsPattern(w))])));
}

/** The public list: selected tasks of a year (key first is not imposed: newest first), with filters and keyset paging. */
export async function publicTasks(ctx: Ctx, raw: unknown) {
  const query = parseQuery(TaskQuery, raw);
  const { year, programmes } = await yearOf(ctx, query.year);
  const page = await newestById(query.after, TASK_PAGE_SIZE, (below, limit) =>
    taskRows(ctx.db, kstDate(ctx.now()))
      .where('tasks.year', '=', year)
      .where('tasks.kind', 'is not', null)
      .where('tasks.status', 'in', ['registered', 'completed'])
      .$if(query.kind !== undefined, (q) => q.where('tasks.kind', '=', query.kind!))
      .$if(query.theme !== undefined, (q) => q.where('tasks.id', 'in', (eb) => eb.selectFrom('task_themes').select('task_id').where('theme_id', '=', Number(query.theme))))
      .$if(Boolean(query.q), (q) => q.where(matchingWords(query.q)))
      .$if(below !== null, (q) => q.where('tasks.id', '<', below!))
      .orderBy('tasks.id', 'desc')
      .limit(limit)
      .execute(),
  );
  return { query, year, programmes, page };
}

/** A partner's invitation still to answer, on a task still being set up or running. */
function awaitingAnswer(eb: ExpressionBuilder<DB & { mine: DB['task_orgs'] }, 'tasks' | 'mine'>) {
  return eb.and([eb('mine.role', '=', 'partner'), eb('mine.status', '=', 'invited'), eb('tasks.status', 'in', ['draft', 'registered'])]);
}

/**
 * Tasks of the actor's organisations in any state (drafts, declined ones), 20 at a time after
 * `after`: the invitations still to answer first (`awaiting`; a handful at most, as each is answered
 * or its task closes), then the rest, each newest first. A task two of the actor's organisations
 * take part in is listed for each. One query: a second for the invitations doubled PostgreSQL's time per page.
 */
export async function myTasks(ctx: Ctx, after: string | undefined) {
  const actor = requireUser(ctx.actor);
  const orgIds = actor.memberships.map((m) => m.orgId);
  const today = kstDate(ctx.now());
  // The same for every member of the same organisations: shared among them for a moment (`sharedWork`).
  const read = () => tasksOfOrgs(ctx.db, orgIds, decodeCursor(after, ['count', 'id', 'id']), today);
  const rows = orgIds.length ? await sharedWork(ctx, `tasks.ofOrgs ${orgIds.join(',')} ${today} ${after ?? ''}`, read) : [];
  return toPage(rows, TASK_PAGE_SIZE, (r) => [r.awaiting ? 1 : 0, r.id, r.my_org_id]);
}

function tasksOfOrgs(db: Db, orgIds: number[], cursor: (string | number)[] | null, today: string) {
  return taskRows(db, today)
    .innerJoin('task_orgs as mine', 'mine.task_id', 'tasks.id')
    .select((eb) => ['mine.role as my_role', 'mine.status as my_status', 'mine.org_id as my_org_id', awaitingAnswer(eb).$castTo<boolean>().as('awaiting')])
    .where('mine.org_id', 'in', orgIds)
    .$if(cursor !== null, (q) => q.where((eb) => sql<boolean>`(${awaitingAnswer(eb)}::int, tasks.id, mine.org_id) < (${cursor![0]}, ${cursor![1]}, ${cursor![2]})`))
    .orderBy((eb) => awaitingAnswer(eb), 'desc')
    .orderBy('tasks.id', 'desc')
    .orderBy('mine.org_id', 'desc')
    .limit(TASK_PAGE_SIZE + 1)
    .execute();
}

/** The portfolio's filters applied to a query of tasks (of the year). */
function portfolioFilter(query: ReturnType<typeof parseQuery<typeof PortfolioQuery>>, today: string) {
  return (eb: ExpressionBuilder<DB, 'tasks'>) => {
    const conditions = [eb('tasks.status', 'in', ['registered', 'completed'])];
    if (query.kind === 'candidate') conditions.push(eb('tasks.kind', 'is', null));
    else if (query.kind) conditions.push(eb('tasks.kind', '=', query.kind));
    if (query.rag) conditions.push(eb('tasks.latest_rag', '=', query.rag));
    if (query.late) conditions.push(eb('tasks.next_report_due_on', '<', today));
    if (query.slipping) conditions.push(slippingSince(eb, today));
    if (query.theme) conditions.push(eb('tasks.id', 'in', eb.selectFrom('task_themes').select('task_id').where('theme_id', '=', Number(query.theme))));
    if (query.sector) conditions.push(eb('tasks.lead_org_id', 'in', eb.selectFrom('orgs').select('orgs.id').where('orgs.sector', '=', query.sector)));
    return eb.and(conditions);
  };
}

export interface PortfolioFigures {
  registered: number;
  key: number;
  managed: number;
  candidates: number;
  onTrack: number;
  late: number;
  slipping: number;
  staffingPending: number;
  positionsGranted: number;
}

/**
 * The operators' portfolio of a year: the figures in the seed's shape (registered / key / managed /
 * on track / late) and one page of the filtered tasks. "On track" is a selected task with no report
 * overdue, no milestone slipping and a newest status that is not red.
 */
export async function portfolio(ctx: Ctx, raw: unknown) {
  requireOperator(ctx);
  const query = parseQuery(PortfolioQuery, raw);
  const { year, programmes } = await yearOf(ctx, query.year);
  const today = kstDate(ctx.now());
  const [page, figures] = await Promise.all([
    newestById(query.after, PORTFOLIO_PAGE_SIZE, (below, limit) =>
      taskRows(ctx.db, today)
        .where('tasks.year', '=', year)
        .where(portfolioFilter(query, today))
        .$if(below !== null, (q) => q.where('tasks.id', '<', below!))
        .orderBy('tasks.id', 'desc')
        .limit(limit)
        .execute(),
    ),
    // ~5 ms over a year of 10,000 tasks, the same for every operator: shared until the next write.
    sharedWork(ctx, `tasks.portfolioFigures ${year} ${today}`, () => portfolioFigures(ctx.db, year, today)),
  ]);
  return { query, year, today, figures, programmes, page: page as Page<TaskListRow> };
}

async function portfolioFigures(db: Db, year: number, today: string): Promise<PortfolioFigures> {
  const slipping = sql<boolean>`coalesce(tasks.first_open_milestone_on < ${today}, false)`;
  const late = sql<boolean>`tasks.next_report_due_on < ${today}`;
  const [tasks, staffing] = await Promise.all([
    db
      .selectFrom('tasks')
      .select((eb) => [
        eb.fn.countAll<number>().as('registered'),
        eb.fn.count<number>('tasks.id').filterWhere('tasks.kind', '=', 'key').as('key'),
        eb.fn.count<number>('tasks.id').filterWhere('tasks.kind', '=', 'managed').as('managed'),
        eb.fn.count<number>('tasks.id').filterWhere('tasks.kind', 'is', null).as('candidates'),
        eb.fn.count<number>('tasks.id').filterWhere(sql<boolean>`tasks.kind is not null and tasks.status = 'registered' and ${late}`).as('late'),
        eb.fn.count<number>('tasks.id').filterWhere(sql<boolean>`tasks.kind is not null and tasks.status = 'registered' and ${slipping}`).as('slipping'),
        eb.fn
          .count<number>('tasks.id')
          .filterWhere(sql<boolean>`tasks.kind is not null and not coalesce(${late}, false) and not ${slipping} and coalesce(tasks.latest_rag, 'green') <> 'red'`)
          .as('on_track'),
      ])
      .where('tasks.year', '=', year)
      .where('tasks.status', 'in', ['registered', 'completed'])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('task_staffing_requests as s')
      .innerJoin('tasks', 'tasks.id', 's.task_id')
      .select((eb) => [eb.fn.count<number>('s.id').filterWhere('s.status', '=', 'pending').as('pending'), eb.fn.coalesce(eb.fn.sum<number>('s.granted_positions'), sql<number>`0`).as('granted')])
      .where('tasks.year', '=', year)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    registered: Number(tasks.registered),
    key: Number(tasks.key),
    managed: Number(tasks.managed),
    candidates: Number(tasks.candidates),
    onTrack: Number(tasks.on_track),
    late: Number(tasks.late),
    slipping: Number(tasks.slipping),
    staffingPending: Number(staffing.pending),
    positionsGranted: Number(staffing.granted),
  };
}

/** Every task of the portfolio's filter, for CSV and XLSX (a year is thousands of rows, not millions). */
export async function portfolioExport(ctx: Ctx, raw: unknown) {
  requireOperator(ctx);
  const query = parseQuery(PortfolioQuery, raw);
  const { year } = await yearOf(ctx, query.year);
  const today = kstDate(ctx.now());
  const rows = await taskRows(ctx.db, today).where('tasks.year', '=', year).where(portfolioFilter(query, today)).orderBy('tasks.id').limit(50_000).execute();
  return { year, today, rows };
}

/**
 * Every public task (selected, running or done) of every year with its accepted partners' names, for
 * the open-data file: nothing about people, only organisations and the task's evidence.
 */
export async function openTaskRows(db: Db, today: string) {
  return taskRows(db, today)
    .select((eb) => [
      eb
        .selectFrom('task_orgs')
        .innerJoin('orgs', 'orgs.id', 'task_orgs.org_id')
        .select(sql<string>`coalesce(string_agg(orgs.name, '; ' ORDER BY orgs.name), '')`.as('names'))
        .whereRef('task_orgs.task_id', '=', 'tasks.id')
        .where('task_orgs.role', '=', 'partner')
        .where('task_orgs.status', '=', 'accepted')
        .as('partner_names'),
    ])
    .where('tasks.kind', 'is not', null)
    .where('tasks.status', 'in', ['registered', 'completed'])
    .orderBy('tasks.id')
    .execute();
}

/** The year's figures anyone may read (the portfolio's strip, without the staffing decisions). */
export async function publicFigures(ctx: Ctx, year: number): Promise<Omit<PortfolioFigures, 'staffingPending' | 'positionsGranted' | 'candidates'>> {
  const { registered, key, managed, onTrack, late, slipping } = await portfolioFigures(ctx.db, year, kstDate(ctx.now()));
  return { registered, key, managed, onTrack, late, slipping };
}

/** The forum's lists: public proposals (filters, search, keyset pages), similar ones, one's own, the operators' queue. */
import { countRows } from '../../db/count.ts';
import { sql } from 'kysely';
import { decodeCursor, encodeCursor, newestById, olderThan, type Page, queueHead } from '../../db/pagination.ts';
import { requireOperator, requireUser } from '../../shared/actors.ts';
import { type Ctx, type Db, sharedWork } from '../../shared/context.ts';
import { parseQuery } from '../../shared/forms.ts';
import { anyWordQuery, contentWords, searchQuery } from '../../shared/korean-search.ts';
import { ListQuery } from './forum.schemas.ts';

export const LIST_PAGE_SIZE = 20;
/** Searches with at most this many matches fetch them from the text index instead of walking the list's order. */
const WALK_FROM = 200;

/** How many public proposals have the words, counted to WALK_FROM + 1 from the text index (a materialized CTE is planned without the limit). */
function matchCount(db: Db, words: string): Promise<number> {
  const matches = db
    .with(
      (cte) => cte('matches').materialized(),
      () => db.selectFrom('forum_proposals').select('id').where('published_at', 'is not', null).where(sql<boolean>`search_vector @@ to_tsquery('simple', ${words})`),
    )
    .selectFrom((eb) => eb.selectFrom('matches').select('matches.id').limit(WALK_FROM + 1).as('m'));
  return countRows(matches);
}

function cards(db: Db) {
  return db
    .selectFrom('forum_proposals')
    .innerJoin('orgs', 'orgs.id', 'forum_proposals.org_id')
    .innerJoin('forum_categories', 'forum_categories.id', 'forum_proposals.category_id')
    .select([
      'forum_proposals.id',
      'forum_proposals.title',
      'forum_proposals.status',
      'forum_proposals.support_count',
      'forum_proposals.support_needed',
      'forum_proposals.points_count',
      'forum_proposals.published_at',
      'forum_proposals.discussion_ends_at',
      'forum_proposals.support_ends_at',
      'forum_proposals.answer_due_at',
      'forum_proposals.region_code',
      'orgs.name as org',
      'forum_categories.name as category',
      'forum_categories.name_en as category_en',
    ]);
}

export type ProposalCard = Awaited<ReturnType<ReturnType<typeof cards>['execute']>>[number];

/**
 * Public proposals: a stage (`open` = discussion and support, `overdue` = answers past their due
 * time), a category, a responsible body, words to search; newest first or most supported, keyset
 * pages of 20. A query that does not read is ignored part by part (`parseQuery`). Hidden and merged
 * proposals are left out unless asked for by stage.
 */
export async function listProposals(db: Db, rawQuery: unknown, now: Date): Promise<Page<ProposalCard> & { query: ReturnType<typeof parseQuery<typeof ListQuery>> }> {
  const query = parseQuery(ListQuery, rawQuery);
  const bySupports = query.sort === 'supports';
  const words = query.q ? searchQuery(query.q) : null;
  const cursor = decodeCursor(query.after, bySupports ? ['count', 'id'] : ['timestamp', 'id']);
  const stage = query.stage;
  const status = stage && stage !== 'open' && stage !== 'overdue' ? stage : null;
  // The page's ids first, from the proposals alone; the joins for the cards then touch 21 rows, not
  // every match of a search (PostgreSQL underestimates Korean phrase matches and would join them all).
  const matching = db
    .selectFrom('forum_proposals')
    .select(['forum_proposals.id', 'forum_proposals.published_at', 'forum_proposals.support_count'])
    .where('forum_proposals.published_at', 'is not', null)
    .where('forum_proposals.hidden_at', 'is', null)
    .$if(stage === undefined, (q) => q.where('forum_proposals.status', '<>', 'merged'))
    .$if(stage === 'open', (q) => q.where('forum_proposals.status', 'in', ['discussion', 'support']))
    .$if(stage === 'overdue', (q) => q.where('forum_proposals.status', '=', 'review').where('forum_proposals.answer_due_at', '<', now))
    .$if(status !== null, (q) => q.where('forum_proposals.status', '=', status!))
    .$if(query.category !== undefined, (q) => q.where('forum_proposals.category_id', '=', Number(query.category)))
    .$if(query.org !== undefined, (q) => q.where('forum_proposals.org_id', '=', Number(query.org)))
    .$if(words !== null, (q) => q.where(sql<boolean>`forum_proposals.search_vector @@ to_tsquery('simple', ${words})`))
    .$if(cursor !== null && !bySupports, (q) => q.where(olderThan('forum_proposals.published_at', 'forum_proposals.id', cursor!)))
    .$if(cursor !== null && bySupports, (q) => q.where(sql<boolean>`(forum_proposals.support_count, forum_proposals.id) < (${cursor![0]}, ${cursor![1]})`));
  // Words few proposals have are fetched through the text index and sorted; walking the sort order
  // testing each proposal's text would read all 100,000 for a word nobody used (112 ms idle, ~700 ms
  // under load). Common words walk the sort order and stop after a page.
  const few = words !== null && (await matchCount(db, words)) <= WALK_FROM;
  const matches = few ? db.with((cte) => cte('matches').materialized(), () => matching).selectFrom('matches') : db.selectFrom(matching.as('matches'));
  const page = await matches
    .select('matches.id')
    .orderBy(bySupports ? 'matches.support_count' : 'matches.published_at', 'desc')
    .orderBy('matches.id', 'desc')
    .limit(LIST_PAGE_SIZE + 1)
    .execute();
  const found = page.length ? await cards(db).where('forum_proposals.id', 'in', page.map((row) => row.id)).execute() : [];
  const byId = new Map(found.map((card) => [card.id, card]));
  const rows = page.map((row) => byId.get(row.id)!);
  const items = rows.slice(0, LIST_PAGE_SIZE);
  const last = items.at(-1);
  const key = last ? (bySupports ? [last.support_count, last.id] : [last.published_at!.toISOString(), last.id]) : [];
  return { items, nextCursor: rows.length > LIST_PAGE_SIZE && last ? encodeCursor(key) : null, query };
}

/**
 * Public proposals sharing words with what is being written (its title and text), best first: the
 * ones still open to support and the ones already answered, so a citizen can support one instead
 * or read what was decided. At most `limit`; `except` leaves the proposal itself out.
 */
export async function similarProposals(db: Db, text: string, except?: number, limit = 5) {
  const query = anyWordQuery(contentWords(text, 12));
  if (!query) return [];
  return cards(db)
    .where('forum_proposals.published_at', 'is not', null)
    .where('forum_proposals.hidden_at', 'is', null)
    .where('forum_proposals.status', 'not in', ['merged', 'withdrawn'])
    .$if(except !== undefined, (q) => q.where('forum_proposals.id', '<>', except!))
    .where(sql<boolean>`forum_proposals.search_vector @@ to_tsquery('simple', ${query})`)
    .orderBy(sql`ts_rank(forum_proposals.search_vector, to_tsquery('simple', ${query}))`, 'desc')
    .orderBy('forum_proposals.id')
    .limit(limit)
    .execute();
}

/**
 * The actor's own proposals in every stage (drafts too), and those they co-author, newest first,
 * `LIST_PAGE_SIZE` at a time after `after` (a keyset cursor of `id`). Signed-in people only.
 */
export async function myProposals(ctx: Ctx, after?: string): Promise<Page<ProposalCard>> {
  const actor = requireUser(ctx.actor);
  return newestById(after, LIST_PAGE_SIZE, (below, limit) =>
    cards(ctx.db)
      .where((eb) =>
        eb.or([
          eb('forum_proposals.author_id', '=', actor.id),
          eb('forum_proposals.id', 'in', eb.selectFrom('forum_coauthors').select('proposal_id').where('user_id', '=', actor.id)),
        ]),
      )
      .$if(below !== null, (q) => q.where('forum_proposals.id', '<', below!))
      .orderBy('forum_proposals.id', 'desc')
      .limit(limit)
      .execute(),
  );
}

/** Proposals to check shown at once: the operators work them from the top, as they fall due. */
const CHECKING_SHOWN = 100;
/**
 * Answers past due shown at once, most overdue first: the responsible bodies answer them, not the
 * operators, so the rest are a link to the public list away rather than a page of thousands.
 */
const OVERDUE_SHOWN = 20;

/**
 * What waits for the operators: proposals to check (oldest due first) and answers past their due
 * time (longest overdue first), each with how many there are in all (`queueHead`).
 */
export async function moderationQueue(ctx: Ctx) {
  requireOperator(ctx);
  const now = ctx.now();
  const checking = sql<boolean>`forum_proposals.status = 'checking'`;
  const overdue = sql<boolean>`forum_proposals.status = 'review' AND forum_proposals.answer_due_at < ${now}`;
  // Counted on the proposals alone: the cards' organisation and category are never missing (NOT NULL keys).
  const count = (which: typeof checking) => () => countRows(ctx.db.selectFrom('forum_proposals').where(which));
  const [toCheck, late] = await Promise.all([
    cards(ctx.db).select('forum_proposals.check_due_at').where(checking).orderBy('forum_proposals.check_due_at').orderBy('forum_proposals.id').limit(CHECKING_SHOWN + 1).execute(),
    cards(ctx.db).where(overdue).orderBy('forum_proposals.answer_due_at').orderBy('forum_proposals.id').limit(OVERDUE_SHOWN + 1).execute(),
  ]);
  const [checkingHead, overdueHead] = await Promise.all([
    queueHead(toCheck, CHECKING_SHOWN, count(checking)),
    // Thousands, the same for every operator: counted once for all of them for a moment.
    queueHead(late, OVERDUE_SHOWN, () => sharedWork(ctx, 'forum.overdueCount', count(overdue))),
  ]);
  return { checking: checkingHead, overdue: overdueHead };
}

import { type Ctx, type Db, sharedWork } from '../../shared/context.ts';
import { NotFoundError } from '../../shared/errors.ts';
import { requireUser } from '../../shared/actors.ts';
import { type DemandDetail, getDemand, publishedDemands } from '../demands/index.ts';
import { type Similar, similarEntries, similarWithSummaries } from './similar.service.ts';
import { servedList, storedList, storeList } from './stored-lists.ts';
import { rankedFits, type Suggestion, suggestionsWithSummaries } from './suggestions.service.ts';

/** An organisation's stored suggestions: as many as its own page shows; the dashboard shows the first. */
export const STORED_SUGGESTIONS = 20;
/** Demands whose similar list the backfill works out per run, newest first. */
const BACKFILL_BATCH = 100;

/**
 * A published demand's similar demands, from its stored list (worked out off the request); read from
 * `db`, stored or queued for refresh through `writeDb` (the primary, when `db` is a read replica).
 */
export async function storedSimilar(db: Db, now: Date, detail: DemandDetail, writeDb: Db = db): Promise<Similar[]> {
  return similarWithSummaries(db, await storedList(db, now, 'similar', detail.demand.id, () => similarEntries(db, detail), writeDb));
}

/**
 * The demands each organisation of `orgIds` could answer, from its stored list, at most `count` each,
 * by organisation name: the names and stored lists are read in one query, the demands in one per
 * organisation.
 */
async function storedSuggestions(db: Db, now: Date, orgIds: number[], count: number): Promise<{ org: { id: number; name: string }; suggestions: Suggestion[] }[]> {
  if (!orgIds.length) return [];
  const rows = await db
    .selectFrom('orgs')
    .leftJoin('discovery_lists', (join) => join.onRef('discovery_lists.subject_id', '=', 'orgs.id').on('discovery_lists.kind', '=', 'suggestions'))
    .select(['orgs.id', 'orgs.name', 'discovery_lists.payload', 'discovery_lists.computed_at'])
    .where('orgs.id', 'in', orgIds)
    .orderBy('orgs.name')
    .execute();
  return Promise.all(
    rows.map(async ({ id, name, payload, computed_at }) => {
      const stored = computed_at ? { payload, computed_at } : undefined;
      const entries = await servedList(stored, db, now, 'suggestions', id, () => rankedFits(db, id, now, STORED_SUGGESTIONS));
      return { org: { id, name }, suggestions: (await suggestionsWithSummaries(db, id, entries)).slice(0, count) };
    }),
  );
}

/**
 * "우리 기관이 응답할 만한 수요" for each organisation the signed-in person is an active member of
 * (refused registrations left out), from the memberships read with the session.
 */
export async function suggestionsForMe(ctx: Ctx, count: number): Promise<{ org: { id: number; name: string }; suggestions: Suggestion[] }[]> {
  const actor = requireUser(ctx.actor);
  const orgIds = actor.memberships.filter((m) => m.orgStatus !== 'rejected').map((m) => m.orgId);
  // The same for every member of these organisations: shared among them for a moment (`sharedWork`).
  return sharedWork(ctx, `discovery.suggestionsOf ${orgIds.join(',')} ${count}`, () => storedSuggestions(ctx.db, ctx.now(), orgIds, count));
}

/** The longer list of one organisation; only its active members see it. */
export async function suggestionsFor(ctx: Ctx, orgId: number, count: number) {
  const actor = requireUser(ctx.actor);
  const [mine] = actor.memberships.some((m) => m.orgId === orgId) ? await storedSuggestions(ctx.db, ctx.now(), [orgId], count) : [];
  if (!mine) throw new NotFoundError();
  return mine;
}

/**
 * Works a stored list out again (the `discovery.refresh` job; a newly published demand's list, from
 * the `demand.published` job). A demand nobody may see any more loses its list. `ctx` is anonymous:
 * similar demands are public.
 */
export async function refreshList(ctx: Ctx, kind: 'similar' | 'suggestions', subjectId: number): Promise<void> {
  const now = ctx.now();
  if (kind === 'suggestions') {
    await storeList(ctx.db, now, kind, subjectId, await rankedFits(ctx.db, subjectId, now, STORED_SUGGESTIONS));
    return;
  }
  const detail = await getDemand(ctx, subjectId).catch((error: unknown) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
  if (!detail) await ctx.db.deleteFrom('discovery_lists').where('kind', '=', kind).where('subject_id', '=', subjectId).execute();
  else await storeList(ctx.db, now, kind, subjectId, await similarEntries(ctx.db, detail));
}

/** Published live demands that have no similar list yet get one, newest first (the recurring backfill). */
export async function backfillSimilar(ctx: Ctx): Promise<number> {
  const missing = await publishedDemands(ctx.db, 'active')
    .select('demands.id')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('discovery_lists').select('subject_id').where('kind', '=', 'similar').whereRef('subject_id', '=', 'demands.id'))),
    )
    .orderBy('demands.published_at', 'desc')
    .limit(BACKFILL_BATCH)
    .execute();
  for (const { id } of missing) await refreshList(ctx, 'similar', id);
  return missing.length;
}

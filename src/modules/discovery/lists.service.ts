import type { Ctx, Db } from '../../shared/context.ts';
import { NotFoundError } from '../../shared/errors.ts';
import { requireUser } from '../../shared/actors.ts';
import { myOrgs } from '../orgs/index.ts';
import { type DemandDetail, getDemand, publishedDemands } from '../demands/index.ts';
import { type Similar, similarEntries, similarWithSummaries } from './similar.service.ts';
import { storedList, storeList } from './stored-lists.ts';
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

/** The demands an organisation could answer, from its stored list, at most `count`. */
export async function storedSuggestions(db: Db, now: Date, orgId: number, count: number): Promise<Suggestion[]> {
  const entries = await storedList(db, now, 'suggestions', orgId, () => rankedFits(db, orgId, now, STORED_SUGGESTIONS));
  return (await suggestionsWithSummaries(db, orgId, entries)).slice(0, count);
}

/** "우리 기관이 응답할 만한 수요" for each organisation the signed-in person is an active member of. */
export async function suggestionsForMe(ctx: Ctx, count: number): Promise<{ org: { id: number; name: string }; suggestions: Suggestion[] }[]> {
  requireUser(ctx.actor);
  const orgs = (await myOrgs(ctx)).filter((o) => o.membership === 'active' && o.status !== 'rejected');
  return Promise.all(orgs.map(async (org) => ({ org: { id: org.id, name: org.name }, suggestions: await storedSuggestions(ctx.db, ctx.now(), org.id, count) })));
}

/** The longer list of one organisation; only its active members see it. */
export async function suggestionsFor(ctx: Ctx, orgId: number, count: number) {
  const org = (await myOrgs(ctx)).find((o) => o.id === orgId && o.membership === 'active');
  if (!org) throw new NotFoundError();
  return { org: { id: org.id, name: org.name }, suggestions: await storedSuggestions(ctx.db, ctx.now(), org.id, count) };
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

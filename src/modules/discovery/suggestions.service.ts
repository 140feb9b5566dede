import { sql } from 'kysely';
import type { Db } from '../../shared/context.ts';
import { anyWordQuery, contentWords } from '../../shared/korean-search.ts';
import { type DemandSummary, summariesOf } from '../demands/index.ts';
import { bestFits, type DemandSide, type Fit, fitBound, fitOf } from './fit.ts';
import { demandSides, orgSides, type RankedDemand, type RankedOrg } from './partners.service.ts';

/** Demands weighed per organisation: the newest of those found by capability, offer or words (a dashboard, not an archive). */
const SHORTLIST_LIMIT = 500;

export interface Suggestion extends Fit {
  demand: DemandSummary;
}

interface ShortlistRow extends RankedDemand {
  needs: number[];
  offers: number[];
  any_word: boolean;
}

/**
 * Live demands of other organisations that this one could answer: needing a capability it holds or
 * words of its profile, or offering what its own demands seek. Not those it has already replied to.
 */
async function shortlist(db: Db, org: RankedOrg): Promise<ShortlistRow[]> {
  const words = anyWordQuery(contentWords(org.text, 12));
  const wordMatch = words ? sql`d.search_vector @@ to_tsquery('simple', ${words})` : sql`false`;
  const sources = [
    sql`SELECT demand_id FROM demand_items WHERE kind = 'need' AND capability_id = ANY(${[...org.capabilities.keys()]}::bigint[])`,
    sql`SELECT demand_id FROM demand_items WHERE kind = 'offer' AND capability_id = ANY(${[...org.wanted]}::bigint[])`,
  ];
  if (words) sources.push(sql`(SELECT d.id FROM demands d WHERE ${wordMatch} ORDER BY d.published_at DESC LIMIT 200)`);
  const rows = await sql<ShortlistRow>`
    SELECT d.id, d.org_id, d.target_sectors, d.target_regions, ${wordMatch} AS any_word,
      array(SELECT di.capability_id FROM demand_items di WHERE di.demand_id = d.id AND di.kind = 'need') AS needs,
      array(SELECT di.capability_id FROM demand_items di WHERE di.demand_id = d.id AND di.kind = 'offer') AS offers
    FROM demands d
    WHERE d.id IN (${sql.join(sources, sql` UNION `)})
      AND d.status IN ('open', 'negotiating') AND d.hidden_at IS NULL AND d.published_at IS NOT NULL
      AND d.org_id <> ${org.id}
      AND NOT EXISTS (SELECT 1 FROM replies r WHERE r.demand_id = d.id AND r.org_id = ${org.id} AND r.status <> 'withdrawn')
    ORDER BY d.published_at DESC
    LIMIT ${SHORTLIST_LIMIT}`.execute(db);
  return rows.rows;
}

/** The ranking for one organisation, without permission checks. */
export async function rankDemands(db: Db, orgId: number, now: Date, count: number): Promise<Suggestion[]> {
  return suggestionsWithSummaries(db, orgId, await rankedFits(db, orgId, now, count));
}

/** A suggestion as stored: the demand's id and why it fits. */
export interface SuggestionEntry extends Fit {
  id: number;
}

/** The costly part of `rankDemands` (the shortlist and the fits): ids with their fits, best first. */
export async function rankedFits(db: Db, orgId: number, now: Date, count: number): Promise<SuggestionEntry[]> {
  const org = (await orgSides(db, [orgId], now))[0];
  if (!org) return [];
  const rows = await shortlist(db, org);
  const evidence = { sector: org.sector, regionCode: org.regionCode, held: new Set(org.capabilities.keys()), wanted: org.wanted };
  const bounded = rows.map((row) => {
    const side: DemandSide = {
      needs: row.needs.map((id) => ({ capabilityId: id, capability: '', text: '', words: [] })),
      offers: row.offers.map((id) => ({ capabilityId: id, capability: '' })),
      targetSectors: row.target_sectors,
      targetRegions: row.target_regions,
    };
    return { id: row.id, bound: fitBound(side, { ...evidence, anyWord: row.any_word }) };
  });
  const ranked = await bestFits(bounded, count, async (ids) => {
    const sides = await demandSides(db, rows.filter((r) => ids.includes(r.id)));
    return ids.map((id) => ({ item: { id }, fit: fitOf(sides.get(id)!, org) }));
  });
  return ranked.map((r) => ({ id: r.item.id, ...r.fit }));
}

/**
 * Entries as the page shows them. Those that stopped being answerable since they were worked out —
 * closed, hidden, or replied to by the organisation — are left out.
 */
export async function suggestionsWithSummaries(db: Db, orgId: number, entries: SuggestionEntry[]): Promise<Suggestion[]> {
  const summaries = await summariesOf(
    db,
    entries.map((e) => e.id),
    orgId,
  );
  return summaries
    .filter((demand) => demand.status === 'open' || demand.status === 'negotiating')
    .map((demand) => {
      const { id: _, ...fit } = entries.find((e) => e.id === demand.id)!;
      return { ...fit, demand };
    });
}

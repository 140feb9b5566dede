import { sql } from 'kysely';
import type { Db } from '../../shared/context.ts';
import { searchDocument } from '../../shared/korean-search.ts';

/**
 * A demand's search vector: the Korean-aware words of its text plus one lexeme per filter value
 * (`p:pilot`, `t:3`, `ts:company`, `r:01` …). With a search word the filters become part of the
 * same tsquery, so the GIN index intersects them at once instead of the planner reading thousands
 * of rows to test each filter. Users cannot type these lexemes: word splitting drops ':'.
 */
export interface DemandFacets {
  purpose: string;
  themes: number[];
  /** Empty means any partner is welcome. */
  targetSectors: string[];
  /** Empty means nationwide. */
  targetRegions: string[];
}

function facetLexemes(f: DemandFacets): string[] {
  return [
    `p:${f.purpose}`,
    ...f.themes.map((t) => `t:${t}`),
    ...(f.targetSectors.length ? f.targetSectors.map((s) => `ts:${s}`) : ['ts:any']),
    ...(f.targetRegions.length ? f.targetRegions.map((r) => `r:${r}`) : ['r:all']),
  ];
}

export function demandSearchVector(texts: string[], facets: DemandFacets) {
  return sql<string>`(to_tsvector('simple', ${searchDocument(...texts)}) || array_to_tsvector(${facetLexemes(facets)}::text[]))`;
}

/**
 * Works out the search vectors of demands from what is stored: title, summary, body, each item's
 * capability (Korean and English name) and text, and the themes' names in both languages, so 보훈 or
 * "welfare" finds the theme's demands. Called after a demand's content is written, and by the
 * migration that re-indexes everything when the indexing rules change.
 */
export async function refreshDemandSearch(db: Db, ids: number[]): Promise<void> {
  if (!ids.length) return;
  const rows = await db
    .selectFrom('demands')
    .select(['id', 'title', 'summary', 'body', 'purpose', 'target_sectors', 'target_regions'])
    .select([
      sql<number[]>`array(SELECT theme_id FROM demand_themes WHERE demand_id = demands.id ORDER BY theme_id)`.as('theme_ids'),
      sql<string>`(SELECT string_agg(t.name || ' ' || t.name_en, ' ') FROM demand_themes dt JOIN themes t ON t.id = dt.theme_id WHERE dt.demand_id = demands.id)`.as('theme_names'),
      sql<string>`(SELECT string_agg(c.name || ' ' || c.name_en || ' ' || i.description, E'\n' ORDER BY i.kind, i.sort) FROM demand_items i JOIN capabilities c ON c.id = i.capability_id WHERE i.demand_id = demands.id)`.as('items'),
    ])
    .where('id', 'in', ids)
    .execute();
  for (const r of rows) {
    const facets = { purpose: r.purpose, themes: r.theme_ids, targetSectors: r.target_sectors, targetRegions: r.target_regions };
    await db
      .updateTable('demands')
      .set({ search_vector: demandSearchVector([r.title, r.summary, r.body, r.items ?? '', r.theme_names ?? ''], facets) })
      .where('id', '=', r.id)
      .execute();
  }
}

export interface FacetFilter {
  purpose?: string | undefined;
  theme?: number | undefined;
  targetSector?: string | undefined;
  region?: string | undefined;
}

const lexeme = (value: string) => `'${value.replaceAll("'", "''")}'`;

/** The filter as tsquery terms to AND with the words; nationwide and "any partner" demands match every region and sector. */
export function facetQuery(filter: FacetFilter): string[] {
  const terms: string[] = [];
  if (filter.purpose) terms.push(lexeme(`p:${filter.purpose}`));
  if (filter.theme) terms.push(lexeme(`t:${filter.theme}`));
  if (filter.targetSector) terms.push(`(${lexeme(`ts:${filter.targetSector}`)} | 'ts:any')`);
  if (filter.region === 'nationwide') terms.push(`'r:all'`);
  else if (filter.region) terms.push(`(${lexeme(`r:${filter.region}`)} | 'r:all')`);
  return terms;
}

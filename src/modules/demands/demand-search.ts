import { sql } from 'kysely';
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

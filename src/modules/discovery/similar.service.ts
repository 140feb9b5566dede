import { sql } from 'kysely';
import type { Db } from '../../shared/context.ts';
import { anyWordQuery, contentWords } from '../../shared/korean-search.ts';
import { type DemandDetail, type DemandSummary, summariesOf } from '../demands/index.ts';

export const SIMILAR_COUNT = 5;
/** Demands compared per call: the newest sharing a word, and the newest needing the same capability. */
const CANDIDATES_PER_SOURCE = 100;

/** A similar demand as stored: its id and the words both use. */
export interface SimilarEntry {
  id: number;
  /** Content words both demands use, for the reader to judge the likeness. */
  shared: string[];
}

export interface Similar {
  demand: DemandSummary;
  shared: string[];
}

interface CandidateRow {
  id: number;
  org_id: number;
  text: string;
  needs: number[];
  themes: number[];
}

// The title and needs say what a demand is about; the summary's words mostly widen the search.
const wordsOf = (title: string, needTexts: string[]) => contentWords([title, ...needTexts].join(' '), 8);

/**
 * Published demands most like this one — the same words, needed capabilities and themes — so that a
 * draft's author notices an existing demand before posting a duplicate, and readers find related ones.
 * Two shared words, or one shared word and a shared needed capability, make a demand similar.
 */
export async function similarDemands(db: Db, detail: DemandDetail, count = SIMILAR_COUNT): Promise<Similar[]> {
  return similarWithSummaries(db, await similarEntries(db, detail, count));
}

/** The costly part of `similarDemands` (one query over the candidates, then scoring): ids and shared words. */
export async function similarEntries(db: Db, detail: DemandDetail, count = SIMILAR_COUNT): Promise<SimilarEntry[]> {
  const { demand } = detail;
  const words = wordsOf(demand.title, detail.needs.map((n) => n.description));
  const needIds = detail.needs.map((n) => n.capability_id);
  const query = anyWordQuery(words);
  const sources = [
    sql`(SELECT demand_id FROM demand_items WHERE kind = 'need' AND capability_id = ANY(${needIds}::bigint[])
         ORDER BY demand_id DESC LIMIT ${CANDIDATES_PER_SOURCE})`,
  ];
  if (query) {
    sources.push(sql`(SELECT id FROM demands WHERE search_vector @@ to_tsquery('simple', ${query})
                      ORDER BY published_at DESC NULLS LAST LIMIT ${CANDIDATES_PER_SOURCE})`);
  }
  const rows = await sql<CandidateRow>`
    SELECT d.id, d.org_id,
      d.title || ' ' || d.summary || ' ' || coalesce((SELECT string_agg(di.description, ' ') FROM demand_items di WHERE di.demand_id = d.id AND di.kind = 'need'), '') AS text,
      array(SELECT di.capability_id FROM demand_items di WHERE di.demand_id = d.id AND di.kind = 'need') AS needs,
      array(SELECT dt.theme_id FROM demand_themes dt WHERE dt.demand_id = d.id) AS themes
    FROM demands d
    WHERE d.id IN (${sql.join(sources, sql` UNION `)})
      AND d.id <> ${demand.id}
      AND d.published_at IS NOT NULL AND d.hidden_at IS NULL AND d.status <> 'withdrawn'`.execute(db);
  const scored = rows.rows.flatMap((row) => {
    const theirs = new Set(contentWords(row.text, 40));
    const shared = words.filter((w) => theirs.has(w));
    const capabilities = row.needs.filter((id) => needIds.includes(id)).length;
    if (shared.length < 2 && !(shared.length === 1 && capabilities > 0)) return [];
    const themes = row.themes.filter((id) => demand.theme_ids.includes(id)).length;
    const score = shared.length + capabilities + 0.5 * themes + (row.org_id === demand.org_id ? 1 : 0);
    return [{ id: row.id, shared, score }];
  });
  scored.sort((a, b) => b.score - a.score || b.id - a.id);
  return scored.slice(0, count).map(({ id, shared }) => ({ id, shared }));
}

/** Entries as the page shows them; those withdrawn or hidden since they were worked out are left out. */
export async function similarWithSummaries(db: Db, entries: SimilarEntry[]): Promise<Similar[]> {
  const summaries = await summariesOf(
    db,
    entries.map((e) => e.id),
  );
  return summaries.filter((s) => s.status !== 'withdrawn').map((summary) => ({ demand: summary, shared: entries.find((e) => e.id === summary.id)!.shared }));
}

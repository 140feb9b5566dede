/** A reviewer's weighted score must lie this far from the item's median to be flagged. */
export const OUTLIER_POINTS = 1.5;

export interface Criterion {
  id: number;
  weight: number;
}

/** One reviewer's submitted scores on one item, by criterion id. */
export interface Sheet {
  itemId: number;
  reviewerId: number;
  scores: Map<number, number>;
}

export interface RankedItem {
  itemId: number;
  /** Mean of the reviewers' weighted scores (1–5), null until someone has submitted. */
  mean: number | null;
  /** Highest minus lowest weighted score. */
  spread: number | null;
  submitted: number;
  /** Reviewers whose score stands apart from the others'. */
  outliers: number[];
  /** Each reviewer's weighted score, for the panel. */
  byReviewer: { reviewerId: number; score: number }[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Σ weight × score / Σ weight over the round's criteria. */
export function weightedScore(criteria: Criterion[], scores: Map<number, number>): number {
  const total = criteria.reduce((sum, c) => sum + c.weight, 0);
  return criteria.reduce((sum, c) => sum + c.weight * (scores.get(c.id) ?? 0), 0) / total;
}

/**
 * The operator's ranking: items by mean weighted score (best first; ties: the smaller spread, then
 * the earlier item). With three or more reviewers, a score OUTLIER_POINTS or more from the item's
 * median is flagged — worth a look before the result is trusted. The median, not the mean, so that
 * one wild score does not make the sensible ones look wild too.
 */
export function rankItems(itemIds: number[], criteria: Criterion[], sheets: Sheet[]): RankedItem[] {
  const ranked = itemIds.map((itemId): RankedItem => {
    const byReviewer = sheets.filter((s) => s.itemId === itemId).map((s) => ({ reviewerId: s.reviewerId, score: weightedScore(criteria, s.scores) }));
    const values = byReviewer.map((r) => r.score);
    const mid = median(values);
    const outliers = values.length < 3 ? [] : byReviewer.filter((r) => Math.abs(r.score - mid) >= OUTLIER_POINTS).map((r) => r.reviewerId);
    return {
      itemId,
      mean: values.length ? round2(values.reduce((a, b) => a + b, 0) / values.length) : null,
      spread: values.length ? round2(Math.max(...values) - Math.min(...values)) : null,
      submitted: values.length,
      outliers,
      byReviewer: byReviewer.map((r) => ({ ...r, score: round2(r.score) })),
    };
  });
  return ranked.sort((a, b) => (b.mean ?? -1) - (a.mean ?? -1) || (a.spread ?? 0) - (b.spread ?? 0) || a.itemId - b.itemId);
}

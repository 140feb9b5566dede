import type { MessageKey } from '../../shared/i18n/index.ts';

/**
 * How well an organisation fits a demand, with the reasons in words a person can check. Pure: the
 * queries gather the facts, this weighs them, the benchmark compares it with simpler baselines.
 */
export interface DemandSide {
  /** `words`: the need's content words, worked out once per demand rather than per candidate. */
  needs: { capabilityId: number; capability: string; text: string; words: string[] }[];
  offers: { capabilityId: number; capability: string }[];
  /** Empty: any partner is welcome. */
  targetSectors: string[];
  /** 시·도 codes; empty: nationwide. */
  targetRegions: string[];
}

export interface OrgSide {
  sector: string;
  /** 시·도 or 시·군·구 code; null: nationwide. */
  regionCode: string | null;
  provinceName: string | null;
  /** What the organisation says it does (description, capability note). */
  text: string;
  capabilities: Map<number, string>;
  /** Capabilities its own open demands ask for (reciprocity). */
  wanted: Set<number>;
  recentReplies: number;
  collaborations: number;
}

export interface Reason {
  key: MessageKey;
  params: Record<string, string>;
}

export interface Fit {
  score: number;
  reasons: Reason[];
}

/** Weights of the signals; fit in what is needed and offered dominates, activity only breaks ties. */
export const WEIGHTS = {
  capability: 3,
  text: 1,
  reciprocity: 2,
  sectorMatch: 1,
  sectorMismatch: -1,
  region: 0.5,
  reply: 0.2,
  collaboration: 0.3,
};

const short = (text: string) => (text.length > 30 ? `${text.slice(0, 29)}…` : text);

export function fitOf(demand: DemandSide, org: OrgSide): Fit {
  const reasons: Reason[] = [];
  let score = 0;
  const text = org.text.toLowerCase();
  // A taxonomy match and a word of the organisation's own profile are separate evidence: the
  // taxonomy is coarse ('의료기기 수리'), the words are specific ('휠체어'), and both together fit best.
  for (const need of demand.needs) {
    const capability = org.capabilities.get(need.capabilityId);
    if (capability) {
      score += WEIGHTS.capability;
      reasons.push({ key: 'fit.capability', params: { need: short(need.text || need.capability), capability } });
    }
    const word = need.words.find((w) => text.includes(w));
    if (word) {
      score += WEIGHTS.text;
      reasons.push({ key: 'fit.text', params: { need: short(need.text), word } });
    }
  }
  for (const offer of demand.offers) {
    if (!org.wanted.has(offer.capabilityId)) continue;
    score += WEIGHTS.reciprocity;
    reasons.push({ key: 'fit.reciprocity', params: { capability: offer.capability } });
  }
  if (demand.targetSectors.length) {
    const fits = demand.targetSectors.includes(org.sector);
    score += fits ? WEIGHTS.sectorMatch : WEIGHTS.sectorMismatch;
    if (fits) reasons.push({ key: 'fit.sector', params: { sector: org.sector } });
  }
  const province = org.regionCode?.slice(0, 2);
  if (province && demand.targetRegions.includes(province)) {
    score += WEIGHTS.region;
    reasons.push({ key: 'fit.region', params: { region: org.provinceName ?? province } });
  }
  if (org.recentReplies) {
    score += Math.min(3, org.recentReplies) * WEIGHTS.reply;
    reasons.push({ key: 'fit.responsive', params: { count: String(org.recentReplies) } });
  }
  if (org.collaborations) {
    score += Math.min(2, org.collaborations) * WEIGHTS.collaboration;
    reasons.push({ key: 'fit.collaborated', params: { count: String(org.collaborations) } });
  }
  return { score, reasons };
}

/** What a cheap query knows of a candidate before its details are read. */
export interface Evidence {
  sector: string;
  regionCode: string | null;
  /** Needed capabilities the organisation holds. */
  held: Set<number>;
  /** Whether its profile contains any word of any need. */
  anyWord: boolean;
  /** Offered capabilities its own live demands ask for. */
  wanted: Set<number>;
}

/** A score no organisation with this evidence can exceed: ranking stops reading details once the best found beat it. */
export function fitBound(demand: DemandSide, evidence: Evidence): number {
  let bound = 3 * WEIGHTS.reply + 2 * WEIGHTS.collaboration;
  for (const need of demand.needs) {
    if (evidence.held.has(need.capabilityId)) bound += WEIGHTS.capability;
    if (evidence.anyWord) bound += WEIGHTS.text;
  }
  for (const offer of demand.offers) if (evidence.wanted.has(offer.capabilityId)) bound += WEIGHTS.reciprocity;
  if (demand.targetSectors.length) bound += demand.targetSectors.includes(evidence.sector) ? WEIGHTS.sectorMatch : WEIGHTS.sectorMismatch;
  const province = evidence.regionCode?.slice(0, 2);
  if (province && demand.targetRegions.includes(province)) bound += WEIGHTS.region;
  return bound;
}

/** Details are read this many candidates at a time, best bound first. */
const DETAIL_BATCH = 30;

/**
 * The `count` best fits among bounded candidates: reads details best bound first and stops once
 * the count-th best exact score beats every bound left, so a few batches decide among thousands.
 * Ties go to the lower id.
 */
export async function bestFits<T extends { id: number }>(
  bounded: { id: number; bound: number }[],
  count: number,
  weigh: (ids: number[]) => Promise<{ item: T; fit: Fit }[]>,
): Promise<{ item: T; fit: Fit }[]> {
  const order = [...bounded].sort((a, b) => b.bound - a.bound || a.id - b.id);
  const found: { item: T; fit: Fit }[] = [];
  for (let start = 0; start < order.length; start += DETAIL_BATCH) {
    const kth = found[count - 1]?.fit.score;
    if (kth !== undefined && kth > order[start]!.bound) break;
    for (const weighed of await weigh(order.slice(start, start + DETAIL_BATCH).map((b) => b.id))) {
      if (weighed.fit.score > 0) found.push(weighed);
    }
    found.sort((a, b) => b.fit.score - a.fit.score || a.item.id - b.item.id);
  }
  return found.slice(0, count);
}

import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { type BuiltUser, ctxAs } from '../../accounts/test/builders.ts';
import { buildDemand } from '../../demands/test/builders.ts';
import { addCriterion, addItems, addReviewer, createRound, openRound } from '../reviews.service.ts';

export interface RoundOverrides {
  operator: BuiltUser;
  reviewers: BuiltUser[];
  /** How many new live demands to review. */
  demands: number;
  /** [name, weight] pairs; the four usual criteria (30/30/20/20) by default. */
  criteria?: [string, number][];
  /** Started (the default) or still being prepared. */
  open?: boolean;
}

let sequence = 0;

/** A review round built through the service by an operator. */
export async function buildRound(db: Kysely<DB>, overrides: RoundOverrides) {
  sequence += 1;
  const ctx = await ctxAs(db, overrides.operator);
  const id = await createRound(ctx, { title: `2027 상반기 주요 협업이음터 과제 ${sequence}` });
  const criteria = overrides.criteria ?? [
    ['협업 필요성', 30],
    ['파급효과', 30],
    ['실현 가능성', 20],
    ['국민 체감도', 20],
  ];
  for (const [name, weight] of criteria) await addCriterion(ctx, id, { name, weight: String(weight) });
  const demands: number[] = [];
  for (let i = 0; i < overrides.demands; i++) demands.push((await buildDemand(db, { title: `심사 대상 수요 ${sequence}-${i + 1}` })).id);
  if (demands.length) await addItems(ctx, id, { demands: demands.map(String) });
  for (const reviewer of overrides.reviewers) await addReviewer(ctx, id, { reviewer: String(reviewer.id) });
  if (overrides.open ?? true) await openRound(ctx, id);
  const [criteriaRows, items] = await Promise.all([
    db.selectFrom('review_criteria').select('id').where('round_id', '=', id).orderBy('id').execute(),
    db.selectFrom('review_items').select(['id', 'subject_id']).where('round_id', '=', id).orderBy('id').execute(),
  ]);
  return {
    id,
    criteria: criteriaRows.map((c) => c.id),
    items: demands.map((d) => items.find((i) => i.subject_id === d)!.id),
    demands,
  };
}

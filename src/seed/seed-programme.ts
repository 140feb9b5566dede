import type { Ctx } from '../shared/context.ts';
import { addDays, kstDate } from '../shared/dates.ts';
import { addGroup, createBriefing, proposeGroups, publishBriefing } from '../modules/briefings/briefings.service.ts';
import { publishedDemands } from '../modules/demands/index.ts';
import { addCriterion, addItems, addReviewer, createRound, declareConflict, openRound, roundForOperator, setFeatured, submitScores } from '../modules/reviews/reviews.service.ts';

/** Scores of the two demo reviewers on the round's four demands, per criterion (30/30/20/20). */
const SCORES = [
  [
    [5, 5, 4, 5],
    [4, 3, 4, 3],
    [3, 4, 3, 3],
    [4, 5, 5, 4],
  ],
  [
    [5, 4, 4, 5],
    [3, 3, 4, 3],
    [2, 3, 3, 2],
    [5, 4, 4, 4],
  ],
];
const COMMENTS = ['수요기관과 참여기관 모두에게 이익이 분명한 과제입니다.', '실현 방안이 구체적이고 파급효과가 큽니다.'];

/**
 * The operator's programme, through the services: a review round over four live demands, scored by
 * two expert reviewers, with the best two featured on the home page; and next week's briefing on the
 * largest proposed group of open demands.
 */
export async function seedProgramme(operator: Ctx, reviewers: Ctx[]): Promise<void> {
  const roundId = await createRound(operator, { title: '2027 상반기 주요 협업이음터 과제', description: '국민 체감도가 높은 협업 수요를 골라 첫 화면에 소개합니다.' });
  for (const [name, weight] of [
    ['협업 필요성', '30'],
    ['파급효과', '30'],
    ['실현 가능성', '20'],
    ['국민 체감도', '20'],
  ] as const) {
    await addCriterion(operator, roundId, { name, weight });
  }
  const live = await publishedDemands(operator.db, 'active').select('demands.id').orderBy('demands.published_at', 'desc').limit(4).execute();
  await addItems(operator, roundId, { demands: live.map((d) => String(d.id)) });
  for (const reviewer of reviewers) await addReviewer(operator, roundId, { reviewer: String(reviewer.actor.kind === 'user' ? reviewer.actor.id : 0) });
  await openRound(operator, roundId);

  const round = await roundForOperator(operator, roundId);
  for (const [r, reviewer] of reviewers.entries()) {
    for (const [i, item] of round.items.entries()) {
      await declareConflict(reviewer, roundId, item.id, { conflict: 'none' });
      const scores = Object.fromEntries(round.criteria.map((c, k) => [`c${c.id}`, String(SCORES[r]![i]![k])]));
      await submitScores(reviewer, roundId, item.id, { ...scores, comment: COMMENTS[r]! });
    }
  }
  const ranked = (await roundForOperator(operator, roundId)).ranking;
  await setFeatured(operator, roundId, { items: ranked.slice(0, 2).map((r) => String(r.itemId)) });

  // No briefing exists yet, so nothing is excluded from the proposals (briefing id 0).
  const [group] = await proposeGroups(operator.db, 0);
  if (!group) return;
  const briefingId = await createBriefing(operator, {
    title: `${group.theme} 분야 협업 수요 온라인 사업설명회`,
    summary: '수요기관이 직접 협업 수요를 설명하고 질문에 답합니다. 관심 있는 기관은 누구나 참가할 수 있습니다.',
    date: addDays(kstDate(operator.now()), 7),
    time: '14:00',
    minutes: '90',
    onlineUrl: 'https://meet.example.go.kr/ieumteo-briefing',
    capacity: '100',
  });
  await addGroup(operator, briefingId, { theme: String(group.themeId), sector: group.sector });
  await publishBriefing(operator, briefingId);
}

import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase } from '../../../../test/test-database.ts';
import type { Database } from '../../../db/client.ts';
import { NotFoundError, ValidationError } from '../../../shared/errors.ts';
import { type BuiltUser, buildUser, ctxAs } from '../../accounts/test/builders.ts';
import { buildDemand } from '../../demands/test/builders.ts';
import { rankItems, weightedScore } from '../ranking.ts';
import {
  addCriterion,
  addItems,
  addReviewer,
  declareConflict,
  featuredDemands,
  CANDIDATES_SHOWN,
  itemCandidates,
  itemForReviewer,
  openRound,
  roundForOperator,
  setFeatured,
  submitScores,
} from '../reviews.service.ts';
import { buildRound } from './builders.ts';
import { selectTask } from '../../tasks/selection.service.ts';
import { buildTask } from '../../tasks/test/builders.ts';

describe('the ranking', () => {
  const criteria = [
    { id: 1, weight: 40 },
    { id: 2, weight: 60 },
  ];
  const sheet = (itemId: number, reviewerId: number, a: number, b: number) => ({ itemId, reviewerId, scores: new Map([[1, a], [2, b]]) });

  it('weighs each criterion, averages the reviewers, flags a score far from the others', () => {
    assert.equal(weightedScore(criteria, new Map([[1, 5], [2, 3]])), 3.8);
    const ranked = rankItems([10, 20, 30], criteria, [
      sheet(10, 1, 4, 4),
      sheet(10, 2, 4, 5),
      sheet(10, 3, 1, 1), // 3 below the median, 4
      sheet(20, 1, 5, 5),
      sheet(20, 2, 5, 4),
    ]);
    assert.deepEqual(
      ranked.map((r) => [r.itemId, r.mean, r.spread, r.submitted, r.outliers]),
      [
        [20, 4.7, 0.6, 2, []],
        [10, 3.2, 3.6, 3, [3]],
        [30, null, null, 0, []],
      ],
    );
  });
});

describe('an expert review round', () => {
  let database: Database;
  let operator: BuiltUser;
  let reviewers: BuiltUser[];
  let round: Awaited<ReturnType<typeof buildRound>>;

  before(async () => {
    database = await createTestDatabase();
    operator = await buildUser(database.db, { role: 'operator' });
    reviewers = [await buildUser(database.db, { role: 'reviewer' }), await buildUser(database.db, { role: 'reviewer' }), await buildUser(database.db, { role: 'reviewer' })];
    round = await buildRound(database.db, { operator, reviewers, demands: 2 });
  });
  after(() => database.close());

  const as = (user: BuiltUser) => ctxAs(database.db, user);
  const score = (user: BuiltUser, itemId: number, values: number[], comment = '필요성이 큽니다') =>
    as(user).then((ctx) => submitScores(ctx, round.id, itemId, { ...Object.fromEntries(round.criteria.map((c, i) => [`c${c}`, String(values[i])])), comment }));

  it('is set up and run by operators only; anyone else finds nothing', async () => {
    const citizen = await buildUser(database.db);
    await assert.rejects(roundForOperator(await as(citizen), round.id), NotFoundError);
    await assert.rejects(roundForOperator(await as(reviewers[0]!), round.id), NotFoundError);
    const outsider = await buildUser(database.db, { role: 'reviewer' });
    await assert.rejects(itemForReviewer(await as(outsider), round.id, round.items[0]!), NotFoundError);
    const other = await buildDemand(database.db);
    await assert.rejects(addCriterion(await as(operator), round.id, { name: '추가', weight: '10' }), ValidationError, 'no change once open');
    await assert.rejects(addItems(await as(operator), round.id, { demands: [String(other.id)] }), ValidationError);
    await assert.rejects(addReviewer(await as(operator), round.id, { reviewer: String(outsider.id) }), ValidationError);
  });

  it('asks for a conflict declaration first, keeps reviewers blind until they submit, and submits once', async () => {
    const [a, b, c] = reviewers as [BuiltUser, BuiltUser, BuiltUser];
    const [first, second] = round.items as [number, number];
    const early = await score(a, first, [4, 4, 4, 4]).catch((e: unknown) => e);
    assert.deepEqual((early as ValidationError).fields, { conflict: 'review.conflictFirst' });
    const noReason = await declareConflict(await as(a), round.id, first, { conflict: 'declared' }).catch((e: unknown) => e);
    assert.deepEqual((noReason as ValidationError).fields, { reason: 'review.conflictReason' });

    for (const reviewer of [a, b, c]) await declareConflict(await as(reviewer), round.id, first, { conflict: 'none' });
    const missing = await score(a, first, [4, 0, 9, 4], '').catch((e: unknown) => e);
    assert.deepEqual(Object.keys((missing as ValidationError).fields).sort(), [`c${round.criteria[1]}`, `c${round.criteria[2]}`, 'comment'].sort());

    await score(a, first, [5, 5, 4, 4]);
    assert.deepEqual((await itemForReviewer(await as(a), round.id, first)).panel, [], 'nobody else has submitted');
    const blind = await itemForReviewer(await as(b), round.id, first);
    assert.equal(blind.panel, null, 'b sees no one’s scores before submitting');
    await score(b, first, [4, 4, 4, 4]);
    const seen = await itemForReviewer(await as(b), round.id, first);
    assert.equal(seen.panel?.length, 1);
    assert.equal(seen.panel?.[0]?.comment, '필요성이 큽니다');
    await assert.rejects(score(b, first, [1, 1, 1, 1]), ValidationError, 'submitted once');
    await score(c, first, [1, 1, 1, 1], '실현 가능성이 낮습니다');

    await declareConflict(await as(a), round.id, second, { conflict: 'declared', reason: '소속 기관이 수요기관입니다' });
    await declareConflict(await as(b), round.id, second, { conflict: 'none' });
    await score(b, second, [3, 3, 3, 3]);

    const view = await roundForOperator(await as(operator), round.id);
    const byItem = Object.fromEntries(view.ranking.map((r) => [r.itemId, r]));
    // Weights 30/30/20/20: a 4.6, b 4, c 1 → mean 3.2, spread 3.6; c is 3 below the median.
    assert.deepEqual([byItem[first]?.mean, byItem[first]?.spread, byItem[first]?.outliers], [3.2, 3.6, [c.id]]);
    assert.deepEqual([byItem[second]?.mean, byItem[second]?.submitted, byItem[second]?.conflicts], [3, 1, 1]);
    assert.deepEqual(
      view.ranking.map((r) => r.itemId),
      [first, second],
    );
    assert.deepEqual(view.reviewers.find((r) => r.id === a.id)!.conflicts, 1);
  });

  it('features the chosen demands, which the home page then lists', async () => {
    const ctx = await as(operator);
    await setFeatured(ctx, round.id, { items: [String(round.items[0])] });
    const featured = await featuredDemands(ctx, 5);
    assert.deepEqual(
      featured.map((d) => [d.id, d.featured]),
      [[round.demands[0], true]],
    );
    await setFeatured(ctx, round.id, { items: [] });
    assert.deepEqual(await featuredDemands(ctx, 5), []);
  });

  it('will not start without criteria, items and reviewers', async () => {
    const empty = await buildRound(database.db, { operator, reviewers: [], demands: 0, criteria: [], open: false });
    const refused = await openRound(await as(operator), empty.id).catch((e: unknown) => e);
    assert.deepEqual(Object.keys((refused as ValidationError).fields).sort(), ['criteria', 'items', 'reviewers']);
  });

  it('reviews registered collaboration tasks beside demands; a task leaves the candidates once selected', async () => {
    const ctx = await as(operator);
    const task = await buildTask(database.db, { operator });
    const draft = await buildTask(database.db, { operator, submit: false });
    const prepared = await buildRound(database.db, { operator, reviewers: [reviewers[0]!], demands: 0, open: false });
    const candidates = await itemCandidates(ctx, prepared.id, undefined);
    assert.ok(candidates.tasks.some((t) => t.id === task.id));
    assert.ok(!candidates.tasks.some((t) => t.id === draft.id), 'a draft is not a candidate');
    await assert.rejects(addItems(ctx, prepared.id, { tasks: [String(draft.id)] }), ValidationError);
    await addItems(ctx, prepared.id, { tasks: [String(task.id)] });
    await openRound(ctx, prepared.id);
    const [item] = (await roundForOperator(ctx, prepared.id)).items;
    assert.deepEqual(item?.subject, { kind: 'task', title: '어선 출입항 신고와 낚시 예약 연계', orgName: item?.task?.lead_name, href: `/tasks/${task.id}` });
    const forReviewer = await itemForReviewer(await as(reviewers[0]!), prepared.id, item!.id);
    assert.equal(forReviewer.task?.id, task.id);
    await selectTask(ctx, task.id, { kind: 'key', reason: '심사 1위' });
    assert.ok(!(await itemCandidates(ctx, round.id, undefined)).tasks.some((t) => t.id === task.id));
  });

  // The candidates were the newest 200 registered tasks, searched in memory: an older one could be
  // neither found by its title nor added by its id.
  it('finds and adds a registered task however many came after it', async () => {
    const ctx = await as(operator);
    const old = await buildTask(database.db, { operator });
    await database.db.updateTable('tasks').set({ title: '오래된 해양쓰레기 수거 협업' }).where('id', '=', old.id).execute();
    await sql`INSERT INTO tasks (year, title, problem, benefit, status, lead_org_id, starts_on, ends_on, created_by, created_at, updated_at)
      SELECT year, '나중 과제 ' || g, problem, benefit, status, lead_org_id, starts_on, ends_on, created_by, created_at, updated_at FROM tasks, generate_series(1, 205) AS g WHERE id = ${old.id}`.execute(database.db);
    const prepared = await buildRound(database.db, { operator, reviewers: [reviewers[0]!], demands: 0, open: false });
    const newest = await itemCandidates(ctx, prepared.id, undefined);
    assert.equal(newest.tasks.length, CANDIDATES_SHOWN);
    assert.ok(!newest.tasks.some((t) => t.id === old.id), 'the newest come first');
    assert.deepEqual((await itemCandidates(ctx, prepared.id, '해양쓰레기')).tasks.map((t) => t.id), [old.id]);
    await addItems(ctx, prepared.id, { tasks: [String(old.id)] });
    assert.deepEqual((await itemCandidates(ctx, prepared.id, '해양쓰레기')).tasks, [], 'in the round: no longer a candidate');
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { testClock } from '../../../../test/clock.ts';
import { rejectsWithFields } from '../../../../test/outcomes.ts';
import { createTestDatabase } from '../../../../test/test-database.ts';
import type { Database } from '../../../db/client.ts';
import { addBusinessHours } from '../../../shared/business-time.ts';
import { ForbiddenError, NotFoundError } from '../../../shared/errors.ts';
import { type BuiltUser, buildUser, ctxAs } from '../../accounts/test/builders.ts';
import { moderationQueue } from '../lists.service.ts';
import { appealHiding, decideAppeal, dismissReports, hideContent, moderationLog, moderationPage, reportContent } from '../moderation.service.ts';
import { proposalPage } from '../page.service.ts';
import { addPoint, addReply, setHelpful } from '../points.service.ts';
import { support } from '../supports.service.ts';
import { buildProposal } from './builders.ts';

const DAY = 24 * 3_600_000;

describe('국민포럼 moderation', () => {
  let database: Database;
  let operator: BuiltUser;
  before(async () => {
    database = await createTestDatabase();
    operator = await buildUser(database.db, { role: 'operator' });
  });
  after(() => database.close());

  const noticesOf = async (userId: number, kind: string) =>
    Number((await database.db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('kind', '=', kind).executeTakeFirstOrThrow()).n);

  it('takes each person’s report once, queues it with its target time, hides with a public reason, and restores on appeal', async () => {
    const db = database.db;
    const now = testClock();
    const { id, author } = await buildProposal(db, { now, operator });
    const [a, b, stranger] = await Promise.all([buildUser(db), buildUser(db), buildUser(db)]);
    const subject = { proposalId: id, pointId: null };
    await reportContent(await ctxAs(db, a, now), subject, { reason: 'personal', detail: '전화번호가 있습니다' });
    await reportContent(await ctxAs(db, a, now), subject, { reason: 'abuse' });
    await reportContent(await ctxAs(db, b, now), subject, { reason: 'spam' });
    await rejectsWithFields(reportContent(await ctxAs(db, b, now), subject, { reason: 'nonsense' }), { reason: 'forum.reportReasonChoose' });
    assert.equal(await noticesOf(operator.id, 'notice.forumReported'), 1, 'the operators hear of the first open report');
    const queue = await moderationPage(await ctxAs(db, operator, now));
    const row = queue.reports.items.find((r) => r.proposal_id === id)!;
    assert.equal(Number(row.reports), 2, 'one report per person');
    assert.equal(new Date(row.due_at).toISOString(), addBusinessHours(now(), 8).toISOString());
    await assert.rejects(moderationPage(await ctxAs(db, a, now)), NotFoundError, 'operators only');
    await assert.rejects(moderationLog(await ctxAs(db, a, now)), NotFoundError, 'its log too');
    await assert.rejects(hideContent(await ctxAs(db, a, now), subject, { reason: '개인정보 노출' }), NotFoundError);

    await hideContent(await ctxAs(db, operator, now), subject, { reason: '제안에 다른 사람의 전화번호가 있어 가렸습니다.' });
    assert.equal(await noticesOf(author.id, 'notice.forumHidden'), 1);
    const seen = await proposalPage(await ctxAs(db, stranger, now), id);
    assert.equal(seen.concealed, true, 'others see only the tombstone');
    assert.equal((await proposalPage(await ctxAs(db, author, now), id)).concealed, false, 'its author still sees it');
    now.advance(8 * DAY);
    await assert.rejects(support(await ctxAs(db, a, now), id), ForbiddenError, 'a hidden proposal takes no supports');
    await assert.rejects(addPoint(await ctxAs(db, a, now), id, { side: 'for', body: '좋은 제안입니다. 필요합니다.' }), ForbiddenError);
    assert.equal((await moderationPage(await ctxAs(db, operator, now))).reports.items.some((r) => r.proposal_id === id), false, 'its reports are upheld');

    await assert.rejects(appealHiding(await ctxAs(db, stranger, now), subject, { body: '가릴 이유가 없는 글입니다.' }), NotFoundError, 'what a stranger cannot see is not found');
    await appealHiding(await ctxAs(db, author, now), subject, { body: '전화번호를 지웠습니다. 다시 공개해 주세요.' });
    await rejectsWithFields(appealHiding(await ctxAs(db, author, now), subject, { body: '한 번 더 요청합니다. 빨리 봐 주세요.' }), { body: 'forum.appealOpen' });
    const appeal = (await moderationPage(await ctxAs(db, operator, now))).appeals.items.find((x) => x.proposal_id === id)!;
    await decideAppeal(await ctxAs(db, operator, now), appeal.id, true, { reason: '개인정보가 지워진 것을 확인했습니다.' });
    assert.equal((await proposalPage(await ctxAs(db, stranger, now), id)).concealed, false);
    assert.equal(await noticesOf(author.id, 'notice.forumRestored'), 1);
    await assert.rejects(decideAppeal(await ctxAs(db, operator, now), appeal.id, false, { reason: '두 번째 결정은 없습니다.' }), NotFoundError, 'decided once');
    const log = (await moderationLog(await ctxAs(db, operator, now))).items.map((entry) => entry.action);
    assert.ok(log.includes('forum.hide') && log.includes('forum.restore'));
  });

  it('hides a point as a tombstone: no replies or helpful marks on it; dismissing closes its reports', async () => {
    const db = database.db;
    const now = testClock();
    const { id } = await buildProposal(db, { now, operator });
    const [a, b] = await Promise.all([buildUser(db), buildUser(db)]);
    const point = await addPoint(await ctxAs(db, a, now), id, { side: 'against', body: '쓸데없는 제안입니다. 광고 보러 오세요.' });
    const other = await addPoint(await ctxAs(db, a, now), id, { side: 'for', body: '어르신 이동이 쉬워집니다.' });
    await reportContent(await ctxAs(db, b, now), { proposalId: id, pointId: point }, { reason: 'spam' });
    await reportContent(await ctxAs(db, b, now), { proposalId: id, pointId: other }, { reason: 'other' });
    await hideContent(await ctxAs(db, operator, now), { proposalId: id, pointId: point }, { reason: '광고 글이라 가렸습니다.' });
    const page = await proposalPage(await ctxAs(db, b, now), id);
    const hidden = page.points.against.items.find((p) => p.id === point)!;
    assert.equal(hidden.hidden_reason, '광고 글이라 가렸습니다.');
    await assert.rejects(addReply(await ctxAs(db, b, now), point, { body: '동의합니다' }), NotFoundError);
    await assert.rejects(setHelpful(await ctxAs(db, b, now), point, true), NotFoundError);
    await assert.rejects(reportContent(await ctxAs(db, operator, now), { proposalId: id, pointId: point }, { reason: 'spam' }), NotFoundError, 'a hidden point is not reported again');
    await dismissReports(await ctxAs(db, operator, now), { proposalId: id, pointId: other });
    await assert.rejects(dismissReports(await ctxAs(db, operator, now), { proposalId: id, pointId: other }), NotFoundError, 'nothing left to dismiss');
    await assert.rejects(appealHiding(await ctxAs(db, b, now), { proposalId: id, pointId: point }, { body: '제 글이 아니지만 이의를 제기합니다.' }), ForbiddenError);
    await assert.rejects(reportContent(await ctxAs(db, b, now), { proposalId: id + 1000, pointId: point }, { reason: 'spam' }), NotFoundError, 'a point of another proposal');
  });
});

// The queue's headings said "100건" of 8,220 overdue answers: they counted what was shown.
describe('국민포럼 operators’ queue at length', () => {
  let database: Database;
  after(() => database?.close());

  it('shows the first of each long queue, most urgent first, with how many there are in all', async () => {
    database = await createTestDatabase();
    const db = database.db;
    const now = testClock();
    const operator = await buildUser(db, { role: 'operator' });
    const { id } = await buildProposal(db, { now, operator });
    const at = now().toISOString();
    // 22 answers past due, an hour apart; 103 proposals to check; 105 points and the proposal itself,
    // each reported twice; 103 of the points appealed.
    await sql`INSERT INTO forum_proposals (org_id, category_id, author_id, title, problem, proposal, effect, search_vector, created_at, updated_at, published_at, status, answer_due_at)
      SELECT org_id, category_id, author_id, title || ' ' || g, problem, proposal, effect, search_vector, created_at, updated_at, published_at, 'review', ${at}::timestamptz - g * interval '1 hour'
      FROM forum_proposals, generate_series(1, 22) AS g WHERE id = ${id}`.execute(db);
    await sql`INSERT INTO forum_proposals (org_id, category_id, author_id, title, problem, proposal, effect, search_vector, created_at, updated_at, status, check_due_at)
      SELECT org_id, category_id, author_id, '검토 ' || g, problem, proposal, effect, search_vector, created_at, updated_at, 'checking', ${at}::timestamptz + g * interval '1 minute'
      FROM forum_proposals, generate_series(1, 103) AS g WHERE id = ${id}`.execute(db);
    await sql`INSERT INTO forum_points (proposal_id, side, body, created_at) SELECT ${id}, 'for', '신고된 의견 ' || g, ${at} FROM generate_series(1, 105) AS g`.execute(db);
    await sql`INSERT INTO forum_reports (proposal_id, point_id, reason, due_at, created_at) SELECT ${id}, p.id, r.reason, ${at}::timestamptz + p.id * interval '1 minute', ${at} FROM forum_points p, (VALUES ('spam'), ('abuse')) AS r(reason) WHERE p.proposal_id = ${id}`.execute(db);
    await sql`INSERT INTO forum_reports (proposal_id, reason, due_at, created_at) SELECT ${id}, r.reason, ${at}::timestamptz + interval '1 year', ${at} FROM (VALUES ('spam'), ('abuse')) AS r(reason)`.execute(db);
    await sql`INSERT INTO forum_appeals (proposal_id, point_id, body, created_at) SELECT ${id}, id, '가려질 까닭이 없습니다.', ${at} FROM forum_points WHERE proposal_id = ${id} ORDER BY id LIMIT 103`.execute(db);
    const ctx = await ctxAs(db, operator, now);

    const { checking, overdue } = await moderationQueue(ctx);
    assert.deepEqual([checking.total, checking.items.length], [103, 100]);
    assert.equal(checking.items[0]!.title, '검토 1', 'the one due soonest first');
    assert.deepEqual([overdue.total, overdue.items.length], [22, 20]);
    assert.match(overdue.items[0]!.title, / 22$/, 'the longest overdue first');
    const { reports, appeals } = await moderationPage(ctx);
    assert.deepEqual([reports.total, reports.items.length], [106, 100], 'subjects, the proposal itself among them, not reports');
    assert.deepEqual([appeals.total, appeals.items.length], [103, 100]);
    assert.ok(reports.items.every((r) => Number(r.reports) === 2));

    await dismissReports(ctx, { proposalId: id, pointId: reports.items[0]!.point_id });
    const shorter = await moderationPage(ctx);
    assert.equal(shorter.reports.total, 105);
    assert.deepEqual(
      shorter.reports.items.map((r) => r.point_id),
      [...reports.items.slice(1).map((r) => r.point_id), shorter.reports.items[99]!.point_id],
      'the rest move up',
    );
    assert.ok(!reports.items.some((r) => r.point_id === shorter.reports.items[99]!.point_id), 'and the next comes up');
  });
});

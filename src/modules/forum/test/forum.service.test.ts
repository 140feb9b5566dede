import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testClock } from '../../../../test/clock.ts';
import { rejectsWithFields } from '../../../../test/outcomes.ts';
import { createTestDatabase } from '../../../../test/test-database.ts';
import type { Database } from '../../../db/client.ts';
import { addBusinessHours, deadlineOf } from '../../../shared/business-time.ts';
import { addDays, kstDate } from '../../../shared/dates.ts';
import { ForbiddenError, NotFoundError } from '../../../shared/errors.ts';
import { type BuiltUser, buildUser, ctxAs } from '../../accounts/test/builders.ts';
import { answerProposal, completeProposal, sendAnswerNotices, setMilestoneDone } from '../answers.service.ts';
import { LIST_PAGE_SIZE, listProposals, myProposals, similarProposals } from '../lists.service.ts';
import { SIDES } from '../forum.tables.ts';
import { proposalPage } from '../page.service.ts';
import { addPoint, addReply, firstPointsOfSides, pointsOfSide, saveSummary, setHelpful } from '../points.service.ts';
import { answerCoauthor, inviteCoauthor, loadProposal, publishProposal, returnProposal, submitProposal, updateProposal, withdrawProposal } from '../proposals.service.ts';
import { saveSettings } from '../settings.service.ts';
import { stageAt } from '../stages.ts';
import { mergeProposal, support, withdrawSupport } from '../supports.service.ts';
import { sweepStages } from '../sweep.ts';
import { buildMinistry, buildProposal } from './builders.ts';

const DAY = 24 * 3_600_000;
const options = { baseUrl: 'http://localhost', quietHours: null };

describe('국민포럼', () => {
  let database: Database;
  let operator: BuiltUser;
  let supporters: BuiltUser[];
  before(async () => {
    database = await createTestDatabase();
    operator = await buildUser(database.db, { role: 'operator' });
    supporters = await Promise.all([1, 2, 3, 4].map(() => buildUser(database.db)));
    // Small numbers keep the test quick; the rules are the same as at 100 in 30 days.
    await saveSettings(await ctxAs(database.db, operator), { checkHours: '16', discussionDays: '2', supportNeeded: '3', supportDays: '10', answerDays: '30', reportHours: '8' });
  });
  after(() => database.close());

  const row = (id: number) => database.db.selectFrom('forum_proposals').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const noticesOf = async (userId: number, kind: string) =>
    Number((await database.db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('kind', '=', kind).executeTakeFirstOrThrow()).n);

  // The author's own list stopped at 100 with nothing to say so.
  it('lists a person’s own and co-authored proposals page by page to the first', async () => {
    const db = database.db;
    const now = testClock();
    const author = await buildUser(db);
    const first = await buildProposal(db, { author, stage: 'draft', now, operator, title: '내 목록 첫 제안입니다' });
    const other = await buildProposal(db, { stage: 'draft', now, operator, title: '함께 쓰는 다른 사람의 제안' });
    await inviteCoauthor(await ctxAs(db, other.author, now), other.id, { email: author.email });
    await answerCoauthor(await ctxAs(db, author, now), other.id, true);
    // Within the limit of five a day: the days move on as they are written.
    for (let i = 0; i < LIST_PAGE_SIZE; i++) {
      now.advance(DAY / 4);
      await buildProposal(db, { author, stage: 'draft', now, operator, title: `내 목록 제안 ${i}번입니다` });
    }
    const ctx = await ctxAs(db, author, now);
    const page = await myProposals(ctx);
    assert.equal(page.items.length, LIST_PAGE_SIZE);
    assert.equal(page.items[0]!.title, `내 목록 제안 ${LIST_PAGE_SIZE - 1}번입니다`, 'newest first');
    const rest = await myProposals(ctx, page.nextCursor!);
    assert.deepEqual(
      rest.items.map((p) => p.id),
      [other.id, first.id],
      'the co-authored one and the very first, on the next page',
    );
    assert.equal(rest.nextCursor, null);
  });

  it('keeps a draft to its author and the operators, checks it within its target in working hours, then publishes it with fixed windows', async () => {
    const db = database.db;
    const now = testClock();
    const { id, author } = await buildProposal(db, { stage: 'draft', now, operator });
    const stranger = await buildUser(db);
    await assert.rejects(loadProposal(await ctxAs(db, stranger, now), db, id), NotFoundError);
    await assert.rejects(proposalPage(await ctxAs(db, stranger, now), id), NotFoundError);
    await submitProposal(await ctxAs(db, author, now), id);
    const checking = await row(id);
    assert.equal(checking.status, 'checking');
    assert.equal(checking.check_due_at?.toISOString(), addBusinessHours(now(), 16).toISOString());
    assert.equal(await noticesOf(operator.id, 'notice.forumSubmitted'), 1, 'the operators are told');

    await returnProposal(await ctxAs(db, operator, now), id, { reason: '연락처가 적혀 있습니다. 지워 주세요.' });
    assert.equal((await row(id)).status, 'returned');
    const page = await proposalPage(await ctxAs(db, author, now), id);
    assert.equal(page.may.edit, true);
    const edit = { title: '농어촌 버스 시간표를 한곳에서', problem: '군마다 시간표가 흩어져 있어 찾기가 어렵습니다.', proposal: '공공데이터로 모아 한 화면에서 찾게 해 주세요. 연락처는 지웠습니다.', effect: '이동이 편해집니다.', org: page.org.name, category: String((await row(id)).category_id) };
    await updateProposal(await ctxAs(db, author, now), id, edit);
    await submitProposal(await ctxAs(db, author, now), id);
    await publishProposal(await ctxAs(db, operator, now), id);
    const published = await row(id);
    assert.equal(published.status, 'discussion');
    assert.equal(published.support_needed, 3);
    // Two whole days of discussion after the day of publication, ending at a KST midnight.
    assert.equal(kstDate(new Date(published.discussion_ends_at!.getTime() - 1)), kstDate(new Date(now().getTime() + 2 * DAY)));
    assert.equal(published.support_ends_at!.getTime() - published.discussion_ends_at!.getTime(), 10 * DAY);
    await assert.rejects(updateProposal(await ctxAs(db, author, now), id, edit), ForbiddenError, 'a public proposal is not edited');
    // Visible to all now, and a later change of settings moves none of its windows.
    await proposalPage(await ctxAs(db, stranger, now), id);
    await saveSettings(await ctxAs(db, operator, now), { checkHours: '16', discussionDays: '5', supportNeeded: '50', supportDays: '20', answerDays: '30', reportHours: '8' });
    assert.deepEqual(await row(id), published);
    await saveSettings(await ctxAs(db, operator, now), { checkHours: '16', discussionDays: '2', supportNeeded: '3', supportDays: '10', answerDays: '30', reportHours: '8' });
  });

  it('lets its author invite co-authors, who see the draft, and edit it once they accept; one who declines sees it no more', async () => {
    const db = database.db;
    const now = testClock();
    const { id, author } = await buildProposal(db, { stage: 'draft', now, operator });
    const joining = await buildUser(db);
    const declining = await buildUser(db);
    for (const user of [joining, declining]) await inviteCoauthor(await ctxAs(db, author, now), id, { email: user.email.toUpperCase() });
    const invited = await proposalPage(await ctxAs(db, joining, now), id);
    assert.deepEqual([invited.may.invited, invited.may.edit], [true, false], 'an invited co-author sees the draft, and may not edit it yet');
    assert.deepEqual(
      (await proposalPage(await ctxAs(db, author, now), id)).coauthors.map((c) => [c.name, c.accepted_at !== null]),
      [
        [joining.name, false],
        [declining.name, false],
      ],
      'its author sees who is still invited',
    );

    await answerCoauthor(await ctxAs(db, joining, now), id, true);
    const joined = await proposalPage(await ctxAs(db, joining, now), id);
    assert.deepEqual([joined.may.invited, joined.may.edit, joined.may.inviteCoauthor], [false, true, false], 'a co-author edits, only the author invites');
    await assert.rejects(answerCoauthor(await ctxAs(db, joining, now), id, true), ForbiddenError, 'accepted once');

    await answerCoauthor(await ctxAs(db, declining, now), id, false);
    await assert.rejects(proposalPage(await ctxAs(db, declining, now), id), NotFoundError, 'a draft is its authors’ alone');
  });

  it('takes supports only in their window, once per person, and sends the proposal to review with the answer due in legal days', async () => {
    const db = database.db;
    const now = testClock();
    const { id, org, author } = await buildProposal(db, { now, operator });
    const [a, b, c, d] = supporters as [BuiltUser, BuiltUser, BuiltUser, BuiltUser];
    await assert.rejects(support(await ctxAs(db, a, now), id), (e: unknown) => e instanceof ForbiddenError && e.messageKey === 'forum.supportClosed', 'not during the discussion');
    now.advance(3 * DAY);
    assert.equal(stageAt(await row(id), now()), 'support', 'the stage moves on before the sweep runs');
    await support(await ctxAs(db, a, now), id);
    await support(await ctxAs(db, a, now), id);
    assert.equal((await row(id)).support_count, 1, 'one support per person');
    assert.equal((await proposalPage(await ctxAs(db, a, now), id)).relation.supported, true, 'its page shows the reader their support');
    assert.equal((await proposalPage(await ctxAs(db, b, now), id)).relation.supported, false, 'and not another reader’s');
    await withdrawSupport(await ctxAs(db, a, now), id);
    assert.equal((await row(id)).support_count, 0);
    assert.equal((await proposalPage(await ctxAs(db, a, now), id)).relation.supported, false);
    for (const user of [a, b]) await support(await ctxAs(db, user, now), id);
    assert.equal((await row(id)).status, 'discussion', 'the stored status waits for the sweep');
    await sweepStages(db, now(), options);
    assert.equal((await row(id)).status, 'support');
    await support(await ctxAs(db, c, now), id);
    const reached = await row(id);
    assert.equal(reached.status, 'review');
    assert.equal(reached.answer_due_at?.toISOString(), deadlineOf(now(), 30).toISOString(), '30 days as 시행령 제19조 counts them');
    assert.equal(await noticesOf(org.admin.id, 'notice.forumToAnswer'), 1, 'the responsible body is told');
    assert.equal(await noticesOf(author.id, 'notice.forumReached'), 1);
    await withdrawSupport(await ctxAs(db, c, now), id);
    assert.equal((await row(id)).status, 'review', 'a threshold reached stays reached');
    await assert.rejects(withdrawProposal(await ctxAs(db, author, now), id), ForbiddenError, 'no withdrawal after the supports came');
    await support(await ctxAs(db, d, now), id);
    now.advance(11 * DAY);
    await assert.rejects(support(await ctxAs(db, c, now), id), ForbiddenError, 'the window closed');
  });

  it('expires a proposal whose supports did not come in time, and tells its author once', async () => {
    const db = database.db;
    const now = testClock();
    const { id, author } = await buildProposal(db, { now, operator });
    now.advance(13 * DAY);
    assert.equal(stageAt(await row(id), now()), 'expired');
    assert.ok((await sweepStages(db, now(), options)) >= 1);
    assert.equal(await sweepStages(db, now(), options), 0, 'a second run finds nothing more to do');
    assert.equal((await row(id)).status, 'expired');
    assert.equal(await noticesOf(author.id, 'notice.forumExpired'), 1);
    const page = await proposalPage(await ctxAs(db, author, now), id);
    assert.deepEqual(
      page.steps.map((s) => [s.key, s.state]),
      [
        ['draft', 'done'],
        ['check', 'done'],
        ['discussion', 'done'],
        ['support', 'missed'],
        ['review', 'missed'],
        ['answer', 'missed'],
        ['outcome', 'missed'],
        ['completed', 'missed'],
      ],
    );
  });

  it('structures the deliberation: sides, helpful marks once and never one’s own, one level of replies, pages without repeats, a summary citing real points', async () => {
    const db = database.db;
    const now = testClock();
    const { id, author } = await buildProposal(db, { now, operator });
    const [a, b] = supporters as [BuiltUser, BuiltUser];
    const pointIds: number[] = [];
    for (let i = 0; i < 25; i++) pointIds.push(await addPoint(await ctxAs(db, i % 2 ? a : b, now), id, { side: 'for', body: `찬성 근거 ${i}: 어르신 이동이 쉬워집니다.` }));
    const against = await addPoint(await ctxAs(db, a, now), id, { side: 'against', body: '군마다 운행 정보 갱신이 늦어 오히려 헷갈릴 수 있습니다.', source: 'https://www.data.go.kr/' });
    const conditional = await addPoint(await ctxAs(db, b, now), id, { side: 'conditional', body: '실시간 운행 정보까지 연결된다면 찬성합니다.' });
    await rejectsWithFields(addPoint(await ctxAs(db, a, now), id, { side: 'maybe', body: '짧' }), { side: 'forum.sideChoose', body: 'forum.min5' });
    await rejectsWithFields(addPoint(await ctxAs(db, a, now), id, { side: 'for', body: '광고 https://a.example https://b.example https://c.example' }), { body: 'forum.tooManyLinks' });
    await setHelpful(await ctxAs(db, a, now), conditional, true);
    await setHelpful(await ctxAs(db, a, now), conditional, true);
    await assert.rejects(setHelpful(await ctxAs(db, b, now), conditional, true), ForbiddenError, 'not one’s own point');
    const reply = await addReply(await ctxAs(db, author, now), against, { body: '갱신 주기를 정하면 됩니다.' });
    await assert.rejects(addReply(await ctxAs(db, a, now), reply, { body: '답글의 답글' }), NotFoundError, 'one level of replies');
    const seen: number[] = [];
    let after: string | undefined;
    do {
      const page = await pointsOfSide(db, id, 'for', after, 10);
      seen.push(...page.items.map((p) => p.id));
      after = page.nextCursor ?? undefined;
    } while (after);
    assert.deepEqual([...seen].sort((x, y) => x - y), pointIds, 'every point once');
    await setHelpful(await ctxAs(db, b, now), pointIds[7]!, true); // written by a
    const firsts = await firstPointsOfSides(db, id, 5);
    for (const side of SIDES) assert.deepEqual(firsts[side], await pointsOfSide(db, id, side, undefined, 5), `${side}: the page asked one side at a time`);
    assert.deepEqual([firsts.for.items[0]?.id, Boolean(firsts.for.nextCursor), firsts.against.nextCursor], [pointIds[7], true, null]);
    const page = await proposalPage(await ctxAs(db, a, now), id);
    assert.deepEqual(page.counts, { for: 25, against: 1, conditional: 1 });
    assert.equal(page.points.conditional.items[0]?.helpful_count, 1);
    assert.ok(page.helpful.has(conditional));
    await rejectsWithFields(saveSummary(await ctxAs(db, author, now), id, { summary: `찬성은 이동 편의(#${pointIds[0]}), 반대는 갱신 지연(#999999999)을 듭니다.` }), { summary: 'forum.citationUnknown' });
    await assert.rejects(saveSummary(await ctxAs(db, a, now), id, { summary: `찬성은 이동 편의(#${pointIds[0]})를 듭니다. 충분히 긴 정리입니다.` }), ForbiddenError, 'the author or a facilitator');
    await saveSummary(await ctxAs(db, operator, now), id, { summary: `찬성은 이동 편의(#${pointIds[0]}), 반대는 갱신 지연(#${against}), 조건부 찬성은 실시간 연결(#${conditional})을 듭니다.` });
    assert.ok((await row(id)).summary?.includes(`#${against}`));
  });

  it('lets the responsible body answer: an extension with its reason, overdue told once, adoption with milestones, everyone concerned told once', async () => {
    const db = database.db;
    const now = testClock();
    const { id, org, author } = await buildProposal(db, { now, operator });
    now.advance(3 * DAY);
    const [a, b, c] = supporters as [BuiltUser, BuiltUser, BuiltUser];
    for (const user of [a, b, c]) await support(await ctxAs(db, user, now), id);
    const citizen = await ctxAs(db, a, now);
    await assert.rejects(answerProposal(citizen, id, { decision: 'accept', reasons: '충분한 이유가 있습니다.', plan: '계획' }), ForbiddenError);
    const body = await ctxAs(db, org.admin, now);
    const due = (await row(id)).answer_due_at!;
    await rejectsWithFields(answerProposal(body, id, { decision: 'accept', reasons: '충분한 이유가 있습니다.' }), { plan: 'forum.planRequired' });
    await rejectsWithFields(answerProposal(body, id, { decision: 'further', reasons: '관계 부처 협의가 필요합니다.', dueOn: kstDate(due) }), { dueOn: 'forum.newDueTooEarly' });
    await rejectsWithFields(answerProposal(body, id, { decision: 'further', reasons: '관계 부처 협의가 필요합니다.', dueOn: kstDate(new Date(due.getTime() + 120 * DAY)) }), { dueOn: 'forum.newDueTooLate' });
    // Past the due time: overdue, told once to the body and the operators.
    now.set(new Date(due.getTime() + 60_000));
    const page = await proposalPage(body, id);
    assert.equal(page.overdue, true);
    assert.equal(page.steps.find((s) => s.key === 'answer')?.late, true);
    assert.equal((await listProposals(db, { stage: 'overdue' }, now())).items.some((p) => p.id === id), true);
    await sweepStages(db, now(), options);
    await sweepStages(db, now(), options);
    assert.equal(await noticesOf(org.admin.id, 'notice.forumOverdue'), 1);
    const newDue = kstDate(new Date(due.getTime() + 14 * DAY));
    await answerProposal(body, id, { decision: 'further', reasons: '관계 부처(국토교통부)와 데이터 표준을 협의하고 있습니다.', dueOn: newDue });
    const extended = await row(id);
    assert.equal(extended.status, 'review');
    assert.equal(kstDate(extended.answer_due_at!) >= newDue, true);
    assert.equal((await proposalPage(body, id)).overdue, false);
    await answerProposal(body, id, {
      decision: 'accept',
      reasons: '농어촌 주민의 이동권을 위해 필요하다고 판단했습니다.',
      plan: '2027년까지 시·군 버스 정보를 표준화해 공개합니다.',
      'milestone.0.title': '데이터 표준 마련',
      'milestone.0.due': addDays(kstDate(now()), 90),
      'milestone.1.title': '통합 조회 서비스 개시',
      'milestone.1.due': addDays(kstDate(now()), 270),
    });
    const adopted = await proposalPage(body, id);
    assert.equal(adopted.stage, 'adopted');
    assert.deepEqual(
      adopted.answers.map((x) => [x.decision, x.on_time]),
      [
        ['further', false],
        ['accept', true],
      ],
    );
    assert.equal(adopted.answers[1]?.milestones.length, 2);
    const answers = await db.selectFrom('forum_answers').select('id').where('proposal_id', '=', id).orderBy('id').execute();
    for (const answer of answers) {
      await sendAnswerNotices(db, now, 'http://localhost', answer.id);
      await sendAnswerNotices(db, now, 'http://localhost', answer.id);
    }
    assert.equal(await noticesOf(a.id, 'notice.forumAnswer.accept'), 1, 'a supporter is told once');
    assert.equal(await noticesOf(author.id, 'notice.forumAnswer.accept'), 1, 'the author too');
    assert.equal(await noticesOf(author.id, 'notice.forumAnswer.further'), 1);
    for (const milestone of adopted.answers[1]!.milestones) await setMilestoneDone(body, id, milestone.id, true);
    await completeProposal(body, id, { result: '2027년 10월부터 통합 조회 서비스를 운영합니다.' });
    assert.equal((await row(id)).status, 'completed');
  });

  it('finds similar proposals by their Korean words and merges a duplicate into the one received first, each supporter counted once', async () => {
    const db = database.db;
    const now = testClock();
    const ministry = await buildMinistry(db);
    const first = await buildProposal(db, { now, operator, org: ministry, title: '어린이 보호구역 과속 단속 카메라를 늘려 주세요', proposal: '통학로마다 과속 단속 카메라를 설치해 어린이 교통사고를 줄여 주세요.' });
    now.advance(60_000);
    const second = await buildProposal(db, { now, operator, org: ministry, title: '스쿨존에 단속 카메라 설치 확대', proposal: '어린이 보호구역 과속 단속 카메라가 부족합니다. 통학로에 더 설치해 주세요.' });
    const similar = await similarProposals(db, '어린이 보호구역에 과속 카메라를 더 달아 주세요');
    assert.ok(similar.some((p) => p.id === first.id));
    now.advance(3 * DAY);
    const [a, b, c] = supporters as [BuiltUser, BuiltUser, BuiltUser];
    await support(await ctxAs(db, a, now), first.id);
    await support(await ctxAs(db, a, now), second.id);
    await support(await ctxAs(db, b, now), second.id);
    await rejectsWithFields(mergeProposal(await ctxAs(db, operator, now), first.id, { into: String(second.id) }), { into: 'forum.mergeLater' });
    await assert.rejects(mergeProposal(await ctxAs(db, c, now), second.id, { into: String(first.id) }), NotFoundError, 'operators only');
    await mergeProposal(await ctxAs(db, operator, now), second.id, { into: String(first.id) });
    const reader = await ctxAs(db, c, now);
    assert.deepEqual((await proposalPage(reader, second.id)).mergedInto, { id: first.id, title: '어린이 보호구역 과속 단속 카메라를 늘려 주세요' }, 'the merged one names where it went');
    const kept = await proposalPage(reader, first.id);
    assert.deepEqual(kept.duplicates, [{ id: second.id, title: '스쿨존에 단속 카메라 설치 확대' }], 'and the kept one what came in');
    const category = await db.selectFrom('forum_categories').select(['name', 'name_en']).where('id', '=', (await row(first.id)).category_id).executeTakeFirstOrThrow();
    const ministryRow = await db.selectFrom('orgs').select(['id', 'name', 'status']).where('id', '=', ministry.id).executeTakeFirstOrThrow();
    assert.deepEqual([kept.author, kept.org, kept.category, kept.region, kept.mergedInto], [first.author.name, ministryRow, category, null, null], 'what the page names beside it');
    assert.equal((await row(first.id)).support_count, 2, 'a supported both: counted once');
    assert.equal((await row(second.id)).status, 'merged');
    assert.equal(await noticesOf(second.author.id, 'notice.forumMerged'), 1);
    await assert.rejects(support(await ctxAs(db, c, now), second.id), ForbiddenError, 'a merged proposal takes no more');
    await support(await ctxAs(db, c, now), first.id);
    assert.equal((await row(first.id)).status, 'review', 'the merged supports count towards the threshold');
  });

  it('searches: a word few proposals have comes newest first over pages without repeats, a word nobody used finds nothing', async () => {
    const db = database.db;
    const now = testClock();
    const ministry = await buildMinistry(db);
    const built: number[] = [];
    for (let i = 0; i < 22; i++) {
      now.advance(60_000);
      built.push((await buildProposal(db, { now, operator, org: ministry, title: `등대 해설사 배치 ${i + 1}` })).id);
    }
    const first = await listProposals(db, { q: '등대' }, now());
    assert.equal(first.items.length, 20);
    assert.ok(first.nextCursor);
    const second = await listProposals(db, { q: '등대', after: first.nextCursor }, now());
    assert.deepEqual([...first.items, ...second.items].map((p) => p.id), built.toReversed(), 'newest first, each once');
    assert.equal(second.nextCursor, null);
    const bySupports = await listProposals(db, { q: '등대', sort: 'supports' }, now());
    assert.deepEqual(bySupports.items.map((p) => p.id), built.toReversed().slice(0, 20), 'no supports yet: the newest id first');
    const none = await listProposals(db, { q: '아무도쓰지않은낱말' }, now());
    assert.deepEqual([none.items, none.nextCursor], [[], null]);
  });

  it('needs a confirmed e-mail address to propose, argue or support', async () => {
    const db = database.db;
    const { id } = await buildProposal(db, { operator });
    const unconfirmed = await buildUser(db);
    await db.updateTable('users').set({ email_verified_at: null }).where('id', '=', unconfirmed.id).execute();
    const ctx = await ctxAs(db, unconfirmed);
    await assert.rejects(addPoint(ctx, id, { side: 'for', body: '좋은 제안입니다. 꼭 필요합니다.' }), (e: unknown) => e instanceof ForbiddenError && e.messageKey === 'forum.verifyEmailFirst');
    await assert.rejects(support(ctx, id), ForbiddenError);
  });
});

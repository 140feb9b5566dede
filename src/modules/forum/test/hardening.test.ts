import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testClock } from '../../../../test/clock.ts';
import { rejectsWithFields } from '../../../../test/outcomes.ts';
import { createTestDatabase } from '../../../../test/test-database.ts';
import type { Database } from '../../../db/client.ts';
import { addDays, kstDate } from '../../../shared/dates.ts';
import { ForbiddenError, NotFoundError } from '../../../shared/errors.ts';
import { type BuiltUser, buildUser, ctxAs } from '../../accounts/test/builders.ts';
import { answerProposal, completeProposal, setMilestoneDone } from '../answers.service.ts';
import { appealHiding, decideAppeal, hideContent, moderationPage, reportContent } from '../moderation.service.ts';
import { proposalPage } from '../page.service.ts';
import { publishProposal } from '../proposals.service.ts';
import { addPoint, pointPage, saveSummary, setHelpful } from '../points.service.ts';
import { saveSettings } from '../settings.service.ts';
import { mergeProposal, support } from '../supports.service.ts';
import { sweepStages } from '../sweep.ts';
import { buildMinistry, buildProposal } from './builders.ts';

const DAY = 24 * 3_600_000;
const options = { baseUrl: 'http://localhost', quietHours: null };
const settings = (supportNeeded: string, discussionDays = '2') => ({ checkHours: '16', discussionDays, supportNeeded, supportDays: '10', answerDays: '30', reportHours: '8' });

/** What an attack on the forum found, each kept from coming back. */
describe('국민포럼 against misuse', () => {
  let database: Database;
  let operator: BuiltUser;
  let people: BuiltUser[];
  before(async () => {
    database = await createTestDatabase();
    operator = await buildUser(database.db, { role: 'operator' });
    people = await Promise.all([1, 2, 3, 4].map(() => buildUser(database.db)));
  });
  after(() => database.close());
  const row = (id: number) => database.db.selectFrom('forum_proposals').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const as = (user: BuiltUser, now: ReturnType<typeof testClock>) => ctxAs(database.db, user, now);

  it('counts supports merged in during the discussion once the supports open, instead of letting the proposal expire', async () => {
    const db = database.db;
    const now = testClock();
    const ministry = await buildMinistry(db);
    const first = await buildProposal(db, { org: ministry, operator, now, stage: 'checking' });
    await saveSettings(await as(operator, now), settings('5', '0'));
    const duplicate = await buildProposal(db, { org: ministry, operator, now });
    for (const user of people.slice(0, 3)) await support(await as(user, now), duplicate.id);
    await saveSettings(await as(operator, now), settings('2', '2'));
    await publishProposal(await as(operator, now), first.id);
    await mergeProposal(await as(operator, now), duplicate.id, { into: String(first.id) });
    assert.equal((await row(first.id)).support_count, 3);
    assert.equal((await row(first.id)).status, 'discussion', 'supports are not taken while it is discussed');
    now.advance(3 * DAY);
    await sweepStages(db, now(), options);
    const reached = await row(first.id);
    assert.equal(reached.status, 'review', 'the window opened with the supports already there');
    assert.ok(reached.answer_due_at);
  });

  it('keeps a hidden proposal’s words and points from the public, and merges nothing into a hidden or expired one', async () => {
    const db = database.db;
    const now = testClock();
    await saveSettings(await as(operator, now), settings('100', '0'));
    const { id, author } = await buildProposal(db, { operator, now, title: '가려질 제안의 제목입니다' });
    const [a, b] = people as [BuiltUser, BuiltUser];
    const point = await addPoint(await as(a, now), id, { side: 'for', body: '공개되면 안 되는 의견입니다.' });
    await assert.rejects(reportContent(await as(author, now), { proposalId: id, pointId: null }, { reason: 'spam' }), ForbiddenError, 'not one’s own');
    await hideContent(await as(operator, now), { proposalId: id, pointId: null }, { reason: '광고 글이라 가렸습니다.' });
    assert.equal((await proposalPage(await as(b, now), id)).concealed, true);
    await assert.rejects(pointPage(await as(b, now), point), NotFoundError, 'its points go with it');
    await assert.rejects(setHelpful(await as(b, now), point, true), NotFoundError);
    await assert.rejects(reportContent(await as(b, now), { proposalId: id, pointId: point }, { reason: 'spam' }), NotFoundError);
    await pointPage(await as(author, now), point);
    const later = await buildProposal(db, { operator, now });
    await rejectsWithFields(mergeProposal(await as(operator, now), later.id, { into: String(id) }), { into: 'forum.mergeTargetState' });
    const expired = await buildProposal(db, { operator, now });
    const newest = await buildProposal(db, { operator, now });
    now.advance(12 * DAY);
    await rejectsWithFields(mergeProposal(await as(operator, now), newest.id, { into: String(expired.id) }), { into: 'forum.mergeTargetState' });
  });

  it('refuses a second merge, a second extension, a second appeal after a decision, and shows the author the operator’s note', async () => {
    const db = database.db;
    const now = testClock();
    await saveSettings(await as(operator, now), settings('1', '0'));
    const ministry = await buildMinistry(db);
    const first = await buildProposal(db, { org: ministry, operator, now });
    const second = await buildProposal(db, { org: ministry, operator, now });
    const third = await buildProposal(db, { org: ministry, operator, now });
    await mergeProposal(await as(operator, now), third.id, { into: String(first.id) });
    await assert.rejects(mergeProposal(await as(operator, now), third.id, { into: String(second.id) }), (e: unknown) => e instanceof ForbiddenError && e.messageKey === 'forum.mergedAlready');
    await support(await as(people[0]!, now), second.id);
    const body = await as(ministry.admin, now);
    const due = (await row(second.id)).answer_due_at!;
    await answerProposal(body, second.id, { decision: 'further', reasons: '관계 부처와 협의하고 있습니다.', dueOn: kstDate(new Date(due.getTime() + 5 * DAY)) });
    await rejectsWithFields(answerProposal(body, second.id, { decision: 'further', reasons: '한 번 더 미룹니다.', dueOn: kstDate(new Date(due.getTime() + 10 * DAY)) }), { decision: 'forum.extendedOnce' });
    await rejectsWithFields(
      answerProposal(body, second.id, { decision: 'accept', reasons: '필요하다고 판단했습니다.', plan: '추진합니다.', 'milestone.0.title': '지난 일', 'milestone.0.due': addDays(kstDate(now()), -1) }),
      { 'milestone.0.due': 'forum.milestonePast' },
    );
    await answerProposal(body, second.id, { decision: 'accept', reasons: '필요하다고 판단했습니다.', plan: '추진합니다.', 'milestone.0.title': '표준 마련', 'milestone.0.due': addDays(kstDate(now()), 30) });
    await rejectsWithFields(completeProposal(body, second.id, { result: '다 했습니다. 정말입니다.' }), { result: 'forum.milestonesOpen' });
    const milestone = await db.selectFrom('forum_milestones').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    await setMilestoneDone(body, second.id, milestone.id, true);
    await completeProposal(body, second.id, { result: '다 했습니다. 정말입니다.' });

    const point = await addPoint(await as(people[1]!, now), first.id, { side: 'against', body: '광고입니다. 들러 주세요.' });
    await hideContent(await as(operator, now), { proposalId: first.id, pointId: point }, { reason: '광고 글이라 가렸습니다.' });
    await appealHiding(await as(people[1]!, now), { proposalId: first.id, pointId: point }, { body: '광고가 아니라 경험담입니다.' });
    const appeal = (await moderationPage(await as(operator, now))).appeals.items.find((x) => x.point_id === point)!;
    await decideAppeal(await as(operator, now), appeal.id, false, { reason: '가게 주소와 할인 안내가 있어 광고로 봅니다.' });
    await rejectsWithFields(appealHiding(await as(people[1]!, now), { proposalId: first.id, pointId: point }, { body: '다시 한 번 봐 주세요. 경험담입니다.' }), { body: 'forum.appealDecided' });
    const page = await proposalPage(await as(people[1]!, now), first.id);
    assert.deepEqual(page.appeals.get(point), { status: 'kept', note: '가게 주소와 할인 안내가 있어 광고로 봅니다.' });
  });

  it('cites only visible points of the proposal, not an address’s #fragment', async () => {
    const db = database.db;
    const now = testClock();
    await saveSettings(await as(operator, now), settings('100', '0'));
    const { id, author } = await buildProposal(db, { operator, now });
    const shown = await addPoint(await as(people[2]!, now), id, { side: 'for', body: '근거가 분명한 의견입니다.' });
    const hidden = await addPoint(await as(people[3]!, now), id, { side: 'against', body: '가려질 의견입니다. 광고.' });
    await hideContent(await as(operator, now), { proposalId: id, pointId: hidden }, { reason: '광고 글이라 가렸습니다.' });
    await saveSummary(await as(author, now), id, { summary: `찬성(#${shown})의 근거는 https://www.law.go.kr/법령#999999 에 있습니다.` });
    await rejectsWithFields(saveSummary(await as(author, now), id, { summary: `반대(#${hidden})는 가려졌지만 인용합니다. 충분히 길게 씁니다.` }), { summary: 'forum.citationUnknown' });
  });
});

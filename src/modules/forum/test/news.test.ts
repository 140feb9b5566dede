import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testClock } from '../../../../test/clock.ts';
import { rejectsWithFields } from '../../../../test/outcomes.ts';
import { createTestDatabase } from '../../../../test/test-database.ts';
import type { Database } from '../../../db/client.ts';
import { addDays, kstDate } from '../../../shared/dates.ts';
import { type BuiltUser, buildUser, ctxAs } from '../../accounts/test/builders.ts';
import { answerProposal, sendAnswerNotices } from '../answers.service.ts';
import { newsMode, saveNewsMode, sendNewsDigests } from '../news.service.ts';
import { saveSettings } from '../settings.service.ts';
import { support } from '../supports.service.ts';
import { buildMinistry, buildProposal } from './builders.ts';

const options = { baseUrl: 'http://localhost', quietHours: null };

describe('국민포럼 news by mail', () => {
  let database: Database;
  let operator: BuiltUser;
  before(async () => {
    database = await createTestDatabase();
    operator = await buildUser(database.db, { role: 'operator' });
    await saveSettings(await ctxAs(database.db, operator), { checkHours: '16', discussionDays: '0', supportNeeded: '3', supportDays: '30', answerDays: '30', reportHours: '8' });
  });
  after(() => database.close());

  const mailsTo = async (email: string) => (await database.db.selectFrom('mail_outbox').select(['subject', 'body_text']).where('to_address', '=', email).execute()).filter((m) => m.subject.includes('국민포럼') || m.body_text.includes('/forum/'));
  const notices = async (userId: number) => (await database.db.selectFrom('notifications').select('kind').where('user_id', '=', userId).where('kind', 'like', 'notice.forumAnswer%').execute()).length;

  it('mails news at once, in the next day’s digest (once) or not at all, as each supporter chose; always in the app', async () => {
    const db = database.db;
    const now = testClock(new Date(`${kstDate(testClock()())}T10:00:00+09:00`));
    const ministry = await buildMinistry(db);
    const { id } = await buildProposal(db, { org: ministry, operator, now });
    const [each, daily, off] = [await buildUser(db), await buildUser(db), await buildUser(db)];
    await saveNewsMode(await ctxAs(db, daily, now), { mode: 'daily' });
    await saveNewsMode(await ctxAs(db, off, now), { mode: 'off' });
    await rejectsWithFields(saveNewsMode(await ctxAs(db, off, now), { mode: 'hourly' }), { mode: 'field.choiceInvalid' });
    assert.equal(await newsMode(await ctxAs(db, off, now)), 'off');
    for (const user of [each, daily, off]) await support(await ctxAs(db, user, now), id);
    await answerProposal(await ctxAs(db, ministry.admin, now), id, { decision: 'accept', reasons: '필요하다고 판단했습니다.', plan: '내년에 추진합니다.' });
    const answer = await db.selectFrom('forum_answers').select('id').where('proposal_id', '=', id).executeTakeFirstOrThrow();
    await sendAnswerNotices(db, now, 'http://localhost', answer.id);
    assert.deepEqual([await notices(each.id), await notices(daily.id), await notices(off.id)], [1, 1, 1], 'in the app for everyone');
    assert.deepEqual([(await mailsTo(each.email)).length, (await mailsTo(daily.email)).length, (await mailsTo(off.email)).length], [1, 0, 0], 'a mail at once only for who wants each');
    assert.equal(await sendNewsDigests(db, now(), options), 0, 'today’s news waits for tomorrow');
    now.set(new Date(`${addDays(kstDate(now()), 1)}T09:00:00+09:00`));
    assert.equal(await sendNewsDigests(db, now(), { ...options, quietHours: { start: 22, end: 10 } }), 0, 'not in quiet hours');
    assert.equal(await sendNewsDigests(db, now(), options), 1);
    assert.equal(await sendNewsDigests(db, now(), options), 0, 'once');
    const [digest] = await mailsTo(daily.email);
    assert.match(digest!.subject, /국민포럼 소식 1건/, 'the answer');
    assert.match(digest!.body_text, new RegExp(`/forum/${id}`));
    assert.equal((await mailsTo(off.email)).length, 0);
  });
});

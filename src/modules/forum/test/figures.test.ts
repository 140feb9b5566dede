import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testClock } from '../../../../test/clock.ts';
import { createTestDatabase } from '../../../../test/test-database.ts';
import type { Database } from '../../../db/client.ts';
import { addDays, kstDate } from '../../../shared/dates.ts';
import { type BuiltUser, buildUser, ctxAs } from '../../accounts/test/builders.ts';
import { answerProposal } from '../answers.service.ts';
import { forumFigures, openProposalRows } from '../figures.service.ts';
import { addPoint } from '../points.service.ts';
import { saveSettings } from '../settings.service.ts';
import { support } from '../supports.service.ts';
import { buildMinistry, buildProposal } from './builders.ts';

const DAY = 24 * 3_600_000;

describe('국민포럼 figures and open data', () => {
  let database: Database;
  let operator: BuiltUser;
  before(async () => {
    database = await createTestDatabase();
    operator = await buildUser(database.db, { role: 'operator' });
    await saveSettings(await ctxAs(database.db, operator), { checkHours: '16', discussionDays: '0', supportNeeded: '1', supportDays: '30', answerDays: '10', reportHours: '8' });
  });
  after(() => database.close());

  it('counts answers on time, the median days to a decision and the overdue, and writes the open data rows without names', async () => {
    const db = database.db;
    const now = testClock();
    const start = kstDate(now());
    const ministry = await buildMinistry(db);
    const body = () => ctxAs(db, ministry.admin, now);
    const reach = async (title: string) => {
      const { id } = await buildProposal(db, { org: ministry, operator, title, now });
      await support(await ctxAs(db, await buildUser(db), now), id);
      return id;
    };
    const onTime = await reach('기한 안에 답한 제안입니다');
    const late = await reach('늦게 답한 제안입니다');
    const overdue = await reach('아직 답하지 않은 제안입니다');
    await buildProposal(db, { org: ministry, operator, title: '공감을 모으는 제안입니다', now });
    const draft = (await buildProposal(db, { org: ministry, stage: 'draft', title: '아직 쓰는 중인 제안입니다', now })).id;
    await addPoint(await ctxAs(db, await buildUser(db), now), onTime, { side: 'against', body: '예산이 많이 듭니다. 근거가 필요합니다.' });
    now.advance(2 * DAY);
    await answerProposal(await body(), onTime, { decision: 'reject', reasons: '같은 효과의 기존 사업이 있습니다.' });
    now.advance(40 * DAY);
    await answerProposal(await body(), late, { decision: 'accept', reasons: '필요하다고 판단했습니다.', plan: '내년에 추진합니다.' });
    const figures = await forumFigures(db, start, addDays(start, 60), now());
    assert.deepEqual(
      { ...figures, medianDaysToAnswer: null },
      { published: 4, reached: 3, answerDue: 3, answered: 2, answeredOnTime: 1, medianDaysToAnswer: null, overdueNow: 1 },
    );
    assert.equal(figures.medianDaysToAnswer, 22, 'the median of 2 and 42 days');
    assert.equal((await forumFigures(db, addDays(start, 1), addDays(start, 60), now())).published, 0, 'by the day of publication');
    const rows = await openProposalRows(db);
    const row = rows.find((r) => r.id === onTime)!;
    assert.deepEqual([row.decision, row.on_time, Number(row.points_against)], ['reject', true, 1]);
    assert.deepEqual([rows.find((r) => r.id === late)!.on_time, rows.find((r) => r.id === overdue)!.on_time], [false, null]);
    assert.ok(!Object.keys(row).some((key) => key.includes('author')), 'no one’s name');
    assert.equal(rows.some((r) => r.id === draft), false, 'never a draft');
  });
});

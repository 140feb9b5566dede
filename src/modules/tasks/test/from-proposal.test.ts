import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { rejectsWithFields } from '../../../../test/outcomes.ts';
import { createTestDatabase } from '../../../../test/test-database.ts';
import type { Database } from '../../../db/client.ts';
import { NotFoundError } from '../../../shared/errors.ts';
import { type BuiltUser, buildUser, ctxAs } from '../../accounts/test/builders.ts';
import { answerProposal } from '../../forum/answers.service.ts';
import { saveSettings } from '../../forum/settings.service.ts';
import { support } from '../../forum/supports.service.ts';
import { buildMinistry, buildProposal } from '../../forum/test/builders.ts';
import { buildOrg } from '../../orgs/test/builders.ts';
import { taskPage } from '../task-page.service.ts';
import { createTask, originOfForm, proposalPrefill } from '../tasks.service.ts';
import { buildProgramme, taskForm } from './builders.ts';

/** The loop from idea to outcome: an adopted citizen proposal becomes a collaboration task in one step. */
describe('a task from an adopted proposal', () => {
  let database: Database;
  let operator: BuiltUser;
  before(async () => {
    database = await createTestDatabase();
    operator = await buildUser(database.db, { role: 'operator' });
    await buildProgramme(database.db, operator);
    await saveSettings(await ctxAs(database.db, operator), { checkHours: '16', discussionDays: '0', supportNeeded: '1', supportDays: '30', answerDays: '30', reportHours: '8' });
  });
  after(() => database.close());

  it('prefills the task from the proposal for its responsible body only, once, and links the two', async () => {
    const db = database.db;
    const ministry = await buildMinistry(db);
    const { id } = await buildProposal(db, { org: ministry, operator });
    const other = await buildOrg(db, { sector: 'central' });
    await assert.rejects(proposalPrefill(await ctxAs(db, ministry.admin), id), NotFoundError, 'not adopted yet');
    await support(await ctxAs(db, await buildUser(db)), id);
    await answerProposal(await ctxAs(db, ministry.admin), id, { decision: 'accept', reasons: '필요하다고 판단했습니다.', plan: '관계 기관과 함께 추진합니다.' });
    await assert.rejects(proposalPrefill(await ctxAs(db, other.admin), id), NotFoundError, 'another body');
    const values = await proposalPrefill(await ctxAs(db, ministry.admin), id);
    assert.equal(values.org, String(ministry.id));
    assert.match(String(values.problem), /버스 시간표/);
    const form = { ...(await taskForm(db, ministry)), ...values, title: String(values.title) } as Record<string, unknown>;
    const origin = await originOfForm(await ctxAs(db, ministry.admin), form);
    assert.deepEqual(origin, { proposal: id });
    await assert.rejects(originOfForm(await ctxAs(db, other.admin), form), NotFoundError, 'a forged hidden field');
    const taskId = await createTask(await ctxAs(db, ministry.admin), form, origin);
    await rejectsWithFields(createTask(await ctxAs(db, ministry.admin), form, origin), { title: 'task.proposalTaken' });
    const page = await taskPage(await ctxAs(db, ministry.admin), taskId);
    assert.equal(page.proposal?.id, id);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildUser } from '../src/modules/accounts/test/builders.ts';
import { periodBounds } from '../src/modules/tasks/progress.ts';
import { buildTask } from '../src/modules/tasks/test/builders.ts';
import { addWorkingDays } from '../src/shared/business-time.ts';
import type { Agent } from './agent.ts';
import { buildTestApp, type TestApp } from './test-app.ts';

/** Operators' days off (임시공휴일, local closures) move every deadline counted in working days. */
describe('closures', () => {
  let t: TestApp;
  let operator: Agent;
  before(async () => {
    t = await buildTestApp();
    const user = await buildUser(t.db, { role: 'operator' });
    operator = t.agent();
    await operator.login(user.email, user.password);
  });
  after(() => t.close());

  it('are the operators’, refuse a day already off or entered twice, and move the tasks’ report due days', async () => {
    const task = await buildTask(t.db, { kind: 'key' });
    const before = await t.db.selectFrom('tasks').select(['next_report_period', 'next_report_due_on']).where('id', '=', task.id).executeTakeFirstOrThrow();
    const { last } = periodBounds(before.next_report_period!);
    const closure = addWorkingDays(last, 1);

    const citizen = t.agent();
    const person = await buildUser(t.db);
    await citizen.login(person.email, person.password);
    assert.equal((await citizen.get('/admin/closures')).statusCode, 404);
    assert.equal((await citizen.post('/admin/closures', { day: closure, name: '임시공휴일' })).statusCode, 404);

    assert.equal((await operator.get('/admin/closures')).statusCode, 200);
    const weekend = await operator.post('/admin/closures', { day: '2026-11-28', name: '토요일' });
    assert.equal(weekend.statusCode, 422);
    assert.match(weekend.body, /이미 쉬는 날/);
    assert.match(weekend.body, /value="토요일"/);
    assert.equal((await operator.post('/admin/closures', { day: closure, name: '임시공휴일' })).statusCode, 303);
    assert.match((await operator.post('/admin/closures', { day: closure, name: '다시' })).body, /이미 더한 날입니다/);

    await t.worker.runDue();
    const moved = await t.db.selectFrom('tasks').select('next_report_due_on').where('id', '=', task.id).executeTakeFirstOrThrow();
    assert.equal(moved.next_report_due_on, addWorkingDays(before.next_report_due_on!, 1), 'one working day later');

    assert.equal((await operator.post(`/admin/closures/${closure}/delete`)).statusCode, 303);
    await t.worker.runDue();
    const back = await t.db.selectFrom('tasks').select('next_report_due_on').where('id', '=', task.id).executeTakeFirstOrThrow();
    assert.equal(back.next_report_due_on, before.next_report_due_on);
    assert.equal((await operator.post('/admin/closures/2026-02-30/delete')).statusCode, 404);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../../test/test-app.ts';
import { buildUser } from '../../accounts/test/builders.ts';
import { buildOrg } from '../../orgs/test/builders.ts';
import { buildTask } from './builders.ts';

describe('a member’s tasks page', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  it('pages 20 tasks at a time, the invitation to answer on the first page, a way back from the next', async () => {
    const operator = await buildUser(t.db, { role: 'operator' });
    const lead = await buildOrg(t.db, { sector: 'central' });
    const partner = await buildOrg(t.db, { sector: 'local' });
    await buildTask(t.db, { lead, partners: [partner], accept: false, submit: false, operator });
    const agent = t.agent();
    await agent.login(partner.admin.email, partner.admin.password);
    const invited = (await agent.get('/tasks/mine')).body;
    assert.match(invited, /참여 요청을 받은 과제<\/h2>\s*<ul class="card-list">/, 'the invitation, in its section');
    assert.match(invited, /아직 우리 기관의 협업과제가 없습니다/);
    assert.doesNotMatch(invited, /rel="next"/, 'one page');

    for (let i = 0; i < 20; i++) await buildTask(t.db, { lead, partners: 0, submit: false, operator });
    await agent.login(lead.admin.email, lead.admin.password);
    const first = (await agent.get('/tasks/mine')).body;
    assert.match(first, /답하지 않은 참여 요청이 없습니다/);
    assert.equal(first.match(/<li class="card">/g)?.length, 20);
    const next = first.match(/href="(\/tasks\/mine\?after=[^"]+)" rel="next"/)?.[1];
    assert.ok(next, 'a link to the next page');
    const second = (await agent.get(next.replaceAll('&amp;', '&'))).body;
    assert.equal(second.match(/<li class="card">/g)?.length, 1, 'the oldest task');
    assert.doesNotMatch(second, /참여 요청을 받은 과제/, 'no empty section of invitations on a later page');
    assert.match(second, /href="\/tasks\/mine">처음으로/);
    assert.doesNotMatch(second, /rel="next"/);
  });
});

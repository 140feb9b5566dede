import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../../test/test-app.ts';
import { buildDemand } from '../../demands/test/builders.ts';
import { buildOrg } from '../../orgs/test/builders.ts';
import { buildReply } from './builders.ts';

describe('우리 기관의 참여', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  it('lists the replies of the member’s organisations with the way into each negotiation, and no one else’s', async () => {
    const replier = await buildOrg(t.db, { name: '참여하는 기관' });
    const first = await buildDemand(t.db, { title: '첫째 수요과제' });
    const second = await buildDemand(t.db, { title: '둘째 수요과제' });
    const mine = [await buildReply(t.db, first.id, { org: replier }), await buildReply(t.db, second.id, { org: replier })];
    const theirs = await buildReply(t.db, first.id);

    assert.equal((await t.agent().get('/replies/mine')).headers.location, '/login?next=%2Freplies%2Fmine');
    const agent = t.agent();
    await agent.login(replier.admin.email, replier.admin.password);
    const page = await agent.get('/replies/mine');
    assert.equal(page.statusCode, 200);
    for (const reply of mine) assert.match(page.body, new RegExp(`href="/replies/${reply.id}"`));
    assert.doesNotMatch(page.body, new RegExp(`href="/replies/${theirs.id}"`));
    assert.ok(page.body.indexOf('둘째 수요과제') < page.body.indexOf('첫째 수요과제'), 'newest first');
    assert.match(page.body, /아직 메시지가 없습니다/);

    const newcomer = await buildOrg(t.db);
    const other = t.agent();
    await other.login(newcomer.admin.email, newcomer.admin.password);
    assert.match((await other.get('/replies/mine')).body, /아직 참여 답글을 남긴 적이 없습니다/);
    assert.match((await agent.get('/demands')).body, /href="\/replies\/mine"/, 'reached from the list of demands');
  });
});

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

  it('shows a demand’s replies on its page 50 at a time, all of them counted, with the way to the rest and back', async () => {
    const demand = await buildDemand(t.db);
    for (let i = 1; i <= 51; i++) await buildReply(t.db, demand.id, { statement: `페이지 확인용 참여 의사 ${i}번입니다` });
    const first = (await t.agent().get(`/demands/${demand.id}`)).body;
    assert.match(first, /참여 답글 51건/);
    assert.match(first, /참여 의사 50번입니다/);
    assert.doesNotMatch(first, /참여 의사 51번입니다/);
    const next = first.match(/href="(\/demands\/\d+\?replies=[^"#]+)#replies-h" rel="next"/)?.[1];
    assert.ok(next, 'a link to the next replies');
    const second = (await t.agent().get(next.replaceAll('&amp;', '&'))).body;
    assert.match(second, /참여 답글 51건/);
    assert.match(second, /참여 의사 51번입니다/);
    assert.doesNotMatch(second, /참여 의사 50번입니다/);
    assert.match(second, new RegExp(`href="/demands/${demand.id}#replies-h">처음으로`));
  });

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

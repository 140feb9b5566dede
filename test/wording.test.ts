import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildUser } from '../src/modules/accounts/test/builders.ts';
import { buildBriefing } from '../src/modules/briefings/test/builders.ts';
import { buildDemand } from '../src/modules/demands/test/builders.ts';
import { addDays, kstDate } from '../src/shared/dates.ts';
import { buildReply } from '../src/modules/matches/test/builders.ts';
import { buildOrg } from '../src/modules/orgs/test/builders.ts';
import { buildTestApp, type TestApp } from './test-app.ts';

/**
 * Texts as people get them, in mail and on pages: an organisation's name takes the particle that
 * its last sound asks for (국립공원공단과, 푸른바다와), never a pair written out ("와(과)"), and an
 * English count agrees with its noun.
 */
describe('wording of mail and pages', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  it('names the replying organisation with the right particle in the mail and the negotiation page', async () => {
    const demander = await buildOrg(t.db);
    const demand = await buildDemand(t.db, { org: demander, title: '해변 정화 봉사' });
    const closed = await buildReply(t.db, demand.id, { orgOverrides: { name: '국립공원공단' } });
    const open = await buildReply(t.db, demand.id, { orgOverrides: { name: '푸른바다' } });

    const subjects = (await t.db.selectFrom('mail_outbox').select('subject').where('to_address', '=', demander.admin.email).execute()).map((m) => m.subject);
    assert.ok(subjects.includes("[이음터] 국립공원공단이 '해변 정화 봉사'에 참여 답글을 남겼습니다."), subjects.join('\n'));
    assert.ok(subjects.includes("[이음터] 푸른바다가 '해변 정화 봉사'에 참여 답글을 남겼습니다."), subjects.join('\n'));

    const agent = t.agent();
    await agent.login(demander.admin.email, demander.admin.password);
    assert.match((await agent.get(`/replies/${closed.id}`)).body, /<h1[^>]*>국립공원공단과의 협의<\/h1>/);
    assert.match((await agent.get(`/replies/${open.id}`)).body, /<h1[^>]*>푸른바다와의 협의<\/h1>/);

    await agent.get('/lang/en');
    const page = await agent.get(`/demands/${demand.id}`);
    assert.match(page.body, /2 replies/);
    assert.doesNotMatch(page.body, /\b1 replies\b/);
  });

  it('names themes and regions in English on English pages', async () => {
    const region = await t.db.selectFrom('regions').select('code').where('name', '=', '안양시').executeTakeFirstOrThrow();
    const org = await buildOrg(t.db, { name: '안양 복지관', region: region.code });
    const demand = await buildDemand(t.db, { org, title: '복지 협업 과제', themes: ['복지'] });
    const agent = t.agent();
    await agent.get('/lang/en');
    const list = (await agent.get('/demands')).body;
    assert.match(list, />Welfare</);
    assert.doesNotMatch(list, />복지</);
    const page = (await agent.get(`/demands/${demand.id}`)).body;
    assert.match(page, />Welfare</);
    const directory = (await agent.get('/orgs')).body;
    assert.match(directory, /Gyeonggi-do Anyang-si/);
    assert.doesNotMatch(directory, /경기도 안양시/);
    await agent.get('/lang/ko');
    assert.match((await agent.get('/orgs')).body, /경기도 안양시/);
  });

  it('proposes briefing agenda groups by their English theme names to an operator reading English', async () => {
    const operator = await buildUser(t.db, { role: 'operator' });
    const briefing = await buildBriefing(t.db, { operator, startsAt: `${addDays(kstDate(t.clock()), 7)}T14:00` });
    const agent = t.agent();
    await agent.login(operator.email, operator.password);
    await agent.get('/lang/en');
    const page = (await agent.get(`/admin/briefings/${briefing}`)).body;
    assert.match(page, /Add Welfare · for /);
    assert.doesNotMatch(page, /Add 복지 ·/);
  });
});

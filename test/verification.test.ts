import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildUser, ctxAs } from '../src/modules/accounts/test/builders.ts';
import { buildBriefing } from '../src/modules/briefings/test/builders.ts';
import { buildDemand } from '../src/modules/demands/test/builders.ts';
import { buildReply } from '../src/modules/matches/test/builders.ts';
import { requestVerification, verifyOrg } from '../src/modules/orgs/index.ts';
import { buildOrg } from '../src/modules/orgs/test/builders.ts';
import { addDays, kstDate } from '../src/shared/dates.ts';
import { buildTestApp, type TestApp } from './test-app.ts';

const HOUR = 3600 * 1000;

/**
 * Verification means something: publishing, replying and seeing contacts need a verified organisation;
 * a waiting one prepares drafts and is told what comes next and how long it usually takes; a refused
 * one loses what it has live, with notice, and pages that mention it still read well.
 */
describe('organisation verification', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  it('keeps a new organisation to drafts, and says why and what happens next', async () => {
    const waiting = await buildOrg(t.db, { status: 'pending', name: '새내기 협동조합' });
    const draft = await buildDemand(t.db, { org: waiting, status: 'draft', title: '검증 전에 써 둔 수요과제' });
    const agent = t.agent();
    await agent.login(waiting.admin.email, waiting.admin.password);

    const page = await agent.get(`/demands/${draft.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /기관이 운영자 검증을 기다리고 있어 아직 게시할 수 없습니다/);
    assert.doesNotMatch(page.body, /action="\/demands\/\d+\/publish"/, 'no publish button to press in vain');
    const refused = await agent.post(`/demands/${draft.id}/publish`);
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /검증을 기다리고 있어/);
    assert.equal((await t.db.selectFrom('demands').select('status').where('id', '=', draft.id).executeTakeFirstOrThrow()).status, 'draft');

    // Three recent verifications took 2, 5 and 30 hours: the median is promised.
    const operator = await buildUser(t.db, { role: 'operator' });
    for (const hours of [2, 5, 30]) {
      const org = await buildOrg(t.db, { status: 'unverified' });
      await requestVerification(await ctxAs(t.db, org.admin), org.id);
      await verifyOrg(await ctxAs(t.db, operator, () => new Date(t.clock().getTime() + hours * HOUR)), org.id);
    }
    const profile = await agent.get(`/orgs/${waiting.id}`);
    assert.match(profile.body, /운영자 검증을 기다리고 있습니다/);
    assert.match(profile.body, /최근 검증은 요청 후 보통 5시간 안에 끝났습니다/);
    assert.match(profile.body, /수요과제 초안을 준비해 둘 수 있습니다/);
    assert.doesNotMatch((await t.agent().get(`/orgs/${waiting.id}`)).body, /보통 5시간/, 'the wait is told to its members');
  });

  it('explains on a demand page what a reply needs, to each kind of reader', async () => {
    const demand = await buildDemand(t.db, { title: '답글 조건을 알려 주는 수요과제' });
    const url = `/demands/${demand.id}`;
    const said = async (agent: ReturnType<TestApp['agent']>) => (await agent.get(url)).body;

    const visitor = t.agent();
    assert.match(await said(visitor), /검증된 기관의 회원이 기관 이름으로 남깁니다/);
    assert.doesNotMatch(await said(visitor), /첫 답글을 남겨 주세요/, 'no invitation to do what cannot be done');

    const citizen = await buildUser(t.db);
    const citizenAgent = t.agent();
    await citizenAgent.login(citizen.email, citizen.password);
    const forCitizen = await said(citizenAgent);
    assert.match(forCitizen, /소속 기관을 등록하거나/);
    assert.match(forCitizen, /href="\/orgs\/new"/);
    const form = await citizenAgent.get(`${url}/reply`);
    assert.equal(form.statusCode, 403, 'the demand is visible: the refusal is explained, not a 404');
    assert.match(form.body, /참여 답글은 기관 이름으로 남깁니다/);

    const waiting = await buildOrg(t.db, { status: 'pending' });
    const waitingAgent = t.agent();
    await waitingAgent.login(waiting.admin.email, waiting.admin.password);
    const forWaiting = await said(waitingAgent);
    assert.match(forWaiting, /운영자 검증을 마친 기관만 참여 답글을 남길 수 있습니다/);
    assert.match(forWaiting, new RegExp(`href="/orgs/${waiting.id}"`));
    assert.match(forWaiting, /운영자 검증을 마친 기관의 회원으로 로그인하면 볼 수 있습니다/, 'no contact details either');

    const verified = await buildOrg(t.db);
    const verifiedAgent = t.agent();
    await verifiedAgent.login(verified.admin.email, verified.admin.password);
    const forVerified = await said(verifiedAgent);
    assert.match(forVerified, new RegExp(`href="/demands/${demand.id}/reply"`));
    assert.match(forVerified, /첫 답글을 남겨 주세요/);
    assert.match(forVerified, /contact@test\.ieumteo\.kr/);
  });

  it('withdraws what a revoked organisation has live, with notice, and pages name it without a dead link', async () => {
    const operator = await buildUser(t.db, { role: 'operator' });
    const welfare = (await t.db.selectFrom('themes').select('id').where('name', '=', '보훈').executeTakeFirstOrThrow()).id;
    const doubtful = await buildOrg(t.db, { name: '수상한 사단법인' });
    const own = await buildDemand(t.db, { org: doubtful, title: '곧 철회될 수요과제', themes: ['보훈'] });
    const replier = await buildReply(t.db, own.id);
    const elsewhere = await buildDemand(t.db, { title: '다른 기관의 수요과제' });
    const theirReply = await buildReply(t.db, elsewhere.id, { org: doubtful });
    const briefing = await buildBriefing(t.db, { operator, startsAt: `${addDays(kstDate(t.clock()), 14)}T14:00`, group: { theme: welfare, sector: 'any' } });
    assert.match((await t.agent().get(`/briefings/${briefing}`)).body, /곧 철회될 수요과제/);

    const operatorAgent = t.agent();
    await operatorAgent.login(operator.email, operator.password);
    const empty = await operatorAgent.post(`/orgs/${doubtful.id}/revoke`, { reason: '' });
    assert.equal(empty.statusCode, 422, 'a reason is required');
    const revoked = await operatorAgent.post(`/orgs/${doubtful.id}/revoke`, { reason: '등록 서류가 위조되었습니다' });
    assert.equal(revoked.statusCode, 303);
    while ((await t.worker.runDue()) > 0);

    const status = async (table: 'demands' | 'replies', id: number) => (await t.db.selectFrom(table).select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
    assert.equal(await status('demands', own.id), 'withdrawn');
    assert.equal(await status('replies', theirReply.id), 'withdrawn');
    const noticesOf = async (userId: number) => (await t.db.selectFrom('notifications').select('kind').where('user_id', '=', userId).execute()).map((n) => n.kind);
    assert.ok((await noticesOf(replier.org.admin.id)).includes('notice.demandWithdrawnOrgRejected'), 'the organisation that replied is told');
    assert.ok((await noticesOf(elsewhere.org.admin.id)).includes('notice.replyWithdrawnOrgRejected'), 'the demanding organisation is told');
    const mail = await t.db.selectFrom('mail_outbox').select('body_text').where('to_address', '=', doubtful.admin.email).orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.match(mail.body_text, /등록 서류가 위조되었습니다/);

    assert.doesNotMatch((await t.agent().get(`/briefings/${briefing}`)).body, /곧 철회될 수요과제/, 'off the upcoming agenda');
    const page = await t.agent().get(`/demands/${own.id}`);
    assert.match(page.body, /철회/);
    assert.match(page.body, /수상한 사단법인 \(검증 취소된 기관\)/);
    assert.doesNotMatch(page.body, new RegExp(`href="/orgs/${doubtful.id}"`), 'no link to a profile that answers 404');
    assert.equal((await t.agent().get(`/orgs/${doubtful.id}`)).statusCode, 303);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../../test/test-app.ts';
import { buildUser } from '../../accounts/test/builders.ts';
import { buildOrg } from './builders.ts';

describe('organisation pages', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  it('lets an admin edit the profile, keeping typed values when something is wrong', async () => {
    const { id, admin } = await buildOrg(t.db, { name: '편집 시험 기관' });
    const agent = t.agent();
    await agent.login(admin.email, admin.password);
    const form = await agent.get(`/orgs/${id}/edit`);
    assert.match(form.body, /value="편집 시험 기관"/);
    const bad = await agent.post(`/orgs/${id}/edit`, { name: '편집 시험 기관', sector: 'company', region: 'nationwide', website: 'ftp://x', description: '새 소개글' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /http:\/\/ 또는 https:\/\/ 로 시작하는 주소/);
    assert.match(bad.body, /새 소개글/);
    const good = await agent.post(`/orgs/${id}/edit`, { name: '편집 시험 기관', sector: 'company', region: '01', website: 'https://example.kr', description: '새 소개글' });
    assert.equal(good.statusCode, 303);
    const profile = await agent.get(`/orgs/${id}`);
    assert.match(profile.body, /기관 정보를 저장했습니다/);
    assert.match(profile.body, /서울특별시/);
  });

  it('takes a join request and an invitation through the members page', async () => {
    const { id, admin } = await buildOrg(t.db, { name: '구성원 시험 기관' });
    const applicant = await buildUser(t.db, { name: '가입 신청자' });
    const applicantAgent = t.agent();
    await applicantAgent.login(applicant.email, applicant.password);
    await applicantAgent.get(`/orgs/${id}`);
    assert.equal((await applicantAgent.post(`/orgs/${id}/join`)).statusCode, 303);
    assert.match((await applicantAgent.get(`/orgs/${id}`)).body, /기관 관리자의 승인을 기다리고/);

    const adminAgent = t.agent();
    await adminAgent.login(admin.email, admin.password);
    const members = await adminAgent.get(`/orgs/${id}/members`);
    assert.match(members.body, /가입 신청자/);
    assert.equal((await adminAgent.post(`/orgs/${id}/members/${applicant.id}/approve`)).statusCode, 303);
    assert.doesNotMatch((await applicantAgent.get(`/orgs/${id}`)).body, /기관 관리자의 승인을 기다리고/, 'a member waits for nothing');
    assert.match((await adminAgent.get(`/orgs/${id}/members`)).body, /기다리는 참여 요청이 없습니다/);

    const invalid = await adminAgent.post(`/orgs/${id}/invitations`, { email: 'not-an-address' });
    assert.equal(invalid.statusCode, 422);
    assert.match(invalid.body, /value="not-an-address"/);
    assert.equal((await adminAgent.post(`/orgs/${id}/invitations`, { email: 'guest@example.kr' })).statusCode, 303);
    const mail = await t.db.selectFrom('mail_outbox').select('body_text').where('to_address', '=', 'guest@example.kr').executeTakeFirstOrThrow();
    const path = /http:\/\/localhost:3000(\/invitations\/\S+)/.exec(mail.body_text)?.[1] ?? '';
    const invitation = await t.agent().get(path);
    assert.equal(invitation.statusCode, 200);
    assert.match(invitation.body, /초대를 수락하려면 먼저 로그인하거나 가입해 주세요/);
    const stranger = await buildUser(t.db);
    const strangerAgent = t.agent();
    await strangerAgent.login(stranger.email, stranger.password);
    await strangerAgent.get(path);
    const refused = await strangerAgent.post(path);
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /다른 이메일 주소로 보낸 것입니다/);
    assert.match(refused.body, /구성원 시험 기관/);
    assert.equal((await t.agent().get('/invitations/not-a-token')).statusCode, 404);
  });
});

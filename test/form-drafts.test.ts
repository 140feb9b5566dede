import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildDemand } from '../src/modules/demands/test/builders.ts';
import { buildOrg } from '../src/modules/orgs/test/builders.ts';
import { buildTestApp, type TestApp } from './test-app.ts';

/**
 * A long reply typed in one tab while the person signs out in another: the post is refused (its token
 * belonged to the old session), but nothing typed is lost — after signing in the form is back, filled
 * in, and sending it works.
 */
describe('a form refused for its token', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  it('gives the typed text back after signing in again, and then sends it', async () => {
    const demand = await buildDemand(t.db, { title: '긴 답글을 받을 수요과제' });
    const replier = await buildOrg(t.db, { name: '긴 답글 기관' });
    const agent = t.agent();
    await agent.login(replier.admin.email, replier.admin.password);
    const formUrl = `/demands/${demand.id}/reply`;
    await agent.get(formUrl);
    const staleToken = /name="_csrf" value="([^"]+)"/.exec((await agent.get(formUrl)).body)![1]!;

    // Another tab signs out.
    assert.equal((await agent.post('/logout')).statusCode, 303);

    const statement = `저희 기관은 10년 동안 휠체어 수리 봉사를 해 왔습니다. ${'수리 기사 5명이 매주 현장에 갑니다. '.repeat(20)}`;
    const refused = await agent.post(formUrl, { org: String(replier.id), statement, capabilities: [] }, { csrf: staleToken });
    assert.equal(refused.statusCode, 303);
    assert.equal(refused.headers.location, formUrl);
    const toLogin = await agent.get(formUrl);
    assert.equal(toLogin.statusCode, 303, 'the form page needs signing in');
    assert.equal(toLogin.headers.location, `/login?next=${encodeURIComponent(formUrl)}`);
    assert.equal(await t.db.selectFrom('replies').select('id').where('demand_id', '=', demand.id).executeTakeFirst(), undefined, 'nothing sent yet');

    await agent.login(replier.admin.email, replier.admin.password);
    const restored = await agent.get(formUrl);
    assert.equal(restored.statusCode, 200);
    assert.match(restored.body, /보안 확인 시간이 지나/);
    assert.ok(restored.body.includes(statement.trim().slice(0, 200)), 'the statement is back in the text area');
    const sent = await agent.post(formUrl, { org: String(replier.id), statement, capabilities: [] });
    assert.equal(sent.statusCode, 303);
    assert.match(String(sent.headers.location), /^\/replies\/\d+$/);
  });

  const drafts = async () => (await t.db.selectFrom('form_drafts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

  it('keeps no secret of a refused form: not the reset link\'s token, not a TOTP secret, not a password', async () => {
    const agent = t.agent();
    await agent.get('/password/reset');
    const before = await drafts();
    const refused = await agent.post('/password/reset', { token: 'mailed-reset-token-0123456789', password: 'new-password-123', secret: 'JBSWY3DPEHPK3PXP', note: '남길 말' }, { csrf: 'stale' });
    assert.equal(refused.statusCode, 303);
    assert.equal(await drafts(), before + 1);
    const kept = await t.db.selectFrom('form_drafts').select('form_values').orderBy('expires_at', 'desc').executeTakeFirstOrThrow();
    assert.deepEqual(kept.form_values, { note: '남길 말' });
  });

  it('is not a store for anyone: nothing kept for an address no form posts to, for more text than a form takes, or past twenty an hour from one address', async () => {
    const agent = t.agent();
    await agent.get('/');
    const before = await drafts();
    const nowhere = await agent.post('/no/such/form', { text: '아무 데도 아닌 곳' }, { csrf: 'stale' });
    assert.notEqual(nowhere.statusCode, 303);
    const huge = await agent.post('/forum/new', { title: '가'.repeat(300_001) }, { csrf: 'stale' });
    assert.equal(huge.statusCode, 403, 'refused, not kept');
    assert.equal(await drafts(), before);
    const taken = (await t.db.selectFrom('rate_events').select((eb) => eb.fn.countAll<number>().as('n')).where('bucket', 'like', 'form-draft:%').executeTakeFirstOrThrow()).n;
    assert.ok(taken > 0 && taken < 20, 'the forms refused earlier in this file came from the same address and count');
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await agent.post('/forum/new', { title: `제목 ${i}` }, { csrf: 'stale' })).statusCode);
    const room = 20 - taken;
    assert.deepEqual(statuses, [...Array(room).fill(303), ...Array(21 - room).fill(403)], 'past twenty an hour, refused without being kept');
    assert.equal(await drafts(), before + 1, 'one draft per page and browser');
  });
});

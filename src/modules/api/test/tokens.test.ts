import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../../test/test-app.ts';
import { type BuiltUser, buildUser, ctxAs } from '../../accounts/test/builders.ts';
import { buildDemand } from '../../demands/test/builders.ts';
import { saveSettings } from '../../forum/settings.service.ts';
import { buildMinistry, buildProposal } from '../../forum/test/builders.ts';
import { bearer, buildToken } from './builders.ts';

const DAY = 24 * 3_600_000;

describe('API tokens', () => {
  let t: TestApp;
  let person: BuiltUser;
  before(async () => {
    t = await buildTestApp();
    person = await buildUser(t.db);
    // Supports open as soon as a proposal is published.
    const operator = await buildUser(t.db, { role: 'operator' });
    await saveSettings(await ctxAs(t.db, operator), { checkHours: '16', discussionDays: '0', supportNeeded: '100', supportDays: '30', answerDays: '30', reportHours: '8' });
  });
  after(() => t.close());
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, secret?: string, payload?: unknown) =>
    t.app.inject({ method, url, headers: secret ? bearer(secret) : {}, ...(payload ? { payload: payload as Record<string, string> } : {}) });

  it('is made on its page and shown once, kept only as a hash, used, then revoked', async () => {
    const agent = t.agent();
    await agent.login(person.email, person.password);
    await agent.get('/account/tokens');
    const refused = await agent.post('/account/tokens', { name: 'x', days: '999' });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /토큰 이름을 2자에서 80자 사이로/);
    const made = await agent.post('/account/tokens', { name: '예약 시스템 연계', scopes: ['read', 'forum:write'], days: '30' });
    assert.equal(made.statusCode, 201);
    assert.equal(made.headers['cache-control'], 'no-store');
    const secret = /value="(ieumteo_[A-Za-z0-9_-]+)"/.exec(made.body)?.[1];
    assert.ok(secret);
    const row = await t.db.selectFrom('api_tokens').selectAll().where('name', '=', '예약 시스템 연계').executeTakeFirstOrThrow();
    assert.notEqual(row.secret_hash, secret);
    assert.ok(!JSON.stringify(row).includes(secret.slice(10)), 'the secret is not stored');
    const list = await agent.get('/account/tokens');
    assert.ok(!list.body.includes(secret), 'the list never shows the secret again');
    assert.match(list.body, new RegExp(`…${secret.slice(-4)}`));

    const me = await call('GET', '/api/v1/me', secret);
    assert.equal(me.statusCode, 200);
    assert.deepEqual(me.json().token.scopes, ['read', 'forum:write']);
    assert.ok((await t.db.selectFrom('api_tokens').select('last_used_at').where('id', '=', row.id).executeTakeFirstOrThrow()).last_used_at);
    assert.ok(me.headers['ratelimit-limit'] && me.headers['ratelimit-remaining'], 'RateLimit headers');

    await agent.get('/account/tokens');
    assert.equal((await agent.post(`/account/tokens/${row.id}/revoke`)).statusCode, 303);
    const revoked = await call('GET', '/api/v1/me', secret);
    assert.equal(revoked.statusCode, 401);
    assert.equal(revoked.headers['www-authenticate'], 'Bearer error="invalid_token"');
    const audit = await t.db.selectFrom('audit_log').select('action').where('target_type', '=', 'api_token').where('target_id', '=', String(row.id)).execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), ['api.token.create', 'api.token.revoke']);
  });

  it('opens what is not public only to a token with `read`: a write-only token reads as anyone', async () => {
    const org = await buildMinistry(t.db);
    const draft = await buildDemand(t.db, { org, status: 'draft' });
    const reader = await buildToken(t.db, org.admin, { scopes: ['read'], org: org.id });
    const writerOnly = await buildToken(t.db, org.admin, { scopes: ['demands:write'], org: org.id });
    const noScope = await buildToken(t.db, org.admin, { scopes: [], org: org.id });
    assert.equal((await call('GET', `/api/v1/demands/${draft.id}`, reader)).statusCode, 200);
    assert.equal((await call('GET', `/api/v1/demands/${draft.id}`, writerOnly)).statusCode, 404);
    assert.equal((await call('GET', `/api/v1/demands/${draft.id}`, noScope)).statusCode, 404);
    assert.equal((await call('POST', `/api/v1/demands/${draft.id}/publish`, writerOnly)).statusCode, 204, 'its writes still act for its owner');
  });

  it('answers every token as its scopes, its end and its owner allow', async () => {
    const ministry = await buildMinistry(t.db);
    const other = await buildMinistry(t.db);
    const draft = await buildDemand(t.db, { org: other, status: 'draft' });
    const proposal = await buildProposal(t.db, { org: ministry });
    const readOnly = await buildToken(t.db, person, { scopes: ['read'] });
    const writer = await buildToken(t.db, person, { scopes: ['forum:write'] });
    const short = await buildToken(t.db, person, { scopes: ['read'], days: '7' });
    const orgToken = await buildToken(t.db, ministry.admin, { scopes: ['read', 'demands:write'], org: ministry.id });
    const rows: [string, Promise<{ statusCode: number }>, number][] = [
      ['no token, a public list', call('GET', '/api/v1/proposals'), 200],
      ['no token, a write', call('PUT', `/api/v1/proposals/${proposal.id}/support`), 401],
      ['a read token, a write', call('PUT', `/api/v1/proposals/${proposal.id}/support`, readOnly), 403],
      ['the right scope', call('PUT', `/api/v1/proposals/${proposal.id}/support`, writer), 204],
      ['the same again', call('PUT', `/api/v1/proposals/${proposal.id}/support`, writer), 204],
      ['a made-up token', call('GET', '/api/v1/orgs', 'ieumteo_made-up'), 401],
      ['another organisation’s draft', call('GET', `/api/v1/demands/${draft.id}`, orgToken), 404],
      ['the draft’s own organisation', call('GET', `/api/v1/demands/${draft.id}`, await buildToken(t.db, other.admin, { scopes: ['read'], org: other.id })), 200],
    ];
    const failures: string[] = [];
    for (const [what, answer, expected] of rows) {
      const { statusCode } = await answer;
      if (statusCode !== expected) failures.push(`${what}: ${statusCode}, expected ${expected}`);
    }
    assert.deepEqual(failures, []);
    assert.equal((await t.db.selectFrom('forum_supports').select('user_id').where('proposal_id', '=', proposal.id).execute()).length, 1, 'a support sent twice counts once');
    const scope = await call('PUT', `/api/v1/proposals/${proposal.id}/support`, readOnly);
    assert.match(String(scope.headers['www-authenticate']), /insufficient_scope/);

    t.clock.advance(8 * DAY);
    assert.equal((await call('GET', '/api/v1/me', short)).statusCode, 401, 'an expired token');
    assert.equal((await call('GET', '/api/v1/me', readOnly)).statusCode, 200);
    const foreign = await t.agent();
    await foreign.login(person.email, person.password);
    await foreign.get('/account/tokens');
    const ministryTokens = await t.db.selectFrom('api_tokens').select('id').where('org_id', '=', ministry.id).execute();
    assert.equal((await foreign.post(`/account/tokens/${ministryTokens[0]!.id}/revoke`)).statusCode, 404, 'another organisation’s token');
    assert.equal((await foreign.post('/account/tokens', { name: '남의 기관 토큰', owner: String(ministry.id), days: '30' })).statusCode, 422);
  });

  it('never takes a session cookie for a token, so a page of another site cannot act through the API', async () => {
    const agent = t.agent();
    await agent.login(person.email, person.password);
    const proposal = await buildProposal(t.db);
    const response = await t.app.inject({ method: 'PUT', url: `/api/v1/proposals/${proposal.id}/support`, headers: { cookie: `sid=${agent.cookie('sid')}` } });
    assert.equal(response.statusCode, 401);
  });

  it('answers in English when asked, with a message beside each field', async () => {
    const secret = await buildToken(t.db, person, { scopes: ['forum:write'] });
    const proposal = await buildProposal(t.db);
    const refused = await t.app.inject({ method: 'POST', url: `/api/v1/proposals/${proposal.id}/points`, headers: { ...bearer(secret), 'accept-language': 'en' }, payload: { side: 'sideways', body: 'x' } });
    assert.equal(refused.statusCode, 422);
    assert.match(String(refused.headers['content-type']), /application\/problem\+json/);
    assert.ok(refused.json().errors.side && refused.json().errors.body);
    assert.match(refused.json().errors.body, /[A-Za-z]/);
  });
});

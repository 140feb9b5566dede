import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Agent } from '../../../../test/agent.ts';
import { signInAtProvider, startOidcProvider, type TestOidcProvider } from '../../../../test/oidc-provider.ts';
import { buildTestApp, type TestApp, testConfig } from '../../../../test/test-app.ts';
import { loadConfig } from '../../../config.ts';
import { buildUser } from './builders.ts';

const BASE = testConfig().baseUrl;
const CALLBACK = `${BASE}/login/oidc/test/callback`;

describe('signing in through an OpenID Connect provider', () => {
  let provider: TestOidcProvider;
  let t: TestApp;
  let login = 0;
  before(async () => {
    provider = await startOidcProvider(BASE);
    t = await buildTestApp({ oidcProviders: [provider.setting()] });
  });
  after(async () => {
    await t.close();
    await provider.close();
  });

  /** A person known to the provider, under a new login name. */
  const person = (claims: { email?: string; email_verified?: boolean; name?: string }) => {
    login += 1;
    const id = `person-${login}`;
    provider.people.set(id, { name: `연동 사용자 ${login}`, email_verified: true, ...claims });
    return id;
  };
  /** Presses the provider's button and signs in there: the address the provider sends the browser back to. */
  const atProvider = async (agent: Agent, subject: string, next = '/') => {
    await agent.get('/login');
    const started = await agent.get(`/login/oidc/test?next=${encodeURIComponent(next)}`);
    assert.equal(started.statusCode, 303);
    assert.ok(agent.cookie('oidc'), 'the browser keeps its half of the sign-in');
    return signInAtProvider(String(started.headers.location), subject, CALLBACK);
  };
  const back = (agent: Agent, callback: URL) => agent.get(`${callback.pathname}${callback.search}`);
  const identities = (subject: string) => t.db.selectFrom('user_identities').selectAll().where('subject', '=', subject).execute();

  it('reads the providers from the environment, refusing an incomplete one', () => {
    const env = { DATA_DIR: t.config.dataDir, SESSION_SECRET: 'x'.repeat(32), OIDC_PROVIDERS: 'gov, corp-sso' };
    const full = {
      ...env,
      OIDC_GOV_ISSUER: 'https://auth.gov.kr',
      OIDC_GOV_CLIENT_ID: 'ieumteo',
      OIDC_GOV_NAME: '공무원 통합인증',
      OIDC_CORP_SSO_ISSUER: 'https://sso.example.com/realms/x',
      OIDC_CORP_SSO_CLIENT_ID: 'portal',
      OIDC_CORP_SSO_CLIENT_SECRET: 's3cret',
    };
    assert.deepEqual(
      loadConfig(full).oidcProviders.map((p) => [p.id, p.name, p.issuer.href, p.clientSecret]),
      [
        ['gov', '공무원 통합인증', 'https://auth.gov.kr/', undefined],
        ['corp-sso', 'corp-sso', 'https://sso.example.com/realms/x', 's3cret'],
      ],
    );
    assert.deepEqual(loadConfig({ DATA_DIR: t.config.dataDir, SESSION_SECRET: 'x'.repeat(32) }).oidcProviders, []);
    assert.throws(() => loadConfig({ ...full, OIDC_GOV_CLIENT_ID: '' }), /OIDC_GOV_CLIENT_ID/);
    assert.throws(() => loadConfig({ ...full, OIDC_GOV_ISSUER: 'auth.gov.kr' }), /OIDC_GOV_ISSUER/);
    assert.throws(() => loadConfig({ ...full, OIDC_PROVIDERS: 'Gov!' }), /Gov!/);
  });

  it('offers each provider on the sign-in page, keeping where to go next', async () => {
    const agent = t.agent();
    const page = await agent.get('/login?next=%2Fforum');
    assert.match(page.body, /href="\/login\/oidc\/test\?next=%2Fforum"[^>]*>테스트 인증으로 로그인/);
    assert.equal((await agent.get('/login/oidc/nowhere')).statusCode, 404);
    const offsite = await agent.get('/login/oidc/test?next=https://evil.example/');
    const flow = await t.db.selectFrom('sign_in_flows').select('next').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    assert.equal(offsite.statusCode, 303);
    assert.equal(flow.next, '/', 'an address off this site is not kept');
  });

  it('makes a new account after consent, then signs it straight in next time', async () => {
    const email = `oidc-new-${process.pid}@agency.go.kr`;
    const subject = person({ email });
    const agent = t.agent();
    const callback = await atProvider(agent, subject, '/account');
    assert.equal(callback.searchParams.get('state') !== null && callback.searchParams.get('code') !== null, true);
    const answered = await back(agent, callback);
    assert.equal(answered.statusCode, 303);
    assert.equal(answered.headers.location, '/login/oidc/test/confirm');
    const consent = await agent.get('/login/oidc/test/confirm');
    assert.match(consent.body, /새 계정 만들기/);
    assert.ok(consent.body.includes(email));
    assert.equal(await t.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst(), undefined, 'nothing is kept before consent');

    const confirmed = await agent.post('/login/oidc/test/confirm');
    assert.equal(confirmed.statusCode, 303);
    assert.equal(confirmed.headers.location, '/account');
    assert.ok((await agent.get('/account')).body.includes(email));
    const user = await t.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
    assert.equal(user.password_hash, null);
    assert.ok(user.email_verified_at, 'the provider verified the address');
    assert.equal((await identities(subject))[0]?.user_id, user.id);

    const again = t.agent();
    const second = await back(again, await atProvider(again, subject));
    assert.equal(second.statusCode, 303);
    assert.equal(second.headers.location, '/');
    assert.ok((await again.get('/account')).body.includes(email));
    assert.equal((await t.db.selectFrom('users').select('id').where('email', '=', email).execute()).length, 1);
  });

  it('links an existing account with the same verified e-mail only after consent, keeping its second step', async () => {
    const existing = await buildUser(t.db);
    const subject = person({ email: existing.email.toUpperCase() });
    const agent = t.agent();
    await back(agent, await atProvider(agent, subject));
    const consent = await agent.get('/login/oidc/test/confirm');
    assert.match(consent.body, /기존 계정에 연결/);
    assert.match(consent.body, /테스트 인증으로 이 계정에 로그인/);
    await agent.post('/login/oidc/test/confirm');
    assert.equal((await identities(subject))[0]?.user_id, existing.id);
    assert.ok((await agent.get('/account')).body.includes(existing.email));

    // With TOTP on, the provider's sign-in is the first step only.
    await t.db.updateTable('users').set({ totp_secret: 'JBSWY3DPEHPK3PXP', totp_enabled_at: t.clock() }).where('id', '=', existing.id).execute();
    const later = t.agent();
    const answered = await back(later, await atProvider(later, subject));
    assert.match(String(answered.headers.location), /^\/login\/totp/);
    assert.equal((await later.get('/account')).statusCode, 303, 'not signed in before the code');
  });

  it('gives an account someone made with another’s unverified e-mail to the owner, without the squatter’s password', async () => {
    const email = `squatted-${process.pid}@agency.go.kr`;
    const squatter = t.agent();
    await squatter.get('/signup');
    assert.equal((await squatter.post('/signup', { email, name: '가로채기', password: 'squatter-password-123', passwordConfirm: 'squatter-password-123' })).statusCode, 303);
    const squatted = await t.db.selectFrom('users').select(['id', 'email_verified_at']).where('email', '=', email).executeTakeFirstOrThrow();
    assert.equal(squatted.email_verified_at, null);

    const subject = person({ email, name: '진짜 주인' });
    const owner = t.agent();
    await back(owner, await atProvider(owner, subject));
    assert.match((await owner.get('/login/oidc/test/confirm')).body, /새 계정 만들기/, 'nothing of it is offered as theirs to link');
    await owner.post('/login/oidc/test/confirm');
    const claimed = await t.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
    assert.equal(claimed.id, squatted.id);
    assert.equal(claimed.password_hash, null);
    assert.equal(claimed.name, '진짜 주인');
    await squatter.get('/login');
    const refused = await squatter.post('/login', { email, password: 'squatter-password-123' });
    assert.equal(refused.statusCode, 422, 'the squatter’s password opens nothing');
  });

  it('takes any name and refuses an address that is none, never a 500', async () => {
    const long = person({ email: `long-name-${process.pid}@agency.go.kr`, name: `${'가'.repeat(49)}😀끝` });
    const nul = person({ email: `nul-${process.pid}@agency.go.kr`, name: 'a\u0000b\u202e' });
    for (const subject of [long, nul]) {
      const agent = t.agent();
      assert.equal((await back(agent, await atProvider(agent, subject))).statusCode, 303);
      assert.equal((await agent.post('/login/oidc/test/confirm')).statusCode, 303);
    }
    const names = await t.db.selectFrom('users').select('name').where('email', 'in', [`long-name-${process.pid}@agency.go.kr`, `nul-${process.pid}@agency.go.kr`]).orderBy('id').execute();
    assert.deepEqual(names.map((n) => n.name), [`${'가'.repeat(49)}😀`, 'ab'], 'cut by whole characters, controls dropped');

    const noAddress = person({ email: 'not an email <script>alert(1)</script>' });
    const agent = t.agent();
    const refused = await back(agent, await atProvider(agent, noAddress));
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /이메일 주소가 올바르지 않아/);
    const nothing = person({});
    provider.people.set(nothing, {});
    const bare = t.agent();
    assert.match((await back(bare, await atProvider(bare, nothing))).body, /이메일 주소를 알려 주지 않아/);
  });

  it('links nothing and makes nothing when the person declines', async () => {
    const existing = await buildUser(t.db);
    const subject = person({ email: existing.email });
    const agent = t.agent();
    await back(agent, await atProvider(agent, subject));
    const cancelled = await agent.post('/login/oidc/test/cancel');
    assert.equal(cancelled.headers.location, '/login');
    assert.match((await agent.get('/login')).body, /로그인을 취소했습니다/);
    assert.deepEqual(await identities(subject), []);
    assert.equal((await agent.post('/login/oidc/test/confirm')).statusCode, 400, 'the consent is gone');
  });

  it('refuses an e-mail the provider has not verified: no account made, none linked', async () => {
    const existing = await buildUser(t.db);
    for (const email of [existing.email, `unverified-${process.pid}@example.com`]) {
      const subject = person({ email, email_verified: false });
      const agent = t.agent();
      const refused = await back(agent, await atProvider(agent, subject));
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /이메일 주소를 확인하지 않았습니다/);
      assert.deepEqual(await identities(subject), []);
      assert.equal(agent.cookie('sid'), undefined);
    }
    assert.equal(await t.db.selectFrom('users').select('id').where('email', '=', `unverified-${process.pid}@example.com`).executeTakeFirst(), undefined);
  });

  it('refuses a wrong state, and the sign-in it belonged to is used up', async () => {
    const subject = person({ email: `oidc-state-${process.pid}@agency.go.kr` });
    const agent = t.agent();
    const callback = await atProvider(agent, subject);
    const forged = new URL(callback);
    forged.searchParams.set('state', 'not-the-state-we-sent');
    const refused = await back(agent, forged);
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /응답을 확인하지 못했습니다/);
    const retried = await back(agent, callback);
    assert.equal(retried.statusCode, 400);
    assert.match(retried.body, /만료되었거나 이미 처리되었습니다/);
    assert.deepEqual(await identities(subject), []);
    const failure = await t.db.selectFrom('audit_log').select('detail').where('action', '=', 'login.failed').orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.match(JSON.stringify(failure.detail), /state/);
  });

  it('refuses a replayed answer, in the same browser and in another', async () => {
    const subject = person({ email: `oidc-replay-${process.pid}@agency.go.kr` });
    const agent = t.agent();
    const callback = await atProvider(agent, subject);
    await back(agent, callback);
    await agent.post('/login/oidc/test/confirm');
    const sessions = await t.db.selectFrom('sessions').select('id').execute();

    const replayed = await back(agent, callback);
    assert.equal(replayed.statusCode, 400);
    const elsewhere = await back(t.agent(), callback);
    assert.equal(elsewhere.statusCode, 400);
    assert.match(elsewhere.body, /만료되었거나 이미 처리되었습니다/);
    assert.equal((await t.db.selectFrom('sessions').select('id').execute()).length, sessions.length, 'no session came of either');
  });

  it('refuses an answer after the sign-in has expired, and a cancelled one at the provider', async () => {
    const subject = person({ email: `oidc-late-${process.pid}@agency.go.kr` });
    const agent = t.agent();
    const callback = await atProvider(agent, subject);
    t.clock.advance(11 * 60_000);
    assert.match((await back(agent, callback)).body, /만료되었거나/);

    await agent.get('/login');
    const started = await agent.get('/login/oidc/test');
    const denied = new URL(CALLBACK);
    denied.search = new URLSearchParams({ error: 'access_denied', state: new URL(String(started.headers.location)).searchParams.get('state') ?? '' }).toString();
    const cancelled = await back(agent, denied);
    assert.equal(cancelled.statusCode, 400);
    assert.match(cancelled.body, /로그인을 취소했습니다/);
  });

  it('keeps an account made through a provider usable: its only way in stays, it can be deleted with its e-mail', async () => {
    const email = `oidc-only-${process.pid}@agency.go.kr`;
    const subject = person({ email });
    const agent = t.agent();
    await back(agent, await atProvider(agent, subject));
    await agent.post('/login/oidc/test/confirm');
    const account = await agent.get('/account');
    assert.match(account.body, /연결된 인증 서비스/);
    assert.match(account.body, /이 계정에는 비밀번호가 없습니다/);
    assert.doesNotMatch(account.body, /name="currentPassword"/);

    const refused = await agent.post('/account/identities/test/unlink');
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /로그인할 다른 방법이 없어/);
    assert.equal((await identities(subject)).length, 1);

    const wrong = await agent.post('/account/delete', { confirmEmail: 'someone@else.kr' });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /이메일 주소를 그대로 입력해/);
    const deleted = await agent.post('/account/delete', { confirmEmail: email.toUpperCase() });
    assert.equal(deleted.statusCode, 303);
    assert.deepEqual(await identities(subject), [], 'the subject no longer names the deleted account');

    // The same person may come back and make a new account.
    const returning = t.agent();
    await back(returning, await atProvider(returning, subject));
    assert.match((await returning.get('/login/oidc/test/confirm')).body, /새 계정 만들기/);
  });

  it('unlinks an identity from an account that has a password', async () => {
    const existing = await buildUser(t.db);
    const subject = person({ email: existing.email });
    const agent = t.agent();
    await back(agent, await atProvider(agent, subject));
    await agent.post('/login/oidc/test/confirm');
    assert.match((await agent.get('/account')).body, /연결 끊기/);
    const unlinked = await agent.post('/account/identities/test/unlink');
    assert.equal(unlinked.statusCode, 303);
    assert.deepEqual(await identities(subject), []);
    assert.equal((await agent.post('/account/identities/test/unlink')).statusCode, 404);
  });

  it('says so when the provider cannot be reached', async () => {
    const down = await buildTestApp({ oidcProviders: [{ ...provider.setting(), issuer: new URL('http://127.0.0.1:9/') }] });
    try {
      const agent = down.agent();
      await agent.get('/login');
      const refused = await agent.get('/login/oidc/test');
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /인증 서비스에 연결하지 못했습니다/);
    } finally {
      await down.close();
    }
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { buildUser } from '../src/modules/accounts/test/builders.ts';
import { buildOrg } from '../src/modules/orgs/test/builders.ts';
import { clock } from './clock.ts';
import { NAUGHTY } from './naughty-strings.ts';
import { buildTestApp, type TestApp } from './test-app.ts';


describe('HTTP', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  it('serves the Korean home page with strict security headers', async () => {
    const response = await t.agent().get('/');
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /<html lang="ko">/);
    assert.match(response.body, /<title>[^<]+\| 이음터<\/title>/);
    const csp = String(response.headers['content-security-policy']);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.equal(response.headers['referrer-policy'], 'strict-origin-when-cross-origin');
  });

  it('switches to English and back', async () => {
    const agent = t.agent();
    const switched = await agent.get('/lang/en?next=/orgs');
    assert.equal(switched.statusCode, 303);
    assert.equal(switched.headers.location, '/orgs');
    const page = await agent.get('/orgs');
    assert.match(page.body, /<html lang="en">/);
    assert.match(page.body, /Organisations \| Ieumteo/);
    assert.equal((await agent.get('/lang/en?next=//evil.example')).headers.location, '/', 'no open redirect');
  });

  it('takes no form post without a valid CSRF token, and gives the form back with what was typed, never a password', async () => {
    const agent = t.agent();
    await agent.get('/signup');
    const missing = await agent.post('/signup', { email: 'x@example.kr', name: '김토큰', password: 'secret-secret-1', passwordConfirm: 'secret-secret-1' }, { csrf: null });
    assert.equal(missing.statusCode, 303);
    assert.equal(missing.headers.location, '/signup');
    const again = await agent.get('/signup');
    assert.match(again.body, /보안 확인 시간이 지나/);
    assert.match(again.body, /value="x@example.kr"/);
    assert.match(again.body, /value="김토큰"/);
    assert.doesNotMatch(again.body, /secret-secret-1/);
    assert.doesNotMatch((await agent.get('/signup')).body, /보안 확인 시간이 지나/, 'given back once');
    const forged = await agent.post('/signup', { email: 'x@example.kr' }, { csrf: 'forged-token' });
    assert.equal(forged.statusCode, 303);
    assert.equal(await t.db.selectFrom('users').select('id').where('email', '=', 'x@example.kr').executeTakeFirst(), undefined);
    const stored = await t.db.selectFrom('form_drafts').select(sql<string>`form_values::text`.as('values')).execute();
    assert.ok(stored.every((d) => !d.values.includes('secret-secret-1')), 'no password stored');
  });

  it('shows validation errors beside the fields, keeps the typed text, never echoes passwords', async () => {
    const agent = t.agent();
    await agent.get('/signup');
    const response = await agent.post('/signup', { email: 'not-an-email', name: '홍길동', password: 'short', passwordConfirm: 'short' });
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /class="error-summary"/);
    assert.match(response.body, /value="not-an-email"/);
    assert.match(response.body, /value="홍길동"/);
    assert.match(response.body, /id="f-email-error"/);
    assert.doesNotMatch(response.body, /value="short"/);
  });

  it('escapes naughty strings and never answers them with a 500', async () => {
    const user = await buildUser(t.db);
    const agent = t.agent();
    await agent.login(user.email, user.password);
    for (const naughty of NAUGHTY) {
      const response = await agent.post('/orgs/new', { name: naughty, sector: 'company', region: 'nationwide', description: naughty.repeat(3) });
      assert.ok([303, 422].includes(response.statusCode), `${naughty}: ${response.statusCode}`);
      if (response.statusCode === 303) {
        const page = await agent.get(String(response.headers.location));
        assert.equal(page.statusCode, 200);
        assert.doesNotMatch(page.body, /<script>alert|<img src=x/);
      }
    }
    const huge = await agent.post('/orgs/new', { name: '큰 기관', sector: 'company', region: 'nationwide', description: '가'.repeat(100_000) });
    assert.equal(huge.statusCode, 422);
    assert.match(huge.body, /너무 깁니다/);
    const search = await agent.get(`/orgs?q=${encodeURIComponent("') OR 1=1 -- & | ! <->")}`);
    assert.equal(search.statusCode, 200);
  });

  it('rate-limits repeated wrong passwords with a clear message', async () => {
    const user = await buildUser(t.db);
    const agent = t.agent();
    await agent.get('/login');
    for (let i = 0; i < 5; i++) {
      const wrong = await agent.post('/login', { email: user.email, password: 'not-the-password' });
      assert.equal(wrong.statusCode, 422);
      assert.match(wrong.body, /이메일 또는 비밀번호가 맞지 않습니다/);
    }
    const unknown = await agent.post('/login', { email: 'ghost@example.kr', password: 'not-the-password' });
    assert.match(unknown.body, /이메일 또는 비밀번호가 맞지 않습니다/, 'same message for an unknown email');
    const limited = await agent.post('/login', { email: user.email, password: user.password });
    assert.equal(limited.statusCode, 429);
    assert.ok(limited.headers['retry-after']);
    assert.match(limited.body, /로그인 시도가 너무 많습니다/);
  });

  it('rotates the session cookie at login and sets it HttpOnly and SameSite=Lax', async () => {
    const user = await buildUser(t.db);
    const agent = t.agent();
    await agent.get('/login');
    const response = await agent.post('/login', { email: user.email, password: user.password });
    assert.equal(response.statusCode, 303);
    const setCookie = String(response.headers['set-cookie']);
    assert.match(setCookie, /sid=[^;]+; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax/);
    const firstSid = agent.cookie('sid');
    await agent.get('/');
    assert.equal((await agent.post('/logout')).statusCode, 303);
    assert.equal(agent.cookie('sid'), undefined);
    await agent.login(user.email, user.password);
    assert.notEqual(agent.cookie('sid'), firstSid);
  });

  it('marks every cookie it sets or clears Secure when the site is served over HTTPS', async () => {
    // The page cache on: the answer to a member's write marks the browser (`wrote`).
    const secure = await buildTestApp({ baseUrl: 'https://ieumteo.example.go.kr', pageCacheSeconds: 1 });
    try {
      const user = await buildUser(secure.db);
      const agent = secure.agent();
      const responses = [await agent.get('/login')];
      responses.push(await agent.post('/login', { email: user.email, password: user.password }));
      responses.push(await agent.get('/lang/en?next=/'));
      await agent.get('/account');
      responses.push(await agent.post('/logout'));
      responses.push(await secure.app.inject({ url: '/', headers: { cookie: 'flash=account.loggedOut' } }));
      const cookies = responses.flatMap((r) => {
        const header = r.headers['set-cookie'];
        return header === undefined ? [] : Array.isArray(header) ? header : [String(header)];
      });
      const names = new Set(cookies.map((c) => c.split('=')[0]));
      assert.deepEqual([...names].sort(), ['csrf', 'flash', 'lang', 'sid', 'wrote'], 'every cookie of the app was seen');
      for (const cookie of cookies) {
        assert.match(cookie, /; Secure(;|$)/, cookie);
        assert.match(cookie, /; HttpOnly(;|$)/, cookie);
        assert.match(cookie, /; SameSite=Lax(;|$)/, cookie);
      }
    } finally {
      await secure.close();
    }
    const plain = await t.agent().get('/lang/en?next=/');
    assert.doesNotMatch(String(plain.headers['set-cookie']), /Secure/, 'not over plain HTTP (a local installation)');
  });

  it('ends the session a browser held when someone signs in over it', async () => {
    const first = await buildUser(t.db);
    const second = await buildUser(t.db);
    const agent = t.agent();
    await agent.login(first.email, first.password);
    const firstSid = agent.cookie('sid') ?? '';
    await agent.get('/login');
    const over = await agent.post('/login', { email: second.email, password: second.password });
    assert.equal(over.statusCode, 303);
    assert.notEqual(agent.cookie('sid'), firstSid);
    const stale = await t.app.inject({ url: '/account', headers: { cookie: `sid=${firstSid}` } });
    assert.equal(stale.statusCode, 303, 'the first session no longer signs anyone in');
    assert.equal(stale.headers.location, '/login?next=%2Faccount');
    const sessions = await t.db.selectFrom('sessions').select('id').where('user_id', '=', first.id).execute();
    assert.equal(sessions.length, 0, "the first user's session is gone from the server");
    assert.equal((await agent.get('/account')).statusCode, 200, 'the new one works');
  });

  it('keeps the console closed to operators without TOTP where the installation requires it', async () => {
    const strict = await buildTestApp({ requireOperatorTotp: true });
    try {
      const operator = await buildUser(strict.db, { role: 'operator' });
      const agent = strict.agent();
      await agent.login(operator.email, operator.password);
      const refused = await agent.get('/admin');
      assert.equal(refused.statusCode, 403);
      assert.match(refused.body, /2단계 인증을 먼저 켜 주세요/);
      await strict.db.updateTable('users').set({ totp_secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', totp_enabled_at: clock() }).where('id', '=', operator.id).execute();
      assert.equal((await agent.get('/admin')).statusCode, 200);
    } finally {
      await strict.close();
    }
  });

  it('returns 404, not 403, for what an actor may not see', async () => {
    const user = await buildUser(t.db);
    const { id } = await buildOrg(t.db);
    const agent = t.agent();
    await agent.login(user.email, user.password);
    for (const url of ['/admin', '/admin/outbox', '/admin/users', `/orgs/${id}/edit`, `/orgs/${id}/members`, '/orgs/99999', '/orgs/abc']) {
      const response = await agent.get(url);
      assert.equal(response.statusCode, 404, url);
      assert.match(response.body, /페이지를 찾을 수 없습니다/);
    }
    assert.equal((await agent.post(`/admin/orgs/${id}/verify`)).statusCode, 404);
  });

  it('sends anonymous visitors of private pages to the login page', async () => {
    const response = await t.agent().get('/account');
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/login?next=%2Faccount');
  });

  it('answers /api errors as problem+json and serves the directory as JSON', async () => {
    await buildOrg(t.db, { name: 'API 확인 기관' });
    const missing = await t.app.inject('/api/v1/orgs/999999');
    assert.equal(missing.statusCode, 404);
    assert.match(String(missing.headers['content-type']), /application\/problem\+json/);
    assert.equal(missing.json().status, 404);
    const list = await t.app.inject(`/api/v1/orgs?q=${encodeURIComponent('확인')}`);
    assert.equal(list.json().items[0].name, 'API 확인 기관');
  });

  it('reports health and readiness', async () => {
    assert.equal((await t.app.inject('/healthz')).json().status, 'ok');
    const ready = await t.app.inject('/readyz');
    assert.equal(ready.statusCode, 200);
    assert.equal(ready.json().status, 'ready');
  });

  it('keeps a flash message for the page, not for a stylesheet requested beside it', async () => {
    const css = (await t.agent().get('/')).body.match(/href="(\/assets\/app\.css[^"]*)"/)?.[1] ?? '';
    const asset = await t.app.inject({ url: css, headers: { cookie: 'flash=org.updated' } });
    assert.equal(asset.headers['set-cookie'], undefined);
    const page = await t.app.inject({ url: '/', headers: { cookie: 'flash=org.updated' } });
    assert.match(page.body, /기관 정보를 저장했습니다/);
  });

  it('answers 200 for every file that a served stylesheet refers to (url() and @import, followed through)', async () => {
    const page = await t.agent().get('/');
    // The page's own links first (stylesheets, the icon: without one, browsers ask for /favicon.ico).
    for (const [, href] of page.body.matchAll(/<link rel="(?:stylesheet|icon)"[^>]* href="([^"]+)"/g)) {
      assert.equal((await t.app.inject(href ?? '')).statusCode, 200, href);
    }
    assert.match(page.body, /<link rel="icon"/);
    const stylesheets = [...page.body.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => new URL(m[1] ?? '', 'http://site/').href);
    assert.ok(stylesheets.length >= 4, 'KRDS and our own stylesheets are linked');
    const seen = new Set<string>();
    const missing: string[] = [];
    for (let i = 0; i < stylesheets.length; i++) {
      const css = await t.app.inject((stylesheets[i] ?? '').slice('http://site'.length));
      assert.equal(css.statusCode, 200, stylesheets[i]);
      for (const [, quoted, bare] of css.body.matchAll(/(?:url\(\s*(?:["']([^"']+)["']|([^)"'\s]+))\s*\))/g)) {
        const reference = quoted ?? bare ?? '';
        if (reference.startsWith('data:')) continue;
        const url = new URL(reference, stylesheets[i]);
        assert.equal(url.origin, 'http://site', `${stylesheets[i]} refers to another site: ${reference}`);
        if (seen.has(url.href)) continue;
        seen.add(url.href);
        if (url.pathname.endsWith('.css')) stylesheets.push(url.href);
        else if ((await t.app.inject(url.pathname + url.search)).statusCode !== 200) missing.push(url.pathname);
      }
      for (const [, imported] of css.body.matchAll(/@import\s+["']([^"']+)["']/g)) {
        const url = new URL(imported ?? '', stylesheets[i]).href;
        if (!seen.has(url)) stylesheets.push(url);
        seen.add(url);
      }
    }
    assert.deepEqual(missing, []);
    assert.ok(seen.size > 50, `${seen.size} references followed`);
  });

  it('serves KRDS and our CSS with long cache headers', async () => {
    const page = await t.agent().get('/');
    for (const href of page.body.match(/href="(\/assets\/[^"]+\.css[^"]*)"/g) ?? []) {
      const url = href.slice(6, -1);
      const asset = await t.app.inject(url);
      assert.equal(asset.statusCode, 200, url);
      assert.match(String(asset.headers['cache-control']), /max-age=31536000/);
      assert.equal(asset.headers['set-cookie'], undefined, `${url} sets no cookie on a year-cached file`);
    }
  });
});

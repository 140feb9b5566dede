import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateTOTP } from '@oslojs/otp';
import { safeLocalPath } from '../src/app/request-context.ts';
import { buildUser } from '../src/modules/accounts/test/builders.ts';
import { buildTestApp, type TestApp } from './test-app.ts';

/** `next` values (as typed into a query string) that would take the browser to another site or break the header. */
const HOSTILE = [
  '/%5Cevil.example/phish',
  '/%09/evil.example',
  '/%5C/evil.example',
  '/%0A/evil.example',
  '/%0D/evil.example',
  '%2F%2Fevil.example',
  '//evil.example',
  '///evil.example',
  '/\\evil.example',
  'https://evil.example',
  'javascript:alert(1)',
  '%20//evil.example',
  '/%2509/evil.example',
  '/%255C/evil.example',
  '/ok%0D%0ASet-Cookie:%20sid=x',
  '/ok%E2%80%A8x',
  '/ok%E2%80%A9x',
  '/%01/evil.example',
];

describe('redirects to a path that came from input', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  it('safeLocalPath keeps paths of this site and refuses everything else', () => {
    assert.equal(safeLocalPath('/orgs?q=가#top'), '/orgs?q=%EA%B0%80#top');
    assert.equal(safeLocalPath('/demands/1/reply'), '/demands/1/reply');
    for (const value of ['/\\evil', '/\t/evil', '/\u2028', '//x', 'x', '', '/a\u0085b', '/%5Cx', '/%0Ax', undefined, 5, ['/a']]) {
      assert.equal(safeLocalPath(value), null, JSON.stringify(value));
    }
  });

  it('the language switch goes home instead of to another site, and never answers 500', async () => {
    for (const next of HOSTILE) {
      const response = await t.agent().get(`/lang/en?next=${next}`);
      assert.equal(response.statusCode, 303, next);
      assert.equal(response.headers.location, '/', next);
    }
    assert.equal((await t.agent().get('/lang/en?next=/ok%00')).headers.location, '/ok', 'NUL is gone before any route reads input');
    const korean = await t.agent().get(`/lang/en?next=${encodeURIComponent('/orgs?q=도시+재생')}`);
    assert.equal(korean.headers.location, '/orgs?q=%EB%8F%84%EC%8B%9C+%EC%9E%AC%EC%83%9D', 'non-ASCII text is encoded, not a 500');
  });

  it('sign-in returns to a local path only, and keeps the page for any next', async () => {
    const user = await buildUser(t.db);
    for (const next of HOSTILE) {
      const agent = t.agent();
      const form = await agent.get(`/login?next=${next}`);
      assert.equal(form.statusCode, 200, next);
      const response = await agent.post(`/login?next=${next}`, { email: user.email, password: user.password });
      assert.equal(response.statusCode, 303, next);
      assert.equal(response.headers.location, '/', next);
    }
    const agent = t.agent();
    await agent.get('/login');
    const back = await agent.post(`/login?next=${encodeURIComponent('/orgs?page=2')}`, { email: user.email, password: user.password });
    assert.equal(back.headers.location, '/orgs?page=2');
  });

  it('the second factor keeps the return path and checks it the same way', async () => {
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    const code = () => generateTOTP(decodeBase32IgnorePadding(secret), 30, 6);
    for (const [next, expected] of [
      ['/orgs', '/orgs'],
      ['/%09/evil.example', '/'],
    ]) {
      const operator = await buildUser(t.db, { role: 'operator' });
      await t.db.updateTable('users').set({ totp_secret: secret, totp_enabled_at: new Date() }).where('id', '=', operator.id).execute();
      const agent = t.agent();
      await agent.get('/login');
      const first = await agent.post(`/login?next=${next}`, { email: operator.email, password: operator.password });
      assert.equal(first.statusCode, 303);
      const totpPage = await agent.get(String(first.headers.location));
      const action = /action="(\/login\/totp[^"]*)"/.exec(totpPage.body)?.[1]?.replaceAll('&amp;', '&');
      assert.ok(action, 'the code form posts back to /login/totp');
      const done = await agent.post(action, { code: code() });
      assert.equal(done.statusCode, 303, next);
      assert.equal(done.headers.location, expected, next);
    }
  });

  it('a notification whose link is not a local path leads to the notification list', async () => {
    const user = await buildUser(t.db);
    const agent = t.agent();
    await agent.login(user.email, user.password);
    const { id } = await t.db
      .insertInto('notifications')
      .values({ user_id: user.id, kind: 'org.updated', params: '{}', link: '/\\evil.example', created_at: t.clock() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const response = await agent.get(`/notifications/${id}`);
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/notifications');
  });
});

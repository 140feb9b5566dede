import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../../test/test-app.ts';
import type { Agent } from '../../../../test/agent.ts';
import { audit } from '../../../shared/audit.ts';
import { NotFoundError } from '../../../shared/errors.ts';
import { listUsers, USERS_COUNT_LIMIT, USERS_PAGE } from '../../accounts/users.service.ts';
import { buildUser, ctxAs } from '../../accounts/test/builders.ts';
import { listAudit, listOutbox } from '../admin.service.ts';

const next = (body: string) => /<a class="krds-btn secondary" href="([^"]+)" rel="next"/.exec(body)?.[1]?.replaceAll('&amp;', '&');

// The operators' lists of people, the audit log and the outbox showed their newest 100 (users: with a
// search) and nothing of the rest: the oldest audit entries could not be read at all.
describe('operators’ lists of people and logs, page by page', () => {
  let t: TestApp;
  let operator: Agent;
  let operatorCtx: Awaited<ReturnType<typeof ctxAs>>;
  before(async () => {
    t = await buildTestApp();
    const user = await buildUser(t.db, { role: 'operator', name: '목록 운영자' });
    operatorCtx = await ctxAs(t.db, user);
    operator = t.agent();
    await operator.login(user.email, user.password);
  });
  after(() => t.close());

  it('finds people by name or e-mail and role, counts them, and pages to the last', async () => {
    for (let i = 0; i < USERS_PAGE + 8; i++) await buildUser(t.db, { name: `페이지확인 사람 ${i}`, ...(i % 10 === 0 ? { role: 'reviewer' as const } : {}) });
    const first = await listUsers(operatorCtx, { q: '페이지확인' });
    assert.equal(first.total, USERS_PAGE + 8);
    assert.equal(first.page.items.length, USERS_PAGE);
    assert.equal(first.page.items[0]!.name, `페이지확인 사람 ${USERS_PAGE + 7}`, 'newest first');
    const second = await listUsers(operatorCtx, { q: '페이지확인', after: first.page.nextCursor! });
    assert.deepEqual(
      second.page.items.map((u) => u.name),
      [7, 6, 5, 4, 3, 2, 1, 0].map((i) => `페이지확인 사람 ${i}`),
    );
    assert.equal(second.page.nextCursor, null);
    assert.equal(second.total, USERS_PAGE + 8, 'a later page counts them all too');
    const reviewers = await listUsers(operatorCtx, { q: '페이지확인', role: 'reviewer' });
    assert.deepEqual([reviewers.total, reviewers.page.items.every((u) => u.role === 'reviewer')], [6, true]);
    assert.equal((await listUsers(operatorCtx, { q: '페이지확인', after: 'not-a-cursor' })).page.items[0]!.id, first.page.items[0]!.id, 'a malformed cursor: the first page');
    await assert.rejects(listUsers(await ctxAs(t.db, await buildUser(t.db)), {}), NotFoundError);

    const page = await operator.get(`/admin/users?q=${encodeURIComponent('페이지확인')}&role=citizen`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /검색 조건에 맞는 사용자는 52명입니다/);
    const later = await operator.get(next(page.body)!);
    assert.match(next(page.body)!, /role=citizen/, 'the role stays on the next page');
    assert.match(later.body, /<option value="citizen" selected/);
    assert.match(later.body, /페이지확인 사람 1</);
    assert.doesNotMatch(later.body, /페이지확인 사람 0</, 'a reviewer, not a citizen');
    assert.match(later.body, /value="페이지확인"/, 'the search stays on the next page');
    assert.match(later.body, /href="\/admin\/users\?q=[^"]+">처음으로/);
    const none = await operator.get(`/admin/users?q=${encodeURIComponent('아무도없는이름')}&role=operator`);
    assert.match(none.body, /조건에 맞는 사용자가 없습니다/);
    assert.match(none.body, /<option value="operator" selected/, 'the chosen role stays chosen');
    const unknownRole = await operator.get('/admin/users?role=admin');
    assert.match(unknownRole.body, /페이지확인 사람 57/, 'an unknown role is ignored: the whole list');
    assert.match(unknownRole.body, /<option value(="")? selected>모든 역할/);
    const reviewerPage = await operator.get(`/admin/users?q=${encodeURIComponent(' 페이지확인 ')}&role=reviewer`);
    assert.match(reviewerPage.body, /검색 조건에 맞는 사용자는 6명입니다/, 'the words as typed, spaces around them trimmed');

    // A role changed from a searched, later page comes back to that page.
    const target = second.page.items[0]!;
    const back = `/admin/users?q=${encodeURIComponent('페이지확인')}&after=${first.page.nextCursor}`;
    const shown = await operator.get(back);
    assert.equal(/name="back" value="([^"]+)"/.exec(shown.body)?.[1]?.replaceAll('&amp;', '&'), back, 'each role form knows the list it sits in');
    const changed = await operator.post(`/admin/users/${target.id}/role`, { role: 'reviewer', back });
    assert.deepEqual([changed.statusCode, changed.headers.location], [303, back]);
    const elsewhere = await operator.post(`/admin/users/${target.id}/role`, { role: 'citizen', back: '//evil.example/admin/users' });
    assert.equal(elsewhere.headers.location, '/admin/users', 'never anywhere but the list');
  });

  it('counts people up to 1,000, says "more" past it, and finds a whole e-mail address at once', async () => {
    await sql`INSERT INTO users (email, name, email_verified_at, created_at) SELECT 'bound' || g || '@test.ieumteo.kr', '경계확인 ' || g, now(), now() FROM generate_series(1, ${USERS_COUNT_LIMIT + 5}) AS g`.execute(t.db);
    const exact = await listUsers(operatorCtx, { q: 'BOUND7@test.ieumteo.kr' });
    assert.deepEqual([exact.total, exact.page.items.map((u) => u.name)], [1, ['경계확인 7']], 'not bound17@, bound70@… as a part would be');
    const list = await listUsers(operatorCtx, { q: '경계확인' });
    assert.deepEqual([list.total, list.page.items.length], [USERS_COUNT_LIMIT + 1, USERS_PAGE]);
    assert.match((await operator.get(`/admin/users?q=${encodeURIComponent('경계확인')}`)).body, /검색 조건에 맞는 사용자가 1,000명 넘게 있습니다/);
    assert.match((await operator.get('/admin/users')).body, /사용자가 1,000명 넘게 있습니다/);
  });

  it('reads the audit log and the outbox back to their oldest entries', async () => {
    for (let i = 0; i < 103; i++) await audit(operatorCtx, t.db, 'test.paging', { type: 'probe', id: i });
    const entries = await listAudit(operatorCtx);
    assert.equal(entries.items.length, 100);
    let oldest = entries;
    while (oldest.nextCursor) oldest = await listAudit(operatorCtx, oldest.nextCursor);
    assert.ok(oldest.items.some((e) => e.action === 'test.paging' && e.target_id === '0'), 'the first entry is reachable');
    const page = await operator.get('/admin/audit');
    const later = await operator.get(next(page.body)!);
    assert.equal(later.statusCode, 200);
    assert.match(later.body, /probe #2</);
    assert.doesNotMatch(later.body, /probe #3</, 'the page before showed the newest 100');

    await t.db
      .insertInto('mail_outbox')
      .values(Array.from({ length: 101 }, (_, i) => ({ to_address: `mail${i}@test.ieumteo.kr`, subject: `페이지 메일 ${i}`, body_text: '본문', created_at: operatorCtx.now() })))
      .execute();
    const mails = await listOutbox(operatorCtx);
    assert.equal(mails.items[0]!.subject, '페이지 메일 100');
    const rest = await listOutbox(operatorCtx, mails.nextCursor!);
    assert.ok(rest.items.some((m) => m.subject === '페이지 메일 0'));
    assert.match((await operator.get(next((await operator.get('/admin/outbox')).body)!)).body, /페이지 메일 0</);
  });

  it('leads from the forum’s moderation log, which shows its latest, to the earlier entries in the audit log', async () => {
    const log = async () => (await operator.get('/admin/forum')).body;
    const forumEntries = async () => Number((await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', 'like', 'forum.%').executeTakeFirstOrThrow()).n);
    while ((await forumEntries()) < 50) await audit(operatorCtx, t.db, 'forum.dismiss', { type: 'forum_proposal', id: 1 });
    assert.doesNotMatch(await log(), /이전 기록은 감사 기록에서 보기/, '50 entries: all of them are there');
    await audit(operatorCtx, t.db, 'forum.dismiss', { type: 'forum_proposal', id: 1 });
    const page = await log();
    const link = /최근 50건을 보여 줍니다\. <a href="(\/admin\/audit\?after=[^"]+)">이전 기록은 감사 기록에서 보기<\/a>/.exec(page)?.[1];
    assert.ok(link, 'the 51st: the way to the earlier ones');
    assert.ok(page.indexOf(link) < page.indexOf('<ul class="row-list"', page.indexOf('id="log-h"')), 'said before the entries, not after');
    const earlier = (await operator.get(link.replaceAll('&amp;', '&'))).body;
    assert.equal((earlier.match(/forum\.dismiss/g) ?? []).length, 1, 'the audit log goes on just below the 50 shown');
  });
});

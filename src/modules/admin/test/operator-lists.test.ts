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
    for (let i = 0; i < USERS_PAGE + 3; i++) await buildUser(t.db, { name: `페이지확인 사람 ${i}`, ...(i % 10 === 0 ? { role: 'reviewer' as const } : {}) });
    const first = await listUsers(operatorCtx, { q: '페이지확인' });
    assert.equal(first.total, USERS_PAGE + 3);
    assert.equal(first.page.items.length, USERS_PAGE);
    assert.equal(first.page.items[0]!.name, `페이지확인 사람 ${USERS_PAGE + 2}`, 'newest first');
    const second = await listUsers(operatorCtx, { q: '페이지확인', after: first.page.nextCursor! });
    assert.deepEqual(
      second.page.items.map((u) => u.name),
      ['페이지확인 사람 2', '페이지확인 사람 1', '페이지확인 사람 0'],
    );
    assert.equal(second.page.nextCursor, null);
    assert.equal(second.total, USERS_PAGE + 3, 'a later page counts them all too');
    const reviewers = await listUsers(operatorCtx, { q: '페이지확인', role: 'reviewer' });
    assert.deepEqual([reviewers.total, reviewers.page.items.every((u) => u.role === 'reviewer')], [6, true]);
    assert.equal((await listUsers(operatorCtx, { q: '페이지확인', after: 'not-a-cursor' })).page.items[0]!.id, first.page.items[0]!.id, 'a malformed cursor: the first page');
    await assert.rejects(listUsers(await ctxAs(t.db, await buildUser(t.db)), {}), NotFoundError);

    const page = await operator.get(`/admin/users?q=${encodeURIComponent('페이지확인')}&role=`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /찾는 조건에 맞는 사용자는 53명입니다/);
    const later = await operator.get(next(page.body)!);
    assert.match(later.body, /페이지확인 사람 0/);
    assert.match(later.body, /value="페이지확인"/, 'the search stays on the next page');
    assert.match(later.body, /href="\/admin\/users\?q=[^"]+">처음으로/);
    const none = await operator.get(`/admin/users?q=${encodeURIComponent('아무도없는이름')}&role=operator`);
    assert.match(none.body, /조건에 맞는 사용자가 없습니다/);
    assert.match(none.body, /<option value="operator" selected/, 'the chosen role stays chosen');
    assert.equal((await operator.get('/admin/users?role=admin')).statusCode, 200, 'an unknown role is ignored');
  });

  it('counts people up to 1,000, says "more" past it, and finds a whole e-mail address at once', async () => {
    await sql`INSERT INTO users (email, name, email_verified_at, created_at) SELECT 'bound' || g || '@test.ieumteo.kr', '경계확인 ' || g, now(), now() FROM generate_series(1, ${USERS_COUNT_LIMIT + 5}) AS g`.execute(t.db);
    const exact = await listUsers(operatorCtx, { q: 'BOUND7@test.ieumteo.kr' });
    assert.deepEqual([exact.total, exact.page.items.map((u) => u.name)], [1, ['경계확인 7']], 'not bound17@, bound70@… as a part would be');
    const list = await listUsers(operatorCtx, { q: '경계확인' });
    assert.deepEqual([list.total, list.page.items.length], [USERS_COUNT_LIMIT + 1, USERS_PAGE]);
    assert.match((await operator.get(`/admin/users?q=${encodeURIComponent('경계확인')}`)).body, /찾는 조건에 맞는 사용자가 1,000명 넘게 있습니다/);
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

  it('leads from the forum’s moderation log, which shows its latest, to the whole audit log', async () => {
    const log = async () => (await operator.get('/admin/forum')).body;
    assert.doesNotMatch(await log(), /이전 기록은 감사 기록에서 보기/, 'a short log is all there');
    for (let i = 0; i < 50; i++) await audit(operatorCtx, t.db, 'forum.dismiss', { type: 'forum_proposal', id: 1 });
    assert.match(await log(), /최근 50건을 보여 줍니다\. <a href="\/admin\/audit">이전 기록은 감사 기록에서 보기<\/a>/);
  });
});

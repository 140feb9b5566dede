import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildUser } from '../src/modules/accounts/test/builders.ts';
import { buildDemand, demandForm } from '../src/modules/demands/test/builders.ts';
import { buildReply } from '../src/modules/matches/test/builders.ts';
import { buildOrg } from '../src/modules/orgs/test/builders.ts';
import { cleanText } from '../src/shared/text.ts';
import type { Agent } from './agent.ts';
import { PDF } from './documents.ts';
import { buildTestApp, type TestApp } from './test-app.ts';

/** Percent-encoded values PostgreSQL refuses or nobody types: NUL (alone and inside a word), other controls. */
const BAD_VALUES = ['%00', '%E2%80%8B%00', '%01%7F%C2%80%C2%9F'];

/** Every list and search of the site, each parameter it reads. */
const LISTS: [path: string, params: string[]][] = [
  ['/demands', ['q', 'purpose', 'theme', 'orgSector', 'targetSector', 'region', 'status', 'due', 'sort', 'after']],
  ['/orgs', ['q', 'sector', 'region', 'capability', 'after']],
  ['/api/v1/orgs', ['q', 'sector', 'region', 'capability', 'after']],
  ['/cases', ['after']],
  ['/stats', ['from', 'to']],
  ['/recognition', ['from', 'to']],
  ['/briefings', []],
  ['/open-data', []],
  ['/notifications', ['before']],
  ['/admin/users', ['q', 'role', 'after']],
  ['/admin/audit', ['after']],
  ['/admin/outbox', ['after']],
  ['/forum/mine', ['after']],
  ['/admin/exports/stats', ['format', 'from', 'to']],
  ['/demands/mine', []],
  ['/tasks', ['year', 'kind', 'theme', 'q', 'after']],
  ['/tasks/mine', []],
  ['/admin/tasks', ['year', 'kind', 'rag', 'late', 'slipping', 'theme', 'sector', 'after']],
  ['/admin/tasks.csv', ['year', 'kind', 'rag', 'late', 'slipping', 'theme', 'sector']],
];

/** NUL in any text field or filter is removed before anything reads it: never a 500, on PGlite and PostgreSQL alike. */
describe('input hygiene', () => {
  let t: TestApp;
  let operator: Agent;
  let member: Agent;
  let org: Awaited<ReturnType<typeof buildOrg>>;
  let demandId: number;
  before(async () => {
    t = await buildTestApp();
    org = await buildOrg(t.db, { name: '휠체어 수리 협동조합' });
    demandId = (await buildDemand(t.db, { org, title: '휠체어 수리 협력 기관을 찾습니다' })).id;
    const op = await buildUser(t.db, { role: 'operator' });
    operator = t.agent();
    await operator.login(op.email, op.password);
    member = t.agent();
    await member.login(org.admin.email, org.admin.password);
  });
  after(() => t.close());

  it('cleanText removes disallowed controls, keeps tab and line ends, and composes Hangul', () => {
    assert.equal(cleanText('가\u0000나\u0007다\u007f\u0085라'), '가나다라');
    assert.equal(cleanText('첫 줄\r\n\t둘째 줄'), '첫 줄\r\n\t둘째 줄');
    assert.equal(cleanText('\u1112\u1161\u11ab\u1100\u1173\u11af'), '한글');
    // Invisible text that makes text look other than it is, or empty text look written.
    assert.equal(cleanText('\u202eevil\u202c \u2066x\u2069'), 'evil x');
    assert.equal(cleanText('\u200b\u200b\ufeff\u2060'), '');
    assert.equal(cleanText('👨\u200d👩\u200d👧'), '👨\u200d👩\u200d👧', 'emoji keep their joiners');
    assert.equal(cleanText('\ud800x'), '\ufffdx');
  });

  it('answers every list with any filter holding NUL or controls without an error', async () => {
    const failures: string[] = [];
    for (const [path, params] of LISTS) {
      for (const value of BAD_VALUES) {
        const urls = [`${path}?${value}=1`, ...params.map((name) => `${path}?${name}=${value}`), `${path}?${params.map((name) => `${name}=${value}`).join('&')}`];
        for (const url of urls) {
          const response = await operator.get(url);
          if (response.statusCode >= 500) failures.push(`${url}: ${response.statusCode}`);
        }
      }
    }
    const round = String((await operator.post('/admin/reviews', { title: '목록 점검 심사' })).headers.location);
    for (const url of [`${round}?q=%00`, `${round}?q=%ED%9C%A0%00`, `/demands/${demandId}?q=%00`, `/demands/${demandId}/revisions?x=%00`, '/lang/%00?next=%00', '/invitations/%00', '/unsubscribe/%00', '/open-data/%00']) {
      const response = await operator.get(url);
      if (response.statusCode >= 500) failures.push(`${url}: ${response.statusCode}`);
    }
    assert.deepEqual(failures, []);
  });

  it('searches for the word around a NUL, not for the NUL', async () => {
    const list = await t.agent().get('/demands?q=%ED%9C%A0%EC%B2%B4%00%EC%96%B4');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /<mark>휠체어<\/mark> 수리 협력 기관을 찾습니다/);
    const api = await t.app.inject('/api/v1/orgs?q=%ED%9C%A0%EC%B2%B4%00%EC%96%B4&region=%00');
    assert.equal(api.statusCode, 200);
    assert.ok(api.json().items.some((o: { name: string }) => o.name === '휠체어 수리 협동조합'));
  });

  it('keeps form text without NUL and other controls, multi-line text with its line ends, all in NFC', async () => {
    const created = await member.post('/orgs/new', {
      name: '\u1112\u1161\u11ab\u0000빛\u0085 재단',
      sector: 'company',
      region: 'nationwide',
      description: '첫 줄\u0000\r\n\t둘째 줄\u0001',
    });
    assert.equal(created.statusCode, 303);
    const orgId = Number(String(created.headers.location).split('/').pop());
    const row = await t.db.selectFrom('orgs').select(['name', 'description']).where('id', '=', orgId).executeTakeFirstOrThrow();
    assert.equal(row.name, '한빛 재단');
    assert.equal(row.description, '첫 줄\r\n\t둘째 줄');

    const form = await demandForm(t.db, org.id, { title: '널\u0000 문자 제목', body: '본문\u0000\r\n둘째 줄' });
    form['need.0.text'] = '\u0000수리';
    const demand = await member.post('/demands/new', form);
    assert.equal(demand.statusCode, 303);
    const id = Number(String(demand.headers.location).split('/').pop());
    const saved = await t.db.selectFrom('demands').select(['title', 'body']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(saved, { title: '널 문자 제목', body: '본문\r\n둘째 줄' });

    const round = await operator.post('/admin/reviews', { title: '\u0000심사', description: '설명\u0000' });
    assert.equal(round.statusCode, 303);
    const theme = await operator.post('/admin/themes', { name: '\u0000', nameEn: 'Nothing' });
    assert.equal(theme.statusCode, 422, 'a field of only NUL is empty: a message beside it');
    assert.match(theme.body, /class="error-summary"/);
  });

  it('sign-in, sign-up and a saved search with NUL answer with a page, never a 500', async () => {
    const agent = t.agent();
    await agent.get('/login');
    assert.equal((await agent.post('/login', { email: 'a\u0000@example.kr', password: '\u0000' })).statusCode, 422);
    assert.equal((await agent.post('/signup', { email: 'b\u0000@example.kr', name: '\u0000', password: 'x', passwordConfirm: 'x' })).statusCode, 422);
    assert.equal((await agent.post('/password/forgot', { email: 'c\u0000@example.kr' })).statusCode, 303);
    const saved = await member.post('/subscriptions/search', { query: 'q=%ED%9C%A0%EC%B2%B4%00%EC%96%B4&region=%00' });
    assert.equal(saved.statusCode, 303);
    const stored = await t.db.selectFrom('subscriptions').select('value').where('kind', '=', 'search').executeTakeFirstOrThrow();
    assert.equal(new URLSearchParams(stored.value).get('q'), '휠체어');
  });

  it('cleans the fields of a multipart form too', async () => {
    const reply = await buildReply(t.db, demandId);
    const sent = await member.postFile(`/replies/${reply.id}/messages`, { body: '자료\u0000 보냅니다' }, { field: 'file', filename: '자료\u0000.pdf', content: PDF });
    assert.equal(sent.statusCode, 303);
    const message = await t.db.selectFrom('thread_messages').select('body').orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.equal(message.body, '자료 보냅니다');
  });
});

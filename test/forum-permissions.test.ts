import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type BuiltUser, buildUser, ctxAs } from '../src/modules/accounts/test/builders.ts';
import { saveSettings } from '../src/modules/forum/settings.service.ts';
import { support } from '../src/modules/forum/supports.service.ts';
import { buildMinistry, buildProposal } from '../src/modules/forum/test/builders.ts';
import { buildOrg } from '../src/modules/orgs/test/builders.ts';
import type { Agent } from './agent.ts';
import { NAUGHTY } from './naughty-strings.ts';
import { everyone, type PermissionRow, signInAll, unexpectedAnswers } from './permission-table.ts';
import { buildTestApp, type TestApp } from './test-app.ts';

type ActorName = 'anonymous' | 'author' | 'other' | 'operator' | 'body' | 'outsider';

/**
 * Every forum route as actor × answer: the citizen who wrote the proposal, another citizen, an
 * operator (the facilitator), a member of the responsible body, a member of an unrelated organisation.
 */
describe('국민포럼 permissions', () => {
  let t: TestApp;
  const agents = {} as Record<ActorName, Agent>;
  const users = {} as Record<Exclude<ActorName, 'anonymous'>, BuiltUser>;
  let draft = 0;
  let open = 0;
  let review = 0;
  let ministryName = '';
  let categoryId = '';

  before(async () => {
    t = await buildTestApp();
    users.operator = await buildUser(t.db, { role: 'operator' });
    // Supports open at publication, so every stage is reached without moving the clock: two supports
    // are enough for the proposal in review; the others keep the default hundred.
    const settings = (supportNeeded: string) => ({ checkHours: '16', discussionDays: '0', supportNeeded, supportDays: '30', answerDays: '30', reportHours: '8' });
    await saveSettings(await ctxAs(t.db, users.operator), settings('2'));
    const ministry = await buildMinistry(t.db);
    users.body = ministry.admin;
    users.author = await buildUser(t.db);
    users.other = await buildUser(t.db);
    users.outsider = (await buildOrg(t.db)).admin;
    ministryName = (await t.db.selectFrom('orgs').select('name').where('id', '=', ministry.id).executeTakeFirstOrThrow()).name;
    categoryId = String((await t.db.selectFrom('forum_categories').select('id').orderBy('sort').executeTakeFirstOrThrow()).id);
    review = (await buildProposal(t.db, { author: users.author, org: ministry, operator: users.operator, title: '검토 단계의 제안입니다' })).id;
    for (const supporter of [await buildUser(t.db), await buildUser(t.db)]) await support(await ctxAs(t.db, supporter), review);
    await saveSettings(await ctxAs(t.db, users.operator), settings('100'));
    draft = (await buildProposal(t.db, { author: users.author, org: ministry, stage: 'draft' })).id;
    open = (await buildProposal(t.db, { author: users.author, org: ministry, operator: users.operator })).id;
    Object.assign(agents, await signInAll(() => t.agent(), users));
  });
  after(() => t.close());

  const point = async () => ({ side: 'for', body: '어르신 이동이 쉬워집니다. 꼭 필요합니다.' });
  const rows: PermissionRow<ActorName>[] = [
    ...everyone('GET', () => '/forum', { anonymous: 200, author: 200, other: 200, operator: 200, body: 200, outsider: 200 }),
    ...everyone('GET', () => '/forum/new', { anonymous: 303, author: 200, other: 200, operator: 200, body: 200, outsider: 200 }),
    ...everyone('GET', () => '/forum/mine', { anonymous: 303, author: 200, other: 200, operator: 200, body: 200, outsider: 200 }),
    ...everyone('GET', () => `/forum/${draft}`, { anonymous: 303, author: 200, other: 404, operator: 200, body: 404, outsider: 404 }),
    ...everyone('GET', () => `/forum/${draft}/edit`, { anonymous: 303, author: 200, other: 404, operator: 403, body: 404, outsider: 404 }),
    ...everyone('POST', () => `/forum/${draft}/submit`, { anonymous: 404, other: 404, operator: 403, body: 404, outsider: 404, author: 303 }),
    ...everyone('POST', () => `/forum/${draft}/publish`, { anonymous: 404, author: 404, other: 404, body: 404, outsider: 404, operator: 303 }),
    ...everyone('GET', () => `/forum/${open}`, { anonymous: 200, author: 200, other: 200, operator: 200, body: 200, outsider: 200 }),
    ...everyone('POST', () => `/forum/${open}/support`, { anonymous: 401, author: 303, other: 303, operator: 303, body: 303, outsider: 303 }),
    ...everyone('POST', () => `/forum/${open}/unsupport`, { anonymous: 401, author: 303, other: 303, operator: 303, body: 303, outsider: 303 }),
    ...everyone('POST', () => `/forum/${open}/points`, { anonymous: 401, author: 303, other: 303, operator: 303, body: 303, outsider: 303 }, point),
    ...everyone('GET', () => `/forum/${open}/points?side=for`, { anonymous: 200, author: 200, other: 200, operator: 200, body: 200, outsider: 200 }),
    ...everyone('GET', () => `/forum/${open}/summary`, { anonymous: 303, author: 200, other: 403, operator: 200, body: 403, outsider: 403 }),
    ...everyone('GET', () => `/forum/${open}/answer`, { anonymous: 303, author: 403, other: 403, operator: 403, body: 403, outsider: 403 }),
    ...everyone('GET', () => `/forum/${open}/report`, { anonymous: 303, author: 200, other: 200, operator: 200, body: 200, outsider: 200 }),
    ...everyone('POST', () => `/forum/${open}/withdraw`, { anonymous: 401, other: 403, operator: 403, body: 403, outsider: 403, author: 303 }),
    ...everyone('GET', () => `/forum/${review}/answer`, { anonymous: 303, author: 403, other: 403, operator: 403, outsider: 403, body: 200 }),
    ...everyone(
      'POST',
      () => `/forum/${review}/answer`,
      { anonymous: 401, author: 403, other: 403, operator: 403, outsider: 403, body: 303 },
      async () => ({ decision: 'accept', reasons: '필요하다고 판단했습니다.', plan: '내년까지 추진합니다.' }),
    ),
    ...everyone('POST', () => `/forum/${review}/complete`, { anonymous: 401, author: 403, other: 403, operator: 403, outsider: 403, body: 303 }, async () => ({ result: '전국에서 서비스를 시작했습니다.' })),
    ...everyone('GET', () => '/admin/forum', { anonymous: 303, author: 404, other: 404, operator: 200, body: 404, outsider: 404 }),
    ...everyone(
      'POST',
      () => '/admin/forum/settings',
      { anonymous: 401, author: 404, other: 404, body: 404, outsider: 404, operator: 303 },
      async () => ({ checkHours: '16', discussionDays: '0', supportNeeded: '100', supportDays: '30', answerDays: '30', reportHours: '8' }),
    ),
    ...everyone('POST', () => `/forum/${open}/hide`, { anonymous: 401, author: 404, other: 404, body: 404, outsider: 404, operator: 303 }, async () => ({ reason: '시험으로 가립니다.' })),
    ...everyone('GET', () => `/forum/${open}/appeal`, { anonymous: 303, author: 200, other: 200, operator: 200, body: 200, outsider: 200 }),
  ];

  it('answers every actor and action as the rules say', async () => {
    assert.deepEqual(await unexpectedAnswers(rows, agents), []);
  });

  it('publishes proposals as open data without anyone’s name, and the forum’s figures on /stats', async () => {
    const file = await agents.anonymous.get('/open-data/proposals.csv');
    assert.equal(file.statusCode, 200);
    assert.match(file.body, new RegExp(`/forum/${review}`));
    assert.doesNotMatch(file.body, new RegExp(users.author.name));
    assert.match((await agents.anonymous.get('/stats')).body, /국민포럼 \(이 기간에 공개된 제안\)/);
  });

  it('gives a bad proposal back beside its fields, with what was typed, and writes a double click once', async () => {
    await agents.other.get('/forum/new');
    const refused = await agents.other.post('/forum/new', { title: '버스', problem: '짧음', proposal: '', effect: '좋아짐', org: '없는 기관', category: '999' });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /다섯 글자 이상 써 주세요/);
    assert.match(refused.body, /value="버스"/);
    assert.match(refused.body, /없는 기관/);
    const form = { title: '동네 도서관 운영 시간 연장', problem: '퇴근 뒤에는 도서관이 닫혀 있어 이용할 수 없습니다.', proposal: '평일 저녁 9시까지 운영 시간을 늘려 주세요. 무인 대출기도 함께 두면 좋겠습니다.', effect: '직장인도 도서관을 이용합니다.', org: ministryName, category: categoryId, _once: randomUUID() };
    const [first, second] = [await agents.other.post('/forum/new', form), await agents.other.post('/forum/new', form)];
    assert.deepEqual([first.statusCode, second.statusCode], [303, 303]);
    assert.equal(first.headers.location, second.headers.location);
    assert.equal((await t.db.selectFrom('forum_proposals').select('id').where('title', '=', form.title).execute()).length, 1);
    // A point that cannot be one is not found, never the proposal reported by mistake.
    const id = (await t.db.selectFrom('forum_proposals').select('id').where('title', '=', form.title).executeTakeFirstOrThrow()).id;
    for (const point of ['abc', '1e3', '-1']) assert.equal((await agents.author.get(`/forum/${id}/report?point=${point}`)).statusCode, 404, point);
    // A number too long for its range gets the range's message, not "not a number".
    const settings = await agents.operator.post('/admin/forum/settings', { checkHours: '16', discussionDays: '0', supportNeeded: '100000000', supportDays: '30', answerDays: '30', reportHours: '8' });
    assert.equal(settings.statusCode, 422);
    assert.match(settings.body, /1에서 10,000,000 사이로 적어 주세요/);
  });

  it('shows similar proposals before a draft is saved, keeping what was typed and saving nothing', async () => {
    const ministry = await t.db.selectFrom('orgs').select('id').where('name', '=', ministryName).executeTakeFirstOrThrow();
    const similar = (await buildProposal(t.db, { org: { id: ministry.id, admin: users.body }, operator: users.operator, title: '버스 시간표를 한 화면에서' })).id;
    await agents.other.get('/forum/new');
    const page = await agents.other.post('/forum/new/similar', { title: '농어촌 버스 시간표 모아 보기', problem: '버스 시간표가 흩어져 있습니다', proposal: '한곳에서 보게 해 주세요', org: ministryName });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`href="/forum/${similar}"`));
    assert.match(page.body, /value="농어촌 버스 시간표 모아 보기"/);
    assert.equal(await t.db.selectFrom('forum_proposals').select('id').where('title', '=', '농어촌 버스 시간표 모아 보기').executeTakeFirst(), undefined);
  });

  it('passes naughty strings through every forum form: no 500, no live markup', async () => {
    const ministry = await t.db.selectFrom('orgs').select('id').where('name', '=', ministryName).executeTakeFirstOrThrow();
    const fresh = (await buildProposal(t.db, { author: users.author, org: { id: ministry.id, admin: users.body }, operator: users.operator })).id;
    for (const naughty of NAUGHTY) {
      const text = `${naughty} 충분히 긴 글입니다. [x](javascript:alert(1)) ${naughty}`;
      await agents.author.get('/forum/new');
      const created = await agents.author.post('/forum/new', { title: `${naughty} 제안`, problem: text, proposal: text, effect: text, org: ministryName, category: categoryId });
      assert.ok([303, 422, 429].includes(created.statusCode), `${naughty}: ${created.statusCode}`);
      const answers = [
        await agents.other.post(`/forum/${fresh}/points`, { side: 'conditional', body: text, source: naughty }),
        await agents.other.post(`/forum/${fresh}/report`, { reason: naughty, detail: naughty }),
        await agents.author.post(`/forum/${fresh}/summary`, { summary: text }),
        await agents.author.post(`/forum/${fresh}/coauthors`, { email: naughty }),
        await agents.operator.post(`/forum/${fresh}/merge`, { into: naughty }),
        await agents.operator.post('/admin/forum/categories', { name: naughty.slice(0, 40), nameEn: naughty }),
        await agents.operator.post('/admin/forum/settings', { checkHours: naughty, discussionDays: '0', supportNeeded: '2', supportDays: '30', answerDays: '30', reportHours: '8' }),
        await agents.anonymous.get(`/forum?q=${encodeURIComponent(naughty)}&stage=${encodeURIComponent(naughty)}&after=${encodeURIComponent(naughty)}`),
        await agents.anonymous.get(`/forum/${fresh}/points?side=${encodeURIComponent(naughty)}&after=${encodeURIComponent(naughty)}`),
      ];
      for (const answer of answers) {
        assert.ok(answer.statusCode < 500, `${naughty}: ${answer.statusCode}`);
        assert.doesNotMatch(answer.body, /<script>alert|<img src=x|href="javascript:/);
      }
    }
    for (const path of [`/forum/${fresh}`, `/forum/${fresh}/points?side=conditional`, '/forum', '/admin/forum']) {
      const page = await (path.startsWith('/admin') ? agents.operator : agents.anonymous).get(path);
      assert.equal(page.statusCode, 200, path);
      assert.doesNotMatch(page.body, /<script>alert|<img src=x|href="javascript:/, path);
    }
  });
});

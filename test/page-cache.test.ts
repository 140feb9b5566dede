import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { PUBLIC_PAGE } from '../src/app/plugins/page-cache.ts';
import { ctxAs, TEST_PASSWORD } from '../src/modules/accounts/test/builders.ts';
import { withdrawDemand } from '../src/modules/demands/demands.service.ts';
import { buildDemand } from '../src/modules/demands/test/builders.ts';
import { clock } from './clock.ts';
import { buildTestApp, type TestApp } from './test-app.ts';

const SECONDS = 1;

describe('page cache for anonymous visitors', () => {
  let t: TestApp;
  let rendered = 0;
  before(async () => {
    t = await buildTestApp({ pageCacheSeconds: SECONDS });
    t.app.get('/probe/plain', PUBLIC_PAGE, async (_request, reply) => reply.type('text/html').send(`<p>${++rendered}</p>`));
    t.app.get('/probe/form', PUBLIC_PAGE, async (request, reply) =>
      reply.type('text/html').send(`<form method="post"><input name="_csrf" value="${request.csrfToken}"><p>${++rendered}</p></form>`),
    );
  });
  after(() => t.close());

  /** Anonymous GETs until `check` holds: a stale page is served while it is rendered again in the background. */
  async function eventually(url: string, check: (response: LightMyRequestResponse) => boolean): Promise<LightMyRequestResponse> {
    for (let i = 0; i < 100; i++) {
      const response = await t.agent().get(url);
      if (check(response)) return response;
      await sleep(20);
    }
    throw new Error(`${url} never changed`);
  }

  it('renders a public page once for many visitors, but never a page that carries a visitor’s CSRF token', async () => {
    const first = await t.agent().get('/probe/plain');
    assert.equal((await t.agent().get('/probe/plain')).body, first.body);
    const forms = [await t.agent().get('/probe/form'), await t.agent().get('/probe/form')];
    assert.notEqual(forms[0]!.body, forms[1]!.body, 'each visitor gets their own token');
  });

  it('shows signed-in members and English visitors the page as it is now', async () => {
    const demand = await buildDemand(t.db, { title: '캐시 확인용 수요과제' });
    const url = `/demands/${demand.id}`;
    const before = await t.agent().get(url);
    assert.match(before.body, /모집중/);
    await withdrawDemand(await ctxAs(t.db, demand.org.admin), demand.id);

    assert.equal((await t.agent().get(url)).body, before.body, 'anonymous: the cached page, for up to a moment');
    assert.match((await t.agent().get(url, { cookie: 'lang=en' })).body, /Withdrawn/);
    const member = t.agent();
    await member.login(demand.org.admin.email, TEST_PASSWORD);
    assert.match((await member.get(url)).body, /철회/);
  });

  it('refreshes a page past its time in the background and forgets one that is gone', async () => {
    const demand = await buildDemand(t.db, { title: '곧 바뀌는 수요과제' });
    const url = `/demands/${demand.id}`;
    const cached = await t.agent().get(url);
    await withdrawDemand(await ctxAs(t.db, demand.org.admin), demand.id);
    await sleep(SECONDS * 1000 + 50);
    assert.equal((await t.agent().get(url)).body, cached.body, 'the stale page is served while it renders again');
    await eventually(url, (r) => /철회/.test(r.body));

    await t.db.updateTable('demands').set({ hidden_at: clock(), hidden_reason: '테스트' }).where('id', '=', demand.id).execute();
    await sleep(SECONDS * 1000 + 50);
    // Hidden from the public: a visitor is asked to sign in (the page cache keeps only 200s).
    await eventually(url, (r) => r.statusCode === 303);
  });

  it('is cleared by any successful write', async () => {
    const list = await t.agent().get('/demands');
    const demand = await buildDemand(t.db, { title: '새로 올라온 수요과제' });
    assert.equal((await t.agent().get('/demands')).body, list.body);
    await t.agent().login(demand.org.admin.email, TEST_PASSWORD);
    assert.match((await t.agent().get('/demands')).body, /새로 올라온 수요과제/);
  });
});

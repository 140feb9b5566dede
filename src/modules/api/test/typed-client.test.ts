import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import createClient from 'openapi-fetch';
import type { paths } from '../../../../clients/typescript/ieumteo-api.ts';
import { buildTestApp, type TestApp } from '../../../../test/test-app.ts';
import { buildDemand, demandForm } from '../../demands/test/builders.ts';
import { apiTypes } from '../client-types.ts';
import { buildToken } from './builders.ts';

const committed = path.resolve(import.meta.dirname, '../../../../clients/typescript/ieumteo-api.ts');

/** The typed client an agency's system would use: types generated from the document, calls through openapi-fetch. */
describe('the typed API client', () => {
  let t: TestApp;
  let baseUrl: string;
  before(async () => {
    t = await buildTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  after(() => t.close());

  it('is generated from the document the routes declare (run `npm run api:client` after changing a route)', async () => {
    assert.equal(readFileSync(committed, 'utf8'), await apiTypes());
  });

  it('reads and writes through the generated types, errors included', async () => {
    const demand = await buildDemand(t.db, { title: '해양 레저 예약 연계 협력 기관 찾기' });
    const token = await buildToken(t.db, demand.org.admin, { scopes: ['read', 'demands:write'], org: demand.org.id });
    const api = createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${token}` } });

    const me = await api.GET('/api/v1/me');
    assert.equal(me.data?.orgs[0]?.id, demand.org.id);
    const list = await api.GET('/api/v1/demands', { params: { query: { q: '해양 레저' } } });
    assert.ok(list.data?.items.some((d) => d.id === demand.id && d.org.id === demand.org.id));
    const one = await api.GET('/api/v1/demands/{id}', { params: { path: { id: String(demand.id) } } });
    assert.equal(one.data?.title, '해양 레저 예약 연계 협력 기관 찾기');

    const form = await demandForm(t.db, demand.org.id, { title: '어촌 체험 예약 시스템 함께 만들기' });
    const made = await api.POST('/api/v1/demands', { body: form as never });
    assert.equal(made.response.status, 201);
    assert.ok(made.data && made.data.id > demand.id);
    const refused = await api.POST('/api/v1/demands', { body: { ...form, title: '' } as never });
    assert.equal(refused.response.status, 422);
    assert.equal(refused.error?.status, 422);
    assert.ok(refused.error?.errors?.title, 'a message beside the field');
    const missing = await api.GET('/api/v1/demands/{id}', { params: { path: { id: '999999' } } });
    assert.equal(missing.error?.status, 404);
  });
});

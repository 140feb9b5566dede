import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Check } from 'typebox/schema';
import { buildTestApp, type TestApp } from '../../../../test/test-app.ts';
import { buildUser, ctxAs } from '../../accounts/test/builders.ts';
import { buildDemand, demandForm } from '../../demands/test/builders.ts';
import { saveSettings } from '../../forum/settings.service.ts';
import { buildMinistry, buildProposal } from '../../forum/test/builders.ts';
import { bearer, buildToken } from './builders.ts';

type Operation = { responses: Record<string, { content?: Record<string, { schema: unknown }> }> };
type Case = { method: string; url: string; token?: string; payload?: Record<string, unknown> };

/**
 * Every operation of the OpenAPI document is called — successes and failures — and every answer
 * must be one the document lists, with a body its schema accepts. A route added without a case here
 * fails the test, so the document cannot drift from what the API does.
 */
describe('the API keeps to its OpenAPI document', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  it('answers every call of every operation as documented', async () => {
    const operator = await buildUser(t.db, { role: 'operator' });
    await saveSettings(await ctxAs(t.db, operator), { checkHours: '16', discussionDays: '0', supportNeeded: '100', supportDays: '30', answerDays: '30', reportHours: '8' });
    const ministry = await buildMinistry(t.db);
    const demand = await buildDemand(t.db, { org: ministry });
    const draft = await buildDemand(t.db, { org: ministry, status: 'draft' });
    const proposal = await buildProposal(t.db, { org: ministry, operator });
    const citizen = await buildUser(t.db);
    const all = await buildToken(t.db, ministry.admin, { scopes: ['read', 'demands:write', 'replies:write', 'forum:write'], org: ministry.id });
    const readOnly = await buildToken(t.db, citizen, { scopes: ['read'] });
    const form = await demandForm(t.db, ministry.id);
    const cases: Record<string, Case[]> = {
      'GET /api/v1/me': [{ method: 'GET', url: '/api/v1/me', token: readOnly }, { method: 'GET', url: '/api/v1/me' }, { method: 'GET', url: '/api/v1/me', token: 'ieumteo_wrong' }],
      'GET /api/v1/orgs': [{ method: 'GET', url: '/api/v1/orgs' }, { method: 'GET', url: '/api/v1/orgs?sector=nonsense&after=%00' }],
      'GET /api/v1/orgs/{id}': [{ method: 'GET', url: `/api/v1/orgs/${ministry.id}` }, { method: 'GET', url: '/api/v1/orgs/999999' }, { method: 'GET', url: '/api/v1/orgs/abc' }],
      'GET /api/v1/demands': [{ method: 'GET', url: '/api/v1/demands' }, { method: 'GET', url: `/api/v1/demands?q=${encodeURIComponent('협업')}&sort=deadline` }],
      'GET /api/v1/demands/{id}': [
        { method: 'GET', url: `/api/v1/demands/${demand.id}` },
        { method: 'GET', url: `/api/v1/demands/${draft.id}`, token: all },
        { method: 'GET', url: `/api/v1/demands/${draft.id}` },
      ],
      'POST /api/v1/demands': [
        { method: 'POST', url: '/api/v1/demands', token: all, payload: form },
        { method: 'POST', url: '/api/v1/demands', token: all, payload: { title: '' } },
        { method: 'POST', url: '/api/v1/demands', token: readOnly, payload: form },
        { method: 'POST', url: '/api/v1/demands', payload: form },
      ],
      'POST /api/v1/demands/{id}/publish': [
        { method: 'POST', url: `/api/v1/demands/${draft.id}/publish`, token: all },
        { method: 'POST', url: `/api/v1/demands/${demand.id}/publish`, token: readOnly },
      ],
      'GET /api/v1/proposals': [{ method: 'GET', url: '/api/v1/proposals' }, { method: 'GET', url: '/api/v1/proposals?stage=overdue&sort=supports' }],
      'GET /api/v1/proposals/{id}': [{ method: 'GET', url: `/api/v1/proposals/${proposal.id}` }, { method: 'GET', url: '/api/v1/proposals/999999' }],
      'GET /api/v1/proposals/{id}/points': [{ method: 'GET', url: `/api/v1/proposals/${proposal.id}/points?side=against` }],
      'POST /api/v1/proposals/{id}/points': [
        { method: 'POST', url: `/api/v1/proposals/${proposal.id}/points`, token: all, payload: { side: 'conditional', body: '주말 운행을 함께 늘린다면 찬성합니다.' } },
        { method: 'POST', url: `/api/v1/proposals/${proposal.id}/points`, token: all, payload: { side: 'x' } },
      ],
      'PUT /api/v1/proposals/{id}/support': [
        { method: 'PUT', url: `/api/v1/proposals/${proposal.id}/support`, token: all },
        { method: 'PUT', url: `/api/v1/proposals/${proposal.id}/support`, token: readOnly },
      ],
      'DELETE /api/v1/proposals/{id}/support': [
        { method: 'DELETE', url: `/api/v1/proposals/${proposal.id}/support`, token: all },
        { method: 'DELETE', url: `/api/v1/proposals/${proposal.id}/support` },
      ],
    };
    const document = (await t.app.inject('/api/v1/openapi.json')).json() as { paths: Record<string, Record<string, Operation>> };
    const documented = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    assert.deepEqual(documented.sort(), Object.keys(cases).sort(), 'every documented operation has its cases, and nothing else');

    const failures: string[] = [];
    for (const [name, calls] of Object.entries(cases)) {
      const [method, path] = name.split(' ') as [string, string];
      const operation = document.paths[path]![method.toLowerCase()]!;
      for (const call of calls) {
        const response = await t.app.inject({ method: call.method as 'GET', url: call.url, headers: call.token ? bearer(call.token) : {}, ...(call.payload ? { payload: call.payload as Record<string, string> } : {}) });
        const answer = operation.responses[String(response.statusCode)];
        if (!answer) {
          failures.push(`${call.method} ${call.url}: ${response.statusCode} is not documented (${response.body.slice(0, 200)})`);
          continue;
        }
        const content = answer.content && Object.values(answer.content)[0];
        if (!content) {
          if (response.body !== '') failures.push(`${call.method} ${call.url}: ${response.statusCode} has a body but none is documented`);
          continue;
        }
        if (!Check(content.schema as never, response.json())) failures.push(`${call.method} ${call.url}: ${response.statusCode} does not match its schema: ${response.body.slice(0, 300)}`);
      }
    }
    assert.deepEqual(failures, []);
  });
});

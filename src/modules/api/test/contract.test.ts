import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Check } from 'typebox/schema';
import { buildTestApp, type TestApp } from '../../../../test/test-app.ts';
import { buildUser, ctxAs } from '../../accounts/test/builders.ts';
import { buildDemand, demandForm } from '../../demands/test/builders.ts';
import { saveSettings } from '../../forum/settings.service.ts';
import { buildMinistry, buildProposal } from '../../forum/test/builders.ts';
import { buildCase, buildReply } from '../../matches/test/builders.ts';
import { buildOrg } from '../../orgs/test/builders.ts';
import { buildTicket } from '../../sos/test/builders.ts';
import { buildBriefing } from '../../briefings/test/builders.ts';
import { buildRound } from '../../reviews/test/builders.ts';
import { buildTask } from '../../tasks/test/builders.ts';
import { addDays, kstDate } from '../../../shared/dates.ts';
import { clock } from '../../../../test/clock.ts';
import { bearer, buildToken } from './builders.ts';

type Operation = { responses: Record<string, { content?: Record<string, { schema: unknown }> }> };
/** A call, and the status it must get when given (who may see and do what: 404 for another's, 403 for a missing scope). */
type Case = { method: string; url: string; token?: string; payload?: Record<string, unknown>; status?: number };

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
    const reply = await buildReply(t.db, demand.id);
    const replier = await buildToken(t.db, reply.org.admin, { scopes: ['read', 'replies:write'], org: reply.org.id });
    const second = await buildOrg(t.db);
    const secondToken = await buildToken(t.db, second.admin, { scopes: ['read', 'replies:write'], org: second.id });
    const citizenWriter = await buildToken(t.db, citizen, { scopes: ['read', 'replies:write'] });
    const { matchId } = await buildCase(t.db, await buildOrg(t.db), await buildOrg(t.db));
    const task = await buildTask(t.db, { operator, kind: 'key' });
    const reporter = await buildToken(t.db, task.lead.admin, { scopes: ['read', 'tasks:write'], org: task.lead.id });
    const anyoneWriting = await buildToken(t.db, citizen, { scopes: ['read', 'tasks:write', 'sos:write'] });
    const ticket = await buildTicket(t.db);
    const requester = await buildToken(t.db, ticket.org.admin, { scopes: ['read', 'sos:write'], org: ticket.org.id });
    const period = kstDate(clock()).slice(0, 7);
    const theme = await t.db.selectFrom('themes').select('id').where('name', '=', '복지').executeTakeFirstOrThrow();
    const briefing = await buildBriefing(t.db, { operator, startsAt: `${addDays(kstDate(clock()), 7)}T14:00`, capacity: 1, group: { theme: theme.id, sector: 'any' } });
    const attendee = await buildToken(t.db, citizen, { scopes: ['briefings:write'] });
    const reviewer = await buildUser(t.db, { role: 'reviewer' });
    const round = await buildRound(t.db, { operator, reviewers: [reviewer], demands: 1 });
    const reviewerToken = await buildToken(t.db, reviewer, { scopes: ['read'] });
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
      'GET /api/v1/replies': [
        { method: 'GET', url: '/api/v1/replies', token: replier, status: 200 },
        { method: 'GET', url: '/api/v1/replies?after=garbage', token: readOnly, status: 200 },
        { method: 'GET', url: '/api/v1/replies', status: 401 },
      ],
      'GET /api/v1/replies/{id}': [
        { method: 'GET', url: `/api/v1/replies/${reply.id}`, token: replier, status: 200 },
        { method: 'GET', url: `/api/v1/replies/${reply.id}`, token: all, status: 200 },
        { method: 'GET', url: `/api/v1/replies/${reply.id}`, token: readOnly, status: 404 },
        { method: 'GET', url: `/api/v1/replies/${reply.id}`, status: 401 },
      ],
      'POST /api/v1/demands/{id}/replies': [
        { method: 'POST', url: `/api/v1/demands/${demand.id}/replies`, token: secondToken, payload: { org: String(second.id), statement: '저희도 함께하겠습니다.', capabilities: [] }, status: 201 },
        { method: 'POST', url: `/api/v1/demands/${demand.id}/replies`, token: replier, payload: { org: String(reply.org.id), statement: '한 번 더', capabilities: [] }, status: 422 },
        { method: 'POST', url: `/api/v1/demands/${demand.id}/replies`, token: readOnly, payload: { org: '1', statement: 'x', capabilities: [] }, status: 403 },
      ],
      'POST /api/v1/replies/{id}/messages': [
        { method: 'POST', url: `/api/v1/replies/${reply.id}/messages`, token: replier, payload: { body: '다음 주에 만나 뵐 수 있을까요?' }, status: 201 },
        { method: 'POST', url: `/api/v1/replies/${reply.id}/messages`, token: replier, payload: {}, status: 422 },
        { method: 'POST', url: `/api/v1/replies/${reply.id}/messages`, token: citizenWriter, payload: { body: '끼어들기' }, status: 404 },
      ],
      'POST /api/v1/replies/{id}/decision': [
        { method: 'POST', url: `/api/v1/replies/${reply.id}/decision`, token: all, payload: { decision: 'maybe' }, status: 422 },
        { method: 'POST', url: `/api/v1/replies/${reply.id}/decision`, token: all, payload: { decision: 'decline' }, status: 422 },
        { method: 'POST', url: `/api/v1/replies/${reply.id}/decision`, token: replier, payload: { decision: 'shortlist' }, status: 403 },
        { method: 'POST', url: `/api/v1/replies/${reply.id}/decision`, token: all, payload: { decision: 'shortlist' }, status: 204 },
      ],
      'POST /api/v1/replies/{id}/withdraw': [
        { method: 'POST', url: `/api/v1/replies/${reply.id}/withdraw`, token: readOnly, status: 403 },
        { method: 'POST', url: `/api/v1/replies/${reply.id}/withdraw`, token: secondToken, status: 404 },
        { method: 'POST', url: `/api/v1/replies/${reply.id}/withdraw`, token: replier, status: 204 },
      ],
      'GET /api/v1/cases': [{ method: 'GET', url: '/api/v1/cases', status: 200 }],
      'GET /api/v1/cases/{id}': [
        { method: 'GET', url: `/api/v1/cases/${matchId}`, status: 200 },
        { method: 'GET', url: '/api/v1/cases/999999', status: 404 },
      ],
      'GET /api/v1/briefings': [{ method: 'GET', url: '/api/v1/briefings', status: 200 }],
      'GET /api/v1/briefings/{id}': [
        { method: 'GET', url: `/api/v1/briefings/${briefing}`, status: 200 },
        { method: 'GET', url: '/api/v1/briefings/999999', status: 404 },
      ],
      'PUT /api/v1/briefings/{id}/registration': [
        { method: 'PUT', url: `/api/v1/briefings/${briefing}/registration`, token: attendee, status: 200 },
        { method: 'PUT', url: `/api/v1/briefings/${briefing}/registration`, token: attendee, payload: { org: '999' }, status: 422 },
        { method: 'PUT', url: `/api/v1/briefings/${briefing}/registration`, token: readOnly, status: 403 },
      ],
      'DELETE /api/v1/briefings/{id}/registration': [
        { method: 'DELETE', url: `/api/v1/briefings/${briefing}/registration`, token: attendee, status: 204 },
        { method: 'DELETE', url: `/api/v1/briefings/${briefing}/registration`, token: attendee, status: 404 },
      ],
      'GET /api/v1/review-rounds': [
        { method: 'GET', url: '/api/v1/review-rounds', token: reviewerToken, status: 200 },
        { method: 'GET', url: '/api/v1/review-rounds', status: 401 },
      ],
      'GET /api/v1/review-rounds/{id}': [
        { method: 'GET', url: `/api/v1/review-rounds/${round.id}`, token: reviewerToken, status: 200 },
        { method: 'GET', url: `/api/v1/review-rounds/${round.id}`, token: readOnly, status: 404 },
      ],
      'GET /api/v1/tasks': [
        { method: 'GET', url: '/api/v1/tasks', status: 200 },
        { method: 'GET', url: `/api/v1/tasks?kind=key&q=${encodeURIComponent('연계')}&after=zz` },
      ],
      'GET /api/v1/tasks/{id}': [
        { method: 'GET', url: `/api/v1/tasks/${task.id}`, status: 200 },
        { method: 'GET', url: `/api/v1/tasks/${task.id}`, token: reporter, status: 200 },
        { method: 'GET', url: '/api/v1/tasks/999999', status: 404 },
      ],
      'POST /api/v1/tasks/{id}/reports': [
        { method: 'POST', url: `/api/v1/tasks/${task.id}/reports`, token: reporter, payload: { period, rag: 'purple', summary: '' }, status: 422 },
        { method: 'POST', url: `/api/v1/tasks/${task.id}/reports`, token: readOnly, payload: { period, rag: 'green', summary: '순조롭습니다.' }, status: 403 },
        { method: 'POST', url: `/api/v1/tasks/${task.id}/reports`, token: anyoneWriting, payload: { period, rag: 'green', summary: '순조롭습니다.' }, status: 404 },
        { method: 'POST', url: `/api/v1/tasks/${task.id}/reports`, token: reporter, payload: { period, rag: 'green', summary: '연계 시험을 마쳤습니다.' }, status: 201 },
      ],
      'GET /api/v1/sos/tickets': [
        { method: 'GET', url: '/api/v1/sos/tickets', token: requester, status: 200 },
        { method: 'GET', url: '/api/v1/sos/tickets', status: 401 },
      ],
      'GET /api/v1/sos/tickets/{id}': [
        { method: 'GET', url: `/api/v1/sos/tickets/${ticket.id}`, token: requester, status: 200 },
        { method: 'GET', url: `/api/v1/sos/tickets/${ticket.id}`, token: readOnly, status: 404 },
      ],
      'POST /api/v1/sos/tickets': [
        { method: 'POST', url: '/api/v1/sos/tickets', token: requester, payload: { org: String(ticket.org.id), category: 'systems', urgency: 'normal', title: '연계 규격 문의', description: '규격 문서를 받고 싶습니다.' }, status: 201 },
        { method: 'POST', url: '/api/v1/sos/tickets', token: requester, payload: {}, status: 422 },
        { method: 'POST', url: '/api/v1/sos/tickets', token: readOnly, payload: {}, status: 403 },
      ],
      'POST /api/v1/sos/tickets/{id}/messages': [
        { method: 'POST', url: `/api/v1/sos/tickets/${ticket.id}/messages`, token: requester, payload: { body: '규격 문서를 첨부합니다.' }, status: 204 },
        { method: 'POST', url: `/api/v1/sos/tickets/${ticket.id}/messages`, token: anyoneWriting, payload: { body: '끼어들기' }, status: 404 },
      ],
      'POST /api/v1/sos/tickets/{id}/settle': [
        { method: 'POST', url: `/api/v1/sos/tickets/${ticket.id}/settle`, token: requester, payload: { outcome: 'later' }, status: 422 },
        { method: 'POST', url: `/api/v1/sos/tickets/${ticket.id}/settle`, token: requester, payload: { outcome: 'confirm' }, status: 422 },
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
        if (call.status && response.statusCode !== call.status) failures.push(`${call.method} ${call.url}: ${response.statusCode}, not ${call.status} (${response.body.slice(0, 200)})`);
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

import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type BuiltUser, buildUser, ctxAs } from '../src/modules/accounts/test/builders.ts';
import { buildOrg } from '../src/modules/orgs/test/builders.ts';
import { addBusinessHours } from '../src/shared/business-time.ts';
import { publishEntry } from '../src/modules/sos/entries.service.ts';
import { inviteGuest, proposeSolution, replyAsDesk } from '../src/modules/sos/sos.service.ts';
import { buildTicket } from '../src/modules/sos/test/builders.ts';
import type { Agent } from './agent.ts';
import { PDF } from './documents.ts';
import { everyone, type PermissionRow, signInAll, unexpectedAnswers } from './permission-table.ts';
import { buildTestApp, type TestApp } from './test-app.ts';

type ActorName = 'anonymous' | 'requester' | 'colleague' | 'outsider' | 'guest' | 'desk';

/**
 * Every 협업SOS route as actor × answer: the requester and their organisation's other members, an
 * unrelated organisation, a guest responder of this one ticket, and the desk (an operator).
 */
describe('협업SOS permissions', () => {
  let t: TestApp;
  const agents = {} as Record<ActorName, Agent>;
  const users = {} as Record<Exclude<ActorName, 'anonymous'>, BuiltUser>;
  let ticket = 0;
  let other = 0;

  before(async () => {
    t = await buildTestApp();
    users.desk = await buildUser(t.db, { role: 'operator' });
    const org = await buildOrg(t.db);
    users.requester = org.admin;
    users.colleague = await buildUser(t.db);
    await t.db.insertInto('org_members').values({ org_id: org.id, user_id: users.colleague.id, role: 'member', status: 'active', created_at: t.clock() }).execute();
    users.outsider = (await buildOrg(t.db)).admin;
    const guestOrg = await buildOrg(t.db, { sector: 'company' });
    users.guest = guestOrg.admin;
    ticket = (await buildTicket(t.db, { org })).id;
    other = (await buildTicket(t.db)).id;
    await inviteGuest(await ctxAs(t.db, users.desk), ticket, { email: users.guest.email });
    await replyAsDesk(await ctxAs(t.db, users.desk), ticket, { kind: 'note', body: '내부 메모는 운영기관만' });
    Object.assign(agents, await signInAll(() => t.agent(), users));
  });
  after(() => t.close());

  const rows: PermissionRow<ActorName>[] = [
    ...everyone('GET', () => '/sos', { anonymous: 303, requester: 200, colleague: 200, outsider: 200, guest: 200, desk: 200 }),
    ...everyone('GET', () => '/sos/new', { anonymous: 303, requester: 200, colleague: 200, outsider: 200, guest: 200, desk: 200 }),
    ...everyone('GET', () => `/sos/${ticket}`, { anonymous: 303, requester: 200, colleague: 200, outsider: 404, guest: 200, desk: 200 }),
    ...everyone('GET', () => `/sos/${other}`, { anonymous: 303, requester: 404, colleague: 404, outsider: 404, guest: 404, desk: 200 }),
    ...everyone('POST', () => `/sos/${ticket}/reply`, { anonymous: 404, requester: 303, colleague: 303, outsider: 404, guest: 403, desk: 403 }, async () => ({ body: '덧붙입니다' })),
    ...everyone('POST', () => `/sos/${ticket}/guest-reply`, { anonymous: 404, requester: 403, colleague: 403, outsider: 404, guest: 303, desk: 403 }, async () => ({ body: '답합니다' })),
    ...everyone('POST', () => `/sos/${ticket}/desk`, { anonymous: 404, requester: 404, colleague: 404, outsider: 404, guest: 404, desk: 303 }, async () => ({ kind: 'answer', body: '답변' })),
    ...everyone('POST', () => `/sos/${ticket}/assign`, { anonymous: 404, requester: 404, colleague: 404, outsider: 404, guest: 404, desk: 303 }, async () => ({ assignee: String(users.desk.id) })),
    ...everyone('GET', () => '/admin/sos', { anonymous: 303, requester: 404, colleague: 404, outsider: 404, guest: 404, desk: 200 }),
    ...everyone('GET', () => '/admin/sos/settings', { anonymous: 303, requester: 404, colleague: 404, outsider: 404, guest: 404, desk: 200 }),
    ...everyone('POST', () => '/admin/sos/desk', { anonymous: 401, requester: 404, colleague: 404, outsider: 404, guest: 404, desk: 303 }, async () => ({ members: [String(users.desk.id)], leads: [String(users.desk.id)] })),
  ];

  it('answers every actor and action as the rules say', async () => {
    assert.deepEqual(await unexpectedAnswers(rows, agents), []);
  });

  it('never shows an internal note to the requester’s side or a guest', async () => {
    for (const actor of ['requester', 'colleague', 'guest'] as const) assert.doesNotMatch((await agents[actor].get(`/sos/${ticket}`)).body, /내부 메모는 운영기관만/, actor);
    assert.match((await agents.desk.get(`/sos/${ticket}`)).body, /내부 메모는 운영기관만/);
  });

  it('gives a bad request back beside its fields, with what was typed', async () => {
    const page = await agents.requester.post('/sos/new', { org: '', category: 'weird', urgency: '', title: '막혔습니다', description: '' });
    assert.equal(page.statusCode, 422);
    assert.match(page.body, /유형을 고르세요/);
    assert.match(page.body, /value="막혔습니다"/);
  });

  it('keeps the ticket’s files to whoever sees the ticket', async () => {
    await agents.requester.get(`/sos/${ticket}`);
    assert.equal((await agents.requester.postFile(`/sos/${ticket}/files`, {}, { field: 'file', filename: '계약서.pdf', content: PDF })).statusCode, 303);
    const [file] = await t.db.selectFrom('attachments').select('id').where('owner_type', '=', 'sos').where('owner_id', '=', ticket).execute();
    for (const [actor, expected] of [['requester', 200], ['colleague', 200], ['guest', 200], ['desk', 200], ['outsider', 404]] as const) {
      assert.equal((await agents[actor].get(`/sos/${ticket}/files/${file!.id}`)).statusCode, expected, actor);
    }
    assert.equal((await agents.desk.get(`/sos/${other}/files/${file!.id}`)).statusCode, 404, 'another ticket’s address finds nothing');
  });

  it('lets the desk set the targets, each mistake beside its field; new requests are promised by them', async () => {
    const form: Record<string, string> = {};
    for (const row of await t.db.selectFrom('sos_targets').selectAll().execute()) Object.assign(form, { [`first.${row.category}.${row.urgency}`]: String(row.first_response_hours), [`days.${row.category}.${row.urgency}`]: String(row.resolution_days) });
    const refused = await agents.desk.post('/admin/sos/targets', { ...form, 'first.law.urgent': '0', 'days.law.urgent': '두 날' });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /1~200 사이의 시간을 적어 주세요/);
    assert.match(refused.body, /value="두 날"/);
    assert.equal((await agents.desk.post('/admin/sos/targets', { ...form, 'first.law.urgent': '1' })).statusCode, 303);
    const { id } = await buildTicket(t.db, { category: 'law', urgency: 'urgent' });
    const row = await t.db.selectFrom('sos_tickets').select(['created_at', 'first_response_due_at']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.first_response_due_at.toISOString(), addBusinessHours(row.created_at, 1).toISOString());
  });

  it('shows similar 협업 Q&A answers before a request is sent, keeping what was typed', async () => {
    const { id } = await buildTicket(t.db, { title: '협업정원 요청 서류' });
    const desk = await ctxAs(t.db, users.desk);
    await proposeSolution(desk, id, { resolution: 'answered', body: '협업정원 요청서는 TF 공간에서 씁니다.' });
    const entryId = await publishEntry(desk, id, { category: 'staffing', title: '협업정원은 어떻게 요청하나요', question: '협업정원 요청 서류가 궁금합니다.', answer: '협업정원 요청서는 TF 공간에서 씁니다.' });
    assert.match((await agents.anonymous.get('/sos/answers?q=협업정원')).body, new RegExp(`href="/sos/answers/${entryId}"`));
    assert.equal((await agents.anonymous.get(`/sos/answers/${entryId}`)).statusCode, 200);
    assert.equal((await agents.requester.get(`/sos/answers/${entryId}/edit`)).statusCode, 404);
    await agents.requester.get('/sos/new');
    const page = await agents.requester.post('/sos/new/similar', { title: '협업정원 요청은 어디서', description: '인력이 더 필요합니다', urgency: 'normal' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`href="/sos/answers/${entryId}"`));
    assert.match(page.body, /value="협업정원 요청은 어디서"/);
    assert.equal(await t.db.selectFrom('sos_tickets').select('id').where('title', '=', '협업정원 요청은 어디서').executeTakeFirst(), undefined, 'nothing was sent');
  });

  it('writes a message sent twice with one form key once, and echoes no more than a request may hold', async () => {
    const key = randomUUID();
    await agents.colleague.get(`/sos/${ticket}`);
    const body = { body: '두 번 눌렀습니다', _once: key };
    const [first, second] = [await agents.colleague.post(`/sos/${ticket}/reply`, body), await agents.colleague.post(`/sos/${ticket}/reply`, body)];
    assert.deepEqual([first.statusCode, second.statusCode], [303, 303]);
    const sent = await t.db.selectFrom('sos_messages').select('id').where('ticket_id', '=', ticket).where('body', '=', '두 번 눌렀습니다').execute();
    assert.equal(sent.length, 1);
    await agents.requester.get('/sos/new');
    const page = await agents.requester.post('/sos/new/similar', { title: '긴 요청', description: '가'.repeat(20_000) });
    assert.ok(!page.body.includes('가'.repeat(5001)));
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type BuiltUser, buildUser } from '../src/modules/accounts/test/builders.ts';
import { buildDemand, demandForm } from '../src/modules/demands/test/builders.ts';
import { buildReply } from '../src/modules/matches/test/builders.ts';
import { buildOrg } from '../src/modules/orgs/test/builders.ts';
import type { Agent } from './agent.ts';
import { everyone, type PermissionRow, signInAll, unexpectedAnswers } from './permission-table.ts';
import { buildTestApp, type TestApp } from './test-app.ts';

type ActorName = 'anonymous' | 'citizen' | 'demander' | 'replier' | 'outsider' | 'waiting' | 'operator';
type Row = PermissionRow<ActorName>;

/**
 * Every permission rule of collaboration matching as actor × action × answer, through HTTP.
 * A resource someone may not see or touch answers 404, exactly like a missing one; a visitor is led
 * through sign-in instead (303), since a mailed link must survive being opened signed out. An action
 * on something the actor can see but may not do yet (reply without a verified organisation) answers
 * 403 with what is needed. `waiting` belongs to an organisation awaiting verification.
 */
describe('collaboration permissions', () => {
  let t: TestApp;
  const agents = {} as Record<ActorName, Agent>;
  const users = {} as Record<Exclude<ActorName, 'anonymous'>, BuiltUser>;
  let orgA: { id: number; admin: BuiltUser };
  let orgB: { id: number; admin: BuiltUser };
  let demand = 0;
  let draft = 0;
  let reply = 0;
  let match = 0;
  let waitingDraft = 0;
  let waitingOrg = 0;
  /** A published demand of A with B's reply, for rows that change it. */
  const fresh = async () => {
    const d = await buildDemand(t.db, { org: orgA });
    const r = await buildReply(t.db, d.id, { org: orgB });
    return { demand: d.id, reply: r.id };
  };

  before(async () => {
    t = await buildTestApp();
    orgA = await buildOrg(t.db, { sector: 'local' });
    orgB = await buildOrg(t.db, { sector: 'company' });
    const orgC = await buildOrg(t.db);
    const waiting = await buildOrg(t.db, { status: 'pending' });
    waitingOrg = waiting.id;
    waitingDraft = (await buildDemand(t.db, { org: waiting, status: 'draft' })).id;
    users.waiting = waiting.admin;
    users.demander = orgA.admin;
    users.replier = orgB.admin;
    users.outsider = orgC.admin;
    users.citizen = await buildUser(t.db);
    users.operator = await buildUser(t.db, { role: 'operator' });
    Object.assign(agents, await signInAll(() => t.agent(), users));
    ({ demand, reply } = await fresh());
    draft = (await buildDemand(t.db, { org: orgA, status: 'draft' })).id;
  });
  after(() => t.close());


  const rows: Row[] = [
    // Reading demands: published for everyone; drafts for their organisation and operators.
    ...everyone('GET', () => `/demands/${demand}`, { anonymous: 200, citizen: 200, demander: 200, replier: 200, outsider: 200, waiting: 200, operator: 200 }),
    ...everyone('GET', () => `/demands/${draft}`, { anonymous: 303, citizen: 404, demander: 200, replier: 404, outsider: 404, waiting: 404, operator: 200 }),
    // Editing: members of the demanding organisation only (operators moderate, they do not edit).
    ...everyone('GET', () => `/demands/${demand}/edit`, { anonymous: 303, citizen: 404, demander: 200, replier: 404, outsider: 404, waiting: 404, operator: 404 }),
    ['replier', 'POST', () => `/demands/${demand}/edit`, 404, () => demandForm(t.db, orgA.id)],
    ['demander', 'POST', () => `/demands/${demand}/edit`, 303, () => demandForm(t.db, orgA.id)],
    ['outsider', 'POST', () => `/demands/${draft}/publish`, 404],
    // A waiting organisation prepares drafts; publishing them waits for its verification.
    ['waiting', 'GET', () => `/demands/${waitingDraft}`, 200],
    ['waiting', 'POST', () => `/demands/${waitingDraft}/publish`, 403],
    ['operator', 'POST', () => `/demands/${demand}/close`, 404],
    ['replier', 'POST', () => `/demands/${demand}/withdraw`, 404],
    // Replying: a member of another, verified organisation; never to one's own demand.
    ['anonymous', 'GET', () => `/demands/${demand}/reply`, 303],
    ['citizen', 'GET', () => `/demands/${demand}/reply`, 403],
    ['demander', 'GET', () => `/demands/${demand}/reply`, 403],
    ['waiting', 'GET', () => `/demands/${demand}/reply`, 403],
    ['outsider', 'GET', () => `/demands/${demand}/reply`, 200],
    ['demander', 'POST', () => `/demands/${demand}/reply`, 403, async () => ({ org: String(orgA.id), statement: '우리 과제', capabilities: [] })],
    ['waiting', 'POST', () => `/demands/${demand}/reply`, 403, async () => ({ org: String(waitingOrg), statement: '검증 전', capabilities: [] })],
    ['replier', 'POST', () => `/demands/${demand}/reply`, 422, async () => ({ org: String(orgB.id), statement: '한 번 더', capabilities: [] })],
    // The negotiation thread: the two organisations and operators see it; only the two write in it.
    ...everyone('GET', () => `/replies/${reply}`, { anonymous: 303, citizen: 404, demander: 200, replier: 200, outsider: 404, waiting: 404, operator: 200 }),
    ...everyone('POST', () => `/replies/${reply}/messages`, { anonymous: 404, citizen: 404, demander: 303, replier: 303, outsider: 404, waiting: 404, operator: 404 }, async () => ({
      body: '안녕하세요',
    })),
    ['outsider', 'POST', () => `/replies/${reply}/meetings`, 404, async () => ({ heldOn: '2026-12-01', mode: 'online', attendees: '누구', notes: '메모' })],
    ['replier', 'POST', () => `/replies/${reply}/meetings`, 303, async () => ({ heldOn: '2026-12-01', mode: 'online', attendees: '누구', notes: '메모' })],
    // Editing and withdrawing a reply: the replier; deciding on it: the demanding organisation.
    ['demander', 'GET', () => `/replies/${reply}/edit`, 404],
    ['replier', 'GET', () => `/replies/${reply}/edit`, 200],
    ['demander', 'POST', () => `/replies/${reply}/withdraw`, 404],
    ['replier', 'POST', () => `/replies/${reply}/shortlist`, 404],
    ['outsider', 'POST', () => `/replies/${reply}/decline`, 404, async () => ({ reason: '사양' })],
    ['demander', 'POST', () => `/replies/${reply}/shortlist`, 303],
    // Moderation: operators hide any demand or reply, with a reason.
    ['demander', 'POST', () => `/demands/${demand}/hide`, 404, async () => ({ reason: '이유' })],
    ['replier', 'POST', () => `/replies/${reply}/hide`, 404, async () => ({ reason: '이유' })],
    // Concluding: the demanding organisation records; each partner confirms for itself.
    ['replier', 'GET', () => `/demands/${demand}/conclude`, 404],
    ['outsider', 'GET', () => `/demands/${demand}/conclude`, 404],
    ['demander', 'GET', () => `/demands/${demand}/conclude`, 200],
    ['demander', 'POST', () => `/demands/${demand}/conclude`, 303, async () => ({ partners: [String(orgB.id)], summary: '합의', leadContribution: '장소', startedOn: '2026-12-01' })],
    ...everyone('GET', () => `/cases/${match}`, { anonymous: 303, citizen: 404, demander: 200, replier: 200, outsider: 404, waiting: 404, operator: 200 }),
    ['outsider', 'POST', () => `/cases/${match}/confirm/${orgB.id}`, 404, async () => ({ contribution: '대신 확인' })],
    ['demander', 'POST', () => `/cases/${match}/confirm/${orgB.id}`, 404, async () => ({ contribution: '대신 확인' })],
    ['replier', 'POST', () => `/cases/${match}/confirm/${orgB.id}`, 303, async () => ({ contribution: '수리' })],
    ...everyone('GET', () => `/cases/${match}`, { anonymous: 200, citizen: 200, demander: 200, replier: 200, outsider: 200, waiting: 200, operator: 200 }),
    ['outsider', 'POST', () => `/cases/${match}/updates`, 404, async () => ({ body: '소식' })],
    ['replier', 'POST', () => `/cases/${match}/updates`, 303, async () => ({ body: '소식' })],
    ['anonymous', 'GET', () => '/notifications', 303],
    ['anonymous', 'GET', () => '/demands/mine', 303],
    ['demander', 'GET', () => '/demands/mine', 200],
    // Taxonomy of themes: operators only.
    ['demander', 'GET', () => '/admin/themes', 404],
    ['operator', 'GET', () => '/admin/themes', 200],
    ['demander', 'POST', () => '/admin/themes', 404, async () => ({ name: '기후', nameEn: 'Climate' })],
    ['operator', 'POST', () => '/admin/themes', 303, async () => ({ name: '기후', nameEn: 'Climate' })],
  ];

  it('answers every actor and action as the rules say', async () => {
    const failures = await unexpectedAnswers(rows, agents, ([, method], path, response) => {
      if (method === 'POST' && path.endsWith('/conclude') && response.statusCode === 303) match = Number(String(response.headers.location).split('/').pop());
    });
    assert.deepEqual(failures, []);
  });

  it('shows the contact person only to members of verified organisations and operators', async () => {
    const { demand: id } = await fresh();
    for (const [actor, sees] of [['anonymous', false], ['citizen', false], ['waiting', false], ['outsider', true], ['operator', true]] as const) {
      const page = await agents[actor].get(`/demands/${id}`);
      assert.equal(page.body.includes('contact@test.ieumteo.kr'), sees, actor);
    }
  });

  it('names the editors of a demand only to its organisation and operators; others read the organisation', async () => {
    const { demand: id } = await fresh();
    const { name: orgName } = await t.db.selectFrom('orgs').select('name').where('id', '=', orgA.id).executeTakeFirstOrThrow();
    const editor = ` · ${users.demander.name}</p>`;
    for (const [actor, sees] of [['anonymous', false], ['citizen', false], ['replier', false], ['outsider', false], ['demander', true], ['operator', true]] as const) {
      const page = await agents[actor].get(`/demands/${id}/revisions`);
      assert.equal(page.statusCode, 200, actor);
      assert.equal(page.body.includes(editor), sees, actor);
      assert.equal(page.body.includes(users.demander.name), sees, `${actor}: the name appears nowhere else either`);
      if (!sees) assert.ok(page.body.includes(` · ${orgName}</p>`), `${actor} reads the organisation as the author`);
    }
  });

  it('keeps private notes to the two organisations and operators', async () => {
    const d = await buildDemand(t.db, { org: orgA });
    const r = await buildReply(t.db, d.id, { org: orgB, privateNote: '비공개 단가 제안' });
    assert.doesNotMatch((await agents.outsider.get(`/demands/${d.id}`)).body, /비공개 단가 제안/);
    for (const actor of ['demander', 'replier', 'operator'] as const) assert.match((await agents[actor].get(`/replies/${r.id}`)).body, /비공개 단가 제안/);
  });

  it('lets only the demanding organisation close or withdraw, and operators hide with a reason', async () => {
    const one = await fresh();
    assert.equal((await agents.demander.post(`/demands/${one.demand}/close`)).statusCode, 303);
    const two = await fresh();
    assert.equal((await agents.demander.post(`/demands/${two.demand}/withdraw`)).statusCode, 303);
    const three = await fresh();
    assert.equal((await agents.operator.post(`/demands/${three.demand}/hide`, { reason: '' })).statusCode, 422);
    assert.equal((await agents.operator.post(`/demands/${three.demand}/hide`, { reason: '개인정보 노출' })).statusCode, 303);
    assert.equal((await agents.citizen.get(`/demands/${three.demand}`)).statusCode, 404, 'hidden from the public');
    assert.equal((await agents.operator.post(`/replies/${three.reply}/hide`, { reason: '광고' })).statusCode, 303);
    assert.equal((await agents.replier.post(`/replies/${three.reply}/withdraw`)).statusCode, 303);
  });
});

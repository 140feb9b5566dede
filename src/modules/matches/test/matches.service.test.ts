import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase } from '../../../../test/test-database.ts';
import type { Database } from '../../../db/client.ts';
import { ANONYMOUS } from '../../../shared/context.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../../shared/errors.ts';
import { buildUser, ctxAs, ctxFor } from '../../accounts/test/builders.ts';
import { buildDemand } from '../../demands/test/builders.ts';
import { buildOrg } from '../../orgs/test/builders.ts';
import { caseLabel, confirmMatch, getCase, listCases, recordMatch } from '../cases.service.ts';
import { createReply, decideReply, getReplyForEdit, getThread, postMessage, recordMeeting, repliesOfDemand, setReplyHidden, withdrawReply } from '../replies.service.ts';
import { buildReply } from './builders.ts';

describe('matches service', () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());

  const unread = (userId: number, kind: string) =>
    database.db.selectFrom('notifications').select('params').where('user_id', '=', userId).where('kind', '=', kind).execute();

  it('carries a demand from reply through negotiation to a two-sided conclusion and a public success case', async () => {
    const db = database.db;
    const a = await buildOrg(db, { sector: 'local' });
    const { id: demandId } = await buildDemand(db, { org: a });
    const b = await buildReply(db, demandId, { orgOverrides: { sector: 'company' }, privateNote: '단가는 따로 말씀드리겠습니다.' });
    const c = await buildReply(db, demandId, { orgOverrides: { sector: 'public-institution' } });
    assert.equal((await unread(a.admin.id, 'notice.newReply')).length, 2, 'the demanding organisation hears of each reply');

    const ctxA = await ctxAs(db, a.admin);
    await postMessage(ctxA, b.id, { body: '다음 주에 만나 뵐 수 있을까요?' });
    assert.equal((await unread(b.org.admin.id, 'notice.newMessage')).length, 1);
    await recordMeeting(ctxA, b.id, { heldOn: '2026-12-01', mode: 'offline', attendees: '김협업, 이기업', notes: '역할 분담 합의' });
    const thread = await getThread(await ctxAs(db, b.org.admin), b.id);
    assert.equal(thread.messages.length, 1);
    assert.equal(thread.meetings.length, 1);
    assert.equal(thread.reply.private_note, '단가는 따로 말씀드리겠습니다.');

    await decideReply(ctxA, b.id, 'shortlist');
    assert.equal((await unread(b.org.admin.id, 'notice.shortlisted')).length, 1);
    const matchId = await recordMatch(ctxA, demandId, { partners: [String(b.org.id), String(c.org.id)], summary: '함께 합니다', leadContribution: '장소 제공', startedOn: '2026-12-10' });
    await assert.rejects(getCase(ctxFor(db, ANONYMOUS), matchId), NotFoundError, 'not public before every partner confirms');
    await confirmMatch(await ctxAs(db, b.org.admin), matchId, b.org.id, { contribution: '휠체어 수리' });
    assert.equal((await getCase(ctxA, matchId)).match.concluded_at, null);
    await confirmMatch(await ctxAs(db, c.org.admin), matchId, c.org.id, { contribution: '보관 장소' });

    const publicCase = await getCase(ctxFor(db, ANONYMOUS), matchId);
    assert.ok(publicCase.match.concluded_at);
    assert.equal(publicCase.label, 'public-private');
    assert.deepEqual(publicCase.partners.map((p) => p.contribution).sort(), ['보관 장소', '휠체어 수리']);
    for (const user of [a.admin, b.org.admin, c.org.admin]) assert.equal((await unread(user.id, 'notice.concluded')).length, 1, 'every party is told');
    const events = await db.selectFrom('demand_events').select('kind').where('demand_id', '=', demandId).orderBy('id').execute();
    assert.deepEqual(
      events.map((e) => e.kind),
      ['created', 'published', 'reply', 'reply', 'meeting', 'reply.shortlisted', 'negotiating', 'match.recorded', 'match.confirmed', 'match.confirmed', 'concluded'],
    );
    assert.ok((await listCases(ctxFor(db, ANONYMOUS))).items.some((item) => item.id === matchId));
  });

  it('allows one active reply per organisation, never to its own demand, and hides private parts from others', async () => {
    const db = database.db;
    const a = await buildOrg(db);
    const { id: demandId } = await buildDemand(db, { org: a });
    const own = await createReply(await ctxAs(db, a.admin), demandId, { org: String(a.id), statement: '우리', capabilities: [] }).catch((e: unknown) => e);
    assert.ok(own instanceof ForbiddenError, 'a member of only the demanding organisation has nothing to reply with, and is told so');
    const b = await buildReply(db, demandId);
    const again = await createReply(await ctxAs(db, b.org.admin), demandId, { org: String(b.org.id), statement: '또', capabilities: [] }).catch((e: unknown) => e);
    assert.ok(again instanceof ValidationError);
    assert.equal(again.fields.org, 'reply.already');
    await assert.rejects(getThread(ctxFor(db, ANONYMOUS), b.id), NotFoundError);
    await assert.rejects(getThread(await ctxAs(db, await buildUser(db)), b.id), NotFoundError);
    assert.ok(await getThread(await ctxAs(db, await buildUser(db, { role: 'operator' })), b.id));
    await withdrawReply(await ctxAs(db, b.org.admin), b.id);
    const listed = await repliesOfDemand(ctxFor(db, ANONYMOUS), { id: demandId, org_id: a.id });
    assert.deepEqual([listed.items.length, listed.count], [0, 0]);
    await buildReply(db, demandId, { org: b.org });
  });

  it('shows a long negotiation’s newest 100 messages, oldest first, with the way to the earlier ones', async () => {
    const db = database.db;
    const { id: demandId } = await buildDemand(db);
    const reply = await buildReply(db, demandId);
    const at = Date.parse('2026-11-02T00:00:00Z');
    // As written over weeks: a long thread is test data here, not a hundred posts through the rate limit.
    await db
      .insertInto('thread_messages')
      .values(Array.from({ length: 101 }, (_, i) => ({ reply_id: reply.id, org_id: reply.org.id, author_id: reply.org.admin.id, body: `메시지 ${i + 1}`, created_at: new Date(at + i * 60_000) })))
      .execute();
    const ctx = await ctxAs(db, reply.org.admin);
    const latest = await getThread(ctx, reply.id);
    assert.equal(latest.messages.length, 100);
    assert.deepEqual([latest.messages[0]?.body, latest.messages.at(-1)?.body], ['메시지 2', '메시지 101'], 'the newest, oldest first');
    assert.ok(latest.earlier);
    const earlier = await getThread(ctx, reply.id, latest.earlier);
    assert.deepEqual(earlier.messages.map((m) => m.body), ['메시지 1']);
    assert.equal(earlier.earlier, null);
  });

  it("pages a demand's replies 50 at a time, oldest first, counting only those the reader may see", async () => {
    const db = database.db;
    const { id: demandId, org } = await buildDemand(db);
    const built: number[] = [];
    for (let i = 0; i < 51; i++) built.push((await buildReply(db, demandId)).id);
    const operator = await ctxAs(db, await buildUser(db, { role: 'operator' }));
    await setReplyHidden(operator, built[0]!, { reason: '광고입니다' }, true);
    const reader = ctxFor(db, ANONYMOUS);
    const demand = { id: demandId, org_id: org.id };
    const shown = await repliesOfDemand(reader, demand);
    assert.deepEqual([shown.items.length, shown.count, shown.nextCursor], [50, 50, null], 'the hidden one neither shown nor counted, nor a page for it');
    assert.deepEqual(shown.items.map((r) => r.id), built.slice(1), 'oldest first');
    const first = await repliesOfDemand(operator, demand);
    assert.deepEqual([first.items.length, first.count, first.items[0]?.id], [50, 51, built[0]], 'an operator sees the hidden one too');
    assert.ok(first.nextCursor);
    const second = await repliesOfDemand(operator, demand, first.nextCursor);
    assert.deepEqual([...first.items, ...second.items].map((r) => r.id), built, 'each once, none left out');
    assert.equal(second.nextCursor, null);
    assert.equal(second.count, 51, 'a later page counts them all');
    assert.deepEqual((await repliesOfDemand(reader, demand, 'not-a-cursor')).items, shown.items, 'a cursor that is not one: the first page');
  });

  it("counts a short list of replies by what it shows: the hidden for operators only, never the withdrawn", async () => {
    const db = database.db;
    const { id: demandId, org } = await buildDemand(db);
    const [hidden, withdrawn] = [await buildReply(db, demandId), await buildReply(db, demandId)];
    await buildReply(db, demandId);
    const operator = await ctxAs(db, await buildUser(db, { role: 'operator' }));
    await setReplyHidden(operator, hidden.id, { reason: '광고입니다' }, true);
    await withdrawReply(await ctxAs(db, withdrawn.org.admin), withdrawn.id);
    const demand = { id: demandId, org_id: org.id };
    const shown = await repliesOfDemand(ctxFor(db, ANONYMOUS), demand);
    assert.deepEqual([shown.items.length, shown.count, shown.nextCursor], [1, 1, null]);
    const all = await repliesOfDemand(operator, demand);
    assert.deepEqual([all.items.length, all.count, all.nextCursor], [2, 2, null]);
  });

  it("lists a demand's replies with each one's capabilities in their order", async () => {
    const db = database.db;
    const { id: demandId, org } = await buildDemand(db);
    const offering = await buildReply(db, demandId, { capabilities: ['물품 기증', '의료기기 수리'] });
    const plain = await buildReply(db, demandId);
    const sort = await db.selectFrom('capabilities').select(['name', 'name_en']).where('name', 'in', ['물품 기증', '의료기기 수리']).orderBy('sort').orderBy('id').execute();
    const listed = (await repliesOfDemand(ctxFor(db, ANONYMOUS), { id: demandId, org_id: org.id })).items;
    assert.deepEqual(
      listed.map((r) => [r.id, r.capabilities.map((c) => [c.name, c.name_en])]),
      [
        [offering.id, sort.map((c) => [c.name, c.name_en])],
        [plain.id, []],
      ],
    );
    assert.ok(listed[0]!.capabilities.every((c) => typeof c.id === 'number'));
    const replier = await ctxAs(db, offering.org.admin);
    assert.deepEqual((await getThread(replier, offering.id)).capabilities, listed[0]!.capabilities, 'the thread shows the same');
    assert.deepEqual((await getReplyForEdit(replier, offering.id)).values.capabilities, listed[0]!.capabilities.map((c) => String(c.id)), 'and the edit form ticks them');
  });

  it('tells a declined organisation politely, with the reason', async () => {
    const db = database.db;
    const a = await buildOrg(db);
    const { id: demandId } = await buildDemand(db, { org: a });
    const b = await buildReply(db, demandId);
    const empty = await decideReply(await ctxAs(db, a.admin), b.id, 'decline', { reason: '' }).catch((e: unknown) => e);
    assert.ok(empty instanceof ValidationError);
    await decideReply(await ctxAs(db, a.admin), b.id, 'decline', { reason: '이번에는 지역이 맞지 않습니다' });
    const [notice] = await unread(b.org.admin.id, 'notice.declined');
    assert.equal(notice?.params.reason, '이번에는 지역이 맞지 않습니다');
  });

  it('labels cases by the sectors of all their organisations', () => {
    assert.equal(caseLabel(['central', 'company']), 'public-private');
    assert.equal(caseLabel(['central', 'local', 'public-institution']), 'public-public');
    assert.equal(caseLabel(['company', 'civil-society']), 'private-private');
  });
});

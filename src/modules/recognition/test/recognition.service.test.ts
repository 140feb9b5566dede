import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestClock, testClock } from '../../../../test/clock.ts';
import { createTestDatabase } from '../../../../test/test-database.ts';
import type { Database } from '../../../db/client.ts';
import { ANONYMOUS } from '../../../shared/context.ts';
import { NotFoundError, type ValidationError } from '../../../shared/errors.ts';
import { type BuiltUser, buildUser, ctxAs, ctxFor } from '../../accounts/test/builders.ts';
import { confirmPresenting } from '../../briefings/briefings.service.ts';
import { buildBriefing } from '../../briefings/test/builders.ts';
import { buildDemand } from '../../demands/test/builders.ts';
import { confirmMatch, recordMatch } from '../../matches/cases.service.ts';
import { decideReply, withdrawReply } from '../../matches/replies.service.ts';
import { buildReply } from '../../matches/test/builders.ts';
import { buildOrg } from '../../orgs/test/builders.ts';
import { createAward, deleteAward, listAwards, rankOrgs, setWeights } from '../recognition.service.ts';

const kst = (local: string) => new Date(`${local}+09:00`);

describe('recognition', () => {
  let database: Database;
  let clock: TestClock;
  let operator: BuiltUser;
  let park: Awaited<ReturnType<typeof buildOrg>>;
  let wheels: Awaited<ReturnType<typeof buildOrg>>;

  /** 2026: the park publishes two demands and presents one at a held briefing; the wheel company replies to both (one reply withdrawn and sent again) and concludes one. */
  before(async () => {
    database = await createTestDatabase();
    const db = database.db;
    clock = testClock(kst('2026-03-02T10:00:00'));
    operator = await buildUser(db, { role: 'operator' });
    park = await buildOrg(db, { name: '국립공원공단 시상', sector: 'public-institution' });
    wheels = await buildOrg(db, { name: '(주)바퀴 시상', sector: 'company' });
    const first = await buildDemand(db, { org: park, title: '휠체어 나눔', themes: ['복지'], targetSectors: ['company'], now: clock });
    const second = await buildDemand(db, { org: park, title: '탐방로 안내', themes: ['복지'], now: clock });
    const reply = await buildReply(db, first.id, { org: wheels, now: clock });
    const again = await buildReply(db, second.id, { org: wheels, now: clock });
    await withdrawReply(await ctxAs(db, wheels.admin, clock), again.id);
    await buildReply(db, second.id, { org: wheels, now: clock });
    const lead = await ctxAs(db, park.admin, clock);
    await decideReply(lead, reply.id, 'shortlist');
    const matchId = await recordMatch(lead, first.id, { partners: [String(wheels.id)], summary: '함께', leadContribution: '장소', startedOn: '2026-03-02' });
    await confirmMatch(await ctxAs(db, wheels.admin, clock), matchId, wheels.id, { contribution: '수리' });
    const welfare = (await db.selectFrom('themes').select('id').where('name', '=', '복지').executeTakeFirstOrThrow()).id;
    const briefing = await buildBriefing(db, { operator, startsAt: '2026-03-10T14:00', group: { theme: welfare, sector: 'any' }, now: clock });
    await confirmPresenting(await ctxAs(db, park.admin, clock), briefing, second.id);
    clock.set(kst('2026-06-01T10:00:00'));
  });
  after(() => database.close());

  it('ranks organisations by weighted activity, each activity once per demand', async () => {
    const { ranking, weights } = await rankOrgs(ctxFor(database.db, ANONYMOUS, clock), {});
    assert.deepEqual(weights, { publish: 10, reply: 5, conclude: 30, present: 15 });
    assert.deepEqual(
      ranking.map((o) => [o.name, o.counts, o.points]),
      [
        ['국립공원공단 시상', { publish: 2, reply: 0, conclude: 1, present: 1 }, 20 + 30 + 15],
        ['(주)바퀴 시상', { publish: 0, reply: 2, conclude: 1, present: 0 }, 10 + 30],
      ],
    );
    await setWeights(await ctxAs(database.db, operator, clock), { publish: '0', reply: '50', conclude: '30', present: '0' });
    const reweighed = await rankOrgs(ctxFor(database.db, ANONYMOUS, clock), {});
    assert.deepEqual(
      reweighed.ranking.map((o) => [o.name, o.points]),
      [
        ['(주)바퀴 시상', 130],
        ['국립공원공단 시상', 30],
      ],
    );
    const lastYear = await rankOrgs(ctxFor(database.db, ANONYMOUS, clock), { from: '2025-01-01', to: '2025-12-31' });
    assert.deepEqual([lastYear.ranking, lastYear.active], [[], 0]);
    const before = await rankOrgs(ctxFor(database.db, ANONYMOUS, () => kst('2026-03-09T10:00:00')), {});
    assert.equal(before.ranking.find((o) => o.name === '국립공원공단 시상')?.counts.present, 0, 'a briefing not yet held earns nothing');
  });

  it('records awards for a person of an organisation, an organisation or a campaign; operators only', async () => {
    const ctx = await ctxAs(database.db, operator, clock);
    const base = { title: '협업인재상', category: 'person', reason: '휠체어 나눔을 이끌었습니다.', awardedOn: '2026-05-30' };
    const noPerson = (await createAward(ctx, { ...base, orgName: '국립공원공단 시상' }).catch((e: unknown) => e)) as ValidationError;
    assert.deepEqual(noPerson.fields, { recipientName: 'recognition.recipientMissing' });
    const unknown = (await createAward(ctx, { ...base, recipientName: '김하늘', orgName: '없는 기관' }).catch((e: unknown) => e)) as ValidationError;
    assert.deepEqual(unknown.fields, { orgName: 'recognition.orgUnknown' });
    const id = await createAward(ctx, { ...base, recipientName: '김하늘', orgName: '국립공원공단 시상' });
    await createAward(ctx, { title: '2026 상반기 협업 캠페인 성사상', category: 'campaign', reason: '가장 많은 협업을 성사시켰습니다.', awardedOn: '2026-05-31', orgName: '(주)바퀴 시상' });
    const awards = await listAwards(ctxFor(database.db, ANONYMOUS, clock));
    assert.deepEqual(
      awards.map((a) => [a.title, a.recipient_name, a.org_name]),
      [
        ['2026 상반기 협업 캠페인 성사상', null, '(주)바퀴 시상'],
        ['협업인재상', '김하늘', '국립공원공단 시상'],
      ],
    );
    const citizen = await buildUser(database.db);
    await assert.rejects(createAward(await ctxAs(database.db, citizen, clock), { ...base, recipientName: '나' }), NotFoundError);
    await assert.rejects(setWeights(await ctxAs(database.db, citizen, clock), { publish: '1', reply: '1', conclude: '1', present: '1' }), NotFoundError);
    await deleteAward(ctx, id);
    assert.equal((await listAwards(ctx)).length, 1);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestClock, testClock } from '../../../../test/clock.ts';
import { createTestDatabase } from '../../../../test/test-database.ts';
import type { Database } from '../../../db/client.ts';
import { ANONYMOUS } from '../../../shared/context.ts';
import { ValidationError } from '../../../shared/errors.ts';
import { buildUser, ctxAs, ctxFor } from '../../accounts/test/builders.ts';
import { setDemandHidden } from '../../demands/demands.service.ts';
import { buildDemand } from '../../demands/test/builders.ts';
import { confirmMatch, recordMatch } from '../../matches/cases.service.ts';
import { decideReply } from '../../matches/replies.service.ts';
import { buildReply } from '../../matches/test/builders.ts';
import { buildOrg } from '../../orgs/test/builders.ts';
import { periodStats } from '../stats.service.ts';
import { buildHistory } from './builders.ts';

const kst = (local: string) => new Date(`${local}+09:00`);

describe('statistics from the lifecycle log', () => {
  let database: Database;
  let clock: TestClock;
  const stats = (period: { from?: string; to?: string }) => periodStats(ctxFor(database.db, ANONYMOUS, clock), period);

  /**
   * Four demands published in January and February 2026 through the services, one in March, one
   * draft and one hidden: A (공공기관, 서울) and D (지자체, 서울) conclude with B (기업, 부산) and A.
   */
  before(async () => {
    database = await createTestDatabase();
    clock = testClock(kst('2026-01-05T10:00:00'));
    const db = database.db;
    const a = await buildOrg(db, { name: '국립공원공단 통계', sector: 'public-institution', region: '01-001' });
    const b = await buildOrg(db, { name: '(주)바퀴 통계', sector: 'company', region: '02' });
    const c = await buildOrg(db, { name: '나눔회 통계', sector: 'civil-society' });
    const d = await buildOrg(db, { name: '서울시 통계', sector: 'local', region: '01' });
    const at = async (local: string) => clock.set(kst(local));
    const reply = async (demandId: number, org: typeof a, local: string) => {
      await at(local);
      return buildReply(db, demandId, { org, now: clock });
    };
    const conclude = async (demand: { id: number; org: typeof a }, replied: { id: number; org: typeof a }, negotiating: string, concluded: string) => {
      await at(negotiating);
      const lead = await ctxAs(db, demand.org.admin, clock);
      await decideReply(lead, replied.id, 'shortlist');
      const matchId = await recordMatch(lead, demand.id, { partners: [String(replied.org.id)], summary: '함께합니다', leadContribution: '장소', startedOn: '2026-01-10' });
      await at(concluded);
      await confirmMatch(await ctxAs(db, replied.org.admin, clock), matchId, replied.org.id, { contribution: '수리' });
    };

    const d1 = await buildDemand(db, { org: a, title: '휠체어 나눔', themes: ['복지'], now: clock });
    const b1 = await reply(d1.id, b, '2026-01-07T10:00:00');
    await reply(d1.id, c, '2026-01-08T10:00:00');
    await conclude(d1, b1, '2026-01-09T10:00:00', '2026-01-12T10:00:00');

    await at('2026-01-10T09:00:00');
    const hidden = await buildDemand(db, { org: a, title: '광고성 글', themes: ['복지'], now: clock });
    const operator = await buildUser(db, { role: 'operator' });
    await setDemandHidden(await ctxAs(db, operator, clock), hidden.id, { reason: '광고' }, true);

    await at('2026-01-20T10:00:00');
    const d2 = await buildDemand(db, { org: d, title: '하천 정화', themes: ['환경'], now: clock });
    const a2 = await reply(d2.id, a, '2026-01-21T10:00:00');
    await conclude(d2, a2, '2026-01-22T10:00:00', '2026-01-25T10:00:00');

    // Ten minutes into February in Korea, still January in UTC: a February demand.
    await at('2026-02-01T00:10:00');
    const d3 = await buildDemand(db, { org: b, title: '해변 청소와 돌봄', themes: ['복지', '환경'], now: clock });
    await reply(d3.id, c, '2026-02-08T00:10:00');

    await at('2026-02-15T10:00:00');
    await buildDemand(db, { org: c, title: '문화 나들이', themes: ['문화·관광'], now: clock });
    await buildDemand(db, { org: c, title: '아직 작성 중', status: 'draft', now: clock });

    await at('2026-03-02T10:00:00');
    const d5 = await buildDemand(db, { org: a, title: '3월 수요', now: clock });
    await reply(d5.id, b, '2026-03-03T10:00:00');
    clock.set(kst('2026-04-01T10:00:00'));
  });
  after(() => database.close());

  it('counts January and February by hand', async () => {
    const s = await stats({ from: '2026-01-01', to: '2026-02-28' });
    assert.deepEqual(
      {
        registered: s.registered,
        replied: s.replied,
        replierOrgs: s.replierOrgs,
        negotiating: s.negotiating,
        concluded: s.concluded,
        publicPrivate: s.publicPrivate,
        medianDaysToFirstReply: s.medianDaysToFirstReply,
        medianDaysToConclusion: s.medianDaysToConclusion,
      },
      // Replies after 2, 1 and 7 days; conclusions after 7 and 5; only d1 (공공기관 + 기업) is public–private.
      { registered: 4, replied: 3, replierOrgs: 3, negotiating: 2, concluded: 2, publicPrivate: 1, medianDaysToFirstReply: 2, medianDaysToConclusion: 6 },
    );
    const byKey = (slices: typeof s.bySector) => Object.fromEntries(slices.map(({ key, registered, replied, concluded }) => [key, [registered, replied, concluded]]));
    assert.deepEqual(byKey(s.bySector), { 'public-institution': [1, 1, 1], local: [1, 1, 1], company: [1, 1, 0], 'civil-society': [1, 0, 0] });
    assert.deepEqual(byKey(s.byRegion), { '01': [2, 2, 2], '02': [1, 1, 0], '': [1, 0, 0] });
    assert.deepEqual(byKey(s.byMonth), { '2026-01': [2, 2, 2], '2026-02': [2, 1, 0] });
    const themeNames = Object.fromEntries(Object.entries(byKey(s.byTheme)).map(([id, counts]) => [s.names.themes[id]![0], counts]));
    assert.deepEqual(themeNames, { 복지: [2, 2, 1], 환경: [2, 2, 1], '문화·관광': [1, 0, 0] });
    assert.equal(s.names.regions['01'], '서울특별시');
    assert.equal(s.operator, null, 'the operator view is for operators');
  });

  it('follows each demand only to the end of the period', async () => {
    const s = await stats({ from: '2026-01-01', to: '2026-01-10' });
    // d1 only: replied by B and C, shortlisted on the 9th, concluded on the 12th (after the period).
    assert.deepEqual([s.registered, s.replied, s.replierOrgs, s.negotiating, s.concluded, s.medianDaysToConclusion], [1, 1, 2, 1, 0, null]);
    const march = await stats({ from: '2026-03-01', to: '2026-03-31' });
    assert.deepEqual([march.registered, march.replied, march.medianDaysToFirstReply], [1, 1, 1]);
    const empty = await stats({ from: '2025-01-01', to: '2025-12-31' });
    assert.deepEqual([empty.registered, empty.replierOrgs, empty.medianDaysToFirstReply, empty.bySector], [0, 0, null, []]);
  });

  it('defaults to the whole history up to today, and refuses a period that ends before it starts', async () => {
    const s = await stats({});
    assert.deepEqual(s.period, { from: '2026-01-05', to: '2026-04-01' });
    assert.equal(s.registered, 5);
    const backwards = await stats({ from: '2026-03-01', to: '2026-02-01' }).catch((e: unknown) => e);
    assert.ok(backwards instanceof ValidationError);
    assert.deepEqual(backwards.fields, { to: 'stats.periodOrder' });
    const impossible = await stats({ from: '2026-02-30' }).catch((e: unknown) => e);
    assert.deepEqual((impossible as ValidationError).fields, { from: 'field.dateInvalid' });
  });

  it('shows operators the replies, the hidden demands and where the demands stand now', async () => {
    const operator = await buildUser(database.db, { role: 'operator' });
    const s = await periodStats(await ctxAs(database.db, operator, clock), { from: '2026-01-01', to: '2026-02-28' });
    assert.equal(s.operator?.replies, 4);
    assert.equal(s.operator?.hidden, 1);
    assert.deepEqual(Object.fromEntries(s.operator!.statusNow.map((r) => [r.status, r.count])), { concluded: 2, open: 2 });
  });
  it('works a period out once for everyone asking at the same time, and afresh for whoever asks after', async () => {
    const [first, second] = await Promise.all([stats({}), stats({})]);
    assert.equal(first, second, 'two visitors asking together share one answer');
    const later = await stats({});
    assert.notEqual(later, first, 'asked afterwards: worked out again');
    assert.deepEqual(later, first);
    const operator = await buildUser(database.db, { role: 'operator' });
    const [asOperator, asVisitor] = await Promise.all([periodStats(await ctxAs(database.db, operator, clock), {}), stats({})]);
    assert.ok(asOperator.operator !== null && asVisitor.operator === null, "an operator's figures are their own");
  });
});

describe('statistics of a history shaped like the original platform', () => {
  it('reproduces 372 registered, 108 replied from 262 organisations, 65 concluded, 56.9% public–private', async () => {
    const database = await createTestDatabase();
    try {
      await buildHistory(database.db, { start: '2025-03-01', days: 200, registered: 372, replied: 108, replierOrgs: 262, concluded: 65, publicPrivate: 37 });
      const s = await periodStats(ctxFor(database.db, ANONYMOUS, () => kst('2025-12-01T12:00:00')), { from: '2025-03-01', to: '2025-09-16' });
      assert.deepEqual([s.registered, s.replied, s.replierOrgs, s.concluded, s.publicPrivate], [372, 108, 262, 65, 37]);
      assert.equal(Math.round((s.publicPrivate / s.concluded) * 1000) / 10, 56.9);
      assert.deepEqual([s.medianDaysToFirstReply, s.medianDaysToConclusion], [1, 10]);
      assert.equal(s.negotiating, 65);
      assert.equal(s.byMonth.reduce((sum, m) => sum + m.registered, 0), 372);
    } finally {
      await database.close();
    }
  });
});

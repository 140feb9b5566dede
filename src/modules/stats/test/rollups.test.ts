import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testClock } from '../../../../test/clock.ts';
import { createTestDatabase } from '../../../../test/test-database.ts';
import type { Database } from '../../../db/client.ts';
import { ANONYMOUS } from '../../../shared/context.ts';
import { buildUser, ctxAs, ctxFor } from '../../accounts/test/builders.ts';
import { buildReply } from '../../matches/test/builders.ts';
import { buildOrg } from '../../orgs/test/builders.ts';
import { refreshMarkedMonths } from '../rollups.ts';
import { type PeriodStats, periodStats } from '../stats.service.ts';
import { buildHistory } from './builders.ts';

const kst = (local: string) => new Date(`${local}+09:00`);

describe('monthly rollups of the statistics', () => {
  let database: Database;
  const clock = testClock(kst('2026-03-15T12:00:00'));
  const stats = (period: { from?: string; to?: string }) => periodStats(ctxFor(database.db, ANONYMOUS, clock), period);
  const marked = async () => (await database.db.selectFrom('stats_stale_months').select('month').distinct().orderBy('month').execute()).map((r) => r.month);
  /** The figures but the period, to compare one way of working them out with another. */
  const figures = ({ period: _, ...rest }: PeriodStats) => rest;

  before(async () => {
    database = await createTestDatabase();
    // Fourteen months of history, 2025-01-10 to 2026-02-13, written straight into the tables.
    await buildHistory(database.db, { start: '2025-01-10', days: 400, registered: 600, replied: 200, replierOrgs: 300, concluded: 60, publicPrivate: 30 });
  });
  after(() => database.close());

  it('are marked by the database for every month the log wrote to, and add up to what the log says', async () => {
    assert.equal((await marked()).length, 14, 'bulk inserts into the log mark their months too');
    // Nothing happened today, so a period ending yesterday follows its cohort as far as one ending today.
    const fromTheLog = figures(await stats({ to: '2026-03-14' }));
    const midMonthFromTheLog = figures(await stats({ from: '2025-05-17', to: '2026-03-14' }));
    const beforeRollups = figures(await stats({}));
    assert.deepEqual(beforeRollups, fromTheLog, 'months without a row are worked out from the log');

    assert.equal(await refreshMarkedMonths(database.db, clock()), 14);
    assert.deepEqual(await marked(), []);
    assert.equal((await database.db.selectFrom('stats_months').select('month').execute()).length, 14);
    const whole = await stats({});
    assert.deepEqual(figures(whole), fromTheLog, 'the whole history from the rollups');
    assert.deepEqual([whole.registered, whole.replied, whole.replierOrgs, whole.concluded, whole.publicPrivate], [600, 200, 300, 60, 30]);
    assert.equal(whole.byMonth.length, 14);
    assert.deepEqual(figures(await stats({ from: '2025-05-17' })), midMonthFromTheLog, 'a period starting mid-month: that month from the log, the rest from rollups');

    const operator = await ctxAs(database.db, await buildUser(database.db, { role: 'operator' }), clock);
    assert.deepEqual((await periodStats(operator, {})).operator, (await periodStats(operator, { to: '2026-03-14' })).operator);
  });

  it('take a new reply once the job has worked its month out again', async () => {
    await refreshMarkedMonths(database.db, clock());
    const before = await stats({});
    const { id: demandId } = await database.db.selectFrom('demands').select('id').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    const newcomer = await buildOrg(database.db, { name: '새로 온 답글기관', sector: 'company' });
    await buildReply(database.db, demandId, { org: newcomer, now: clock });
    assert.deepEqual(await marked(), ['2026-02']);

    await refreshMarkedMonths(database.db, clock());
    const afterJob = await stats({});
    assert.equal(afterJob.replierOrgs, before.replierOrgs + 1);
    assert.equal(afterJob.replied, before.replied + 1, 'the newest demand had no reply');
    assert.deepEqual(afterJob.byMonth.find((m) => m.key === '2026-02')?.replied, (before.byMonth.find((m) => m.key === '2026-02')?.replied ?? 0) + 1);
  });

  it("take an organisation's new sector under its demands and its partnerships", async () => {
    await refreshMarkedMonths(database.db, clock());
    const before = await stats({});
    assert.deepEqual(before.bySector.map((s) => s.key), ['local']);
    const lead = await database.db.selectFrom('orgs').select('id').where('name', '=', '역사 수요기관 1').executeTakeFirstOrThrow();
    await database.db.updateTable('orgs').set({ description: '설명만 바뀜' }).where('id', '=', lead.id).execute();
    assert.deepEqual(await marked(), [], 'a change that touches no figure marks nothing');

    await database.db.updateTable('orgs').set({ sector: 'central' }).where('id', '=', lead.id).execute();
    assert.equal((await marked()).length, 14);
    await refreshMarkedMonths(database.db, clock());
    const after = await stats({});
    assert.deepEqual(after.bySector.map((s) => [s.key, s.registered]), [['central', 600]]);
    assert.equal(after.publicPrivate, before.publicPrivate, 'central and local are both public');

    // A private partner turned public: its concluded collaboration is no longer public–private.
    const partner = await database.db.selectFrom('match_partners').innerJoin('orgs', 'orgs.id', 'match_partners.org_id').select('orgs.id').where('orgs.sector', '=', 'company').limit(1).executeTakeFirstOrThrow();
    await database.db.updateTable('orgs').set({ sector: 'public-institution' }).where('id', '=', partner.id).execute();
    assert.equal((await marked()).length, 1);
    await refreshMarkedMonths(database.db, clock());
    assert.equal((await stats({})).publicPrivate, before.publicPrivate - 1);
  });
});

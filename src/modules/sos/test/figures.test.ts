import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { clock, testClock } from '../../../../test/clock.ts';
import { createTestDatabase } from '../../../../test/test-database.ts';
import type { Database } from '../../../db/client.ts';
import { addBusinessHours, onOrNextWorkingDay } from '../../../shared/business-time.ts';
import { addDays, kstDate } from '../../../shared/dates.ts';
import { buildUser, ctxAs } from '../../accounts/test/builders.ts';
import { buildOrg } from '../../orgs/test/builders.ts';
import { sosFigures } from '../figures.service.ts';
import { proposeSolution, rate, replyAsDesk, settle } from '../sos.service.ts';
import { buildTicket } from './builders.ts';

describe('협업SOS figures', () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());

  it('counts targets met among those due, medians in business hours, breaches by month and category', async () => {
    const db = database.db;
    const day = onOrNextWorkingDay(addDays(kstDate(clock()), 1));
    const opened = new Date(`${day}T10:00:00+09:00`);
    const at = (hours: number) => testClock(addBusinessHours(opened, hours));
    const operator = await buildUser(db, { role: 'operator' });
    const org = await buildOrg(db);
    // Answered after one working hour, solved after eight, confirmed and rated.
    const quick = await buildTicket(db, { org, category: 'law', urgency: 'urgent', now: at(0) });
    await replyAsDesk(await ctxAs(db, operator, at(1)), quick.id, { kind: 'answer', body: '답' });
    await proposeSolution(await ctxAs(db, operator, at(8)), quick.id, { resolution: 'answered', body: '해결' });
    await settle(await ctxAs(db, org.admin, at(9)), quick.id, 'confirm');
    await rate(await ctxAs(db, org.admin, at(9)), quick.id, { satisfaction: '5' });
    // Answered after sixteen working hours against a target of eight: breached.
    const late = await buildTicket(db, { org, category: 'law', urgency: 'normal', now: at(0) });
    await replyAsDesk(await ctxAs(db, operator, at(16)), late.id, { kind: 'answer', body: '늦은 답' });
    // Never answered: both targets passed by the time of counting.
    await buildTicket(db, { org, category: 'budget', urgency: 'urgent', now: at(0) });

    const figures = await sosFigures(db, day, day, addBusinessHours(opened, 40));
    assert.deepEqual(
      { ...figures, byMonth: undefined },
      { opened: 3, firstDue: 3, firstMet: 1, resolutionDue: 2, resolutionMet: 1, medianFirstHours: 8.5, medianResolutionHours: 8, satisfaction: 5, byMonth: undefined },
    );
    assert.deepEqual(figures.byMonth, [
      { month: day.slice(0, 7), category: 'budget', opened: 1, breached: 1 },
      { month: day.slice(0, 7), category: 'law', opened: 2, breached: 1 },
    ]);
  });
});

import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../../test/test-app.ts';
import { jobHandlers } from '../../../jobs/handlers.ts';
import { scheduleRecurring } from '../../../jobs/worker.ts';
import { buildUser, ctxAs } from '../../accounts/test/builders.ts';
import { assign } from '../sos.service.ts';
import { buildTicket } from './builders.ts';

/** Runs due jobs until none is left, after scheduling the recurring ones as the server does at boot. */
async function runScheduler(t: TestApp): Promise<void> {
  await scheduleRecurring(t.db, jobHandlers(t.config, t.database, t.clock), t.clock());
  while ((await t.worker.runDue()) > 0);
}

describe('협업SOS targets through the job queue', () => {
  const closing: (() => Promise<unknown>)[] = [];
  after(async () => {
    for (const close of closing.reverse()) await close();
  });

  it('warns once and escalates once, across a restart of the worker', async () => {
    const first = await buildTestApp();
    closing.push(() => first.database.close());
    const { db, clock } = first;
    const operator = await buildUser(db, { role: 'operator' });
    const { id } = await buildTicket(db, { urgency: 'urgent', now: clock });
    await assign(await ctxAs(db, operator, clock), id, { assignee: String(operator.id) });
    const row = await db.selectFrom('sos_tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const told = async (kind: string) => (await db.selectFrom('notifications').select('id').where('kind', '=', kind).where('link', '=', `/sos/${id}`).execute()).length;

    clock.set(new Date(row.first_response_warn_at.getTime() + 60_000));
    await runScheduler(first);
    await runScheduler(first);
    assert.equal(await told('notice.sos.first.warning'), 1);
    assert.equal(await told('notice.sos.first.breach'), 0);
    await first.app.close();

    // The installation restarts on the same database; the clock goes on past the breach.
    const second = await buildTestApp({}, { database: first.database, clock });
    closing.push(() => second.app.close());
    clock.set(new Date(row.first_response_due_at.getTime() + 5 * 60_000 + 60_000));
    await runScheduler(second);
    clock.set(new Date(clock().getTime() + 10 * 60_000));
    await runScheduler(second);
    assert.equal(await told('notice.sos.first.warning'), 1, 'not again after the restart');
    assert.ok((await told('notice.sos.first.breach')) >= 1, 'the breach reached the desk');
    const events = await db.selectFrom('sos_sla_events').select(['target', 'kind']).where('ticket_id', '=', id).execute();
    assert.equal(events.filter((e) => e.target === 'first').length, 2, 'one warning and one breach');
  });
});

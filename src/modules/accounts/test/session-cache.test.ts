import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { buildTestApp, type TestApp } from '../../../../test/test-app.ts';
import { until } from '../../../../test/until.ts';
import { type Notice, notifyInApp } from '../../notifications/notices.ts';
import { buildOrg } from '../../orgs/test/builders.ts';
import { sessionCache } from '../session-cache.ts';
import { createSession, loadSession } from '../sessions.ts';
import { buildUser } from './builders.ts';

/** Deletes the person's sessions with the trigger that tells of it switched off: only a session kept in memory still opens pages. */
async function deleteSessionsUnheard(t: TestApp, userId: number): Promise<void> {
  await t.db.transaction().execute(async (tx) => {
    await sql`ALTER TABLE sessions DISABLE TRIGGER sessions_session_changes`.execute(tx);
    await tx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    await sql`ALTER TABLE sessions ENABLE TRIGGER sessions_session_changes`.execute(tx);
  });
}

const KEPT_SECONDS = 60;
const invited: Notice = { kind: 'notice.partnerInvited', params: { org: '(주)든든모빌리티', title: '휠체어 기증' }, link: '/demands/1' };

/** `ieumteo_session_lookups_total` as a Prometheus scraper reads it. */
async function lookups(t: TestApp): Promise<{ memory: number; database: number }> {
  const scrape = (await t.app.inject({ url: '/metrics', headers: { authorization: 'Bearer scraper' } })).body;
  const count = (source: string) => Number(new RegExp(`^ieumteo_session_lookups_total\\{source="${source}"\\} (\\d+)$`, 'm').exec(scrape)?.[1] ?? 0);
  return { memory: count('memory'), database: count('database') };
}

describe('sessions kept in memory', () => {
  const apps: TestApp[] = [];
  after(async () => {
    for (const t of apps.reverse()) await t.close();
  });

  async function signedIn() {
    const t = await buildTestApp({ metricsToken: 'scraper', sessionKeptSeconds: KEPT_SECONDS });
    apps.push(t);
    const user = await buildUser(t.db);
    const agent = t.agent();
    await agent.login(user.email, user.password);
    // The sign-in's own changes are heard after it: a page read while one is on its way is not kept.
    await sleep(100);
    const page = async (url = '/about/accessibility') => (await agent.get(url)).body;
    const isSignedIn = async () => (await page()).includes('action="/logout"');
    return { t, user, agent, page, isSignedIn };
  }

  it('spare a signed-in page the session lookup until the session changes or the time kept has passed', async () => {
    const { t, user, isSignedIn } = await signedIn();
    assert.ok(await isSignedIn());
    await deleteSessionsUnheard(t, user.id);
    const before = await lookups(t);
    assert.ok(await isSignedIn(), 'the session kept in memory opened the page');
    const { memory, database } = await lookups(t);
    assert.deepEqual([memory - before.memory, database - before.database], [1, 0], '/metrics counts where sessions were found');
    t.clock.advance((KEPT_SECONDS + 1) * 1000);
    assert.equal(await isSignedIn(), false, 'a minute later it is read again, and found gone');
  });

  it('read the session afresh for a post, so a form never acts for a session that has ended', async () => {
    const { t, user, agent, isSignedIn } = await signedIn();
    await notifyInApp(t.db, t.clock(), user.id, invited);
    assert.ok(await isSignedIn());
    await deleteSessionsUnheard(t, user.id);
    assert.ok(await isSignedIn(), 'a page still opens with the session kept');
    await agent.post('/notifications/read-all');
    const notice = await t.db.selectFrom('notifications').select('read_at').where('user_id', '=', user.id).executeTakeFirstOrThrow();
    assert.equal(notice.read_at, null, 'the post was not taken as the signed-out person’s: the notice is still unread');
  });

  it('hear of every change to what a session shows, wherever it is made', async () => {
    const { t, user, agent, page, isSignedIn } = await signedIn();
    const org = await buildOrg(t.db);
    assert.ok(await isSignedIn());

    assert.equal((await agent.get(`/orgs/${org.id}/edit`)).statusCode, 404);
    await t.db.insertInto('org_members').values({ org_id: org.id, user_id: user.id, role: 'admin', status: 'active', created_at: t.clock() }).execute();
    await until(async () => (await agent.get(`/orgs/${org.id}/edit`)).statusCode === 200, 'the new member may edit the organisation');

    await t.db.updateTable('users').set({ role: 'operator' }).where('id', '=', user.id).execute();
    await until(async () => (await page()).includes('href="/admin"'), 'the new operator is offered the console');

    await notifyInApp(t.db, t.clock(), user.id, invited);
    await until(async () => /data-live-unread="1"/.test(await page()), 'the header counts the new notice');

    await t.db.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    await until(async () => !(await isSignedIn()), 'a session ended elsewhere opens no more pages');
  });

  it('hear of a change made through another instance of the app', async () => {
    const { t, user, isSignedIn } = await signedIn();
    const other = await buildTestApp({ sessionKeptSeconds: KEPT_SECONDS }, { database: t.database, clock: t.clock });
    apps.push(other);
    const elsewhere = other.agent();
    await elsewhere.login(user.email, user.password);
    assert.ok(await isSignedIn());
    // Signing out of every device from the other instance: a new password ends the other sessions.
    const changed = await elsewhere.post('/account/password', { currentPassword: user.password, password: 'a-new-password-2026', passwordConfirm: 'a-new-password-2026' });
    assert.equal(changed.statusCode, 303, changed.body.slice(0, 300));
    await until(async () => !(await isSignedIn()), 'the session ended on the other instance opens no page here');
  });

  it('keep nothing while changes cannot be heard, and keep again once they can', { skip: !process.env.DATABASE_URL && 'PGlite has no connection to lose' }, async () => {
    const { t, user, isSignedIn } = await signedIn();
    const listener = sql<{ pid: number }>`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN "session_changes"'`;
    const [lost] = (await listener.execute(t.db)).rows;
    await sql`SELECT pg_terminate_backend(${lost!.pid})`.execute(t.db);
    await sleep(100);
    assert.ok(await isSignedIn());
    await deleteSessionsUnheard(t, user.id);
    assert.equal(await isSignedIn(), false, 'while the changes went unheard, the session was read afresh');

    await until(async () => (await listener.execute(t.db)).rows.length === 1, 'a new connection listens');
    const agent = t.agent();
    await agent.login(user.email, user.password);
    await sleep(100);
    assert.ok((await agent.get('/about/accessibility')).body.includes('action="/logout"'));
    await deleteSessionsUnheard(t, user.id);
    assert.ok((await agent.get('/about/accessibility')).body.includes('action="/logout"'), 'kept again');
  });

  it('tell which people a committed change concerns, and nothing of one rolled back', async () => {
    const t = await buildTestApp();
    apps.push(t);
    const [member, outsider] = [await buildUser(t.db), await buildUser(t.db)];
    const org = await buildOrg(t.db, { admin: member });
    const heard: string[] = [];
    const unlisten = await t.database.listen('session_changes', (payload) => heard.push(String(payload)), assert.fail);
    const expect = async (change: () => Promise<unknown>, who: (number | '*')[], what: string) => {
      heard.length = 0;
      await change();
      await until(async () => heard.length >= who.length, what);
      await sleep(20);
      assert.deepEqual([...new Set(heard)].sort(), who.map(String).sort(), what);
    };
    await expect(() => t.db.updateTable('users').set({ name: '새 이름' }).where('id', '=', outsider.id).execute(), [outsider.id], 'a person renamed');
    await expect(() => t.db.updateTable('orgs').set({ status: 'rejected' }).where('id', '=', org.id).execute(), [member.id], 'an organisation’s verification withdrawn, to its members');
    await expect(
      () => t.db.insertInto('org_members').values({ org_id: org.id, user_id: outsider.id, role: 'member', status: 'requested', created_at: t.clock() }).execute(),
      [outsider.id],
      'a membership asked for',
    );
    await expect(() => t.db.deleteFrom('org_members').where('user_id', '=', outsider.id).execute(), [outsider.id], 'a membership ended');
    await expect(() => t.db.updateTable('notifications').set({ read_at: t.clock() }).where('user_id', '=', member.id).execute().then(() => notifyInApp(t.db, t.clock(), member.id, invited)), [member.id], 'a notice');
    for (const person of [member, outsider]) await createSession(t.db, person.id, t.clock());
    await expect(() => t.db.deleteFrom('sessions').where('user_id', 'in', [member.id, outsider.id]).execute(), [member.id, outsider.id], 'sessions ended');
    await expect(() => t.db.updateTable('org_members').set({ user_id: outsider.id }).where('user_id', '=', member.id).execute(), [member.id, outsider.id], 'a membership moved to another person, to both');
    await expect(() => sql`TRUNCATE notifications`.execute(t.db), ['*'], 'a table emptied, to everyone');

    heard.length = 0;
    await t.db.updateTable('orgs').set({ description: '소개만 바뀜' }).where('id', '=', org.id).execute();
    await t.db.updateTable('users').set({ locale: 'en' }).where('id', '=', member.id).execute();
    await assert.rejects(
      t.db.transaction().execute(async (tx) => {
        await tx.updateTable('users').set({ role: 'operator' }).where('id', '=', member.id).execute();
        throw new Error('rolled back');
      }),
    );
    await sleep(100);
    assert.deepEqual(heard, [], 'columns the session does not show, and a rolled-back change, tell no one');
    await unlisten();
  });

  it('keep no read that a change to its person overtook, whatever else changed meanwhile', async () => {
    const t = await buildTestApp();
    apps.push(t);
    const [changed, other] = [await buildUser(t.db), await buildUser(t.db)];
    const [changedToken, otherToken] = [await createSession(t.db, changed.id, t.clock()), await createSession(t.db, other.id, t.clock())];
    const cache = sessionCache(t.database, assert.fail, KEPT_SECONDS);
    await cache.start();
    const now = t.clock();
    const readWhile = async (token: string, change: () => Promise<unknown>) => {
      const ticket = cache.ticket();
      const state = await loadSession(t.db, token, now);
      await change();
      await until(async () => cache.ticket() > ticket, 'the change was heard');
      cache.keep(ticket, state, now);
      return state.actor.kind === 'user' ? state.actor.sessionId : assert.fail('signed in');
    };
    const rename = (id: number) => () => t.db.updateTable('users').set({ name: '새 이름' }).where('id', '=', id).execute();
    const overtaken = await readWhile(changedToken, rename(changed.id));
    assert.equal(cache.get(overtaken, now), undefined, 'the read from before the change is not kept');
    const unaffected = await readWhile(otherToken, rename(changed.id));
    assert.ok(cache.get(unaffected, now), 'somebody else’s change leaves the read to be kept');

    await sql`SELECT pg_notify('session_changes', '*')`.execute(t.db);
    await until(async () => cache.get(unaffected, now) === undefined, 'a table emptied drops every session kept');
    await cache.close();
  });

  it('keep nothing while none of the instances’ pings is heard', async () => {
    const t = await buildTestApp();
    apps.push(t);
    const user = await buildUser(t.db);
    const state = await loadSession(t.db, await createSession(t.db, user.id, t.clock()), t.clock());
    const sessionId = state.actor.kind === 'user' ? state.actor.sessionId : assert.fail('signed in');
    const keptAfter = async (cache: ReturnType<typeof sessionCache>) => {
      await cache.start();
      await sleep(200);
      cache.keep(cache.ticket(), state, t.clock());
      const found = cache.get(sessionId, t.clock()) !== undefined;
      await cache.close();
      return found;
    };
    assert.ok(await keptAfter(sessionCache(t.database, assert.fail, KEPT_SECONDS, 20)), 'an instance that hears the pings keeps sessions');
    // As behind a transaction-pooling PgBouncer: LISTEN is taken, and nothing ever arrives.
    const errors: Error[] = [];
    const deaf = sessionCache({ ...t.database, listen: async () => async () => {} }, (error) => errors.push(error), KEPT_SECONDS, 20);
    assert.equal(await keptAfter(deaf), false, 'an instance that hears none keeps nothing');
    assert.match(errors[0]?.message ?? '', /session_changes: no word for/);
  });
});

import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { buildTestApp, type TestApp } from '../../../../test/test-app.ts';
import { until } from '../../../../test/until.ts';
import { buildUser } from '../../accounts/test/builders.ts';
import { noticeFeed, signalNotices } from '../notice-feed.ts';
import { type Notice, notifyInApp } from '../notices.ts';

const invited = (title: string): Notice => ({ kind: 'notice.partnerInvited', params: { org: '(주)든든모빌리티', title }, link: '/demands/1' });

interface LiveEvent {
  id: string | undefined;
  unread: number;
  label: string;
  items: string[];
}

/** `ieumteo_live_streams` as a Prometheus scraper reads it. */
async function openStreams(t: TestApp): Promise<number> {
  const scrape = await t.app.inject({ url: '/metrics', headers: { authorization: 'Bearer scraper' } });
  return Number(/^ieumteo_live_streams (\d+)$/m.exec(scrape.body)?.[1]);
}

/** The event without its spoken label. */
const stateOf = (event: LiveEvent | null) => event && { id: event.id, unread: event.unread, items: event.items };

/** An EventSource stand-in: the stream's `notices` events, one at a time. */
async function openStream(url: string, headers: Record<string, string>) {
  const abort = new AbortController();
  const response = await fetch(url, { headers, signal: abort.signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return {
    response,
    /** The next event, or null once the server has ended the stream. */
    async next(): Promise<LiveEvent | null> {
      const deadline = sleep(5_000, 'timeout' as const, { ref: false });
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const field = (name: string) => frame.split('\n').find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2);
          if (field('event') !== 'notices') continue;
          return { id: field('id'), ...JSON.parse(field('data')!) };
        }
        const chunk = await Promise.race([reader.read(), deadline]);
        if (chunk === 'timeout') throw new Error('no event within 5 s');
        if (chunk.done) return null;
        buffer += chunk.value;
      }
    },
    close: () => abort.abort(),
  };
}

describe('live notices', () => {
  const apps: TestApp[] = [];
  after(async () => {
    for (const t of apps) await t.close();
  });

  /** An app on a loopback port, the stream's address, and a person signed in through the login form. */
  async function listening() {
    const t = await buildTestApp({ metricsToken: 'scraper' });
    apps.push(t);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/notifications/stream`;
    const user = await buildUser(t.db);
    const agent = t.agent();
    await agent.login(user.email, user.password);
    return { t, base, user, agent, sid: `sid=${agent.cookie('sid')}` };
  }

  it('are heard on every instance once their transaction commits, never when it is rolled back', async () => {
    const t = await buildTestApp();
    apps.push(t);
    const [reader, bystander] = [await buildUser(t.db), await buildUser(t.db)];
    // Two feeds are two app instances: on PostgreSQL, two LISTEN connections.
    const feeds = [noticeFeed(t.database, assert.fail), noticeFeed(t.database, assert.fail)];
    const heard = [0, 0];
    let bystanderHeard = 0;
    for (const [i, feed] of feeds.entries()) await feed.watch(reader.id, () => heard[i]!++);
    await feeds[1]!.watch(bystander.id, () => bystanderHeard++);

    await t.db.transaction().execute(async (tx) => {
      await notifyInApp(tx, t.clock(), reader.id, invited('휠체어 기증'));
      await sleep(100);
      assert.deepEqual(heard, [0, 0], 'nothing is heard before the commit');
    });
    await until(() => heard[0] === 1 && heard[1] === 1, 'both instances heard the committed notice');

    await assert.rejects(
      t.db.transaction().execute(async (tx) => {
        await notifyInApp(tx, t.clock(), reader.id, invited('취소된 일'));
        throw new Error('rolled back');
      }),
    );
    await notifyInApp(t.db, t.clock(), bystander.id, invited('다른 사람 일'));
    await until(() => bystanderHeard === 1, "the bystander's notice was heard");
    assert.deepEqual(heard, [1, 1], 'neither the rolled-back notice nor somebody else’s reached the reader');
    for (const feed of feeds) await feed.close();
  });

  it('listens again after losing its PostgreSQL connection, and wakes every watcher for what it missed', { skip: !process.env.DATABASE_URL && 'PGlite has no connection to lose' }, async () => {
    const t = await buildTestApp();
    apps.push(t);
    const reader = await buildUser(t.db);
    const errors: Error[] = [];
    const feed = noticeFeed(t.database, (error) => errors.push(error));
    let heard = 0;
    await feed.watch(reader.id, () => heard++);
    const listener = sql<{ pid: number }>`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'`;
    const [lost] = (await listener.execute(t.db)).rows;
    await sql`SELECT pg_terminate_backend(${lost!.pid})`.execute(t.db);
    await until(() => heard === 1, 'the watcher was woken after the reconnection');
    assert.ok(errors.length > 0, 'the lost connection was reported');
    const [again] = (await listener.execute(t.db)).rows;
    assert.notEqual(again?.pid, lost?.pid, 'a new connection listens');
    await notifyInApp(t.db, t.clock(), reader.id, invited('휠체어 기증'));
    await until(() => heard === 2, 'a notice after the reconnection was heard');
    await feed.close();
  });

  it('streams the unread count and new notices to the signed-in person, from where the page left off', async () => {
    const { t, base, user, agent, sid } = await listening();
    const signedIn = { cookie: `${sid}; flash=notice.allRead` };

    assert.equal((await fetch(`${base}?after=0`)).status, 204, 'a visitor is told to stop trying');

    const stream = await openStream(`${base}?after=0`, signedIn);
    assert.match(stream.response.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.equal(stream.response.headers.get('set-cookie'), null, 'the flash meant for the next page is left alone');
    assert.deepEqual(await stream.next(), { id: '0', unread: 0, label: '읽지 않은 알림이 0건 있습니다.', items: [] });

    await notifyInApp(t.db, t.clock(), user.id, invited('탐방객 휠체어 기증'));
    const arrived = await stream.next();
    const notice = await t.db.selectFrom('notifications').select('id').where('user_id', '=', user.id).executeTakeFirstOrThrow();
    assert.equal(arrived?.id, String(notice.id));
    assert.equal(arrived?.unread, 1);
    assert.equal(arrived?.label, '읽지 않은 알림이 1건 있습니다.');
    assert.equal(arrived?.items.length, 1);
    assert.match(arrived!.items[0]!, /<li class="unread">.*\(주\)든든모빌리티가 '탐방객 휠체어 기증' 수요과제에 귀 기관의 참여를 요청했습니다\./);
    assert.match(arrived!.items[0]!, new RegExp(`href="/notifications/${notice.id}"`));

    assert.equal((await agent.post('/notifications/read-all')).statusCode, 303);
    assert.deepEqual(stateOf(await stream.next()), { id: String(notice.id), unread: 0, items: [] }, 'reading them elsewhere clears the count');
    stream.close();

    // Away for a while: the browser reconnects with the last id it saw and gets only what is newer.
    await notifyInApp(t.db, t.clock(), user.id, invited('경로당 난방'));
    await notifyInApp(t.db, t.clock(), user.id, invited('도시락 배달'));
    const back = await openStream(base, { ...signedIn, 'last-event-id': String(notice.id) });
    const missed = await back.next();
    assert.equal(missed?.unread, 2);
    assert.deepEqual(missed?.items.map((html) => /경로당 난방|도시락 배달/.exec(html)?.[0]), ['도시락 배달', '경로당 난방']);

    // Without a list to fill (any page but the notification list), only the count.
    const badgeOnly = await openStream(base, signedIn);
    assert.deepEqual(stateOf(await badgeOnly.next()), { id: undefined, unread: 2, items: [] });

    // Closing the app ends open streams rather than waiting for them.
    const started = Date.now();
    await t.app.close();
    assert.equal(await back.next(), null);
    assert.equal(await badgeOnly.next(), null);
    assert.ok(Date.now() - started < 3_000, `closed in ${Date.now() - started} ms`);
  });

  it('sends nothing for a signal that changes nothing the page shows', async () => {
    // On PostgreSQL a notice committed just before a stream opens may be heard just after it opened.
    const { t, base, user, sid } = await listening();
    for (const url of [`${base}?after=0`, base]) {
      const stream = await openStream(url, { cookie: sid });
      const first = await stream.next();
      await signalNotices(t.db, user.id);
      await notifyInApp(t.db, t.clock(), user.id, invited(`경로당 난방 ${url.length}`));
      const next = await stream.next();
      assert.equal(next?.unread, (first?.unread ?? 0) + 1, 'the next event is the new notice, not a repeat of the count');
      stream.close();
    }
  });

  it('keeps a bounded number of streams per person', async () => {
    const { t, base: url, user, sid } = await listening();
    const headers = { cookie: sid };
    const streams = [];
    for (let i = 0; i < 9; i++) {
      const stream = await openStream(url, headers);
      await stream.next();
      streams.push(stream);
    }
    assert.equal(await streams[0]!.next(), null, 'the oldest stream gave way to the ninth');
    await notifyInApp(t.db, t.clock(), user.id, invited('휠체어 기증'));
    for (const stream of streams.slice(1)) assert.equal((await stream.next())?.unread, 1);
    assert.equal(await openStreams(t), 8, '/metrics counts the open streams');
    for (const stream of streams) stream.close();
    // The server hears of a closed stream a moment later.
    for (let tries = 0; tries < 100 && (await openStreams(t)) > 0; tries++) await sleep(20);
    assert.equal(await openStreams(t), 0);
  });
});

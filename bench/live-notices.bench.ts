/**
 * Live notices: how long a committed notice takes to reach an open Server-Sent Events stream, with
 * STREAMS (1000) people connected, half of them to a second app instance that hears of the notice
 * only through PostgreSQL LISTEN/NOTIFY (on the embedded database: one instance). NOTICES (3000)
 * notices for random connected people are raised at RATE (300) per second on the first instance.
 * Usage:
 *   DATABASE_URL=postgres://postgres@localhost/test?host=/var/run/postgresql node --import tsx bench/live-notices.bench.ts
 *   node --import tsx bench/live-notices.bench.ts     # embedded database, one instance
 * Prints figures; never fails on them. Loopback only; every loop is bounded.
 */
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildApp } from '../src/app/build-app.ts';
import { serverClock } from '../src/shared/clock.ts';
import { type Database, openDatabase } from '../src/db/client.ts';
import { createSession } from '../src/modules/accounts/sessions.ts';
import { notifyInApp } from '../src/modules/notifications/index.ts';
import { testConfig } from '../test/test-app.ts';
import { openBenchDatabase } from './bench-db.ts';
import { percentile } from './load.ts';

const STREAMS = Number(process.env.STREAMS ?? 1_000);
const NOTICES = Number(process.env.NOTICES ?? 3_000);
const RATE = Number(process.env.RATE ?? 300);

const first = await openBenchDatabase();
const databases: Database[] = [first];
if (first.kind === 'postgres') {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = '/ieumteo_bench';
  databases.push(await openDatabase({ url: url.toString() }));
}
const apps = await Promise.all(databases.map((database) => buildApp({ config: testConfig(), database, clock: serverClock() })));
const bases: string[] = [];
for (const app of apps) {
  await app.listen({ port: 0, host: '127.0.0.1' });
  bases.push(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`);
}

const db = first.db;
const now = new Date();
const users = await db
  .insertInto('users')
  .values(Array.from({ length: STREAMS }, (_, i) => ({ email: `live${i}@bench.ieumteo.kr`, name: `실시간 ${i}`, password_hash: null, email_verified_at: now, created_at: now, totp_secret: null, totp_enabled_at: null, deleted_at: null })))
  .returning('id')
  .execute();

/** Per person: when the notice that brought each unread count was raised (insert and notify included). */
const sentAt = new Map<number, number[]>();
const latencies: number[][] = apps.map(() => []);
const rssBefore = process.memoryUsage().rss;
const aborts: AbortController[] = [];
/** The last unread count each person's stream showed. */
const shownBy = new Map<number, number>();
let ready = 0;

async function follow(userId: number, instance: number) {
  const token = await createSession(db, userId, now);
  const abort = new AbortController();
  aborts.push(abort);
  const response = await fetch(`${bases[instance]}/notifications/stream`, { headers: { cookie: `sid=${token}` }, signal: abort.signal });
  let shown = 0;
  let buffer = '';
  let counted = false;
  try {
    for await (const chunk of response.body!.pipeThrough(new TextDecoderStream())) {
      buffer += chunk;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1];
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
        if (!data) continue;
        if (!counted) {
          counted = true;
          ready++;
        }
        const { unread } = JSON.parse(data) as { unread: number };
        const sent = sentAt.get(userId) ?? [];
        for (let k = shown + 1; k <= unread; k++) if (sent[k - 1] !== undefined) latencies[instance]!.push(performance.now() - sent[k - 1]!);
        shown = Math.max(shown, unread);
        shownBy.set(userId, shown);
      }
    }
  } catch {
    // aborted at the end
  }
}

let started = performance.now();
const following = users.map((user, i) => follow(user.id, i % apps.length));
while (ready < STREAMS && performance.now() - started < 60_000) await sleep(50);
console.log(`${first.kind}: ${ready} streams open on ${apps.length} instance(s) in ${Math.round(performance.now() - started)} ms`);
const rssStreams = process.memoryUsage().rss;

started = performance.now();
const interval = 1000 / RATE;
const raises: Promise<void>[] = [];
for (let n = 0; n < NOTICES; n++) {
  const wait = started + n * interval - performance.now();
  if (wait > 0) await sleep(wait);
  const user = users[Math.floor(Math.random() * users.length)]!;
  const raisedAt = performance.now();
  raises.push(
    notifyInApp(db, new Date(), user.id, { kind: 'notice.partnerInvited', params: { org: '벤치기관', title: `알림 ${n}` }, link: '/' }).then(() => {
      const sent = sentAt.get(user.id) ?? [];
      sent.push(raisedAt);
      sentAt.set(user.id, sent);
    }),
  );
}
await Promise.all(raises);
const raisedIn = performance.now() - started;
const deadline = performance.now() + 10_000;
const settled = () => users.every((user) => (shownBy.get(user.id) ?? 0) === (sentAt.get(user.id)?.length ?? 0));
while (!settled() && performance.now() < deadline) await sleep(50);
const right = users.filter((user) => (shownBy.get(user.id) ?? 0) === (sentAt.get(user.id)?.length ?? 0)).length;

console.log(`raised ${NOTICES} notices in ${Math.round(raisedIn)} ms (${Math.round((NOTICES / raisedIn) * 1000)}/s)`);
console.log(`every stream's final count right: ${right} of ${users.length} people`);
console.log('\nFrom raising a notice (insert, notify, commit) to its stream showing it, ms');
console.log('| instance | timed | p50 | p95 | p99 | max |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const [i, times] of latencies.entries()) {
  const sorted = times.sort((a, b) => a - b);
  const f = (p: number) => percentile(sorted, p).toFixed(1);
  console.log(`| ${i === 0 ? 'same (raised here)' : 'other (LISTEN/NOTIFY)'} | ${sorted.length} | ${f(50)} | ${f(95)} | ${f(99)} | ${(sorted.at(-1) ?? 0).toFixed(1)} |`);
}
console.log(`\nRSS ${Math.round(rssBefore / 1048576)} MB before the streams, ${Math.round(rssStreams / 1048576)} MB with ${ready} open (server and client in one process)`);

for (const abort of aborts) abort.abort();
await Promise.all(following);
for (const app of apps) await app.close();
for (const database of databases) await database.close();

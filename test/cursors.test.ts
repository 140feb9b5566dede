import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ctxAs } from '../src/modules/accounts/test/builders.ts';
import { buildDemand } from '../src/modules/demands/test/builders.ts';
import { confirmMatch, recordMatch } from '../src/modules/matches/cases.service.ts';
import { decideReply } from '../src/modules/matches/replies.service.ts';
import { buildReply } from '../src/modules/matches/test/builders.ts';
import { buildOrg } from '../src/modules/orgs/test/builders.ts';
import { addDays, kstDate } from '../src/shared/dates.ts';
import { buildTestApp, type TestApp } from './test-app.ts';

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** Cursors a hand-edited or truncated address can carry: wrong types, lengths, bad base64 or JSON, impossible dates, huge numbers. */
const BAD_CURSORS = [
  b64(['zzz', 5]),
  b64([5, 'zzz']),
  b64(['zzz', 'zzz']),
  b64(['2026-11-01']),
  b64(['2026-11-01', 5, 6]),
  b64({ at: '2026-11-01', id: 5 }),
  b64('"text"'),
  b64('not json'),
  '!!!not*base64',
  '%00',
  b64(['0000-01-01', 1]),
  b64(['2026-02-30', 1]),
  b64(['0000-01-01T00:00:00.000Z', 1]),
  b64(['2026-11-01T00:00:00+09:00', 1]),
  b64(['+275760-09-13T00:00:00.000Z', 1]),
  b64([1e300, 1]),
  b64([1, 1e300]),
  b64([-1, 1.5]),
  b64(['가\u0000', 1]),
  b64([null, 1]),
  b64(['x'.repeat(5000), 1]),
];

/** Ids of the items a list page shows, in order (the links of its cards). */
const shown = (body: string, path: string) => [...body.matchAll(new RegExp(`<a href="/${path}/(\\d+)[?"]`, 'g'))].map((m) => Number(m[1]));

describe('list cursors', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    // More than one page (20) of demands and organisations, and a success case.
    for (let i = 0; i < 22; i++) await buildDemand(t.db, { deadline: addDays(kstDate(t.clock()), 9 + i) });
    // Names of 100 Korean characters: the directory's cursor after one of them is 420 characters long.
    for (let i = 10; i < 32; i++) await buildOrg(t.db, { name: `${'가'.repeat(98)}${i}` });
    const demand = await buildDemand(t.db);
    const reply = await buildReply(t.db, demand.id);
    const lead = await ctxAs(t.db, demand.org.admin);
    await decideReply(lead, reply.id, 'shortlist');
    const match = await recordMatch(lead, demand.id, { partners: [String(reply.org.id)], summary: '합의', leadContribution: '장소', startedOn: '2026-11-01' });
    await confirmMatch(await ctxAs(t.db, reply.org.admin), match, reply.org.id, { contribution: '수리' });
  });
  after(() => t.close());

  const LISTS: [url: string, path: string][] = [
    ['/demands?sort=newest', 'demands'],
    ['/demands?sort=deadline', 'demands'],
    ['/demands?sort=replies', 'demands'],
    ['/demands?q=%ED%85%8C%EC%8A%A4%ED%8A%B8&sort=deadline', 'demands'],
    ['/orgs?', 'orgs'],
    ['/cases?', 'cases'],
  ];

  it('a good cursor gives the next page', async () => {
    for (const [url, path] of LISTS.filter(([u]) => !u.startsWith('/cases'))) {
      const first = await t.agent().get(url);
      const next = /href="([^"]*after=[^"]+)" rel="next"/.exec(first.body)?.[1]?.replaceAll('&amp;', '&');
      assert.ok(next, `${url} has a next page`);
      const second = await t.agent().get(next);
      assert.equal(second.statusCode, 200);
      const [firstIds, secondIds] = [shown(first.body, path), shown(second.body, path)];
      assert.ok(secondIds.length > 0 && secondIds.every((id) => !firstIds.includes(id)), `${url}: the second page follows the first`);
    }
  });

  it('any bad cursor gives the first page, never an error', async () => {
    const failures: string[] = [];
    for (const [url, path] of LISTS) {
      const first = shown((await t.agent().get(url)).body, path);
      assert.ok(first.length > 0, url);
      for (const cursor of BAD_CURSORS) {
        const response = await t.agent().get(`${url}&after=${cursor}`);
        if (response.statusCode !== 200) failures.push(`${url} after=${cursor}: ${response.statusCode}`);
        else if (JSON.stringify(shown(response.body, path)) !== JSON.stringify(first)) failures.push(`${url} after=${cursor}: not the first page`);
      }
    }
    const api = (await t.app.inject('/api/v1/orgs')).json();
    for (const cursor of BAD_CURSORS) {
      const response = await t.app.inject(`/api/v1/orgs?after=${cursor}`);
      if (response.statusCode !== 200) failures.push(`/api/v1/orgs after=${cursor}: ${response.statusCode}`);
      else if (JSON.stringify(response.json().items) !== JSON.stringify(api.items)) failures.push(`/api/v1/orgs after=${cursor}: not the first page`);
    }
    assert.deepEqual(failures, []);
  });
});

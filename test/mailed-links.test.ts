import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildUser, ctxAs, TEST_PASSWORD } from '../src/modules/accounts/test/builders.ts';
import { buildDemand } from '../src/modules/demands/test/builders.ts';
import { notifyInApp } from '../src/modules/notifications/notices.ts';
import { recordMatch } from '../src/modules/matches/cases.service.ts';
import { decideReply, postMessage } from '../src/modules/matches/replies.service.ts';
import { buildReply } from '../src/modules/matches/test/builders.ts';
import { requestToJoin } from '../src/modules/orgs/orgs.service.ts';
import { buildOrg } from '../src/modules/orgs/test/builders.ts';
import { buildRound } from '../src/modules/reviews/test/builders.ts';
import { buildTestApp, type TestApp } from './test-app.ts';

/**
 * Every kind of link the platform mails, opened from the mail by someone signed out: it opens, or leads
 * through sign-in back to itself (a 404 for a visitor would be a dead end in every inbox).
 */
describe('links in mail', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  it('act only when opened: a HEAD, as mail scanners send to check a link, changes nothing', async () => {
    const email = 'scanned@test.ieumteo.kr';
    const visitor = t.agent();
    await visitor.get('/signup');
    await visitor.post('/signup', { email, name: '검사 대상', password: TEST_PASSWORD, passwordConfirm: TEST_PASSWORD });
    const mail = await t.db.selectFrom('mail_outbox').select('body_text').where('to_address', '=', email).executeTakeFirstOrThrow();
    const verify = /\/verify-email\?token=\S+/.exec(mail.body_text)![0];
    assert.notEqual((await t.app.inject({ method: 'HEAD', url: verify })).statusCode, 200);
    assert.match((await visitor.get(verify)).body, /이메일 주소가 확인되었습니다/, 'the link still confirms the address once opened');

    const reader = await buildUser(t.db);
    await notifyInApp(t.db, t.clock(), reader.id, { kind: 'notice.partnerInvited', params: { org: '가', title: '나' }, link: '/' });
    const notice = await t.db.selectFrom('notifications').select('id').where('user_id', '=', reader.id).executeTakeFirstOrThrow();
    const signedIn = t.agent();
    await signedIn.login(reader.email, reader.password);
    await t.app.inject({ method: 'HEAD', url: `/notifications/${notice.id}`, headers: { cookie: `sid=${signedIn.cookie('sid')}` } });
    const after = await t.db.selectFrom('notifications').select('read_at').where('id', '=', notice.id).executeTakeFirstOrThrow();
    assert.equal(after.read_at, null, 'the notice is still unread');
  });

  it('open, or lead through sign-in back to the page, for the person they were sent to', async () => {
    const demanding = await buildOrg(t.db, { name: '메일 받는 수요기관' });
    const demand = await buildDemand(t.db, { org: demanding, title: '메일 링크 시험 수요과제' });
    const reply = await buildReply(t.db, demand.id);
    await postMessage(await ctxAs(t.db, reply.org.admin), reply.id, { body: '언제 만날까요?' });
    await decideReply(await ctxAs(t.db, demanding.admin), reply.id, 'shortlist');
    await recordMatch(await ctxAs(t.db, demanding.admin), demand.id, {
      partners: [String(reply.org.id)],
      summary: '함께 고칩니다',
      leadContribution: '장소',
      startedOn: '2026-12-01',
    });
    const joiner = await buildUser(t.db);
    await requestToJoin(await ctxAs(t.db, joiner), demanding.id);
    const operator = await buildUser(t.db, { role: 'operator' });
    const reviewer = await buildUser(t.db, { role: 'reviewer' });
    await buildRound(t.db, { operator, reviewers: [reviewer], demands: 1 });

    const people = [demanding.admin, reply.org.admin, reviewer];
    const mails = await t.db.selectFrom('mail_outbox').select(['to_address', 'subject', 'body_text']).where('to_address', 'in', people.map((p) => p.email)).execute();
    const links = mails.flatMap((m) => [...m.body_text.matchAll(/http:\/\/localhost:3000(\/\S*)/g)].map(([, path]) => ({ to: m.to_address, subject: m.subject, path: path!.replace(/#.*$/, '') })));
    const kinds = new Set(links.map((l) => l.path.replace(/\d+/g, ':id')));
    for (const kind of ['/replies/:id', '/cases/:id', '/orgs/:id/members', '/reviews/:id']) assert.ok(kinds.has(kind), `a mail links to ${kind}: ${[...kinds].join(' ')}`);

    for (const link of links) {
      const person = people.find((p) => p.email === link.to)!;
      const visitor = t.agent();
      const opened = await visitor.get(link.path);
      if (opened.statusCode === 200) continue;
      assert.equal(opened.statusCode, 303, `${link.subject}: ${link.path}`);
      assert.equal(opened.headers.location, `/login?next=${encodeURIComponent(link.path)}`, link.path);
      await visitor.get(String(opened.headers.location));
      const signedIn = await visitor.post(String(opened.headers.location), { email: person.email, password: person.password });
      assert.equal(signedIn.headers.location, link.path, `${link.subject}: back to the page after signing in`);
      assert.equal((await visitor.get(link.path)).statusCode, 200, link.path);
    }
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../../test/test-app.ts';
import { addDays, kstDate } from '../../../shared/dates.ts';
import { buildUser } from '../../accounts/test/builders.ts';
import { buildDemand } from '../../demands/test/builders.ts';
import { buildOrg } from '../../orgs/test/builders.ts';

const registered = (body: string) => /<dt>등록된 수요과제<\/dt><dd>(\d+)건<\/dd>/.exec(body)?.[1];

describe('the statistics page', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  it('says so when nothing was registered, and names the period shown', async () => {
    const page = await t.agent().get('/stats');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>협업 통계<\/h1>/);
    assert.match(page.body, /이 기간에 등록된 수요과제가 없습니다/);
    const today = kstDate(t.clock());
    assert.ok(page.body.includes(`${today} ~ ${today}`), 'the empty period is today');
  });

  it('gives an unreadable period back with its message beside the field, never a 500', async () => {
    const bad = await t.agent().get('/stats?from=2026-02-30&to=%3Cscript%3E');
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /날짜를 2026-12-31 형식으로 입력해 주세요/);
    assert.match(bad.body, /value="2026-02-30"/);
    assert.match(bad.body, /value="&lt;script>"/);
    assert.doesNotMatch(bad.body, /<script>/);
    const backwards = await t.agent().get('/stats?from=2026-03-01&to=2026-02-01');
    assert.equal(backwards.statusCode, 422);
    assert.match(backwards.body, /종료일은 시작일과 같거나 그 뒤여야 합니다/);
  });

  it('works the figures out once for every member asking within 30 s; operators get their own, worked out afresh', async () => {
    const org = await buildOrg(t.db, { name: '통계 공유 기관' });
    await buildDemand(t.db, { org, title: '공유되는 수치' });
    const member = t.agent();
    const someone = await buildUser(t.db);
    await member.login(someone.email, someone.password);
    // Not the period an earlier test asked for: those figures are shared too.
    const today = kstDate(t.clock());
    const path = `/stats?from=${addDays(today, -1)}&to=${today}`;
    assert.equal(registered((await member.get(path)).body), '1');

    await buildDemand(t.db, { org, title: '조금 늦게 보이는 수요' });
    assert.equal(registered((await member.get(path)).body), '1', 'the shared figures of a moment ago');
    const operator = t.agent();
    const staff = await buildUser(t.db, { role: 'operator' });
    await operator.login(staff.email, staff.password);
    assert.equal(registered((await operator.get(path)).body), '2');
  });
});

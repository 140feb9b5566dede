import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readSheet } from 'read-excel-file/node';
import { buildTestApp, type TestApp } from '../../../../test/test-app.ts';
import { buildUser, ctxAs } from '../../accounts/test/builders.ts';
import { buildDemand } from '../../demands/test/builders.ts';
import { confirmMatch, recordMatch } from '../../matches/cases.service.ts';
import { decideReply } from '../../matches/replies.service.ts';
import { buildReply } from '../../matches/test/builders.ts';
import { buildOrg } from '../../orgs/test/builders.ts';
import { addDays, kstDate } from '../../../shared/dates.ts';
import { buildTicket } from '../../sos/test/builders.ts';
import { buildTask } from '../../tasks/test/builders.ts';
import { redactContacts } from '../../../shared/redact.ts';

/** Broader than what the redaction looks for, so that the scan is not the redaction checking itself. */
const EMAIL_SCAN = /[^\s@"',;<>()[\]]+@[^\s@"',;<>()[\]]+\.[A-Za-z]{2,}/;
const PHONE_SCAN = /(?:\+\s?82|\b0)\s*\(?\d{1,2}\)?[\s.-]*\d{3,4}[\s.-]*\d{4}|\b1[5-9]\d{2}[\s.-]?\d{4}\b/;

describe('open data and exports', () => {
  let t: TestApp;
  let demandId: number;
  let keyTaskId: number;
  let draftTaskId: number;
  let operatorAgent: ReturnType<TestApp['agent']>;

  before(async () => {
    t = await buildTestApp();
    const db = t.db;
    const lead = await buildOrg(db, { name: '국립공원공단 개방', sector: 'public-institution' });
    const partner = await buildOrg(db, { name: '(주)바퀴 개방', sector: 'company' });
    const demand = await buildDemand(db, {
      org: lead,
      title: '=HYPERLINK("http://evil.example") 휠체어 나눔',
      summary: '문의는 김담당 kim.dam@park.go.kr 또는 010-1234-5678, 대표번호 1588 1234, 사무실 (02)123-4567로 주세요.',
      offers: [['물품 기증', '휠체어 20대']],
    });
    demandId = demand.id;
    const reply = await buildReply(db, demand.id, { org: partner, privateNote: '비공개 메모: 단가는 30만 원', statement: '수리 공방에서 점검하겠습니다.' });
    const leadCtx = await ctxAs(db, lead.admin);
    await decideReply(leadCtx, reply.id, 'shortlist');
    const matchId = await recordMatch(leadCtx, demand.id, { partners: [String(partner.id)], summary: '연락은 +82 10 9876 5432 로', leadContribution: '장소', startedOn: addDays(kstDate(t.clock()), -21) });
    await confirmMatch(await ctxAs(db, partner.admin), matchId, partner.id, { contribution: '수리' });
    await buildDemand(db, { org: lead, title: '아직 작성 중인 비밀 초안', status: 'draft' });
    keyTaskId = (await buildTask(db, { kind: 'key' })).id;
    await buildTicket(db, { title: '연락처 010-1234-5678 김담당의 요청' });
    draftTaskId = (await buildTask(db, { submit: false })).id;
    const operator = await buildUser(db, { role: 'operator' });
    operatorAgent = t.agent();
    await operatorAgent.login(operator.email, operator.password);
  });
  after(() => t.close());

  it('masks contact details typed into free text', () => {
    assert.equal(
      redactContacts('메일 a.b@c.go.kr, 휴대폰 010 1234 5678, 일반 031-123-4567, 국제 +82-2-123-4567, 2026-11-22 마감'),
      '메일 [이메일 가림], 휴대폰 [전화번호 가림], 일반 [전화번호 가림], 국제 [전화번호 가림], 2026-11-22 마감',
    );
  });

  it('publishes JSON and CSV without an e-mail address, a phone number, a contact person or a private note', async () => {
    const anonymous = t.agent();
    for (const dataset of ['demands', 'cases', 'monthly', 'tasks', 'sos']) {
      for (const format of ['json', 'csv']) {
        const response = await anonymous.get(`/open-data/${dataset}.${format}`);
        assert.equal(response.statusCode, 200, `${dataset}.${format}`);
        const body = response.body;
        assert.doesNotMatch(body, EMAIL_SCAN, `${dataset}.${format} has no e-mail address`);
        assert.doesNotMatch(body, PHONE_SCAN, `${dataset}.${format} has no phone number`);
        for (const secret of ['비공개 메모', '담당자', 'contact@test', '비밀 초안']) assert.ok(!body.includes(secret), `${dataset}.${format} leaks "${secret}"`);
      }
    }
    const demands = JSON.parse((await anonymous.get('/open-data/demands.json')).body);
    assert.equal(demands.records.length, 1, 'the draft is not published');
    assert.equal(demands.records[0].id, demandId);
    assert.match(demands.records[0].summary, /김담당 \[이메일 가림\] 또는 \[전화번호 가림\]/);
    assert.deepEqual(
      demands.fields.map((f: { name: string }) => f.name).slice(0, 4),
      ['id', 'title', 'summary', 'org_name'],
    );
    assert.match(demands.licence, /공공누리 제1유형/);
    const tasks = JSON.parse((await anonymous.get('/open-data/tasks.json')).body);
    assert.deepEqual(
      tasks.records.map((r: { id: number }) => r.id),
      [keyTaskId],
      'a selected task, not a draft',
    );
    assert.ok(draftTaskId > keyTaskId);
    assert.equal(tasks.records[0].task_kind, 'key');
    const sos = JSON.parse((await anonymous.get('/open-data/sos.json')).body);
    assert.deepEqual(
      sos.records.map((r: { category: string; opened: number }) => [r.category, r.opened]),
      [['systems', 1]],
      'counts only',
    );
    const cases = JSON.parse((await anonymous.get('/open-data/cases.json')).body);
    assert.equal(cases.records[0].sectors_mix, 'public-private');
    assert.equal(cases.records[0].partner_orgs, '(주)바퀴 개방');
  });

  it('writes CSV that Excel reads: a byte-order mark, CRLF, quoted fields, formulas defused', async () => {
    const csv = (await t.agent().get('/open-data/demands.csv')).rawPayload.toString('utf8');
    assert.ok(csv.startsWith('\uFEFFid,title,summary,org_name,'));
    const [, row] = csv.slice(1).split('\r\n');
    assert.ok(row!.startsWith(`${demandId},"'=HYPERLINK(""http://evil.example"") 휠체어 나눔",`), row);
    assert.equal((await t.agent().get('/open-data/nothing.csv')).statusCode, 404);
    assert.equal((await t.agent().get('/open-data/demands.xml')).statusCode, 404);
  });

  it('gives operators an XLSX that reads back, logs the download, and is not found for anyone else', async () => {
    const response = await operatorAgent.get('/admin/exports/demands?format=xlsx');
    assert.equal(response.statusCode, 200);
    assert.match(response.headers['content-disposition'] as string, /ieumteo-demands-\d{4}-\d{2}-\d{2}\.xlsx/);
    const rows = await readSheet(response.rawPayload);
    assert.deepEqual(rows[0]!.slice(0, 3), ['번호', '제목', '요약']);
    assert.equal(rows.length, 2);
    const record = Object.fromEntries((rows[0] as string[]).map((name, i) => [name, rows[1]![i]]));
    assert.equal(record.번호, demandId);
    assert.equal(record.제목, '=HYPERLINK("http://evil.example") 휠체어 나눔', 'a string cell, never a formula');
    assert.equal(record['담당자 이메일'], 'contact@test.ieumteo.kr');
    assert.ok(record['게시 시각'] instanceof Date);
    // Words for people, not the codes of the open data schema; and what the demand needs and offers.
    assert.equal(record['기관 유형'], '공공기관');
    assert.equal(record.상태, '성사');
    assert.equal(record['협업 목적'], '협업 상대방 탐색');
    assert.equal(record['필요 역량·자원 (역량: 내용, 여럿이면 ; 로 구분)'], '의료기기 수리: 휠체어 수리');
    assert.equal(record['제공 가능 자원 (역량: 내용, 여럿이면 ; 로 구분)'], '물품 기증: 휠체어 20대');

    const replies = await readSheet((await operatorAgent.get('/admin/exports/replies?format=xlsx')).rawPayload);
    assert.equal(replies.length, 2);
    assert.deepEqual(replies[1]!.slice(4, 6), ['기업', '협의 대상']);
    assert.ok(!JSON.stringify(replies).includes('비공개 메모'), 'private notes stay between the organisations');
    const matches = (await operatorAgent.get('/admin/exports/matches?format=csv')).rawPayload.toString('utf8');
    assert.ok(matches.startsWith('\uFEFF번호,수요과제 번호,수요과제 제목,수요기관,'));
    assert.match(matches, /,공공-민간,/);

    // An operator who reads English gets English words and names.
    await operatorAgent.get('/lang/en');
    const english = (await operatorAgent.get('/admin/exports/demands?format=csv')).rawPayload.toString('utf8');
    await operatorAgent.get('/lang/ko');
    assert.match(english, /,Public institution,Concluded,Find a partner,Welfare,/);
    assert.match(english, /,Donated goods: 휠체어 20대,/);

    const logged = await t.db.selectFrom('audit_log').select(['action', 'target_id']).where('action', '=', 'export.download').execute();
    assert.deepEqual(logged.map((r) => r.target_id).sort(), ['demands', 'demands', 'matches', 'replies']);

    const member = await buildUser(t.db);
    const agent = t.agent();
    await agent.login(member.email, member.password);
    assert.equal((await agent.get('/admin/exports/demands?format=xlsx')).statusCode, 404);
    assert.equal((await agent.get('/admin/exports')).statusCode, 404);
  });

  it('exports a period’s statistics, and gives a bad period back with its message', async () => {
    const today = kstDate(t.clock());
    const csv = (await operatorAgent.get(`/admin/exports/statistics?format=csv&from=${addDays(today, -30)}&to=${today}`)).rawPayload.toString('utf8');
    assert.match(csv, /한눈에 보기,등록된 수요과제,,1\r\n/);
    assert.match(csv, /한눈에 보기,공공-민간 협업 비율,,1\r\n/);
    const period = await operatorAgent.get(`/admin/exports/statistics?format=csv&from=${addDays(today, -30)}&to=${today}`);
    assert.match(period.headers['content-disposition'] as string, new RegExp(`filename="?ieumteo-statistics-${addDays(today, -30)}_${today}\\.csv`));
    const whole = await operatorAgent.get('/admin/exports/statistics?format=xlsx');
    assert.match(whole.headers['content-disposition'] as string, new RegExp(`ieumteo-statistics-\\d{4}-\\d{2}-\\d{2}_${today}\\.xlsx`), 'the whole history: from the first publication');
    const sheet = await readSheet(whole.rawPayload);
    assert.deepEqual(sheet[0], ['구분', '항목', '지표', '값']);
    const bad = await operatorAgent.get('/admin/exports/statistics?format=csv&from=2026-12-31&to=2026-01-01');
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /종료일은 시작일과 같거나 그 뒤여야 합니다/);
    assert.match(bad.body, /value="2026-12-31"/);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildDemand, demandForm } from '../src/modules/demands/test/builders.ts';
import { buildReply } from '../src/modules/matches/test/builders.ts';
import { buildOrg } from '../src/modules/orgs/test/builders.ts';
import type { Agent } from './agent.ts';
import { hwp, hwpx, MACRO_DOC, MSI, ooxml, PDF, PLAIN_ZIP } from './documents.ts';
import { NAUGHTY } from './naughty-strings.ts';
import { buildTestApp, type TestApp } from './test-app.ts';

/** The start of a Windows executable: what a renamed .exe really is. */
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from([0x80, 0, 0, 0]), Buffer.alloc(64), Buffer.from('PE\0\0'), Buffer.alloc(200)]);

/** Bad input gets a message beside its field and the typed text back; never a 500. */
describe('collaboration input', () => {
  let t: TestApp;
  let agent: Agent;
  let org: Awaited<ReturnType<typeof buildOrg>>;
  before(async () => {
    t = await buildTestApp();
    const built = await buildOrg(t.db);
    org = built;
    agent = t.agent();
    await agent.login(built.admin.email, built.admin.password);
  });
  after(() => t.close());

  it('answers an empty demand form with a message beside each required field', async () => {
    const response = await agent.post('/demands/new', { org: String(org.id) });
    assert.equal(response.statusCode, 422);
    for (const field of ['title', 'summary', 'themes', 'deadline', 'contactName', 'need.0.capability']) {
      assert.match(response.body, new RegExp(`id="f-${field.replaceAll('.', '\\.')}-error"`), field);
    }
    assert.match(response.body, /class="error-summary"/);
  });

  it('keeps a 100,000-character body and a past deadline, and says what is wrong with each', async () => {
    const form = await demandForm(t.db, org.id, { deadline: '2020-01-01', title: '길이 시험' });
    // Four-byte characters: the largest a 100,000-character body can be once percent-encoded.
    form.body = '𝕿'.repeat(50_000) + '가'.repeat(50_000);
    const response = await agent.post('/demands/new', form);
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /id="f-body-error"[^>]*>너무 깁니다/);
    assert.match(response.body, /id="f-deadline-error"[^>]*>마감일이 이미 지났습니다/);
    assert.match(response.body, /value="2020-01-01"/);
    assert.match(response.body, /value="길이 시험"/);
    assert.ok(response.body.includes('𝕿'.repeat(50_000) + '가'.repeat(50_000)), 'the typed text comes back');
  });

  it('escapes naughty strings everywhere a demand and a reply show them', async () => {
    for (const naughty of NAUGHTY) {
      const form = await demandForm(t.db, org.id, { title: naughty, summary: naughty, body: `${naughty}\n\n- ${naughty}\n\n[x](javascript:alert(1))` });
      form['need.0.text'] = naughty;
      const created = await agent.post('/demands/new', form);
      assert.ok([303, 422].includes(created.statusCode), `${naughty}: ${created.statusCode}`);
      if (created.statusCode !== 303) continue;
      const page = await agent.get(String(created.headers.location));
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /<script>alert|<img src=x|href="javascript:/);
    }
    const feed = await t.agent().get('/demands/feed.xml');
    assert.equal(feed.statusCode, 200);
    assert.doesNotMatch(feed.body, /<script>/);
    const search = await t.agent().get(`/demands?q=${encodeURIComponent(NAUGHTY.join(' '))}`);
    assert.equal(search.statusCode, 200);
    assert.doesNotMatch(search.body, /<script>alert/);
  });

  it('refuses a renamed .exe and a 21 MB file beside the file field, and serves an accepted PDF as a download', async () => {
    const { id } = await buildDemand(t.db, { org });
    const exe = await agent.postFile(`/demands/${id}/files`, {}, { field: 'file', filename: '계획서.pdf', content: EXE, type: 'application/pdf' });
    assert.equal(exe.statusCode, 422);
    assert.match(exe.body, /id="f-file-error"[^>]*>이 형식의 파일은 올릴 수 없습니다/);
    const big = await agent.postFile(`/demands/${id}/files`, {}, { field: 'file', filename: '큰파일.pdf', content: Buffer.concat([PDF, Buffer.alloc(21 * 1024 * 1024)]) });
    assert.equal(big.statusCode, 422);
    assert.match(big.body, /id="f-file-error"[^>]*>파일이 20MB보다 큽니다/);
    const ok = await agent.postFile(`/demands/${id}/files`, {}, { field: 'file', filename: '../../사업 계획서.pdf', content: PDF });
    assert.equal(ok.statusCode, 303);
    const page = await t.agent().get(`/demands/${id}`);
    const link = /href="(\/demands\/\d+\/files\/\d+)"[^>]*>사업 계획서\.pdf</.exec(page.body)?.[1];
    assert.ok(link, 'the file is listed under its own name, without folders');
    const download = await t.agent().get(link);
    assert.equal(download.headers['content-type'], 'application/pdf');
    assert.match(String(download.headers['content-disposition']), /^attachment; filename="[^"]+\.pdf"; filename\*=UTF-8''/);
    assert.equal(download.rawPayload.compare(PDF), 0);
  });

  it('refuses an installer named .hwp and any ZIP named .hwpx beside the file field, and accepts real ones', async () => {
    const { id } = await buildDemand(t.db, { org });
    for (const [filename, content] of [
      ['설치.hwp', MSI()],
      ['매크로.hwp', MACRO_DOC()],
      ['압축.hwpx', PLAIN_ZIP()],
      ['매크로.docx', ooxml('docx', { mainType: 'application/vnd.ms-word.document.macroEnabled.main+xml' })],
    ] as const) {
      const response = await agent.postFile(`/demands/${id}/files`, {}, { field: 'file', filename, content });
      assert.equal(response.statusCode, 422, filename);
      assert.match(response.body, /id="f-file-error"[^>]*>이 형식의 파일은 올릴 수 없습니다/, filename);
    }
    for (const [filename, content] of [
      ['사업계획.hwp', hwp()],
      ['사업계획.hwpx', hwpx()],
    ] as const) {
      assert.equal((await agent.postFile(`/demands/${id}/files`, {}, { field: 'file', filename, content })).statusCode, 303, filename);
    }
    const stored = await t.db.selectFrom('attachments').select(['filename', 'mime']).where('owner_type', '=', 'demand').where('owner_id', '=', id).orderBy('id').execute();
    assert.deepEqual(stored, [
      { filename: '사업계획.hwp', mime: 'application/x-hwp' },
      { filename: '사업계획.hwpx', mime: 'application/hwp+zip' },
    ]);
  });

  it('keeps a message whose file was refused, and sends one with an accepted file', async () => {
    const { id } = await buildDemand(t.db, { org });
    const reply = await buildReply(t.db, id);
    const refused = await agent.postFile(`/replies/${reply.id}/messages`, { body: '회의 자료 보냅니다' }, { field: 'file', filename: 'setup.exe', content: EXE });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /회의 자료 보냅니다<\/textarea>/);
    assert.match(refused.body, /id="f-msg-file-error"/);
    const sent = await agent.postFile(`/replies/${reply.id}/messages`, { body: '회의 자료 보냅니다' }, { field: 'file', filename: '자료.pdf', content: PDF });
    assert.equal(sent.statusCode, 303);
    const thread = await agent.get(`/replies/${reply.id}`);
    assert.match(thread.body, /자료\.pdf/);
    const replier = t.agent();
    await replier.login(reply.org.admin.email, reply.org.admin.password);
    const noStatement = await replier.post(`/replies/${reply.id}/edit`, { statement: '', privateNote: '비공개 메모' });
    assert.equal(noStatement.statusCode, 422);
    assert.match(noStatement.body, /id="f-statement-error"/);
    assert.match(noStatement.body, /비공개 메모<\/textarea>/);
    const empty = await agent.post(`/replies/${reply.id}/meetings`, { heldOn: '2026-02-30', mode: 'teleport', attendees: '', notes: '' });
    assert.equal(empty.statusCode, 422);
    for (const field of ['heldOn', 'mode', 'attendees', 'notes']) assert.match(empty.body, new RegExp(`id="f-meet-${field}-error"`), field);
  });
});

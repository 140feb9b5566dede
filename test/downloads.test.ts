import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'content-disposition';
import { type BuiltUser, buildUser } from '../src/modules/accounts/test/builders.ts';
import { buildBriefing } from '../src/modules/briefings/test/builders.ts';
import { buildDemand } from '../src/modules/demands/test/builders.ts';
import { buildReply } from '../src/modules/matches/test/builders.ts';
import { addDays, kstDate } from '../src/shared/dates.ts';
import type { Agent } from './agent.ts';
import { PDF } from './documents.ts';
import { buildTestApp, type TestApp } from './test-app.ts';

/** RFC 5987 `attr-char`: what `filename*` may hold besides percent-escapes. An apostrophe is not one. */
const EXT_VALUE = /filename\*=UTF-8''(?:[A-Za-z0-9!#$&+.^_`|~-]|%[0-9A-F]{2})+(?:;|$)/;

/** The header names the file exactly (read back as a browser would), in ASCII, with a well-formed `filename*`. */
function assertDownload(response: { statusCode: number; headers: Record<string, unknown> }, filename: string, what: string): void {
  assert.equal(response.statusCode, 200, what);
  const header = String(response.headers['content-disposition']);
  assert.match(header, /^[\x20-\x7e]+$/, `${what}: ASCII only`);
  const parsed = parse(header);
  assert.equal(parsed.type, 'attachment', what);
  if (!/^[\x20-\x7e]+$/.test(filename)) assert.match(header, EXT_VALUE, `${what}: ${header}`);
  assert.equal(parsed.parameters.filename, filename, what);
  assert.match(header, /; filename=/, `${what}: a plain filename for clients that do not read filename*`);
}

describe('downloads name their files so that every browser keeps the name', () => {
  let t: TestApp;
  let member: Agent;
  let operator: Agent;
  let operatorUser: BuiltUser;
  let demandId: number;
  before(async () => {
    t = await buildTestApp();
    const demand = await buildDemand(t.db);
    demandId = demand.id;
    member = t.agent();
    await member.login(demand.org.admin.email, demand.org.admin.password);
    operatorUser = await buildUser(t.db, { role: 'operator' });
    operator = t.agent();
    await operator.login(operatorUser.email, operatorUser.password);
  });
  after(() => t.close());

  it("a demand's attachment named Kim's 사업계획.pdf", async () => {
    const upload = await member.postFile(`/demands/${demandId}/files`, {}, { field: 'file', filename: "Kim's 사업계획.pdf", content: PDF });
    assert.equal(upload.statusCode, 303);
    const file = await t.db.selectFrom('attachments').select('id').where('owner_type', '=', 'demand').where('owner_id', '=', demandId).executeTakeFirstOrThrow();
    assertDownload(await t.agent().get(`/demands/${demandId}/files/${file.id}`), "Kim's 사업계획.pdf", 'demand attachment');
  });

  it('a file sent in a negotiation thread', async () => {
    const reply = await buildReply(t.db, demandId);
    const sent = await member.postFile(`/replies/${reply.id}/messages`, { body: '자료입니다' }, { field: 'file', filename: '보고서 (최종)*.pdf', content: PDF });
    assert.equal(sent.statusCode, 303);
    const file = await t.db.selectFrom('attachments').select('id').where('owner_type', '=', 'message').orderBy('id', 'desc').executeTakeFirstOrThrow();
    assertDownload(await member.get(`/replies/${reply.id}/files/${file.id}`), '보고서 (최종)*.pdf', 'thread file');
  });

  it("a briefing's material and its calendar file", async () => {
    const id = await buildBriefing(t.db, { operator: operatorUser, startsAt: `${addDays(kstDate(t.clock()), 18)}T14:00`, now: t.clock });
    await operator.get(`/admin/briefings/${id}`);
    const upload = await operator.postFile(`/admin/briefings/${id}/files`, {}, { field: 'file', filename: "O'Neil 발표 자료.pdf", content: PDF });
    assert.equal(upload.statusCode, 303);
    const file = await t.db.selectFrom('attachments').select('id').where('owner_type', '=', 'briefing').where('owner_id', '=', id).executeTakeFirstOrThrow();
    assertDownload(await operator.get(`/briefings/${id}/files/${file.id}`), "O'Neil 발표 자료.pdf", 'briefing material');
    assertDownload(await operator.get(`/briefings/${id}.ics`), `ieumteo-briefing-${id}.ics`, 'calendar');
  });

  it('open data files and operator exports', async () => {
    for (const file of ['demands.csv', 'demands.json', 'cases.csv']) {
      const response = await t.agent().get(`/open-data/${file}`);
      const [name, format] = file.split('.');
      assertDownload(response, `ieumteo-${name}-${kstDate(t.clock())}.${format}`, file);
    }
    for (const format of ['csv', 'xlsx']) {
      assertDownload(await operator.get(`/admin/exports/demands?format=${format}`), `ieumteo-demands-${kstDate(t.clock())}.${format}`, `export ${format}`);
    }
  });
});

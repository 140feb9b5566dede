import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { unzipSync } from 'fflate';
import { readSheet } from 'read-excel-file/node';
import { SaxesParser } from 'saxes';
import { buildUser } from '../src/modules/accounts/test/builders.ts';
import { buildDemand } from '../src/modules/demands/test/builders.ts';
import { queueMail } from '../src/modules/notifications/index.ts';
import { toCsv } from '../src/shared/export-table.ts';
import type { Agent } from './agent.ts';
import { startSmtpSink } from './smtp-sink.ts';
import { buildTestApp, type TestApp } from './test-app.ts';

/** Parses a whole document as strict XML 1.0 (saxes checks the Char production); returns the text of each `element`. */
function parseXml(xml: string, element: string): string[] {
  const parser = new SaxesParser();
  const texts: string[] = [];
  let inside = false;
  parser.on('opentag', (tag) => {
    if (tag.name === element) {
      inside = true;
      texts.push('');
    }
  });
  parser.on('text', (text) => {
    if (inside) texts[texts.length - 1] += text;
  });
  parser.on('closetag', (tag) => {
    if (tag.name === element) inside = false;
  });
  parser.write(xml).close();
  return texts;
}

/** What a writer gets from rows stored before input was cleaned, or typed as a noncharacter. */
const HOSTILE_TITLE = '피드 검증 \uFFFF 제목\uFFFE';
const HOSTILE_SUMMARY = '요약\u0001에 \u001b제어\u000b문자';

describe('output formats keep what their format forbids out', () => {
  let t: TestApp;
  let operator: Agent;
  before(async () => {
    t = await buildTestApp();
    const { id } = await buildDemand(t.db, { title: HOSTILE_TITLE });
    await t.db.updateTable('demands').set({ summary: HOSTILE_SUMMARY }).where('id', '=', id).execute();
    const op = await buildUser(t.db, { role: 'operator' });
    operator = t.agent();
    await operator.login(op.email, op.password);
  });
  after(() => t.close());

  it('the Atom feed is well-formed XML 1.0 whatever a title or summary holds', async () => {
    const feed = await t.agent().get('/demands/feed.xml');
    assert.equal(feed.statusCode, 200);
    assert.deepEqual(parseXml(feed.body, 'title').slice(1), ['피드 검증  제목']);
    assert.deepEqual(parseXml(feed.body, 'summary'), ['요약에 제어문자']);
  });

  it('every XML part of an XLSX export is well-formed, and the sheet reads back', async () => {
    const response = await operator.get('/admin/exports/demands?format=xlsx');
    assert.equal(response.statusCode, 200);
    const parts = unzipSync(response.rawPayload);
    const xmlParts = Object.keys(parts).filter((name) => name.endsWith('.xml') || name.endsWith('.rels'));
    assert.ok(xmlParts.some((name) => name.startsWith('xl/worksheets/')));
    for (const name of xmlParts) assert.doesNotThrow(() => parseXml(new TextDecoder().decode(parts[name]), 'x'), name);
    const rows = await readSheet(response.rawPayload);
    const record = Object.fromEntries((rows[0] as string[]).map((label, i) => [label, rows[1]![i]]));
    assert.equal(record.제목, '피드 검증  제목');
    assert.equal(record.요약, '요약에 제어문자');
  });

  it('CSV cells carry no control character; line breaks stay inside quotes, formulas stay defused', async () => {
    const csv = await toCsv(
      {
        name: 't',
        columns: [
          { key: 'a', type: 'text', label: 'demand.title' },
          { key: 'b', type: 'text', label: 'demand.summary' },
          { key: 'c', type: 'text', label: 'demand.body' },
        ],
        rows: [['널\u0000문자', '첫 줄\r둘째 줄', '\u0000=HYPERLINK("x")']],
      },
      'keys',
    );
    assert.equal(csv, '\uFEFFa,b,c\r\n널문자,"첫 줄\r둘째 줄","\'=HYPERLINK(""x"")"\r\n');
    const exported = (await operator.get('/admin/exports/demands?format=csv')).rawPayload.toString('utf8');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
    assert.doesNotMatch(exported, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
  });

  it('a mail subject made from what people wrote stays one header line', async () => {
    const sink = await startSmtpSink();
    const mailing = await buildTestApp({ smtpUrl: sink.url });
    try {
      await mailing.db.transaction().execute((trx) =>
        queueMail(trx, mailing.clock(), { to: 'to@example.kr\r\nBcc: evil@example.com', subject: '[이음터] 제목\r\nBcc: evil@example.com\r\n\r\n본문', text: '본문\u0000입니다' }),
      );
      const stored = await mailing.db.selectFrom('mail_outbox').select(['to_address', 'subject', 'body_text']).executeTakeFirstOrThrow();
      assert.deepEqual(stored, { to_address: 'to@example.kr Bcc: evil@example.com', subject: '[이음터] 제목 Bcc: evil@example.com 본문', body_text: '본문입니다' });
      await mailing.db.updateTable('mail_outbox').set({ to_address: 'to@example.kr' }).execute();
      assert.equal(await mailing.worker.runDue(), 1);
      const [mail] = await sink.waitFor(1);
      assert.equal(mail?.subject, '[이음터] 제목 Bcc: evil@example.com 본문');
      assert.equal(mail?.bcc, undefined);
      assert.equal(mail?.headers.has('bcc'), false);
    } finally {
      await mailing.close();
      await sink.close();
    }
  });
});

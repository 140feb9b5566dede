import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type BuiltUser, buildUser } from '../src/modules/accounts/test/builders.ts';
import { buildBriefing } from '../src/modules/briefings/test/builders.ts';
import { buildDemand, demandForm } from '../src/modules/demands/test/builders.ts';
import { buildReply } from '../src/modules/matches/test/builders.ts';
import { addDays, kstDate } from '../src/shared/dates.ts';
import type { Agent } from './agent.ts';
import { buildTestApp, type TestApp } from './test-app.ts';

const B = 'ieumteoBoundary';
const part = (name: string, value: string) => `--${B}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
const filePart = (name: string, filename: string, content: string) =>
  `--${B}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n${content}\r\n`;

/** Bodies a broken client, a dropped connection or a hand-made request sends; the status each must get. */
const BROKEN = (csrf: string): [what: string, contentType: string, body: string, status: number][] => [
  ['no boundary', 'multipart/form-data', `${part('_csrf', csrf)}--${B}--\r\n`, 400],
  ['an empty boundary', 'multipart/form-data; boundary=', `${part('_csrf', csrf)}--${B}--\r\n`, 400],
  ['a file cut short', `multipart/form-data; boundary=${B}`, `${part('_csrf', csrf)}--${B}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4 cut`, 400],
  ['a part header cut short', `multipart/form-data; boundary=${B}`, `${part('_csrf', csrf)}--${B}\r\nContent-Disposition: form-da`, 400],
  ['no boundary line at all', `multipart/form-data; boundary=${B}`, 'not multipart at all', 400],
  ['two files', `multipart/form-data; boundary=${B}`, `${part('_csrf', csrf)}${filePart('file', 'a.pdf', '%PDF-1.4')}${filePart('file', 'b.pdf', '%PDF-1.4')}--${B}--\r\n`, 413],
  ['too many fields', `multipart/form-data; boundary=${B}`, `${Array.from({ length: 250 }, (_, i) => part(`f${i}`, 'v')).join('')}--${B}--\r\n`, 413],
];

describe('multipart forms that cannot be read', () => {
  let t: TestApp;
  let member: Agent;
  let operator: Agent;
  let operatorUser: BuiltUser;
  let urls: { member: string[]; operator: string[] };
  before(async () => {
    t = await buildTestApp();
    const demand = await buildDemand(t.db);
    const reply = await buildReply(t.db, demand.id);
    member = t.agent();
    await member.login(demand.org.admin.email, demand.org.admin.password);
    operatorUser = await buildUser(t.db, { role: 'operator' });
    operator = t.agent();
    await operator.login(operatorUser.email, operatorUser.password);
    const briefing = await buildBriefing(t.db, { operator: operatorUser, startsAt: `${addDays(kstDate(t.clock()), 18)}T14:00`, now: t.clock });
    // Every route that takes a file, and forms without one (any form may be posted as multipart).
    urls = {
      member: [`/demands/${demand.id}/files`, `/replies/${reply.id}/messages`, `/demands/${demand.id}/edit`, '/orgs/new', '/logout'],
      operator: [`/admin/briefings/${briefing}/files`, '/admin/briefings'],
    };
  });
  after(() => t.close());

  it('answers each with a page that says what went wrong, never a 500', async () => {
    const failures: string[] = [];
    for (const [who, agent] of [
      ['member', member],
      ['operator', operator],
    ] as const) {
      const page = await agent.get('/account');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
      const cookie = ['sid', 'csrf'].map((name) => `${name}=${agent.cookie(name)}`).join('; ');
      for (const url of urls[who]) {
        for (const [what, contentType, payload, status] of BROKEN(csrf)) {
          const response = await t.app.inject({ method: 'POST', url, headers: { cookie, 'content-type': contentType }, payload });
          const message = status === 413 ? /항목이나 파일이 너무 많습니다/ : /보낸 양식을 읽을 수 없습니다/;
          if (response.statusCode !== status || !message.test(response.body)) failures.push(`${url} with ${what}: ${response.statusCode}`);
        }
      }
    }
    assert.deepEqual(failures, []);
  });

  it('still reads a whole multipart form, repeated fields as lists and an empty file input as no file', async () => {
    const demand = await buildDemand(t.db);
    const agent = t.agent();
    await agent.login(demand.org.admin.email, demand.org.admin.password);
    const form = await demandForm(t.db, demand.org.id, { title: '여러 분야 수요', themes: ['복지', '안전'] });
    const saved = await agent.postFile(`/demands/${demand.id}/edit`, form, { field: 'file', filename: '', content: Buffer.alloc(0) });
    assert.equal(saved.statusCode, 303);
    const themes = await t.db.selectFrom('demand_themes').select('theme_id').where('demand_id', '=', demand.id).execute();
    assert.equal(themes.length, 2);
  });
});

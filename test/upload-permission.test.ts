import assert from 'node:assert/strict';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { buildDemand } from '../src/modules/demands/test/builders.ts';
import { buildTestApp, type TestApp } from './test-app.ts';

const B = 'ieumteoPermissionBoundary';

/**
 * Starts a multipart post whose file never finishes (1 MB sent, the rest held back) and resolves with
 * the status the server answers meanwhile, or null if it waits for the rest: a server that reads the
 * file before deciding would never answer.
 */
function answerBeforeTheFileEnds(url: string, fields: Record<string, string>, cookie = ''): Promise<number | null> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${B}`, cookie, 'content-length': String(20 * 1024 * 1024) } });
    const timer = setTimeout(() => {
      req.destroy();
      resolve(null);
    }, 5_000);
    req.on('response', (response) => {
      clearTimeout(timer);
      response.resume();
      req.destroy();
      resolve(response.statusCode ?? 0);
    });
    req.on('error', () => {});
    for (const [name, value] of Object.entries(fields)) req.write(`--${B}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
    req.write(`--${B}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
    req.write(Buffer.alloc(1024 * 1024, 0x41));
  });
}

describe('an upload from someone not allowed to send it', () => {
  let t: TestApp;
  let base: string;
  let demandId: number;
  before(async () => {
    t = await buildTestApp();
    demandId = (await buildDemand(t.db)).id;
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  after(() => {
    // The refused requests' sockets were cut mid-body; do not wait for keep-alive ones to time out.
    t.app.server.closeAllConnections();
    return t.close();
  });

  it('is refused before its file is read: no token, a wrong token, or no session', async () => {
    const url = `${base}/demands/${demandId}/files`;
    assert.equal(await answerBeforeTheFileEnds(url, {}), 403, 'no token');
    assert.equal(await answerBeforeTheFileEnds(url, { _csrf: 'x'.repeat(43) }), 403, 'a wrong token');
    // A visitor's own valid token, but nobody signed in.
    const page = await fetch(`${base}/login`);
    const cookie = (page.headers.getSetCookie().find((c) => c.startsWith('csrf=')) ?? '').split(';')[0]!;
    const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
    // The fields before the file are kept for the browser, sent back to the page (and through sign-in).
    assert.equal(await answerBeforeTheFileEnds(url, { _csrf: token }, cookie), 303, 'no session');
  });
});

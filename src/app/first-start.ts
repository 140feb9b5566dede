import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import path from 'node:path';
import type { Config } from '../config.ts';
import { isDatabaseFolder, pgdataOf } from '../db/pglite-folder.ts';
import { clearEndedHolder } from '../db/data-dir-lock.ts';
import { copyDemoTemplate, DEMO_PARTIAL, type DemoCopy } from '../seed/demo-template.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DEMO_DATABASE_SCRIPT = path.join(ROOT, 'src/seed/demo-database-cli.ts');
/**
 * A browser waits this long for the demo before it is told to come back. A first start takes ~9–14 s
 * alone on 2 cores, and passed 25 s on a busy one: a laptop doing other work should still show the
 * real page. Browsers wait minutes for an answer, so holding a minute costs nothing.
 */
const HOLD_MS = 60_000;

/** True on the first start of the embedded database: its folder holds no database yet. */
export function isNewEmbeddedDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): boolean {
  return !config.databaseUrl && !isDatabaseFolder(pgdataOf(config.dataDir));
}

const PREPARING_PAGE = `<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>이음터를 준비하고 있습니다</title></head>
<body><main><h1>이음터를 준비하고 있습니다</h1>
<p>처음 시작할 때 데모 데이터를 만드느라 시간이 조금 걸립니다. 잠시 후 이 페이지를 새로 고쳐 주세요.</p>
<p lang="en">Ieumteo is loading its demo data on this first start. Please reload this page in a moment.</p>
</main></body></html>`;

export interface DemoPreparation {
  /** Whether the demo made ahead by `npm ci` was copied (no child to wait for), and for which base URL, or why not. */
  copy: DemoCopy;
  /** Whether a child process makes the demo now (not when it was copied, nor when the folder could not be taken). */
  making: boolean;
  /** Settles when the demo database is in place; rejects when it could not be made. */
  done: Promise<void>;
  /**
   * Gives the port to the application: stops listening, runs `listen`, then sends the held page
   * requests again (or 503 when `listen` failed). Call once the application is ready.
   */
  handOver(listen: () => Promise<unknown>): Promise<void>;
  /** On a failure: answers the held requests 503, stops the child and the port (within ~3 s). */
  abandon(): Promise<void>;
}

/** Runs the demo database's child process; settles when it has put the database in place. */
function makeDemoInChild(): { child: ChildProcess; done: Promise<void> } {
  // Named as its parent, the child stops when this process ends, however it ends, instead of
  // holding the data folder's lock for seconds after a killed start.
  const child = spawn(process.execPath, ['--import', 'tsx', DEMO_DATABASE_SCRIPT, String(process.pid)], { cwd: ROOT, stdio: 'inherit' });
  const done = new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`The demo database could not be made (exit ${code ?? signal})`))));
  });
  return { child, done };
}

/**
 * Puts the demo database in place: a copy of the demo made ahead by `npm ci` when one fits
 * (`seed/demo-template.ts`, ~0.3 s), or else one made in a child process
 * (`seed/demo-database-cli.ts`, ~6 s) while the server loads its own modules. Answers on the
 * server's port meanwhile: a page request is held until the application listens and then sent
 * again (303 to itself), so a browser opened at once shows the real page instead of a refused
 * connection; anything else (forms, the API), and a page held past a minute, gets 503 with
 * `Retry-After` (RFC 9110 §10.2.3). `/healthz` answers 200 and `/readyz` 503, as the application
 * does, so a liveness probe leaves the process alone and a balancer sends it nothing yet.
 * Rejects at once, before any work, when the port cannot be listened on (EADDRINUSE, EACCES).
 */
export async function prepareDemoDatabase(config: Config, now: Date): Promise<DemoPreparation> {
  let release!: (ready: boolean) => void;
  const released = new Promise<boolean>((resolve) => {
    release = resolve;
  });
  const json = (response: ServerResponse, status: number, body: object) => {
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...(status === 503 ? { 'retry-after': '5' } : {}) });
    response.end(JSON.stringify(body));
  };
  const unavailable = (response: ServerResponse) => {
    if (response.headersSent) return;
    response.writeHead(503, { 'content-type': 'text/html; charset=utf-8', 'retry-after': '5', 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'", connection: 'close' });
    response.end(PREPARING_PAGE);
  };
  const server = createServer((request, response) => {
    const url = request.url ?? '';
    // As the application answers them: the process is up (a liveness probe must not restart it
    // in the middle of its first start), and it is not ready yet.
    if (/^\/healthz\b/.test(url)) return json(response, 200, { status: 'ok' });
    if (/^\/readyz\b/.test(url)) return json(response, 503, { status: 'preparing' });
    const isPage = (request.method === 'GET' || request.method === 'HEAD') && !url.startsWith('/api/');
    if (!isPage) return unavailable(response);
    const timer = setTimeout(() => unavailable(response), HOLD_MS);
    void released.then((ready) => {
      clearTimeout(timer);
      if (!ready) return unavailable(response);
      if (response.headersSent) return;
      // A path only: '//host/…' would send the browser to another site.
      const location = /^\/(?![/\\])/.test(request.url ?? '') ? request.url : '/';
      response.writeHead(303, { location, 'cache-control': 'no-store', connection: 'close' });
      response.end();
    });
  });
  // Listening before the child starts and before the application's modules load (they hold the
  // event loop for a second or two): a port that is taken is told at once, not after the demo.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  let copy: DemoCopy = { copied: false, why: 'the data folder could not be taken' };
  let child: ChildProcess | undefined;
  let done: Promise<void>;
  try {
    copy = copyDemoTemplate(config, now);
    if (copy.copied) done = Promise.resolve();
    else ({ child, done } = makeDemoInChild());
  } catch (error) {
    done = Promise.reject(error);
  }
  void done.catch(() => release(false));
  return {
    copy,
    making: child !== undefined,
    done,
    async handOver(listen) {
      // Stops accepting at once; the held requests' connections end after their answers.
      server.close();
      try {
        await listen();
        release(true);
      } catch (error) {
        release(false);
        throw error;
      } finally {
        server.closeIdleConnections();
      }
    },
    async abandon() {
      release(false);
      if (child) {
        const ended = child.exitCode === null && child.signalCode === null ? once(child, 'exit') : Promise.resolve();
        child.kill();
        await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
        // Stopped, it could not release the data folder: its lock and its half-made demo go now.
        if (child.pid) clearEndedHolder(config.dataDir, child.pid, path.join(config.dataDir, DEMO_PARTIAL));
      }
      // Requests already waiting to be accepted (the event loop was busy loading modules) are
      // answered 503 too, then the port is given up.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeIdleConnections();
      await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
    },
  };
}

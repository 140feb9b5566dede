import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { clock } from '../test/clock.ts';
import { NPM_START_ARGS } from '../test/npm-start.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
// Test files run two at a time, each in its own process: each takes its servers' ports from a block
// of ten of its own (pids of processes alive together differ, rarely by a multiple of 1,000), below
// Linux's ephemeral ports (32768+).
let nextPort = 22_000 + (process.pid % 1_000) * 10;

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  /** SIGTERM, and the exit code of the graceful shutdown. */
  stop(): Promise<number | null>;
}

/**
 * The real server process, as `npm start` runs it, on its own loopback port: on the embedded
 * database in `dataDir`, or on the PostgreSQL server at `databaseUrl`.
 */
export function startServer(options: { dataDir: string; databaseUrl?: string; env?: Record<string, string> }): ServerProcess {
  const port = nextPort++;
  const child = spawn(process.execPath, NPM_START_ARGS, {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: options.dataDir,
      DATABASE_URL: options.databaseUrl ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      DEMO_SEED: 'false',
      LOG_LEVEL: 'warn',
      // The server's time starts where the test's builders are, and runs on from there.
      CLOCK_START: clock().toISOString(),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    exited,
    stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

export async function waitReady(server: ServerProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(`${server.url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not become ready:\n${server.output()}`);
}

/** A visitor's cookie and CSRF token, read from the sign-up form. */
export async function formSession(url: string): Promise<{ cookie: string; token: string }> {
  const response = await fetch(`${url}/signup`);
  const cookie = (response.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
  const token = /name="_csrf" value="([^"]+)"/.exec(await response.text())?.[1] ?? '';
  return { cookie, token };
}

/** A browser's cookies, as far as requests made with `fetch` need them. */
export function cookieJar() {
  const cookies = new Map<string, string>();
  return {
    header: () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
    /** Keeps the cookies `response` sets; returns it. */
    keep(response: Response): Response {
      for (const cookie of response.headers.getSetCookie()) {
        const [pair = ''] = cookie.split(';');
        cookies.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
      }
      return response;
    },
  };
}

/** Signs `user` in through the login form at `site`, keeping the session in `jar`; the answer's status. */
export async function signInWithForm(site: string, jar: ReturnType<typeof cookieJar>, user: { email: string; password: string }): Promise<Response> {
  const form = await jar.keep(await fetch(`${site}/login`, { headers: { cookie: jar.header() } })).text();
  const token = /name="_csrf" value="([^"]+)"/.exec(form)?.[1] ?? '';
  const body = new URLSearchParams({ _csrf: token, email: user.email, password: user.password });
  return jar.keep(await fetch(`${site}/login`, { method: 'POST', headers: { cookie: jar.header() }, body, redirect: 'manual' }));
}

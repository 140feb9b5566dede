import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { clock } from '../test/clock.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
let nextPort = 3900 + (process.pid % 50) * 2;

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
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/app/server.ts'], {
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

/**
 * The embedded default as `npm start` runs it, demo on: ROUNDS (3) first starts, each on a new data
 * folder, each followed by a warm restart on it; the first with the demo made ahead by `npm ci`
 * (made again first when it is missing, stale or of older code), then one that makes the demo in its child. Prints, from the process's start, the seconds to
 * the first answer on the port (`/readyz`, 503 while the demo is made) and to the first page (200
 * for `/`),
 * and the server's resident memory then and 10 s later. Run on a quiet machine:
 *   node --import tsx bench/start.bench.ts
 * Prints figures; never fails on them.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freshDemoTemplate, NPM_START_ARGS } from '../test/npm-start.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function start(dataDir: string, port: number, env: Record<string, string> = {}): Promise<string> {
  const started = performance.now();
  const child = spawn(process.execPath, NPM_START_ARGS, {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DEMO_SEED: 'true', ...env },
    stdio: 'ignore',
  });
  const rss = () => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1]) / 1024);
  const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
  const status = (url: string) =>
    fetch(url, { signal: AbortSignal.timeout(30_000) }).then(
      (r) => r.status,
      () => 0,
    );
  while (!(await status(`http://127.0.0.1:${port}/readyz`))) await sleep(50);
  const answered = seconds();
  // A page asked for while the demo is made is held and then redirected to the application.
  while ((await status(`http://127.0.0.1:${port}/`)) !== 200) await sleep(50);
  const line = `${answered} s | ${seconds()} s | ${rss()} MB`;
  await sleep(10_000);
  const settled = rss();
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return `${line} | ${settled} MB`;
}

/** A plain `npm start`'s settings: the real clock, which the demo made ahead by `npm ci` needs. */
const PLAIN = { CLOCK_START: '' };

// A template of older code would not be copied, and the "copied" rows would measure a demo made now.
freshDemoTemplate();
console.log('| embedded default (`npm start`, demo data) | first answer | first page | RSS then | RSS 10 s later |');
console.log('|---|---:|---:|---:|---:|');
for (let round = 0; round < ROUNDS; round++) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ieumteo-start-'));
  console.log(`| first start, demo made ahead by npm ci (copied) | ${await start(dataDir, 3390, PLAIN)} |`);
  console.log(`| warm restart | ${await start(dataDir, 3391, PLAIN)} |`);
  rmSync(dataDir, { recursive: true, force: true });
  const other = mkdtempSync(path.join(tmpdir(), 'ieumteo-start-'));
  console.log(`| first start, demo made now (CLOCK_START set) | ${await start(other, 3392, { CLOCK_START: new Date().toISOString() })} |`);
  rmSync(other, { recursive: true, force: true });
}

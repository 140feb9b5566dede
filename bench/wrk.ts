import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LoadResult } from './load.ts';

/** Debian's `wrk`, when installed: a separate C process loads the server more cheaply than a JS worker. */
export function hasWrk(): boolean {
  return spawnSync('wrk', ['--version']).error === undefined;
}

/** Same figures as runLoad, measured by wrk over the given paths in turn (a Lua script picks them), each request with `headers`. */
export async function runWrk(urls: string[], connections: number, seconds: number, headers: Record<string, string> = {}): Promise<LoadResult> {
  const origin = new URL(urls[0]!).origin;
  const paths = urls.map((u) => {
    const url = new URL(u);
    return url.pathname + url.search;
  });
  const script = path.join(mkdtempSync(path.join(tmpdir(), 'ieumteo-wrk-')), 'paths.lua');
  writeFileSync(
    script,
    `local paths = {${paths.map((p) => JSON.stringify(p)).join(',')}}
${Object.entries(headers)
  .map(([name, value]) => `wrk.headers[${JSON.stringify(name)}] = ${JSON.stringify(value)}`)
  .join('\n')}
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout + summary.errors.status
  io.write(string.format("RESULT %d %d %.3f %.3f %.3f %.3f\\n", summary.requests, errors, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
`,
  );
  // Asynchronous: the server under test runs in this process and must keep serving.
  const { stdout: out } = await promisify(execFile)('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '-s', script, origin]);
  const [requests, errors, elapsed, p50, p95, p99] = (/RESULT (.*)/.exec(out)?.[1] ?? '').split(' ').map(Number);
  return { requests: requests!, errors: errors!, rps: Math.round(requests! / elapsed!), p50: p50!, p95: p95!, p99: p99! };
}

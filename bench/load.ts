import { Worker } from 'node:worker_threads';

export interface LoadResult {
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** A bounded closed-loop load on loopback: `connections` requests in flight, for a time or a count. */
export async function runLoad(urls: string[], connections = 50, durationMs = 5000, maxRequests = 50_000, headers: Record<string, string> = {}): Promise<LoadResult> {
  const worker = new Worker(new URL('./load-worker.ts', import.meta.url), { workerData: { urls, connections, durationMs, maxRequests, headers } });
  const { latencies, errors, elapsedMs } = await new Promise<{ latencies: number[]; errors: number; elapsedMs: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  const sorted = latencies.sort((a, b) => a - b);
  return {
    requests: sorted.length,
    errors,
    rps: Math.round((sorted.length / elapsedMs) * 1000),
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
}

/** Prints the header of a table of `timeRuns` rows: one request at a time, through the services. */
export function runsHeader(first = 'part'): void {
  console.log('\nOne request at a time, through the services');
  console.log(`| ${first} | runs | p50 ms | p95 ms | p99 ms |`);
  console.log('|---|---:|---:|---:|---:|');
}

/** Runs `run` `runs` times one after another (given the run's number) and prints its row of percentiles. */
export async function timeRuns(label: string, runs: number, run: (i: number) => Promise<unknown>): Promise<void> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run(i);
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  console.log(`| ${label} | ${runs} | ${percentile(ms, 50).toFixed(1)} | ${percentile(ms, 95).toFixed(1)} | ${percentile(ms, 99).toFixed(1)} |`);
}

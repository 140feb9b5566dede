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

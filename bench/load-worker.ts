import { parentPort, workerData } from 'node:worker_threads';

/** Runs in its own thread so the load generator never shares the server's event loop. */
interface Job {
  urls: string[];
  connections: number;
  durationMs: number;
  maxRequests: number;
  /** Sent with every request (a signed-in member's session cookie). */
  headers: Record<string, string>;
}

const { urls, connections, durationMs, maxRequests, headers } = workerData as Job;
const latencies: number[] = [];
let errors = 0;
let issued = 0;
const deadline = Date.now() + durationMs;

async function connection(): Promise<void> {
  while (Date.now() < deadline && issued < maxRequests) {
    const url = urls[issued++ % urls.length] as string;
    const started = performance.now();
    try {
      const response = await fetch(url, { headers, redirect: 'manual' });
      await response.arrayBuffer();
      if (response.status >= 400) errors++;
    } catch {
      errors++;
    }
    latencies.push(performance.now() - started);
  }
}

const began = performance.now();
await Promise.all(Array.from({ length: connections }, connection));
parentPort?.postMessage({ latencies, errors, elapsedMs: performance.now() - began });

import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { dueJobs } from '../../jobs/queue.ts';
import { NO_SIGN_IN } from '../request-context.ts';

declare module 'fastify' {
  interface FastifyInstance {
    metrics: AppMetrics;
  }
}

export interface AppMetrics {
  /** Open Server-Sent Event streams (live notices) on this instance. */
  liveStreams: Gauge;
  /** Signed-in pages' sessions by where they were found: `memory` (kept) or `database`. */
  sessionLookups: Counter<'source'>;
}

/** Seconds; from a cached page (~1 ms) to a request that waited on a slow database. */
const DURATION_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

// The process's own figures (CPU, memory, heap, event-loop lag, GC) are one set however many apps a
// process builds (tests build many), so they are collected once and joined to each app's registry.
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/**
 * `GET /metrics` in Prometheus' text format (exposition format 0.0.4): request durations per route,
 * the database pool, the job queue's due work and its age, open live-notice streams, sessions found
 * in memory or read, and the
 * process's CPU, memory and event loop.
 *
 * Only a scraper sending `Authorization: Bearer <METRICS_TOKEN>` reads it; without the setting the
 * endpoint is off. Anyone else gets the site's plain 404, so the figures do not advertise the
 * installation. (Trusting loopback peers instead would open it to everyone behind a local proxy.)
 */
export function metrics(app: FastifyInstance, token: string | undefined): void {
  const registry = new Registry();
  const duration = new Histogram({
    name: 'ieumteo_http_request_duration_seconds',
    help: 'Time from request to response, by route pattern, method and status code.',
    labelNames: ['route', 'method', 'status'],
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const liveStreams = new Gauge({ name: 'ieumteo_live_streams', help: 'Open live-notice (SSE) streams.', registers: [registry] });
  const sessionLookups = new Counter({
    name: 'ieumteo_session_lookups_total',
    help: 'Sessions of signed-in pages (GET) by where they were found: memory (kept) or database.',
    labelNames: ['source'],
    registers: [registry],
  });
  app.decorate('metrics', { liveStreams, sessionLookups });

  const { poolStats } = app.database;
  if (poolStats) {
    new Gauge({
      name: 'ieumteo_db_pool_connections',
      help: 'Database pool connections by state (idle, busy) and requests waiting for one.',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        const pool = poolStats();
        this.set({ state: 'idle' }, pool.idle);
        this.set({ state: 'busy' }, pool.total - pool.idle);
        this.set({ state: 'waiting' }, pool.waiting);
      },
    });
  }
  const depth = new Gauge({ name: 'ieumteo_jobs_due', help: 'Background jobs due and not yet done, by kind.', labelNames: ['kind'], registers: [registry] });
  const age = new Gauge({
    name: 'ieumteo_jobs_oldest_due_seconds',
    help: 'How long the oldest due job of each kind has waited past its time.',
    labelNames: ['kind'],
    registers: [registry],
  });
  const jobsUp = new Gauge({ name: 'ieumteo_jobs_readable', help: '1 when the job queue could be read for this scrape, 0 when the database did not answer.', registers: [registry] });

  /** Reads the queue for one scrape; a database outage shows as `ieumteo_jobs_readable 0`, not a failed scrape. */
  const readQueue = async () => {
    depth.reset();
    age.reset();
    try {
      const now = app.clock();
      for (const due of await dueJobs(app.database.db, now)) {
        depth.set({ kind: due.kind }, due.count);
        age.set({ kind: due.kind }, Math.max(0, (now.getTime() - new Date(due.oldest).getTime()) / 1000));
      }
      jobsUp.set(1);
    } catch (error) {
      app.log.warn({ err: error }, 'metrics: the job queue could not be read');
      jobsUp.set(0);
    }
  };

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? '(unmatched)';
    duration.observe({ route, method: request.method, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  // Compared as digests, so the comparison takes the same time whatever the length of the guess.
  const expected = token ? createHash('sha256').update(token).digest() : undefined;
  const allowed = (request: FastifyRequest) => {
    const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    return expected !== undefined && given !== undefined && timingSafeEqual(createHash('sha256').update(given).digest(), expected);
  };

  app.get('/metrics', NO_SIGN_IN, async (request, reply) => {
    if (!allowed(request)) return reply.callNotFound();
    await readQueue();
    const merged = Registry.merge([registry, processMetrics()]);
    return reply.header('Cache-Control', 'no-store').type(merged.contentType).send(await merged.metrics());
  });
}


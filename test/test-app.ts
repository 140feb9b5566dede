import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { buildApp } from '../src/app/build-app.ts';
import { type Config, FEATURES } from '../src/config.ts';
import type { Database } from '../src/db/client.ts';
import type { DB } from '../src/db/schema.ts';
import { jobHandlers } from '../src/jobs/handlers.ts';
import { createWorker, type Worker } from '../src/jobs/worker.ts';
import { Agent } from './agent.ts';
import { clock as sharedClock, TEST_CLOCK_START, type TestClock } from './clock.ts';
import { createTestDatabase } from './test-database.ts';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  db: Kysely<DB>;
  config: Config;
  clock: TestClock;
  /** Runs the background jobs that are due, as the worker would. */
  worker: Worker;
  agent(): Agent;
  close(): Promise<void>;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir: mkdtempSync(path.join(tmpdir(), 'ieumteo-test-')),
    databaseUrl: undefined,
    databaseReadUrl: undefined,
    baseUrl: 'http://localhost:3000',
    smtpUrl: undefined,
    mailFrom: 'test@ieumteo.localhost',
    sessionSecret: 'test-secret-test-secret-test-secret',
    demoSeed: false,
    requireOperatorTotp: false,
    worker: false,
    logLevel: 'silent',
    // Tests move the clock and read pages right after; the cache has its own test.
    pageCacheSeconds: 0,
    // Tests write to the database and read a page at once; on a server the word of it comes a moment later.
    sessionKeptSeconds: 0,
    quietHours: { start: 22, end: 8 },
    clockStart: undefined,
    modules: new Set(FEATURES),
    oidcProviders: [],
    webhookPrivateTargets: false,
    apiRates: { token: 600, anonymous: 60 },
    metricsToken: undefined,
    ...overrides,
  };
}

/**
 * The whole application on a fresh database, driven through `inject` (no port opened). Given an
 * earlier app's database and clock, it is that installation restarted (closing it keeps the database).
 */
export async function buildTestApp(overrides: Partial<Config> = {}, restart?: { database: Database; clock: TestClock }): Promise<TestApp> {
  const database = restart?.database ?? (await createTestDatabase());
  const config = testConfig(overrides);
  // Each new installation starts at the same moment; a restarted one goes on with its clock.
  const clock = restart?.clock ?? sharedClock;
  if (!restart) clock.set(TEST_CLOCK_START);
  const app = await buildApp({ config, database, clock });
  const worker = createWorker({ db: database.db, now: clock, handlers: jobHandlers(config, database, clock), log: app.log });
  return {
    app,
    database,
    db: database.db,
    config,
    clock,
    worker,
    agent: () => new Agent(app),
    async close() {
      await app.close();
      if (!restart) await database.close();
    },
  };
}

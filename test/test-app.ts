import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { buildApp } from '../src/app/build-app.ts';
import type { Config } from '../src/config.ts';
import type { Database } from '../src/db/client.ts';
import type { DB } from '../src/db/schema.ts';
import { jobHandlers } from '../src/jobs/handlers.ts';
import { createWorker, type Worker } from '../src/jobs/worker.ts';
import { Agent } from './agent.ts';
import { createTestDatabase } from './test-database.ts';

/** A clock the test moves by hand. */
export interface TestClock {
  (): Date;
  set(date: Date): void;
  advance(ms: number): void;
}

export function testClock(start = new Date('2026-11-22T01:00:00Z')): TestClock {
  let now = start.getTime();
  const clock = (() => new Date(now)) as TestClock;
  clock.set = (date) => {
    now = date.getTime();
  };
  clock.advance = (ms) => {
    now += ms;
  };
  return clock;
}

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
    quietHours: { start: 22, end: 8 },
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
  const clock = restart?.clock ?? testClock();
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

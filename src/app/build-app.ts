import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { sessions } from '../modules/accounts/session-cookie.ts';
import { apiPlumbing } from '../modules/api/index.ts';
import { unreadColumn } from '../modules/notifications/index.ts';
import { modulesOf } from './modules.ts';
import { csrf } from './plugins/csrf.ts';
import { errorHandling } from './plugins/errors.tsx';
import { formDrafts } from './plugins/form-drafts.ts';
import { health } from './plugins/health.ts';
import { krdsAssets, KRDS_PREFIX } from './plugins/krds-assets.ts';
import { inputHygiene } from './plugins/input.ts';
import { locale } from './plugins/locale.ts';
import { metrics } from './plugins/metrics.ts';
import { pageCache } from './plugins/page-cache.ts';
import { readReplica } from './plugins/read-replica.ts';
import { securityHeaders } from './plugins/security-headers.ts';
import { attachmentStorage } from '../shared/storage.ts';
import type { Clock } from '../shared/clock.ts';
import { uploads } from './plugins/uploads.ts';
import './request-context.ts';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
const YEAR_MS = 365 * 24 * 3600 * 1000;

export interface AppOptions {
  config: Config;
  database: Database;
  /** The time as the services see it (`shared/clock.ts`); tests move it by hand. */
  clock: Clock;
  /** Fastify's logger option; off by default so tests stay quiet. */
  logger?: boolean | Record<string, unknown>;
}

/** The URL of a file of public/ that changes with its content, so browsers may keep it for a year. */
function fingerprinted(file: string): string {
  const hash = createHash('sha256').update(readFileSync(path.join(root, 'public', file))).digest('hex').slice(0, 12);
  return `/assets/${file}?v=${hash}`;
}

/** Builds the whole web application without listening, so tests drive it through `inject`. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: process.env.TRUST_PROXY === 'true',
    // A form of 100,000 characters of Korean is about 900 KB once percent-encoded; it must reach the
    // validation (and a message beside its field), not stop at the body limit.
    bodyLimit: 4 * 1024 * 1024,
    requestIdHeader: 'x-request-id',
    return503OnClosing: true,
  });
  app.decorate('config', config);
  app.decorate('database', options.database);
  app.decorate('clock', options.clock);
  app.decorate('files', attachmentStorage(config.dataDir));
  app.decorate('assetUrls', {
    css: fingerprinted('app.css'),
    live: fingerprinted('live.js'),
    icon: fingerprinted('favicon.svg'),
    krds: KRDS_PREFIX,
  });

  // Every cookie the app sets or clears starts from these: Secure whenever the site is served over
  // HTTPS (session, CSRF seed, flash message, language), never readable by scripts, sent on
  // same-site navigation only.
  await app.register(fastifyCookie, {
    parseOptions: { path: '/', httpOnly: true, sameSite: 'lax', secure: config.baseUrl.startsWith('https://') },
  });
  await app.register(fastifyFormbody);
  await uploads(app);
  inputHygiene(app);
  // Fingerprinted or versioned URLs: browsers keep them a year and never ask again.
  await krdsAssets(app, root);
  await app.register(fastifyStatic, {
    root: path.join(root, 'public'),
    prefix: '/assets/',
    maxAge: YEAR_MS,
    immutable: true,
    index: false,
    decorateReply: false,
  });

  metrics(app, config.metricsToken);
  securityHeaders(app);
  locale(app);
  // The header's unread count comes with the session: one round trip per page.
  sessions(app, config.sessionKeptSeconds, unreadColumn);
  await apiPlumbing(app);
  csrf(app, config.sessionSecret);
  formDrafts(app);
  pageCache(app, config.pageCacheSeconds);
  // After the page cache: a page served from memory needs no database at all.
  readReplica(app);
  errorHandling(app);
  health(app);
  for (const register of modulesOf(config.modules)) await app.register(register);
  return app;
}

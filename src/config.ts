import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createWhole } from './shared/files.ts';

/** Everything the platform can be told, read once from the environment (documented in the README). */
/**
 * What an installation offers besides the core (accounts, organisations, notifications, statistics,
 * open data, the operators' console): the matching of demands (with replies, matches, briefings,
 * reviews, recognition and alerts), collaboration tasks, 협업SOS and the citizen forum.
 */
export const FEATURES = ['demands', 'tasks', 'sos', 'forum'] as const;
export type Feature = (typeof FEATURES)[number];

export interface Config {
  /** The features this installation offers (`MODULES`, comma-separated; all when unset). */
  modules: ReadonlySet<Feature>;
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** A streaming replica of that server for public reads (`DATABASE_READ_URL`). */
  databaseReadUrl: string | undefined;
  baseUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  sessionSecret: string;
  /** Load the Korean demo seed when the database is empty. */
  demoSeed: boolean;
  /** Operators must turn on two-step verification before using the console. */
  requireOperatorTotp: boolean;
  /** Start the background job worker (mail, maintenance). */
  worker: boolean;
  logLevel: string;
  /** How long anonymous visitors may be shown the same rendered public page; 0 turns the cache off. */
  pageCacheSeconds: number;
  /** How long an instance keeps a signed-in person's session unchanged before reading it again; 0: never kept. */
  sessionKeptSeconds: number;
  /** KST hours in which no digest mail is sent (start to end, across midnight); null: none. */
  quietHours: { start: number; end: number } | null;
  /** The instant the clock reads at start (`CLOCK_START`, ISO 8601), for demonstrations and tests; unset: the system time. */
  clockStart: Date | undefined;
  /** OpenID Connect providers people may sign in with (`OIDC_PROVIDERS` and `OIDC_<ID>_*`). */
  oidcProviders: OidcProviderSetting[];
  /**
   * Webhooks may be sent to plain HTTP and to private, loopback and link-local addresses
   * (`WEBHOOK_PRIVATE_TARGETS=true`: an installation inside an agency's own network, and tests).
   */
  webhookPrivateTargets: boolean;
  /** API requests a minute per instance: with a token, counted per token (`API_RATE_TOKEN`), and without, per address (`API_RATE_ANONYMOUS`). */
  apiRates: { token: number; anonymous: number };
  /** The bearer token a Prometheus scraper sends to read `/metrics` (`METRICS_TOKEN`); unset: the endpoint is off. */
  metricsToken: string | undefined;
}

/** One OpenID Connect provider, as the operator set it. */
export interface OidcProviderSetting {
  /** Short name in addresses (`/login/oidc/<id>/callback`): lower-case letters, digits, hyphens. */
  id: string;
  /** What the sign-in button says, e.g. "공무원 통합인증". */
  name: string;
  issuer: URL;
  clientId: string;
  /** Unset: a public client that proves itself by PKCE alone. */
  clientSecret: string | undefined;
}

/** `22-8` (the default) or `off`. */
function quietHours(value: string): Config['quietHours'] {
  if (value === 'off') return null;
  const match = /^([0-9]{1,2})-([0-9]{1,2})$/.exec(value);
  const [start, end] = [Number(match?.[1]), Number(match?.[2])];
  if (!match || start > 23 || end > 23) throw new Error(`QUIET_HOURS is not 'HH-HH' or 'off': ${value}`);
  return { start, end };
}

function features(value: string | undefined): ReadonlySet<Feature> {
  if (!value?.trim()) return new Set(FEATURES);
  const names = value.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !(FEATURES as readonly string[]).includes(name));
  if (unknown.length) throw new Error(`MODULES names what does not exist: ${unknown.join(', ')} (choose from ${FEATURES.join(', ')})`);
  return new Set(names as Feature[]);
}

/**
 * The data folder's session secret, made on first use. Written whole under another name and linked
 * into place, which fails if it exists: of two processes starting at once, both use the one that won.
 */
function readOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  if (!existsSync(file)) createWhole(file, `${randomBytes(32).toString('base64url')}\n`, 0o600);
  return readFileSync(file, 'utf8').trim();
}

function nonNegative(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} is not a number of seconds: ${value}`);
  return n;
}

function perMinute(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} is not a number of requests a minute: ${value}`);
  return n;
}

function clockStart(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const start = new Date(value);
  if (Number.isNaN(start.getTime())) throw new Error(`CLOCK_START is not an ISO 8601 instant: ${value}`);
  return start;
}

/**
 * `OIDC_PROVIDERS=gov,corp` names the providers; each needs `OIDC_GOV_ISSUER` and `OIDC_GOV_CLIENT_ID`,
 * and may have `OIDC_GOV_CLIENT_SECRET` and `OIDC_GOV_NAME` (the button's words; the id when unset).
 */
function oidcProviders(env: NodeJS.ProcessEnv): OidcProviderSetting[] {
  const ids = (env.OIDC_PROVIDERS ?? '').split(',').map((id) => id.trim()).filter(Boolean);
  return ids.map((id) => {
    if (!/^[a-z0-9][a-z0-9-]{0,30}$/.test(id)) throw new Error(`OIDC_PROVIDERS: '${id}' is not lower-case letters, digits and hyphens`);
    const prefix = `OIDC_${id.toUpperCase().replaceAll('-', '_')}_`;
    const issuer = env[`${prefix}ISSUER`];
    const clientId = env[`${prefix}CLIENT_ID`];
    if (!issuer || !URL.canParse(issuer)) throw new Error(`${prefix}ISSUER is not set to the provider's URL`);
    if (!clientId) throw new Error(`${prefix}CLIENT_ID is not set`);
    return { id, name: env[`${prefix}NAME`] || id, issuer: new URL(issuer), clientId, clientSecret: env[`${prefix}CLIENT_SECRET`] || undefined };
  });
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.DATA_DIR ?? './data');
  mkdirSync(dataDir, { recursive: true });
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT is not a port number: ${env.PORT}`);
  const host = env.HOST ?? '0.0.0.0';
  return {
    port,
    host,
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    databaseReadUrl: env.DATABASE_URL ? env.DATABASE_READ_URL || undefined : undefined,
    baseUrl: (env.BASE_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? '이음터 <no-reply@ieumteo.localhost>',
    sessionSecret: env.SESSION_SECRET || readOrCreateSecret(dataDir),
    demoSeed: env.DEMO_SEED !== 'false',
    requireOperatorTotp: env.REQUIRE_OPERATOR_TOTP === 'true',
    worker: env.WORKER !== 'false',
    logLevel: env.LOG_LEVEL ?? 'info',
    pageCacheSeconds: nonNegative('PAGE_CACHE_SECONDS', env.PAGE_CACHE_SECONDS ?? '2'),
    sessionKeptSeconds: nonNegative('SESSION_KEPT_SECONDS', env.SESSION_KEPT_SECONDS ?? '60'),
    quietHours: quietHours(env.QUIET_HOURS ?? '22-8'),
    clockStart: clockStart(env.CLOCK_START),
    modules: features(env.MODULES),
    oidcProviders: oidcProviders(env),
    webhookPrivateTargets: env.WEBHOOK_PRIVATE_TARGETS === 'true',
    apiRates: { token: perMinute('API_RATE_TOKEN', env.API_RATE_TOKEN ?? '600'), anonymous: perMinute('API_RATE_ANONYMOUS', env.API_RATE_ANONYMOUS ?? '60') },
    metricsToken: env.METRICS_TOKEN || undefined,
  };
}

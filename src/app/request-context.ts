import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { type Actor, ANONYMOUS, type Ctx, isOperator, sharedWork } from '../shared/context.ts';
import type { Clock } from '../shared/clock.ts';
import type { FileStorage } from '../shared/storage.ts';
import { NotFoundError } from '../shared/errors.ts';
import type { Locale, MessageKey, Translate } from '../shared/i18n/index.ts';
import { sharesWithOthers } from './plugins/page-cache.ts';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    database: Database;
    clock: Clock;
    files: FileStorage;
    /** Fingerprinted URLs of our own assets, cached for a year by browsers. */
    assetUrls: { css: string; live: string; icon: string; krds: string };
  }
  interface FastifyRequest {
    actor: Actor;
    locale: Locale;
    t: Translate;
    csrfToken: string;
    flash: MessageKey | null;
    /** Unread notifications of the signed-in user, for the header. */
    unread: number;
  }
  interface FastifyContextConfig {
    /** Requested by a page's script on its own (the live notice stream), not by the person. */
    background?: boolean;
    /** A link that signing in cannot open (a token, a public file): a missing one is a plain 404 for visitors too. */
    noSignIn?: boolean;
  }
  interface FastifyReply {
    /** Shows `message` on the next page the browser loads (post/redirect/get). */
    flash(message: MessageKey): FastifyReply;
  }
}

/** The service context for this request: the services are the only door to the data. */
export function ctxOf(request: FastifyRequest): Ctx {
  const app = request.server;
  const replica = request.readFromReplica ? app.database.replica : undefined;
  const db = replica ?? app.database.db;
  return {
    actor: request.actor,
    db,
    ...(replica ? { writeDb: app.database.db } : {}),
    now: app.clock,
    baseUrl: app.config.baseUrl,
    files: app.files,
    ip: request.ip,
    formKey: formKeyOf(request),
    operatorTotpRequired: app.config.requireOperatorTotp,
    // A browser that has just written shares nothing, so it sees its write wherever it reads (`sharesWithOthers`).
    ...(sharesWithOthers(request) ? { share: <T>(key: string, work: () => Promise<T>) => app.sharedPublic(db, key, work) } : {}),
  };
}

/**
 * What `work` reads, as a visitor would see it, shared with everyone but operators who asks for
 * `key` (by default this address: its path and query) within the page cache's seconds
 * (`sharedPublic`): for what every reader sees alike (a list of the public API), so it is not read
 * again for each caller. Operators, who may see more (a rejected organisation), get their own.
 */
export function sharedPublicData<T>(request: FastifyRequest, work: (reader: Ctx) => Promise<T>, key = `data ${request.url}`): Promise<T> {
  const ctx = ctxOf(request);
  if (isOperator(ctx.actor)) return work(ctx);
  return sharedWork(ctx, key, () => work({ ...ctx, actor: ANONYMOUS }));
}

/**
 * The create form's one-time key (`FormKey`), when the request carries a well-formed one, bound to
 * the address it was posted to and what was typed: a double click or a resent request is the same
 * submission, while the same page sent again with other content (restored by Back, or its key reused
 * for another form) is a new one and is not swallowed. Files are left out of the fingerprint.
 */
function formKeyOf(request: FastifyRequest): string | undefined {
  const body = (request.body as Record<string, unknown> | undefined) ?? {};
  const key = body._once;
  if (typeof key !== 'string' || !/^[0-9a-f-]{36}$/.test(key)) return undefined;
  const typed = Object.entries(body)
    .filter(([name, value]) => name !== '_csrf' && name !== '_once' && (typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'))))
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const fingerprint = createHash('sha256').update(JSON.stringify([request.url, typed])).digest('base64url');
  return `${key}:${fingerprint}`;
}

/** The service context of work done for everyone rather than for the person asking (shared public files). */
export function anonymousCtx(app: FastifyInstance): Ctx {
  return { actor: ANONYMOUS, db: app.database.db, now: app.clock, baseUrl: app.config.baseUrl, files: app.files };
}

/**
 * Static assets and the liveness probe need no visitor state: no session lookup, no CSRF cookie,
 * and above all no flash message consumed by a stylesheet request or cookies on year-cached files.
 */
export function needsVisitorState(request: FastifyRequest): boolean {
  return !request.url.startsWith('/assets/') && request.url !== '/healthz' && !isApiRequest(request);
}

/**
 * The public API (`/api/v1`) knows a caller only by the bearer token it sends, never by cookies: a
 * page of another site can make a browser send our cookies, not a token, so the API needs no CSRF
 * token and a signed-in browser has no more power there than anyone else.
 */
export function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/v1/') || request.url === '/api/v1';
}

/**
 * What a page needs beyond the session: the flash message, the CSRF cookie, the header's unread
 * count. A background request must not take them: it could consume the flash meant for the next page.
 */
export function needsPageState(request: FastifyRequest): boolean {
  return needsVisitorState(request) && !request.routeOptions.config.background;
}

/** Route option of a background request: signed-in state only. */
export const BACKGROUND = { config: { background: true } } as const;

/**
 * Route option of a link that acts when opened (a mailed confirmation, opening a notice, a sign-in's
 * return): no HEAD route, since HEAD must change nothing (RFC 9110 §9.3.2) and mail scanners and link
 * checkers send it; Fastify answers it 404.
 */
export const ACTS_WHEN_OPENED = { exposeHeadRoute: false } as const;

/** Route options of a page whose 404 signing in cannot turn into the page (see `noSignIn`). */
export const NO_SIGN_IN = { config: { noSignIn: true } } as const;

/** A backslash (read as `/` by browsers), any control or whitespace character (dropped or split on). */
const UNSAFE_IN_PATH = /[\\\s\p{Cc}]/u;
const LOCAL = 'http://local.invalid';

/**
 * The one judge of a redirect target that came from input (`?next=`, a stored link): a path of this
 * site, or null. It must start with a single `/`, hold no backslash, control or whitespace character
 * (browsers drop tabs and newlines, so `/\t/evil.example` would become `//evil.example`), and resolve
 * to this origin. The answer is the URL's own serialisation, so non-ASCII text is percent-encoded and
 * always fits in a Location header.
 */
export function safeLocalPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 2000 || !value.startsWith('/') || value.startsWith('//')) return null;
  if (UNSAFE_IN_PATH.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, LOCAL);
    // Nor hidden behind percent-encoding in the path (/%5C…, /%09…).
    if (UNSAFE_IN_PATH.test(decodeURIComponent(url.pathname))) return null;
  } catch {
    return null;
  }
  if (url.origin !== LOCAL || url.pathname.startsWith('//')) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** Where to go after a step that was asked for from another page: `?next=` if it is safe, else home. */
export function nextParam(request: FastifyRequest): string {
  return safeLocalPath((request.query as { next?: unknown } | undefined)?.next) ?? '/';
}

/** 303 after a form post, so reloading the next page never resubmits it. */
export function seeOther(reply: FastifyReply, url: string, message?: MessageKey): FastifyReply {
  if (message) reply.flash(message);
  return reply.redirect(url, 303);
}

/** A text parameter of the query string, at most `max` characters; absent or repeated → undefined. */
export function queryText(request: FastifyRequest, name: string, max = 200): string | undefined {
  const value = (request.query as Record<string, unknown>)[name];
  return typeof value === 'string' ? value.slice(0, max) : undefined;
}

/** Route ids are positive integers; anything else is simply not found. */
export function idParam(request: FastifyRequest, name = 'id'): number {
  const raw = (request.params as Record<string, string>)[name] ?? '';
  const id = Number(raw);
  if (!/^[1-9][0-9]{0,15}$/.test(raw) || !Number.isSafeInteger(id)) throw new NotFoundError();
  return id;
}

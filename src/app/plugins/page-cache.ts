import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { formatDateTime } from '../../shared/i18n/index.ts';
import { sharedFor } from '../../shared/memo.ts';

const MAX_PAGES = 500;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A public page that may be served from the page cache to anonymous visitors. */
    publicPage?: boolean;
  }
  interface FastifyRequest {
    pageCacheKey: string | undefined;
    /** The process's count of successful writes when this request came in, before it read anything. */
    writesSeen: number;
  }
  interface FastifyInstance {
    /**
     * Stale-if-error (RFC 5861 §4) for a database outage: answers a GET of a public page with the last
     * copy this process rendered for anonymous visitors, however old, with a notice that it is a saved
     * copy. False when there is none (the cache is off, or nobody looked at the page since the last write).
     */
    serveSavedCopy(request: FastifyRequest, reply: FastifyReply): boolean;
    /**
     * Public data the same for every reader (the home page's lists and counts), shared per database
     * and `key` for the page cache's seconds and dropped by any successful write in this process: the
     * freshness visitors get from the page cache, given to signed-in members too, whose pages are
     * rendered for them but need not ask the database again for what everyone sees. Runs `work` each
     * time when the cache is off. `since` (by default the count of writes now) keys what `work`
     * returns: the writes seen before `work`'s data was read (`request.writesSeen` for a page that
     * read it earlier in the request), so nothing read before a write is kept as read after it.
     */
    sharedPublic<T>(db: Kysely<DB>, key: string, work: () => Promise<T>, since?: number): Promise<T>;
  }
}

/** Route options of a page anonymous visitors may be served from the cache. */
export const PUBLIC_PAGE = { config: { publicPage: true } } as const;

interface CachedPage {
  body: Buffer;
  type: string;
  freshUntil: number;
  refreshing: boolean;
  /** By the app's clock, for the outage notice. */
  renderedAt: Date;
}

/** A page this much past its time is rendered again for the visitor instead of being served stale. */
const STALE_MS = 60_000;
/** Where a saved copy's outage notice goes: first thing in the main landmark, as a flash message would. */
const MAIN_OPENED = /<main id="main"[^>]*>/;
const REFRESH_HEADER = 'x-page-cache-refresh';
/**
 * Public answers kept per database (`sharedPublic`), a few per public address: enough for the
 * pages read within the cache's seconds at national scale (answers past their time are let go).
 */
const SHARED_ANSWERS = 5000;

/**
 * Set on the answer to a write: for a minute the writer's requests share nothing (`sharesWithOthers`).
 * What this process shares is keyed by its own writes, but another instance's shared answers, or ones
 * read from a replica that had not yet replayed the write, may be kept from before it for the
 * cache's seconds: the person who wrote sees their write at once wherever their next request lands.
 */
const WROTE_COOKIE = 'wrote';
const WROTE_SECONDS = 60;

/** False for a request from a browser that wrote within the last minute: all it reads is read for it. */
export function sharesWithOthers(request: FastifyRequest): boolean {
  return request.cookies[WROTE_COOKIE] === undefined;
}

/** Refreshes running at once; past it stale pages wait their turn rather than slow every visitor. */
const MAX_REFRESHES = 2;

/**
 * A micro-cache of public pages as anonymous visitors see them: most traffic of a public portal is
 * the same pages (the demand list, the newest demands) read by people who are not signed in, and
 * rendering each once every `seconds` instead of once a request is what keeps latency flat under load.
 *
 * Only routes marked `publicPage`, only GET without a session or a flash message, only 200 responses
 * and never one that carries the visitor's CSRF token (a page with a form). A page past its time is
 * still served while a background request renders it again (at most MAX_REFRESHES at a time), so no
 * visitor waits for a refresh and a popular page is never rendered by many requests at once. Any
 * successful write in this process makes every copy out of date: a change shows at once here and
 * within `seconds` on other instances. The copies themselves stay (at most MAX_PAGES) as what a
 * database outage serves (`serveSavedCopy`) — which may, until the page is rendered again, include
 * something a write has since hidden. `seconds` 0 turns the cache, and the saved copies, off.
 */
export function pageCache(app: FastifyInstance, seconds: number): void {
  app.decorateRequest('pageCacheKey', undefined);
  const pages = new Map<string, CachedPage>();
  // Successful writes so far: public data shared before the last one is not shared after it.
  let writes = 0;
  const shared = sharedFor<unknown>(seconds * 1000, SHARED_ANSWERS);
  app.decorate('sharedPublic', <T>(db: Kysely<DB>, key: string, work: () => Promise<T>, since = writes) =>
    seconds > 0 ? (shared(db, `${since} ${key}`, work) as Promise<T>) : work(),
  );
  app.decorateRequest('writesSeen', 0);
  app.addHook('onRequest', async (request) => {
    request.writesSeen = writes;
  });
  app.decorate('serveSavedCopy', (request: FastifyRequest, reply: FastifyReply) => {
    const read = request.method === 'GET' || request.method === 'HEAD';
    const page = read && request.routeOptions.config.publicPage ? pages.get(`${request.locale} ${request.url}`) : undefined;
    if (!page) return false;
    // Not kept again as a fresh render, and not kept by browsers or proxies either.
    request.pageCacheKey = undefined;
    const notice = request.t('error.savedCopy', { time: formatDateTime(request.locale, page.renderedAt) });
    const banner = renderToString(h('div', { class: 'notice notice-warning', role: 'status' }, notice));
    const body = page.body.toString().replace(MAIN_OPENED, (main) => main + banner);
    reply.status(200).header('Cache-Control', 'no-store').type(page.type).send(body);
    return true;
  });
  if (seconds <= 0) return;
  // Only this process's own refresh requests may skip the cache.
  const refreshToken = randomBytes(16).toString('hex');

  let refreshes = 0;
  const refresh = (page: CachedPage, request: FastifyRequest) => {
    page.refreshing = true;
    refreshes++;
    app
      .inject({ url: request.url, headers: { [REFRESH_HEADER]: refreshToken, cookie: `lang=${request.locale}` } })
      .catch((error: unknown) => app.log.warn({ err: error }, 'page cache refresh failed'))
      .finally(() => {
        page.refreshing = false;
        refreshes--;
      });
  };

  app.addHook('preHandler', async (request, reply) => {
    if (!isCacheable(request)) return;
    const key = `${request.locale} ${request.url}`;
    const page = pages.get(key);
    const now = performance.now();
    if (page && request.headers[REFRESH_HEADER] !== refreshToken && now - page.freshUntil < STALE_MS) {
      if (now > page.freshUntil && !page.refreshing && refreshes < MAX_REFRESHES) refresh(page, request);
      return reply.type(page.type).send(page.body);
    }
    request.pageCacheKey = key;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const key = request.pageCacheKey;
    if (!key) return payload;
    // The database away: the copy from before is what an outage serves (`serveSavedCopy`).
    if (reply.statusCode === 503) return payload;
    // A page that is gone (hidden, withdrawn) is not served from before; a kept one goes in last,
    // so the oldest page is the first to leave when the cache is full.
    pages.delete(key);
    if (reply.statusCode !== 200 || typeof payload !== 'string' || payload.includes(request.csrfToken)) return payload;
    if (pages.size >= MAX_PAGES) pages.delete(pages.keys().next().value as string);
    const body = Buffer.from(payload);
    const type = String(reply.getHeader('content-type'));
    pages.set(key, { body, type, freshUntil: performance.now() + seconds * 1000, refreshing: false, renderedAt: app.clock() });
    return body;
  });

  // Before the answer leaves, so that the page a browser asks for next (the redirect after a post)
  // is never one from before the write. Every page is rendered afresh for its next visitor; the
  // copies stay as what an outage may serve.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET' && request.method !== 'HEAD' && reply.statusCode < 400) {
      writes++;
      for (const page of pages.values()) page.freshUntil = Number.NEGATIVE_INFINITY;
      // A sign-in or sign-up changes nothing that is shared: only a signed-in writer is marked.
      if (request.actor.kind === 'user') reply.setCookie(WROTE_COOKIE, '1', { maxAge: WROTE_SECONDS });
    }
    return payload;
  });
}

function isCacheable(request: FastifyRequest): boolean {
  return (
    request.method === 'GET' &&
    request.routeOptions.config.publicPage === true &&
    request.actor.kind === 'anonymous' &&
    request.flash === null &&
    !request.cookies.draft &&
    sharesWithOthers(request)
  );
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { needsVisitorState } from '../../app/request-context.ts';
import { isDatabaseUnavailable } from '../../db/client.ts';
import { ANONYMOUS } from '../../shared/context.ts';
import { hashToken } from '../../shared/tokens.ts';
import { sessionCache } from './session-cache.ts';
import { loadSession, SESSION_DAYS, type SessionState, type UnreadOf } from './sessions.ts';

const COOKIE = 'sid';

const reading = (request: FastifyRequest) => request.method === 'GET' || request.method === 'HEAD';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set while a TOTP user has given the password but not yet the code. */
    pendingUserId: number | null;
    sessionToken: string | undefined;
    /** The database could not be asked for the session: answered after the body is read. */
    sessionUnavailable: Error | undefined;
  }
}

export function setSessionCookie(reply: FastifyReply, token: string): void {
  reply.setCookie(COOKIE, token, { maxAge: SESSION_DAYS * 24 * 3600 });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(COOKIE);
}

/**
 * Resolves the signed-in actor from the session cookie before any route runs; a GET's is kept for
 * up to `keptSeconds` until a change to it is heard (`session-cache.ts`). When the database is
 * away the refusal waits for the first `preHandler`, after the body is read: a post then comes back
 * with its typed text, a public page from the saved copy (`errorHandling`).
 */
export function sessions(app: FastifyInstance, keptSeconds: number, unreadOf?: UnreadOf): void {
  const kept = sessionCache(app.database, (error) => app.log.warn({ err: error }, 'session changes unheard; sessions are read afresh until heard again'), keptSeconds);
  /** A page's session: kept in memory for a read, afresh for a write (which must see a sign-out at once). */
  const readSession = async (request: FastifyRequest): Promise<SessionState> => {
    const token = request.sessionToken;
    const now = app.clock();
    if (token && reading(request)) {
      const state = kept.get(hashToken(token), now);
      if (state) {
        app.metrics.sessionLookups.inc({ source: 'memory' });
        return state;
      }
    }
    const ticket = kept.ticket();
    const state = await loadSession(app.database.db, token, now, unreadOf);
    if (reading(request) && state.actor.kind === 'user') {
      app.metrics.sessionLookups.inc({ source: 'database' });
      kept.keep(ticket, state, now);
    }
    return state;
  };

  app.decorateRequest('actor', null as never);
  app.decorateRequest('pendingUserId', null);
  app.decorateRequest('sessionToken', undefined);
  app.decorateRequest('sessionUnavailable', undefined);
  app.decorateRequest('unread', 0);
  app.addHook('onRequest', async (request) => {
    request.actor = ANONYMOUS;
    if (!needsVisitorState(request)) return;
    request.sessionToken = request.cookies[COOKIE];
    try {
      const state = await readSession(request);
      request.actor = state.actor;
      request.pendingUserId = state.pendingUserId;
      request.unread = state.unread;
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      request.sessionUnavailable = error as Error;
    }
  });
  app.addHook('preHandler', async (request) => {
    if (request.sessionUnavailable) throw request.sessionUnavailable;
  });
  // A post, or a link that changes something and redirects (opening a notice), may have changed what
  // the person's next page shows; the triggers' word of it may come after that page is asked for.
  app.addHook('onResponse', async (request, reply) => {
    if (request.actor.kind === 'user' && (!reading(request) || (reply.statusCode >= 300 && reply.statusCode < 400))) kept.forget(request.actor.id);
  });
  app.addHook('onReady', () => kept.start());
  app.addHook('onClose', () => kept.close());
}

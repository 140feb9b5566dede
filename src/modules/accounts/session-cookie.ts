import type { FastifyInstance, FastifyReply } from 'fastify';
import { needsVisitorState } from '../../app/request-context.ts';
import { isDatabaseUnavailable } from '../../db/client.ts';
import { ANONYMOUS } from '../../shared/context.ts';
import { loadSession, SESSION_DAYS, type UnreadOf } from './sessions.ts';

const COOKIE = 'sid';

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
 * Resolves the signed-in actor from the session cookie before any route runs. When the database is
 * away the refusal waits for the first `preHandler`, after the body is read: a post then comes back
 * with its typed text, a public page from the saved copy (`errorHandling`).
 */
export function sessions(app: FastifyInstance, unreadOf?: UnreadOf): void {
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
      const state = await loadSession(app.database.db, request.sessionToken, app.clock(), unreadOf);
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
}

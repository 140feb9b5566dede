import type { FastifyInstance, FastifyReply } from 'fastify';
import { needsVisitorState } from '../../app/request-context.ts';
import { ANONYMOUS } from '../../shared/context.ts';
import { loadSession, SESSION_DAYS } from './sessions.ts';

const COOKIE = 'sid';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set while a TOTP user has given the password but not yet the code. */
    pendingUserId: number | null;
    sessionToken: string | undefined;
  }
}

export function setSessionCookie(reply: FastifyReply, token: string): void {
  reply.setCookie(COOKIE, token, { maxAge: SESSION_DAYS * 24 * 3600 });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(COOKIE);
}

/** Resolves the signed-in actor from the session cookie before any route runs. */
export function sessions(app: FastifyInstance): void {
  app.decorateRequest('actor', null as never);
  app.decorateRequest('pendingUserId', null);
  app.decorateRequest('sessionToken', undefined);
  app.addHook('onRequest', async (request) => {
    request.actor = ANONYMOUS;
    if (!needsVisitorState(request)) return;
    request.sessionToken = request.cookies[COOKIE];
    const state = await loadSession(app.database.db, request.sessionToken, app.clock());
    request.actor = state.actor;
    request.pendingUserId = state.pendingUserId;
  });
}

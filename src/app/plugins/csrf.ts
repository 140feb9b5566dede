import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ForbiddenError } from '../../shared/errors.ts';
import { newToken } from '../../shared/tokens.ts';
import { isApiRequest, needsPageState } from '../request-context.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    /** Whether `sent` is this visitor's CSRF token (usable before the preHandler check, e.g. mid-upload). */
    csrfAccepts(sent: unknown): boolean;
  }
  interface FastifyContextConfig {
    /** The request carries its own signed token (checked by the route), so no CSRF token is asked. */
    signedLink?: boolean;
  }
}

/**
 * For a one-click unsubscribe posted by a mail client (RFC 8058), which cannot send a CSRF token:
 * another site cannot forge the link's signature either. The route must verify it.
 */
export const SIGNED_LINK = { config: { signedLink: true } } as const;

export class CsrfError extends ForbiddenError {
  constructor() {
    super('error.csrf');
  }
}

/**
 * Every state-changing request must carry `_csrf` (form field or `x-csrf-token` header) equal to an
 * HMAC of the visitor's random `csrf` cookie and their session: a token stops working at sign-in
 * and sign-out, and another site can neither read the cookie nor compute the token.
 */
export function csrf(app: FastifyInstance, secret: string): void {
  const tokenFor = (seed: string, request: FastifyRequest) =>
    createHmac('sha256', secret)
      .update(`${seed}:${request.actor.kind === 'user' ? request.actor.sessionId : ''}`)
      .digest('base64url');

  const accepts = (request: FastifyRequest, sent: unknown) => {
    const seed = request.cookies.csrf;
    if (!seed || seed.length < 20 || typeof sent !== 'string') return false;
    const expected = Buffer.from(tokenFor(seed, request));
    const given = Buffer.from(sent);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  app.decorateRequest('csrfToken', '');
  app.decorateRequest('csrfAccepts', function (this: FastifyRequest, sent: unknown) {
    return accepts(this, sent);
  });
  app.addHook('preHandler', async (request, reply) => {
    // Reading an asset or a background stream changes nothing and needs no token to show; the API
    // acts only for a bearer token, which another site cannot make a browser send.
    if ((SAFE.has(request.method) && !needsPageState(request)) || isApiRequest(request)) return;
    let seed = request.cookies.csrf;
    if (!seed || seed.length < 20) {
      seed = newToken();
      reply.setCookie('csrf', seed);
      request.cookies.csrf = seed;
    }
    request.csrfToken = tokenFor(seed, request);
    if (SAFE.has(request.method) || request.routeOptions.config.signedLink) return;
    const sent = (request.body as Record<string, unknown> | undefined)?._csrf ?? request.headers['x-csrf-token'];
    if (!accepts(request, sent)) throw new CsrfError();
  });
}

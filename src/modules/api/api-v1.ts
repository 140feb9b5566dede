/**
 * The public API's plumbing: the bearer token as the actor, per-token rate limits with RateLimit
 * headers, the OpenAPI document collected from the routes' schemas, ETags. The modules' own API
 * routes are registered under `/api/v1` by `apiV1`, each through the same services as its pages.
 */
import fastifyEtag from '@fastify/etag';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isApiRequest } from '../../app/request-context.ts';
import { ANONYMOUS } from '../../shared/context.ts';
import { AppError, RateLimitedError, UnauthenticatedError } from '../../shared/errors.ts';
import type { Scope } from '../../app/api-routes.ts';
import { actorOfToken } from './tokens.service.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The token scope an API route needs (`read` for what is not public, `…:write` for a change). */
    scope?: Scope;
  }
}

/** A token that does not let the caller do this: 403 with RFC 6750's `insufficient_scope`. */
export class InsufficientScopeError extends AppError {
  constructor(readonly scope: Scope) {
    super(403, 'api.insufficientScope');
    this.headers['www-authenticate'] = `Bearer error="insufficient_scope", scope="${scope}"`;
  }
}

/** A token sent but not valid (unknown, revoked, expired): 401 with RFC 6750's `invalid_token`. */
export class InvalidTokenError extends AppError {
  constructor() {
    super(401, 'api.invalidToken');
    this.headers['www-authenticate'] = 'Bearer error="invalid_token"';
  }
}

const OWN_KEYWORDS = new Set(['messageKey', 'calendarDate']);

function withoutOwnKeywords(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutOwnKeywords);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !OWN_KEYWORDS.has(key)).map(([key, item]) => [key, withoutOwnKeywords(item)]));
}

function operationIdOf(method: string, url: string): string {
  const words = url
    .replace('/api/v1/', '')
    .split('/')
    .map((part) => (part.startsWith(':') ? `by-${part.slice(1)}` : part))
    .flatMap((part) => part.split('-'));
  return [method.toLowerCase(), ...words.map((w) => w.charAt(0).toUpperCase() + w.slice(1))].join('');
}

function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

/**
 * Installs the API's plumbing on the whole app, before any route is declared (the OpenAPI document
 * is collected as routes are added). Call once from `buildApp`.
 */
export async function apiPlumbing(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Ieumteo API',
        version: '1',
        description: '이음터 공개 API: 기관, 협업 수요와 참여 회신, 성사 사례, 설명회, 심사, 협업과제, 협업SOS, 국민포럼. 공개된 것은 토큰 없이 읽고, 쓰기와 비공개 자료에는 범위(scope)를 가진 토큰이 필요합니다.',
        license: { name: 'MPL-2.0', identifier: 'MPL-2.0' },
      },
      servers: [{ url: app.config.baseUrl }],
      components: { securitySchemes: { token: { type: 'http', scheme: 'bearer', description: 'ieumteo_로 시작하는 API 토큰 (/account/tokens)' } } },
    },
    // Only the API is documented; the pages are for people. Each operation is named from its method
    // and path (`get /api/v1/demands/:id` → `getDemandsById`), for generated clients.
    transform: ({ schema, url, route }) => ({
      schema: url.startsWith('/api/v1/') ? { operationId: operationIdOf(String(route.method), url), ...schema } : { ...schema, hide: true },
      url,
    }),
    // Our own schema keywords (a field's message, a calendar day) are for our validation, not JSON Schema.
    transformObject: (document) => withoutOwnKeywords('openapiObject' in document ? document.openapiObject : document.swaggerObject) as never,
  });
  await app.register(fastifyRateLimit, {
    global: true,
    hook: 'preHandler',
    enableDraftSpec: true,
    allowList: (request) => !isApiRequest(request),
    keyGenerator: (request) => (request.actor.kind === 'user' && request.actor.token ? `token:${request.actor.token.id}` : `ip:${request.ip}`),
    max: (request) => (request.actor.kind === 'user' && request.actor.token ? app.config.apiRates.token : app.config.apiRates.anonymous),
    timeWindow: 60_000,
    errorResponseBuilder: (_request, context) => new RateLimitedError('error.rateLimited', Math.ceil(context.ttl / 1000)),
  });
  app.addHook('onRequest', async (request) => {
    if (!isApiRequest(request)) return;
    const secret = bearerOf(request);
    if (secret === undefined) return;
    const actor = await actorOfToken(app.database.db, secret, app.clock());
    if (!actor) throw new InvalidTokenError();
    request.actor = actor;
  });
  app.addHook('preHandler', async (request) => {
    const scope = request.routeOptions.config.scope;
    if (!isApiRequest(request)) return;
    if (!scope) {
      // A public read: what a token's owner may see beyond the public (drafts, a task's reports) is
      // `read`'s to open; a token without it reads as anyone does.
      if (request.actor.kind === 'user' && request.actor.token && !request.actor.token.scopes.includes('read')) request.actor = ANONYMOUS;
      return;
    }
    if (request.actor.kind !== 'user') throw new UnauthenticatedError();
    if (!request.actor.token?.scopes.includes(scope)) throw new InsufficientScopeError(scope);
  });
}

type Register = (app: FastifyInstance) => Promise<void>;

/**
 * A module's API routes under `/api/v1`, with ETags on what they read (304 on If-None-Match).
 * Input is validated by the services, as for the pages, so an error has the same message beside
 * the same field; the routes' schemas document it and filter every response to what is documented.
 */
export function apiV1(register: Register): Register {
  return async (app) => {
    await app.register(
      async (api) => {
        await api.register(fastifyEtag);
        api.setValidatorCompiler(() => (value) => ({ value }));
        await api.register(register);
      },
      { prefix: '/api/v1' },
    );
  };
}

import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../../db/client.ts';
import { AppError, ValidationError } from '../../shared/errors.ts';
import { CsrfError } from './csrf.ts';
import { keepRefusedForm } from './form-drafts.ts';
import type { MessageKey } from '../../shared/i18n/index.ts';
import { MessagePage } from '../ui/pages.tsx';
import { sendPage } from '../ui/render.tsx';
import { uiOf } from '../ui/ui.ts';

const TITLES: Record<number, MessageKey> = {
  400: 'error.formTitle',
  403: 'error.forbiddenTitle',
  413: 'error.formTitle',
  404: 'error.notFoundTitle',
  429: 'error.rateLimitedTitle',
  503: 'error.unavailableTitle',
};

function respond(request: FastifyRequest, reply: FastifyReply, status: number, messageKey: MessageKey, fields?: Record<string, MessageKey>) {
  const t = request.t;
  if (request.url.startsWith('/api/')) {
    return reply
      .status(status)
      .type('application/problem+json')
      .send({
        type: 'about:blank',
        title: t(TITLES[status] ?? (status >= 500 ? 'error.serverTitle' : 'error.validation')),
        status,
        detail: t(messageKey),
        ...(fields ? { errors: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, t(v)])) } : {}),
      });
  }
  const title = t(TITLES[status] ?? (status >= 500 ? 'error.serverTitle' : 'error.validation'));
  return sendPage(
    reply,
    <MessagePage ui={uiOf(request)} title={title} message={t(messageKey)}>
      <p>
        <a href="/">{t('error.back')}</a>
      </p>
    </MessagePage>,
    status,
  );
}

/** One place turns every error into a Korean/English page or problem+json; 5xx details stay in the log. */
export function errorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      // A page that needs signing in, or that a visitor may not see (a mailed link to a negotiation): through
      // sign-in and back. To a visitor a hidden page and a missing one look the same; after signing in the
      // member sees the page, or a 404 if it is not theirs either.
      const hidden = error.status === 404 && request.actor?.kind === 'anonymous' && !request.routeOptions.config.noSignIn;
      if ((error.status === 401 || hidden) && !request.url.startsWith('/api/') && request.method === 'GET') {
        return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
      }
      if (error instanceof CsrfError && request.method === 'POST' && !request.url.startsWith('/api/') && (await keepRefusedForm(request, reply))) return reply;
      reply.headers(error.headers);
      // RFC 6750 §3: the API answers "who are you?" with how to say it.
      if (error.status === 401 && request.url.startsWith('/api/') && !reply.hasHeader('www-authenticate')) reply.header('www-authenticate', 'Bearer');
      return respond(request, reply, error.status, error.messageKey, error instanceof ValidationError ? error.fields : undefined);
    }
    if (isDatabaseUnavailable(error)) {
      // A restart or failover of the database: the requests caught in it are refused, not failed.
      request.log.warn({ err: error }, 'database unavailable');
      reply.header('Retry-After', '5');
      return respond(request, reply, 503, 'error.unavailable');
    }
    const status = error.statusCode ?? 500;
    if (status < 500) return respond(request, reply, status === 404 ? 404 : status, status === 404 ? 'error.notFound' : 'error.validation');
    request.log.error({ err: error }, 'request failed');
    return respond(request, reply, 500, 'error.server');
  });
  app.setNotFoundHandler((request, reply) => respond(request, reply, 404, 'error.notFound'));
}

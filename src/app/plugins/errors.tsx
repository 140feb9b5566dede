import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../../db/client.ts';
import { AppError, ValidationError } from '../../shared/errors.ts';
import { CsrfError } from './csrf.ts';
import { keepRefusedForm } from './form-drafts.ts';
import { draftFits, SECRET_FIELD } from '../../shared/form-drafts.ts';
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

/**
 * A form that reached us while the database was away: nothing was saved, so the answer is the same
 * post ready to be sent again — every typed field (secrets aside) with its CSRF token and one-time
 * key, so a resend once the database is back counts once — and the typed text to read or copy.
 */
function respondUnsaved(request: FastifyRequest, reply: FastifyReply, body: Record<string, unknown>) {
  const t = request.t;
  const fields = Object.entries(body).flatMap(([name, value]) => {
    if (SECRET_FIELD.test(name)) return [];
    const values = Array.isArray(value) ? value : [value];
    return values.filter((v): v is string => typeof v === 'string').map((v) => [name, v] as const);
  });
  const typed = fields.filter(([name, value]) => !name.startsWith('_') && value.trim());
  const droppedSome = Object.entries(body).some(([name, value]) => SECRET_FIELD.test(name) || (typeof value !== 'string' && !Array.isArray(value)));
  return sendPage(
    reply,
    <MessagePage ui={uiOf(request)} title={t('error.unsavedTitle')} message={t('error.unsaved')}>
      <form method="post" action={request.url}>
        {fields.map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        {droppedSome && <p>{t('error.unsavedRetype')}</p>}
        <button type="submit" class="krds-btn">
          {t('error.resend')}
        </button>
      </form>
      {typed.length > 0 && (
        <details>
          <summary>{t('error.unsavedText')}</summary>
          <dl class="unsaved-text">
            {typed.map(([name, value]) => (
              <>
                <dt>{name}</dt>
                <dd>{value}</dd>
              </>
            ))}
          </dl>
        </details>
      )}
    </MessagePage>,
    503,
  );
}

/**
 * A request caught by the database being away: a read of the replica goes again to the primary, a
 * public page comes from its saved copy, a post comes back ready to be sent again (when it is no
 * bigger than a draft may be), anything else is the 503 page; all with Retry-After.
 */
function unavailable(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const app = request.server;
  request.log.warn({ err: error }, 'database unavailable');
  if (app.replicaFailed(request)) return reply.redirect(request.url, 307);
  reply.header('Retry-After', '5');
  if (app.serveSavedCopy(request, reply)) return reply;
  const body = request.body as Record<string, unknown> | undefined;
  if (request.method === 'POST' && !request.url.startsWith('/api/') && body && typeof body === 'object' && draftFits(body)) return respondUnsaved(request, reply, body);
  return respond(request, reply, 503, 'error.unavailable');
}

async function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
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
  // A restart or failover of the database: the requests caught in it are refused, not failed.
  if (isDatabaseUnavailable(error)) return unavailable(error, request, reply);
  const status = error.statusCode ?? 500;
  if (status < 500) return respond(request, reply, status === 404 ? 404 : status, status === 404 ? 'error.notFound' : 'error.validation');
  request.log.error({ err: error }, 'request failed');
  return respond(request, reply, 500, 'error.server');
}

/**
 * One place turns every error into a Korean/English page or problem+json; 5xx details stay in the log.
 * Answering may itself need the database (keeping a refused form): when that fails too, the answer
 * is still ours — never Fastify's own, which would name the database's address.
 */
export function errorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    try {
      return await handleError(error, request, reply);
    } catch (failure) {
      if (isDatabaseUnavailable(failure)) return unavailable(failure, request, reply);
      request.log.error({ err: failure, cause: error }, 'answering an error failed');
      return respond(request, reply, 500, 'error.server');
    }
  });
  app.setNotFoundHandler((request, reply) => respond(request, reply, 404, 'error.notFound'));
}

import type { FastifyInstance } from 'fastify';
import { isLocale, translator } from '../../shared/i18n/index.ts';
import { ko } from '../../shared/i18n/ko.ts';
import type { MessageKey } from '../../shared/i18n/index.ts';
import { isApiRequest, needsPageState, nextParam } from '../request-context.ts';

const YEAR = 365 * 24 * 3600;

/** Korean unless the visitor chose English; the flash message of the previous post is read once. */
export function locale(app: FastifyInstance): void {
  app.decorateRequest('locale', 'ko');
  app.decorateRequest('t', translator('ko'));
  app.decorateRequest('flash', null);
  app.decorateReply('flash', function (message: MessageKey) {
    return this.setCookie('flash', message);
  });

  app.addHook('onRequest', async (request, reply) => {
    // A program asks for its language (Accept-Language: en); a browser's choice is its cookie.
    const chosen = isApiRequest(request) ? (/^\s*en\b/i.test(request.headers['accept-language'] ?? '') ? 'en' : 'ko') : request.cookies.lang;
    request.locale = isLocale(chosen) ? chosen : 'ko';
    request.t = translator(request.locale);
    if (!needsPageState(request)) return;
    const flash = request.cookies.flash;
    if (flash !== undefined) {
      // Only catalogue keys are ever shown, so a forged cookie cannot inject text.
      request.flash = flash in ko ? (flash as MessageKey) : null;
      reply.clearCookie('flash');
    }
  });

  app.get('/lang/:to', async (request, reply) => {
    const { to } = request.params as { to: string };
    if (isLocale(to)) reply.setCookie('lang', to, { maxAge: YEAR });
    return reply.redirect(nextParam(request), 303);
  });
}

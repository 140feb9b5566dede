import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ACTS_WHEN_OPENED, ctxOf, NO_SIGN_IN, nextParam, seeOther } from '../../app/request-context.ts';
import { MessagePage } from '../../app/ui/pages.tsx';
import { sendPage } from '../../app/ui/render.tsx';
import { uiOf } from '../../app/ui/ui.ts';
import { NotFoundError } from '../../shared/errors.ts';
import type { OidcProvider } from './oidc-providers.ts';
import * as signIns from './oidc.service.ts';
import { setSessionCookie } from './session-cookie.ts';
import { ConsentView } from './views/oidc-views.tsx';

/** The browser's half of a sign-in under way; only this site's sign-in addresses ever see it. */
const FLOW_COOKIE = 'oidc';
const FLOW_PATH = '/login/oidc';

/**
 * Sign-in through OpenID Connect providers: the button's link starts it, the provider answers at
 * `callback`, a first sign-in is confirmed at `confirm` (a CSRF-checked form). Another site may send
 * a browser to the start, but only to sign in as whoever the person is at the provider.
 */
export function oidcPages(app: FastifyInstance, providers: ReadonlyMap<string, OidcProvider>): void {
  const providerOf = (request: FastifyRequest) => {
    const provider = providers.get((request.params as { provider: string }).provider);
    if (!provider) throw new NotFoundError();
    return provider;
  };
  const flowToken = (request: FastifyRequest) => request.cookies[FLOW_COOKIE];
  const endFlow = (reply: FastifyReply) => reply.clearCookie(FLOW_COOKIE, { path: FLOW_PATH });

  /** Runs a step; a refused sign-in ends the flow and says why, with the way back to the sign-in page. */
  const step = async (request: FastifyRequest, reply: FastifyReply, run: () => Promise<FastifyReply>) => {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof signIns.SignInRefusedError)) throw error;
      endFlow(reply);
      const t = request.t;
      return sendPage(
        reply,
        <MessagePage ui={uiOf(request)} title={t('oidc.refusedTitle')} message={t(error.messageKey)}>
          <p>
            <a class="krds-btn" href="/login">
              {t('oidc.backToLogin')}
            </a>
          </p>
        </MessagePage>,
        error.status,
      );
    }
  };
  const signedIn = (reply: FastifyReply, result: signIns.SignedIn) => {
    endFlow(reply);
    setSessionCookie(reply, result.sessionToken);
    return seeOther(reply, result.secondFactor ? `/login/totp?next=${encodeURIComponent(result.next)}` : result.next);
  };

  app.get('/login/oidc/:provider', NO_SIGN_IN, (request, reply) =>
    step(request, reply, async () => {
      const provider = providerOf(request);
      const { url, flowToken: token } = await signIns.startSignIn(ctxOf(request), provider, nextParam(request));
      reply.setCookie(FLOW_COOKIE, token, { path: FLOW_PATH, maxAge: 10 * 60 });
      return reply.redirect(url.href, 303);
    }),
  );

  app.get('/login/oidc/:provider/callback', { ...NO_SIGN_IN, ...ACTS_WHEN_OPENED }, (request, reply) =>
    step(request, reply, async () => {
      const provider = providerOf(request);
      // The address the provider was told to answer at, with the answer's parameters.
      const callback = new URL(provider.redirectUri);
      callback.search = new URL(request.url, 'http://local.invalid').search;
      const result = await signIns.finishSignIn(ctxOf(request), provider, flowToken(request), callback, request.sessionToken);
      return 'sessionToken' in result ? signedIn(reply, result) : seeOther(reply, `${FLOW_PATH}/${provider.id}/confirm`);
    }),
  );

  app.get('/login/oidc/:provider/confirm', NO_SIGN_IN, (request, reply) =>
    step(request, reply, async () => {
      const provider = providerOf(request);
      const consent = await signIns.consentOf(ctxOf(request), provider, flowToken(request));
      return sendPage(reply, <ConsentView ui={uiOf(request)} consent={consent} providerName={provider.name} />);
    }),
  );

  app.post('/login/oidc/:provider/confirm', (request, reply) =>
    step(request, reply, async () =>
      signedIn(reply, await signIns.confirmSignIn(ctxOf(request), providerOf(request), flowToken(request), request.sessionToken, request.locale)),
    ),
  );

  app.post('/login/oidc/:provider/cancel', async (request, reply) => {
    providerOf(request);
    await signIns.cancelSignIn(ctxOf(request), flowToken(request));
    endFlow(reply);
    return seeOther(reply, '/login', 'oidc.cancelledHere');
  });
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ACTS_WHEN_OPENED, ctxOf, nextParam, seeOther } from '../../app/request-context.ts';
import { EMPTY_FORM, type FormState } from '../../app/ui/form.tsx';
import { MessagePage } from '../../app/ui/pages.tsx';
import { handleForm, sendPage } from '../../app/ui/render.tsx';
import { uiOf } from '../../app/ui/ui.ts';
import { ValidationError } from '../../shared/errors.ts';
import * as accounts from './accounts.service.ts';
import { oidcProviders } from './oidc-providers.ts';
import { oidcPages } from './oidc.pages.tsx';
import { clearSessionCookie, setSessionCookie } from './session-cookie.ts';
import { destroySession } from './sessions.ts';
import { AccountView } from './views/account-view.tsx';
import { ForgotPasswordView, LogInView, ResetPasswordView, SignUpView, TotpView } from './views/auth-views.tsx';

function queryToken(request: FastifyRequest): string {
  const token = (request.query as { token?: unknown }).token;
  return typeof token === 'string' ? token.slice(0, 100) : '';
}

export async function accountPages(app: FastifyInstance): Promise<void> {
  const providers = oidcProviders(app.config.oidcProviders, app.config.baseUrl);
  const providerButtons = [...providers.values()].map(({ id, name }) => ({ id, name }));
  oidcPages(app, providers);

  app.get('/signup', async (request, reply) => sendPage(reply, <SignUpView ui={uiOf(request)} form={EMPTY_FORM} />));
  app.post('/signup', (request, reply) =>
    handleForm(
      request,
      reply,
      () => accounts.signUp(ctxOf(request), request.body, request.locale),
      () => seeOther(reply, '/signup/sent'),
      (form) => <SignUpView ui={uiOf(request)} form={form} />,
    ),
  );
  app.get('/signup/sent', async (request, reply) => {
    const t = request.t;
    return sendPage(reply, <MessagePage ui={uiOf(request)} title={t('account.signupDone')} message={t('account.signupDoneBody')} />);
  });

  app.get('/verify-email', ACTS_WHEN_OPENED, async (request, reply) => {
    const t = request.t;
    try {
      await accounts.verifyEmail(ctxOf(request), queryToken(request));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return sendPage(reply, <MessagePage ui={uiOf(request)} title={t('account.verifyTitle')} message={t('account.tokenInvalid')} />, 400);
    }
    return sendPage(
      reply,
      <MessagePage ui={uiOf(request)} title={t('account.verifyTitle')} message={t('account.verifyDone')}>
        <p>
          <a class="krds-btn" href="/login">
            {t('layout.login')}
          </a>
        </p>
      </MessagePage>,
    );
  });
  app.post('/verify-email/resend', async (request, reply) => {
    await accounts.resendVerification(ctxOf(request), request.body).catch((error) => {
      if (!(error instanceof ValidationError)) throw error;
    });
    return seeOther(reply, '/login', 'account.forgotDone');
  });

  const showLogIn = (request: FastifyRequest, form: FormState) => <LogInView ui={uiOf(request)} form={form} next={nextParam(request)} providers={providerButtons} />;
  app.get('/login', async (request, reply) => sendPage(reply, showLogIn(request, EMPTY_FORM)));
  app.post('/login', (request, reply) =>
    handleForm(
      request,
      reply,
      () => accounts.logIn(ctxOf(request), request.body, request.sessionToken),
      ({ sessionToken, secondFactor }) => {
        setSessionCookie(reply, sessionToken);
        return seeOther(reply, secondFactor ? `/login/totp?next=${encodeURIComponent(nextParam(request))}` : nextParam(request));
      },
      (form) => showLogIn(request, form),
    ),
  );

  app.get('/login/totp', async (request, reply) => {
    if (!request.pendingUserId) return seeOther(reply, '/login');
    return sendPage(reply, <TotpView ui={uiOf(request)} form={EMPTY_FORM} next={nextParam(request)} />);
  });
  app.post('/login/totp', async (request, reply) => {
    const pending = request.pendingUserId;
    if (!pending) return seeOther(reply, '/login');
    return handleForm(
      request,
      reply,
      () => accounts.completeSecondFactor(ctxOf(request), pending, request.body),
      (token) => {
        setSessionCookie(reply, token);
        return seeOther(reply, nextParam(request));
      },
      (form) => <TotpView ui={uiOf(request)} form={form} next={nextParam(request)} />,
    );
  });

  app.post('/logout', async (request, reply) => {
    if (request.sessionToken) await destroySession(app.database.db, request.sessionToken);
    clearSessionCookie(reply);
    return seeOther(reply, '/', 'account.loggedOut');
  });

  app.get('/password/forgot', async (request, reply) => sendPage(reply, <ForgotPasswordView ui={uiOf(request)} form={EMPTY_FORM} />));
  app.post('/password/forgot', (request, reply) =>
    handleForm(
      request,
      reply,
      () => accounts.requestPasswordReset(ctxOf(request), request.body),
      () => seeOther(reply, '/login', 'account.forgotDone'),
      (form) => <ForgotPasswordView ui={uiOf(request)} form={form} />,
    ),
  );
  app.get('/password/reset', async (request, reply) =>
    sendPage(reply, <ResetPasswordView ui={uiOf(request)} form={EMPTY_FORM} token={queryToken(request)} />),
  );
  app.post('/password/reset', (request, reply) =>
    handleForm(
      request,
      reply,
      () => accounts.resetPassword(ctxOf(request), request.body),
      () => seeOther(reply, '/login', 'account.resetDone'),
      (form) => <ResetPasswordView ui={uiOf(request)} form={form} token={String(form.values.token ?? '')} />,
    ),
  );

  const providerNames = new Map(providerButtons.map(({ id, name }) => [id, name]));
  const showAccount = async (request: FastifyRequest, failed?: { form: 'password' | 'delete' | 'totp' | 'identity'; state: FormState }) => {
    const account = await accounts.getAccount(ctxOf(request));
    return <AccountView ui={uiOf(request)} account={account} providerNames={providerNames} failed={failed} />;
  };
  app.get('/account', async (request, reply) => sendPage(reply, await showAccount(request)));
  app.post('/account/password', (request, reply) =>
    handleForm(
      request,
      reply,
      () => accounts.changePassword(ctxOf(request), request.body),
      () => seeOther(reply, '/account', 'account.passwordChanged'),
      (state) => showAccount(request, { form: 'password', state }),
    ),
  );
  app.post('/account/totp', (request, reply) =>
    handleForm(
      request,
      reply,
      () => accounts.enableTotp(ctxOf(request), request.body),
      () => seeOther(reply, '/account', 'account.totpEnabled'),
      (state) => showAccount(request, { form: 'totp', state }),
    ),
  );
  app.post('/account/identities/:provider/unlink', (request, reply) =>
    handleForm(
      request,
      reply,
      () => accounts.unlinkIdentity(ctxOf(request), (request.params as { provider: string }).provider),
      () => seeOther(reply, '/account', 'account.unlinked'),
      (state) => showAccount(request, { form: 'identity', state }),
    ),
  );
  app.post('/account/delete', (request, reply) =>
    handleForm(
      request,
      reply,
      () => accounts.deleteAccount(ctxOf(request), request.body),
      () => {
        clearSessionCookie(reply);
        return seeOther(reply, '/', 'account.deleted');
      },
      (state) => showAccount(request, { form: 'delete', state }),
    ),
  );
}

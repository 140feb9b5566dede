import type { FastifyInstance, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { ctxOf, idParam, seeOther } from '../../app/request-context.ts';
import type { FormState } from '../../app/ui/form.tsx';
import { handleForm, sendPage } from '../../app/ui/render.tsx';
import { uiOf } from '../../app/ui/ui.ts';
import { operationsOf } from './openapi.ts';
import { documented, Nullable, SCOPES } from '../../app/api-routes.ts';
import { createToken, revokeToken, tokenOrgs, tokensOf, whoAmI } from './tokens.service.ts';
import { DocsView } from './views/docs-view.tsx';
import { TokenCreatedView, TokensView } from './views/tokens-view.tsx';

/** The pages of the API for people: its reference and their tokens. */
export async function apiPages(app: FastifyInstance): Promise<void> {
  const showTokens = async (request: FastifyRequest, form: FormState = { values: { days: '90' }, errors: {} }) => {
    const ctx = ctxOf(request);
    const [tokens, orgs] = await Promise.all([tokensOf(ctx), tokenOrgs(ctx)]);
    return <TokensView ui={uiOf(request)} page={{ tokens, orgs, now: app.clock() }} form={form} />;
  };
  app.get('/account/tokens', async (request, reply) => sendPage(reply, await showTokens(request)));
  app.post('/account/tokens', (request, reply) =>
    handleForm(
      request,
      reply,
      () => createToken(ctxOf(request), request.body),
      // The secret is on this answer only: no redirect to a page that could show it again, no cache.
      ({ secret }) => sendPage(reply.header('cache-control', 'no-store'), <TokenCreatedView ui={uiOf(request)} secret={secret} />, 201),
      (form) => showTokens(request, form),
    ),
  );
  app.post('/account/tokens/:id/revoke', async (request, reply) => {
    await revokeToken(ctxOf(request), idParam(request));
    return seeOther(reply, '/account/tokens', 'api.tokenRevoked');
  });
  app.get('/developers', async (request, reply) => sendPage(reply, <DocsView ui={uiOf(request)} operations={operationsOf(app)} />));
}

const Me = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  token: Type.Object({ id: Type.Integer(), scopes: Type.Array(Type.Union(SCOPES.map((s) => Type.Literal(s)))) }),
  orgs: Type.Array(Type.Object({ id: Type.Integer(), role: Type.String() })),
  expires: Nullable(Type.String({ format: 'date-time' })),
});

/** `/api/v1`'s own routes: the document and who a token is. */
export async function apiSelf(app: FastifyInstance): Promise<void> {
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/me', documented({ tag: 'tokens', summary: '이 토큰의 주인과 범위', scope: 'read', ok: [200, Me] }), (request) => whoAmI(ctxOf(request)));
}

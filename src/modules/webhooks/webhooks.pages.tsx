import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ctxOf, idParam, queryText, seeOther } from '../../app/request-context.ts';
import type { FormState } from '../../app/ui/form.tsx';
import { handleForm, sendPage } from '../../app/ui/render.tsx';
import { SecretOnceView } from '../../app/ui/secret-once.tsx';
import { uiOf } from '../../app/ui/ui.ts';
import { createWebhook, deleteWebhook, pingWebhook, replayDelivery, type WebhookRules, webhookLog, webhooksOf } from './webhooks.service.ts';
import { WebhooksView, WebhookView } from './views/webhooks-view.tsx';

/**
 * An organisation's webhooks, for its admins: `/orgs/:id/webhooks`. `readFilter` reads a demand
 * filter as the demand list does (given by `app/modules.ts`: this module imports no other).
 */
export const webhookPages = (readFilter: WebhookRules['readFilter']) => async (app: FastifyInstance): Promise<void> => {
  const rules: WebhookRules = { allowPrivate: app.config.webhookPrivateTargets, readFilter };
  const list = (request: FastifyRequest) => `/orgs/${idParam(request)}/webhooks`;
  const one = (request: FastifyRequest) => `${list(request)}/${idParam(request, 'webhook')}`;
  const showList = async (request: FastifyRequest, form: FormState = { values: { events: ['reply.received'] }, errors: {} }) => {
    const { org, webhooks } = await webhooksOf(ctxOf(request), idParam(request));
    return <WebhooksView ui={uiOf(request)} org={org} webhooks={webhooks} form={form} />;
  };

  app.get('/orgs/:id/webhooks', async (request, reply) => sendPage(reply, await showList(request)));
  app.post('/orgs/:id/webhooks', (request, reply) =>
    handleForm(
      request,
      reply,
      () => createWebhook(ctxOf(request), idParam(request), request.body, rules),
      // The signing secret is on this answer only: no redirect to a page that could show it again, no cache.
      ({ secret }) => {
        const t = request.t;
        const page = (
          <SecretOnceView
            ui={uiOf(request)}
            title={t('webhook.createdTitle')}
            warning={t('webhook.secretShownOnce')}
            label={t('webhook.secret')}
            secret={secret}
            back={{ href: list(request), label: t('webhook.title') }}
          />
        );
        return sendPage(reply.header('cache-control', 'no-store'), page, 201);
      },
      (form) => showList(request, form),
    ),
  );
  app.get('/orgs/:id/webhooks/:webhook', async (request, reply) => {
    const after = queryText(request, 'after', 100);
    const { org, webhook, log } = await webhookLog(ctxOf(request), idParam(request), idParam(request, 'webhook'), after);
    return sendPage(reply, <WebhookView ui={uiOf(request)} org={org} webhook={webhook} log={log} after={after} />);
  });
  app.post('/orgs/:id/webhooks/:webhook/ping', async (request, reply) => {
    await pingWebhook(ctxOf(request), idParam(request), idParam(request, 'webhook'));
    return seeOther(reply, one(request), 'webhook.pinged');
  });
  app.post('/orgs/:id/webhooks/:webhook/delete', async (request, reply) => {
    await deleteWebhook(ctxOf(request), idParam(request), idParam(request, 'webhook'));
    return seeOther(reply, list(request), 'webhook.deleted');
  });
  app.post('/orgs/:id/webhooks/:webhook/deliveries/:delivery/replay', async (request, reply) => {
    await replayDelivery(ctxOf(request), idParam(request), idParam(request, 'webhook'), idParam(request, 'delivery'));
    return seeOther(reply, one(request), 'webhook.replayed');
  });
};

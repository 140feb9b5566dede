import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SIGNED_LINK } from '../../app/plugins/csrf.ts';
import { ctxOf, idParam, NO_SIGN_IN, seeOther } from '../../app/request-context.ts';
import { EMPTY_FORM, type FormState } from '../../app/ui/form.tsx';
import { handleForm, sendPage } from '../../app/ui/render.tsx';
import { uiOf } from '../../app/ui/ui.ts';
import { requireUser } from '../../shared/actors.ts';
import { listThemes, themeOptions } from '../demands/index.ts';
import { capabilityOptions, listCapabilities, listRegions, regionName, sectorOptions } from '../orgs/index.ts';
import {
  mySubscriptions,
  setPeriod,
  subscribe,
  subscribeToSearch,
  subscriptionLabeller,
  tokenHolder,
  unsubscribe,
  unsubscribeWithToken,
} from './subscriptions.service.ts';
import { PreferencesView, UnsubscribeView } from './views/preferences-view.tsx';

const tokenParam = (request: FastifyRequest) => String((request.params as { token?: string }).token ?? '').slice(0, 200);

export async function subscriptionPages(app: FastifyInstance): Promise<void> {
  const db = app.database.db;

  const preferences = async (request: FastifyRequest, form: FormState) => {
    const ui = uiOf(request);
    const [{ period, items }, label, themes, regions, capabilities] = await Promise.all([
      mySubscriptions(ctxOf(request)),
      subscriptionLabeller(db, ui.t, ui.locale),
      listThemes(db),
      listRegions(db),
      listCapabilities(db),
    ]);
    const choices = {
      themes: themeOptions(ui, themes),
      regions: regions.filter((r) => r.parent_code === null).map((r) => ({ value: r.code, label: regionName(ui.locale, r.name) })),
      sectors: sectorOptions(ui),
      capabilities: capabilityOptions(ui, capabilities),
    };
    const labelled = items.map((s) => ({ ...s, label: label(s) }));
    return <PreferencesView ui={ui} period={period} items={labelled} choices={choices} quietHours={app.config.quietHours} form={form} />;
  };

  app.get('/subscriptions', async (request, reply) => {
    requireUser(request.actor);
    return sendPage(reply, await preferences(request, EMPTY_FORM));
  });
  app.post('/subscriptions', (request, reply) =>
    handleForm(
      request,
      reply,
      () => subscribe(ctxOf(request), request.body),
      () => seeOther(reply, '/subscriptions', 'subscription.added'),
      (form) => preferences(request, form),
    ),
  );
  app.post('/subscriptions/search', (request, reply) =>
    handleForm(
      request,
      reply,
      () => subscribeToSearch(ctxOf(request), request.body),
      () => seeOther(reply, '/subscriptions', 'subscription.searchSaved'),
      (form) => preferences(request, { values: {}, errors: { theme: form.errors.query ?? 'subscription.emptySearch' } }),
    ),
  );
  app.post('/subscriptions/period', async (request, reply) => {
    await setPeriod(ctxOf(request), request.body);
    return seeOther(reply, '/subscriptions', 'subscription.periodSaved');
  });
  app.post('/subscriptions/:id/delete', async (request, reply) => {
    await unsubscribe(ctxOf(request), idParam(request));
    return seeOther(reply, '/subscriptions', 'subscription.removed');
  });

  // The digest's link: a page with one button (link checkers that open it change nothing), and the
  // one-click POST mail clients send (RFC 8058), both authorised by the link's signature alone.
  app.get('/unsubscribe/:token', NO_SIGN_IN, async (request, reply) => {
    const token = tokenParam(request);
    const holder = await tokenHolder(db, app.config.sessionSecret, token);
    return sendPage(reply, <UnsubscribeView ui={uiOf(request)} token={token} done={holder.period === 'off'} />);
  });
  app.post('/unsubscribe/:token', SIGNED_LINK, async (request, reply) => {
    await unsubscribeWithToken(db, app.config.sessionSecret, tokenParam(request), app.clock());
    return seeOther(reply, `/unsubscribe/${encodeURIComponent(tokenParam(request))}`);
  });
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PUBLIC_PAGE } from '../../app/plugins/page-cache.ts';
import { ctxOf, idParam, NO_SIGN_IN, queryText, seeOther } from '../../app/request-context.ts';
import { EMPTY_FORM, type FormState } from '../../app/ui/form.tsx';
import { formsOfPage, handleForm, sendPage } from '../../app/ui/render.tsx';
import { sharedPublicParts } from '../../app/ui/shared-part.tsx';
import { uiOf } from '../../app/ui/ui.ts';
import { sendFile } from '../demands/index.ts';
import * as briefings from './briefings.service.ts';
import { briefingIcs } from './ics.ts';
import { type BriefingFormName, BriefingAdminView, BriefingsAdminView, BriefingsView, BriefingView, BriefingSections } from './views/briefing-views.tsx';

async function showBriefing(request: FastifyRequest, form: FormState = EMPTY_FORM) {
  const ctx = ctxOf(request);
  return <BriefingView ui={uiOf(request)} page={await briefings.briefingPage(ctx, idParam(request))} form={form} now={ctx.now()} />;
}

async function showAdmin(request: FastifyRequest, form: FormState = EMPTY_FORM, which: BriefingFormName | null = null) {
  const ctx = ctxOf(request);
  return <BriefingAdminView ui={uiOf(request)} data={await briefings.briefingForOperator(ctx, idParam(request))} form={form} which={which} now={ctx.now()} />;
}

export async function briefingPages(app: FastifyInstance): Promise<void> {
  app.get('/briefings', PUBLIC_PAGE, async (request, reply) => {
    const after = queryText(request, 'after', 200);
    const { parts } = await sharedPublicParts(request, async (reader, ui) => ({
      data: null,
      parts: { sections: <BriefingSections ui={ui} list={await briefings.listBriefings(reader, after)} onLaterPage={!!after} /> },
    }));
    return sendPage(reply, <BriefingsView ui={uiOf(request)}>{parts.sections}</BriefingsView>);
  });
  app.get('/briefings/:id', PUBLIC_PAGE, async (request, reply) => sendPage(reply, await showBriefing(request)));
  app.get('/briefings/:id.ics', NO_SIGN_IN, async (request, reply) => {
    const ctx = ctxOf(request);
    const briefing = await briefings.calendarOf(ctx, idParam(request));
    return sendFile(reply, { filename: `ieumteo-briefing-${briefing.id}.ics`, mime: 'text/calendar; charset=utf-8', data: Buffer.from(briefingIcs(briefing, ctx.baseUrl, ctx.now())) });
  });
  app.get('/briefings/:id/files/:fileId', async (request, reply) =>
    sendFile(reply, await briefings.downloadMaterial(ctxOf(request), idParam(request), idParam(request, 'fileId'))),
  );
  app.post('/briefings/:id/register', (request, reply) =>
    handleForm(
      request,
      reply,
      () => briefings.register(ctxOf(request), idParam(request), request.body),
      (status) => seeOther(reply, `/briefings/${idParam(request)}`, status === 'registered' ? 'briefing.registered' : 'briefing.waitlisted'),
      (form) => showBriefing(request, form),
    ),
  );
  app.post('/briefings/:id/cancel', async (request, reply) => {
    await briefings.cancelRegistration(ctxOf(request), idParam(request));
    return seeOther(reply, `/briefings/${idParam(request)}`, 'briefing.cancelled');
  });
  app.post('/briefings/:id/agenda/:demandId/confirm', async (request, reply) => {
    await briefings.confirmPresenting(ctxOf(request), idParam(request), idParam(request, 'demandId'));
    return seeOther(reply, `/briefings/${idParam(request)}`, 'briefing.confirmedFlash');
  });

  // The operator's side.
  const listAdmin = async (request: FastifyRequest, form: FormState) => (
    <BriefingsAdminView ui={uiOf(request)} briefings={await briefings.listAllBriefings(ctxOf(request))} form={form} />
  );
  app.get('/admin/briefings', async (request, reply) => sendPage(reply, await listAdmin(request, { values: { minutes: '90', capacity: '100' }, errors: {} })));
  app.post('/admin/briefings', (request, reply) =>
    handleForm(
      request,
      reply,
      () => briefings.createBriefing(ctxOf(request), request.body),
      (id) => seeOther(reply, `/admin/briefings/${id}`, 'briefing.created'),
      (form) => listAdmin(request, form),
    ),
  );
  app.get('/admin/briefings/:id', async (request, reply) => sendPage(reply, await showAdmin(request)));
  const action = formsOfPage<BriefingFormName>(app, '/admin/briefings/:id', (r) => `/admin/briefings/${idParam(r)}`, showAdmin);
  action('/agenda', (r) => briefings.addGroup(ctxOf(r), idParam(r), r.body), 'briefing.groupAdded', 'group');
  action('/agenda/:demandId/delete', (r) => briefings.removeFromAgenda(ctxOf(r), idParam(r), idParam(r, 'demandId')), 'briefing.removed', 'group');
  action('/publish', (r) => briefings.publishBriefing(ctxOf(r), idParam(r)), 'briefing.published', 'group');
  action('/edit', (r) => briefings.updateBriefing(ctxOf(r), idParam(r), r.body), 'briefing.saved', 'edit');
  action('/recap', (r) => briefings.publishRecap(ctxOf(r), idParam(r), r.body), 'briefing.recapPublished', 'recap');
  action('/files', (r) => briefings.addMaterial(ctxOf(r), idParam(r), (r.body as { file?: unknown } | undefined)?.file), 'briefing.materialAdded', 'upload');
}

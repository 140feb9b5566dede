import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ctxOf, idParam, seeOther } from '../../app/request-context.ts';
import { EMPTY_FORM, type FormState } from '../../app/ui/form.tsx';
import { formsOfPage, handleForm, sendPage } from '../../app/ui/render.tsx';
import { uiOf } from '../../app/ui/ui.ts';
import { requireUser } from '../../shared/actors.ts';
import { sendFile } from '../demands/index.ts';
import { myOrgs } from '../orgs/index.ts';
import { queue } from './desk.service.ts';
import { saveDesk, saveTargets, settingsPage } from './settings.service.ts';
import { SettingsView } from './views/settings-view.tsx';
import * as sos from './sos.service.ts';
import { QueueView } from './views/queue-view.tsx';
import { SosFormView, SosHomeView } from './views/sos-views.tsx';
import { NO_TICKET_FORMS, type TicketForms, TicketView } from './views/ticket-view.tsx';

export async function sosPages(app: FastifyInstance): Promise<void> {
  const db = app.database.db;

  app.get('/sos', async (request, reply) => {
    const ctx = ctxOf(request);
    requireUser(ctx.actor);
    const [tickets, targets] = await Promise.all([sos.myTickets(ctx), sos.listTargets(db)]);
    return sendPage(reply, <SosHomeView ui={uiOf(request)} tickets={tickets} targets={targets} now={app.clock()} />);
  });

  const showForm = async (request: FastifyRequest, form: FormState) => {
    const ctx = ctxOf(request);
    requireUser(ctx.actor);
    const orgs = (await myOrgs(ctx)).filter((o) => o.membership === 'active' && o.status === 'verified');
    const [tasks, targets] = await Promise.all([
      orgs.length
        ? db
            .selectFrom('tasks')
            .innerJoin('task_orgs', 'task_orgs.task_id', 'tasks.id')
            .select(['tasks.id', 'tasks.title'])
            .distinct()
            .where('task_orgs.org_id', 'in', orgs.map((o) => o.id))
            .where('task_orgs.status', '=', 'accepted')
            .where('tasks.status', 'in', ['draft', 'registered'])
            .orderBy('tasks.id', 'desc')
            .limit(200)
            .execute()
        : [],
      sos.listTargets(db),
    ]);
    const values = Object.keys(form.values).length ? form : { values: { org: orgs.length === 1 ? String(orgs[0]!.id) : '', urgency: 'normal', task: (request.query as { task?: string }).task ?? '' }, errors: {} };
    return <SosFormView ui={uiOf(request)} form={values} data={{ orgs, tasks, targets }} />;
  };
  app.get('/sos/new', async (request, reply) => sendPage(reply, await showForm(request, EMPTY_FORM)));
  app.post('/sos/new', (request, reply) =>
    handleForm(
      request,
      reply,
      () => sos.openTicket(ctxOf(request), request.body),
      (id) => seeOther(reply, `/sos/${id}`, 'sos.opened'),
      (form) => showForm(request, form),
    ),
  );

  const showTicket = async (request: FastifyRequest, form: FormState = EMPTY_FORM, which: keyof TicketForms | null = null) => {
    const forms = which ? { ...NO_TICKET_FORMS, [which]: form } : NO_TICKET_FORMS;
    return <TicketView ui={uiOf(request)} page={await sos.ticketPage(ctxOf(request), idParam(request))} forms={forms} now={app.clock()} />;
  };
  app.get('/sos/:id', async (request, reply) => sendPage(reply, await showTicket(request)));
  const action = formsOfPage<keyof TicketForms>(app, '/sos/:id', (r) => `/sos/${idParam(r)}`, showTicket);
  action('/reply', (r) => sos.replyAsRequester(ctxOf(r), idParam(r), r.body), 'sos.sent', 'reply');
  action('/guest-reply', (r) => sos.replyAsGuest(ctxOf(r), idParam(r), r.body), 'sos.sent', 'reply');
  action('/desk', (r) => sos.replyAsDesk(ctxOf(r), idParam(r), r.body), 'sos.sent', 'desk');
  action('/solution', (r) => sos.proposeSolution(ctxOf(r), idParam(r), r.body), 'sos.proposed', 'solution');
  action('/assign', (r) => sos.assign(ctxOf(r), idParam(r), r.body), 'sos.assigned', 'assign');
  action('/guests', (r) => sos.inviteGuest(ctxOf(r), idParam(r), r.body), 'sos.invited', 'guest');
  action('/confirm', (r) => sos.settle(ctxOf(r), idParam(r), 'confirm'), 'sos.confirmed', 'rating');
  action('/reopen', (r) => sos.settle(ctxOf(r), idParam(r), 'reopen'), 'sos.reopened', 'rating');
  action('/rate', (r) => sos.rate(ctxOf(r), idParam(r), r.body), 'sos.thanks', 'rating');
  action('/files', (r) => sos.addFile(ctxOf(r), idParam(r), (r.body as { file?: unknown } | undefined)?.file), 'sos.fileAdded', 'upload');
  app.get('/sos/:id/files/:fileId', async (request, reply) => sendFile(reply, await sos.downloadFile(ctxOf(request), idParam(request), idParam(request, 'fileId'))));

  const showSettings = async (request: FastifyRequest, targets: FormState = EMPTY_FORM, desk: FormState = EMPTY_FORM) =>
    <SettingsView ui={uiOf(request)} data={await settingsPage(ctxOf(request))} targets={targets} desk={desk} />;
  app.get('/admin/sos/settings', async (request, reply) => sendPage(reply, await showSettings(request)));
  app.post('/admin/sos/targets', (request, reply) =>
    handleForm(
      request,
      reply,
      () => saveTargets(ctxOf(request), request.body),
      () => seeOther(reply, '/admin/sos/settings', 'sos.targetsSaved'),
      (form) => showSettings(request, form),
    ),
  );
  app.post('/admin/sos/desk', (request, reply) =>
    handleForm(
      request,
      reply,
      () => saveDesk(ctxOf(request), request.body),
      () => seeOther(reply, '/admin/sos/settings', 'sos.deskSaved'),
      (form) => showSettings(request, EMPTY_FORM, form),
    ),
  );
  app.get('/admin/sos', async (request, reply) => sendPage(reply, <QueueView ui={uiOf(request)} data={await queue(ctxOf(request), request.query)} now={app.clock()} />));
}

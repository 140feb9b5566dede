import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PUBLIC_PAGE } from '../../app/plugins/page-cache.ts';
import { ctxOf, idParam, queryText, seeOther } from '../../app/request-context.ts';
import { EMPTY_FORM, type FormState } from '../../app/ui/form.tsx';
import { formsOfPage, handleForm, sendPage } from '../../app/ui/render.tsx';
import { sharedOperatorParts, sharedPublicParts } from '../../app/ui/shared-part.tsx';
import { uiOf } from '../../app/ui/ui.ts';
import { requireOperator, requireUser } from '../../shared/actors.ts';
import { kstDate } from '../../shared/dates.ts';
import { NotFoundError } from '../../shared/errors.ts';
import { memoByKey } from '../../shared/memo.ts';
import { sendFile } from '../demands/index.ts';
import { myOrgs } from '../orgs/index.ts';
import { queue, queueIsOwn } from './desk.service.ts';
import { sosFigures } from './figures.service.ts';
import { entry, entryDraft, publishEntry, removeEntry, searchEntries, similarEntries, updateEntry } from './entries.service.ts';
import { EntriesView, EntryFormView, EntryView, EntryResults } from './views/entry-views.tsx';
import { saveDesk, saveTargets, settingsPage } from './settings.service.ts';
import { SettingsView } from './views/settings-view.tsx';
import * as sos from './sos.service.ts';
import { QueueResults, QueueView } from './views/queue-view.tsx';
import { SosFormView, SosHomeView } from './views/sos-views.tsx';
import { NO_TICKET_FORMS, type TicketForms, TicketView } from './views/ticket-view.tsx';

export async function sosPages(app: FastifyInstance): Promise<void> {
  const db = app.database.db;

  app.get('/sos', async (request, reply) => {
    const ctx = ctxOf(request);
    requireUser(ctx.actor);
    const after = queryText(request, 'after', 200);
    const [tickets, targets] = await Promise.all([sos.myTickets(ctx, after), sos.listTargets(db)]);
    return sendPage(reply, <SosHomeView ui={uiOf(request)} tickets={tickets} targets={targets} now={app.clock()} onLaterPage={!!after} />);
  });

  const showForm = async (request: FastifyRequest, form: FormState, similar: { id: number; title: string }[] = []) => {
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
    return <SosFormView ui={uiOf(request)} form={values} data={{ orgs, tasks, targets }} similar={similar} />;
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
  // "Similar answers first": the form's second button shows the 협업 Q&A entries sharing its words, keeping what was typed.
  app.post('/sos/new/similar', async (request, reply) => {
    const body = (request.body as Record<string, unknown> | undefined) ?? {};
    const text = ['title', 'description'].map((name) => (typeof body[name] === 'string' ? (body[name] as string) : '')).join('\n');
    // Echo no more than a request may hold (the fields' own limits are 150 and 5,000).
    const values = Object.fromEntries(Object.entries(body).filter(([name]) => !name.startsWith('_')).map(([name, value]) => [name, typeof value === 'string' ? value.slice(0, 5000) : value]));
    return sendPage(reply, await showForm(request, { values, errors: {} }, await similarEntries(db, text)));
  });

  app.get('/sos/answers', PUBLIC_PAGE, async (request, reply) => {
    const q = queryText(request, 'q', 100) ?? '';
    const after = queryText(request, 'after', 200);
    const { parts } = await sharedPublicParts(request, async (reader, ui) => ({
      data: null,
      parts: { results: <EntryResults ui={ui} q={q} list={await searchEntries(reader.db, q, after)} after={after} /> },
    }));
    return sendPage(reply, <EntriesView ui={uiOf(request)}>{parts.results}</EntriesView>);
  });
  app.get('/sos/answers/:id', PUBLIC_PAGE, async (request, reply) => {
    const item = await entry(ctxOf(request).db, idParam(request));
    if (!item) throw new NotFoundError();
    return sendPage(reply, <EntryView ui={uiOf(request)} item={item} />);
  });
  const showEntryEdit = async (request: FastifyRequest, form?: FormState) => {
    requireOperator(ctxOf(request));
    const item = await entry(db, idParam(request));
    if (!item) throw new NotFoundError();
    return <EntryFormView ui={uiOf(request)} form={form ?? { values: item, errors: {} }} action={`/sos/answers/${item.id}/edit`} back={{ href: `/sos/answers/${item.id}`, label: item.title }} />;
  };
  app.get('/sos/answers/:id/edit', async (request, reply) => sendPage(reply, await showEntryEdit(request)));
  app.post('/sos/answers/:id/edit', (request, reply) =>
    handleForm(
      request,
      reply,
      () => updateEntry(ctxOf(request), idParam(request), request.body),
      () => seeOther(reply, `/sos/answers/${idParam(request)}`, 'sos.entrySaved'),
      (form) => showEntryEdit(request, form),
    ),
  );
  app.post('/sos/answers/:id/delete', async (request, reply) => {
    await removeEntry(ctxOf(request), idParam(request));
    return seeOther(reply, '/sos/answers', 'sos.entryRemoved');
  });
  const showPublish = async (request: FastifyRequest, form?: FormState) => {
    const draft = await entryDraft(ctxOf(request), idParam(request));
    return <EntryFormView ui={uiOf(request)} form={form ?? { values: draft.values, errors: {} }} action={`/sos/${draft.ticket.id}/publish`} back={{ href: `/sos/${draft.ticket.id}`, label: draft.ticket.title }} />;
  };
  app.get('/sos/:id/publish', async (request, reply) => sendPage(reply, await showPublish(request)));
  app.post('/sos/:id/publish', (request, reply) =>
    handleForm(
      request,
      reply,
      () => publishEntry(ctxOf(request), idParam(request), request.body),
      (id) => seeOther(reply, `/sos/answers/${id}`, 'sos.entryPublished'),
      (form) => showPublish(request, form),
    ),
  );

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
  // The year's figures read every request of the year; the desk's queue shows them at most a minute old.
  const yearFigures = memoByKey(60_000, (year) => sosFigures(db, `${year}-01-01`, `${year}-12-31`, app.clock()));
  app.get('/admin/sos', async (request, reply) => {
    // The same for every operator but "assigned to me".
    const { parts } = await sharedOperatorParts(
      request,
      async (ctx, ui) => {
        const data = await queue(ctx, request.query);
        const year = kstDate(app.clock()).slice(0, 4);
        return { data: null, parts: { results: <QueueResults ui={ui} data={data} now={app.clock()} figures={{ year, figures: await yearFigures.get(year) }} /> } };
      },
      { shared: !queueIsOwn(request.query) },
    );
    return sendPage(reply, <QueueView ui={uiOf(request)}>{parts.results}</QueueView>);
  });
}

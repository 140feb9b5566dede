import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ctxOf, idParam, queryText, seeOther } from '../../app/request-context.ts';
import { EMPTY_FORM, type FormState } from '../../app/ui/form.tsx';
import { handleForm, sendPage } from '../../app/ui/render.tsx';
import { sharedPublicParts } from '../../app/ui/shared-part.tsx';
import { uiOf } from '../../app/ui/ui.ts';
import { kstDate } from '../../shared/dates.ts';
import type { MessageKey } from '../../shared/i18n/index.ts';
import { ForbiddenError } from '../../shared/errors.ts';
import { requireUser } from '../../shared/actors.ts';
import { type DemandPageSection, demandFor, sendFile } from '../demands/index.ts';
import { listCapabilities, myOrgs } from '../orgs/index.ts';
import * as cases from './cases.service.ts';
import { REPLY_BLOCKED, replyBlocker } from './matches.policy.ts';
import * as replies from './replies.service.ts';
import { CasesView, type CaseForms, CaseView, ConcludeFormView, CaseResults } from './views/case-views.tsx';
import { DemandMatchSection } from './views/demand-section.tsx';
import { ParticipationView } from './views/participation-view.tsx';
import { ReplyFormView, type ThreadForms, ThreadView } from './views/reply-views.tsx';
import { PUBLIC_PAGE } from '../../app/plugins/page-cache.ts';

/** The replies and the match, on the demand's page (the demands module draws the rest). */
export const demandMatchSection: DemandPageSection = async (request, detail) => {
  const ctx = ctxOf(request);
  const after = queryText(request, 'replies', 200);
  const [list, match] = await Promise.all([replies.repliesOfDemand(ctx, detail.demand, after), cases.matchOfDemand(ctx, detail.demand.id)]);
  return <DemandMatchSection ui={uiOf(request)} detail={detail} replies={list} match={match} onLaterPage={!!after} />;
};

export async function matchPages(app: FastifyInstance): Promise<void> {
  const db = app.database.db;

  type ReplyFormPage = { demand: { id: number; title: string; summary: string }; orgs: { id: number; name: string }[]; replyId?: number };
  const showReplyForm = async (request: FastifyRequest, form: FormState, page: ReplyFormPage) => (
    <ReplyFormView ui={uiOf(request)} form={form} capabilities={await listCapabilities(db)} {...page} />
  );
  const newReplyForm = async (request: FastifyRequest, form: FormState) => {
    const demand = await demandFor(ctxOf(request), db, idParam(request), 'demand.view');
    const blocker = replyBlocker(request.actor, demand);
    if (blocker) throw new ForbiddenError(REPLY_BLOCKED[blocker]);
    // The replying organisation is chosen here: any verified one of the actor's but the demand's own.
    const orgs = (await myOrgs(ctxOf(request))).filter((o) => o.membership === 'active' && o.status === 'verified' && o.id !== demand.org_id);
    return showReplyForm(request, form, { demand, orgs });
  };
  /** The edit form, with the stored values unless a failed post brings its own. */
  const editReplyForm = async (request: FastifyRequest, form?: FormState) => {
    const ctx = ctxOf(request);
    const { reply, values } = await replies.getReplyForEdit(ctx, idParam(request));
    const demand = await demandFor(ctx, db, reply.demand_id, 'demand.view');
    return showReplyForm(request, form ?? { values, errors: {} }, { demand, orgs: [], replyId: reply.id });
  };

  app.get('/demands/:id/reply', async (request, reply) => {
    requireUser(request.actor);
    return sendPage(reply, await newReplyForm(request, EMPTY_FORM));
  });
  app.post('/demands/:id/reply', (request, reply) =>
    handleForm(
      request,
      reply,
      () => replies.createReply(ctxOf(request), idParam(request), request.body),
      (id) => seeOther(reply, `/replies/${id}`, 'reply.created'),
      (form) => newReplyForm(request, form),
    ),
  );
  app.get('/replies/:id/edit', async (request, reply) => sendPage(reply, await editReplyForm(request)));
  app.post('/replies/:id/edit', (request, reply) =>
    handleForm(
      request,
      reply,
      () => replies.updateReply(ctxOf(request), idParam(request), request.body),
      () => seeOther(reply, `/replies/${idParam(request)}`, 'reply.updated'),
      (form) => editReplyForm(request, form),
    ),
  );
  app.post('/replies/:id/withdraw', async (request, reply) => {
    const demandId = await replies.withdrawReply(ctxOf(request), idParam(request));
    return seeOther(reply, `/demands/${demandId}`, 'reply.withdrawn');
  });

  const showThread = async (request: FastifyRequest, forms: Partial<ThreadForms> = {}) => {
    const before = queryText(request, 'before', 200);
    const thread = await replies.getThread(ctxOf(request), idParam(request), before);
    const all: ThreadForms = {
      message: forms.message ?? EMPTY_FORM,
      meeting: forms.meeting ?? { values: { heldOn: kstDate(app.clock()), mode: 'offline' }, errors: {} },
      decline: forms.decline ?? EMPTY_FORM,
      hide: forms.hide ?? EMPTY_FORM,
    };
    return <ThreadView ui={uiOf(request)} thread={thread} forms={all} onEarlierPage={!!before} />;
  };
  app.get('/replies/:id', async (request, reply) => sendPage(reply, await showThread(request)));
  app.get('/replies/mine', async (request, reply) =>
    sendPage(reply, <ParticipationView ui={uiOf(request)} participation={await replies.ourParticipation(ctxOf(request), queryText(request, 'after', 200))} />),
  );

  const threadForms = [
    ['messages', 'message', replies.postMessage, 'thread.sent'],
    ['meetings', 'meeting', replies.recordMeeting, 'meeting.saved'],
    ['decline', 'decline', (ctx, id, body) => replies.decideReply(ctx, id, 'decline', body), 'reply.declined'],
    ['hide', 'hide', async (ctx, id, body) => void (await replies.setReplyHidden(ctx, id, body, true)), 'moderation.hidden'],
  ] as const satisfies readonly [string, keyof ThreadForms, (ctx: ReturnType<typeof ctxOf>, id: number, body: unknown) => Promise<unknown>, MessageKey][];
  for (const [path, formName, run, message] of threadForms) {
    app.post(`/replies/:id/${path}`, (request, reply) =>
      handleForm(
        request,
        reply,
        async () => void (await run(ctxOf(request), idParam(request), request.body)),
        () => seeOther(reply, `/replies/${idParam(request)}`, message),
        (form) => showThread(request, { [formName]: { values: form.values, errors: form.errors } }),
      ),
    );
  }
  for (const decision of ['shortlist', 'invite'] as const) {
    app.post(`/replies/:id/${decision}`, async (request, reply) => {
      await replies.decideReply(ctxOf(request), idParam(request), decision);
      return seeOther(reply, `/replies/${idParam(request)}`, decision === 'shortlist' ? 'reply.shortlisted' : 'reply.invited');
    });
  }
  app.post('/replies/:id/unhide', async (request, reply) => {
    await replies.setReplyHidden(ctxOf(request), idParam(request), {}, false);
    return seeOther(reply, `/replies/${idParam(request)}`, 'moderation.unhidden');
  });
  app.get('/replies/:id/files/:fileId', async (request, reply) =>
    sendFile(reply, await replies.downloadMessageFile(ctxOf(request), idParam(request), idParam(request, 'fileId'))),
  );

  const showConclude = async (request: FastifyRequest, form: FormState) =>
    <ConcludeFormView ui={uiOf(request)} form={form} data={await cases.getConcludeForm(ctxOf(request), idParam(request))} />;
  app.get('/demands/:id/conclude', async (request, reply) =>
    sendPage(reply, await showConclude(request, { values: { startedOn: kstDate(app.clock()) }, errors: {} })),
  );
  app.post('/demands/:id/conclude', (request, reply) =>
    handleForm(
      request,
      reply,
      () => cases.recordMatch(ctxOf(request), idParam(request), request.body),
      (id) => seeOther(reply, `/cases/${id}`, 'match.recorded'),
      (form) => showConclude(request, form),
    ),
  );

  app.get('/cases', PUBLIC_PAGE, async (request, reply) => {
    const after = queryText(request, 'after');
    const { parts } = await sharedPublicParts(request, async (reader, ui) => ({
      data: null,
      parts: { results: <CaseResults ui={ui} page={await cases.listCases(reader, cases.CASE_PAGE_SIZE, after)} after={after} /> },
    }));
    return sendPage(reply, <CasesView ui={uiOf(request)}>{parts.results}</CasesView>);
  });
  const showCase = async (request: FastifyRequest, forms: Partial<CaseForms> = {}) => {
    const data = await cases.getCase(ctxOf(request), idParam(request));
    return <CaseView ui={uiOf(request)} data={data} forms={{ confirm: forms.confirm ?? EMPTY_FORM, update: forms.update ?? EMPTY_FORM }} />;
  };
  app.get('/cases/:id', PUBLIC_PAGE, async (request, reply) => sendPage(reply, await showCase(request)));
  app.post('/cases/:id/confirm/:orgId', (request, reply) =>
    handleForm(
      request,
      reply,
      () => cases.confirmMatch(ctxOf(request), idParam(request), idParam(request, 'orgId'), request.body),
      () => seeOther(reply, `/cases/${idParam(request)}`, 'match.confirmedDone'),
      (form) => showCase(request, { confirm: form }),
    ),
  );
  app.post('/cases/:id/updates', (request, reply) =>
    handleForm(
      request,
      reply,
      () => cases.addCaseUpdate(ctxOf(request), idParam(request), request.body),
      () => seeOther(reply, `/cases/${idParam(request)}`, 'case.updateAdded'),
      (form) => showCase(request, { update: form }),
    ),
  );
}

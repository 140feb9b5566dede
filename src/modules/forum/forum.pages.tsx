import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { PUBLIC_PAGE } from '../../app/plugins/page-cache.ts';
import { ctxOf, idParam, queryText, seeOther } from '../../app/request-context.ts';
import { EMPTY_FORM, type FormState } from '../../app/ui/form.tsx';
import { formsOfPage, handleForm, sendPage } from '../../app/ui/render.tsx';
import { sharedOperatorParts, sharedPublicParts, sharedRender } from '../../app/ui/shared-part.tsx';
import { uiOf } from '../../app/ui/ui.ts';
import { requireUser } from '../../shared/actors.ts';
import { NotFoundError } from '../../shared/errors.ts';
import { sendFile } from '../demands/index.ts';
import { listRegions } from '../orgs/index.ts';
import { answerProposal, completeProposal, setMilestoneDone } from './answers.service.ts';
import { listProposals, moderationQueue, myProposals, similarProposals } from './lists.service.ts';
import { appealHiding, decideAppeal, dismissReports, hideContent, moderationLog, moderationPage, reportContent, type Subject } from './moderation.service.ts';
import { newsMode, saveNewsMode } from './news.service.ts';
import { type ProposalPage, proposalPage } from './page.service.ts';
import { addPoint, addReply, markedHelpful, pointPage, pointsOfSide, saveSummary, setHelpful, sideCounts, sideOf } from './points.service.ts';
import * as proposals from './proposals.service.ts';
import { addCategory, archiveCategory, forumSettings, listCategories, saveSettings } from './settings.service.ts';
import { deliberationOpen } from './stages.ts';
import { mergeProposal, setFollow, support, withdrawSupport } from './supports.service.ts';
import { type FailedModeration, ForumAdminSections, ForumAdminView } from './views/admin-view.tsx';
import { AnswerFormView, SummaryFormView } from './views/answer-views.tsx';
import { ForumHomeView, ForumRules, MyProposalsView, ProposalResults } from './views/list-views.tsx';
import { PointView, SidePointsView } from './views/points-views.tsx';
import { ProposalFormView } from './views/proposal-form-view.tsx';
import { AppealFormView, hideKey, ReportFormView } from './views/moderation-views.tsx';
import { NO_PROPOSAL_FORMS, type ProposalForms, ProposalView, proposalParts } from './views/proposal-view.tsx';

/** The proposal of the address and, with `?point=`, one of its points. */
function subjectOf(request: FastifyRequest): Subject {
  const point = queryText(request, 'point', 12);
  // A point asked for that cannot be one is not found, never the whole proposal by mistake.
  if (point !== undefined && !/^[0-9]{1,9}$/.test(point)) throw new NotFoundError();
  return { proposalId: idParam(request), pointId: point === undefined ? null : Number(point) };
}

/**
 * A section another module adds to a proposal's page (the collaboration task an adopted proposal
 * became), since the forum cannot depend on the modules that depend on it.
 */
export type ProposalPageSection = (request: FastifyRequest, page: ProposalPage) => Promise<VNode | null>;

export function forumPages(sections: { proposal: ProposalPageSection[] }) {
  return (app: FastifyInstance) => forumRoutes(app, sections.proposal);
}

async function forumRoutes(app: FastifyInstance, proposalSections: ProposalPageSection[]): Promise<void> {
  const db = app.database.db;

  app.get('/forum', PUBLIC_PAGE, async (request, reply) => {
    // The list reads from the replica where there is one (`ctxOf`); the taxonomies are memoized. The
    // rules are read with the list, once for all readers, not per member.
    const { parts } = await sharedPublicParts(request, async (reader, ui) => {
      const [data, categories, settings] = await Promise.all([listProposals(reader.db, request.query, app.clock()), listCategories(db), forumSettings(db)]);
      return { data: null, parts: { rules: <ForumRules ui={ui} settings={settings} />, results: <ProposalResults ui={ui} data={data} categories={categories} now={app.clock()} /> } };
    });
    return sendPage(
      reply,
      <ForumHomeView ui={uiOf(request)} rules={parts.rules}>
        {parts.results}
      </ForumHomeView>,
    );
  });
  const showMine = async (request: FastifyRequest, news?: FormState) => {
    const ctx = ctxOf(request);
    const after = queryText(request, 'after');
    const [proposals, mode] = await Promise.all([myProposals(ctx, after), newsMode(ctx)]);
    return <MyProposalsView ui={uiOf(request)} proposals={proposals} onLaterPage={!!after} news={news ?? { values: { mode }, errors: {} }} now={app.clock()} />;
  };
  app.get('/forum/mine', async (request, reply) => sendPage(reply, await showMine(request)));
  app.post('/forum/news', (request, reply) =>
    handleForm(
      request,
      reply,
      () => saveNewsMode(ctxOf(request), request.body),
      () => seeOther(reply, '/forum/mine#news-h', 'forum.newsSaved'),
      (form) => showMine(request, form),
    ),
  );

  const formData = async (similar: Awaited<ReturnType<typeof similarProposals>> | null = null) => {
    const [categories, regions] = await Promise.all([listCategories(db), listRegions(db)]);
    return { categories, regions, similar };
  };
  const showNew = async (request: FastifyRequest, form: FormState, similar: Awaited<ReturnType<typeof similarProposals>> | null = null) => {
    requireUser(ctxOf(request).actor);
    return <ProposalFormView ui={uiOf(request)} form={form} data={await formData(similar)} action="/forum/new" now={app.clock()} />;
  };
  app.get('/forum/new', async (request, reply) => sendPage(reply, await showNew(request, EMPTY_FORM)));
  app.post('/forum/new', (request, reply) =>
    handleForm(
      request,
      reply,
      () => proposals.createProposal(ctxOf(request), request.body),
      (id) => seeOther(reply, `/forum/${id}`, 'forum.draftSaved'),
      (form) => showNew(request, form),
    ),
  );
  // Without JavaScript too: the same form, sent to look for similar proposals first, comes back as typed.
  app.post('/forum/new/similar', async (request, reply) => {
    const body = (request.body as Record<string, unknown> | undefined) ?? {};
    const text = ['title', 'problem', 'proposal'].map((name) => (typeof body[name] === 'string' ? (body[name] as string) : '')).join('\n');
    // Echo no more than a proposal may hold (the longest field's limit is 5,000).
    const values = Object.fromEntries(Object.entries(body).filter(([name]) => !name.startsWith('_')).map(([name, value]) => [name, typeof value === 'string' ? value.slice(0, 5000) : value]));
    return sendPage(reply, await showNew(request, { values, errors: {} }, await similarProposals(db, text)));
  });

  const showEdit = async (request: FastifyRequest, form?: FormState) => {
    const ctx = ctxOf(request);
    const { proposal } = await proposals.loadProposal(ctx, db, idParam(request), 'proposal.edit');
    const values = form ?? { values: { title: proposal.title, problem: proposal.problem, proposal: proposal.proposal, effect: proposal.effect, org: (await db.selectFrom('orgs').select('name').where('id', '=', proposal.org_id).executeTakeFirstOrThrow()).name, category: String(proposal.category_id), region: proposal.region_code ?? '' }, errors: {} };
    return <ProposalFormView ui={uiOf(request)} form={values} data={await formData()} action={`/forum/${proposal.id}/edit`} now={app.clock()} back={{ href: `/forum/${proposal.id}`, label: proposal.title }} />;
  };
  app.get('/forum/:id/edit', async (request, reply) => sendPage(reply, await showEdit(request)));
  app.post('/forum/:id/edit', (request, reply) =>
    handleForm(
      request,
      reply,
      () => proposals.updateProposal(ctxOf(request), idParam(request), request.body),
      () => seeOther(reply, `/forum/${idParam(request)}`, 'forum.draftSaved'),
      (form) => showEdit(request, form),
    ),
  );

  const showProposal = async (request: FastifyRequest, form: FormState = EMPTY_FORM, which: keyof ProposalForms | null = null) => {
    const forms = which ? { ...NO_PROPOSAL_FORMS, [which]: form } : NO_PROPOSAL_FORMS;
    const page = await proposalPage(ctxOf(request), idParam(request));
    const [parts, added] = await Promise.all([
      // A concealed proposal's text is not shown to this reader, so neither rendered for them.
      page.concealed ? {} : sharedRender(request, `forum.proposal ${page.proposal.id}`, (ui) => proposalParts(ui, page)),
      Promise.all(proposalSections.map((section) => section(request, page))),
    ]);
    return <ProposalView ui={uiOf(request)} page={page} parts={parts} forms={forms} sections={added.filter((section) => section !== null)} now={app.clock()} />;
  };
  app.get('/forum/:id', PUBLIC_PAGE, async (request, reply) => sendPage(reply, await showProposal(request)));
  const action = formsOfPage<keyof ProposalForms>(app, '/forum/:id', (r) => `/forum/${idParam(r)}`, showProposal);
  action('/submit', (r) => proposals.submitProposal(ctxOf(r), idParam(r)), 'forum.submitted');
  action('/withdraw', (r) => proposals.withdrawProposal(ctxOf(r), idParam(r)), 'forum.withdrawn');
  action('/publish', (r) => proposals.publishProposal(ctxOf(r), idParam(r)), 'forum.published');
  action('/return', (r) => proposals.returnProposal(ctxOf(r), idParam(r), r.body), 'forum.returned', 'check');
  action('/coauthors', (r) => proposals.inviteCoauthor(ctxOf(r), idParam(r), r.body), 'forum.coauthorInvitedFlash', 'coauthor');
  action('/coauthor/accept', (r) => proposals.answerCoauthor(ctxOf(r), idParam(r), true), 'forum.coauthorJoined');
  action('/coauthor/decline', (r) => proposals.answerCoauthor(ctxOf(r), idParam(r), false), 'forum.coauthorDeclined');
  action('/files', (r) => proposals.addProposalFile(ctxOf(r), idParam(r), (r.body as { file?: unknown } | undefined)?.file), 'forum.fileAdded', 'upload');
  action('/support', (r) => support(ctxOf(r), idParam(r)), 'forum.supported');
  action('/unsupport', (r) => withdrawSupport(ctxOf(r), idParam(r)), 'forum.unsupported');
  action('/follow', (r) => setFollow(ctxOf(r), idParam(r), true), 'forum.following');
  action('/unfollow', (r) => setFollow(ctxOf(r), idParam(r), false), 'forum.notFollowing');
  action('/points', (r) => addPoint(ctxOf(r), idParam(r), r.body), 'forum.pointAdded', 'point');
  action('/merge', (r) => mergeProposal(ctxOf(r), idParam(r), r.body), 'forum.mergedFlash', 'merge');
  action('/complete', (r) => completeProposal(ctxOf(r), idParam(r), r.body), 'forum.completed', 'result');
  action('/milestones/:milestoneId/done', (r) => setMilestoneDone(ctxOf(r), idParam(r), idParam(r, 'milestoneId'), true), 'forum.milestoneSaved');
  action('/milestones/:milestoneId/undo', (r) => setMilestoneDone(ctxOf(r), idParam(r), idParam(r, 'milestoneId'), false), 'forum.milestoneSaved');
  app.get('/forum/:id/files/:fileId', async (request, reply) => sendFile(reply, await proposals.downloadProposalFile(ctxOf(request), idParam(request), idParam(request, 'fileId'))));

  app.get('/forum/:id/points', PUBLIC_PAGE, async (request, reply) => {
    const ctx = ctxOf(request);
    const { proposal } = await proposals.readableProposal(ctx, ctx.db, idParam(request));
    const side = sideOf(queryText(request, 'side'));
    const after = queryText(request, 'after');
    const [page, counts] = await Promise.all([pointsOfSide(ctx.db, proposal.id, side, after), sideCounts(ctx.db, proposal.id)]);
    const marked = await markedHelpful(ctx, page.items.map((p) => p.id));
    return sendPage(
      reply,
      <SidePointsView ui={uiOf(request)} proposal={proposal} side={side} count={counts[side]} page={page} marked={marked} open={deliberationOpen(proposal, app.clock())} after={after} />,
    );
  });

  const showPoint = async (request: FastifyRequest, form: FormState = EMPTY_FORM) => {
    const after = queryText(request, 'after');
    return <PointView ui={uiOf(request)} data={await pointPage(ctxOf(request), idParam(request), after)} form={form} after={after} />;
  };
  app.get('/forum/points/:id', PUBLIC_PAGE, async (request, reply) => sendPage(reply, await showPoint(request)));
  app.post('/forum/points/:id/replies', (request, reply) =>
    handleForm(
      request,
      reply,
      () => addReply(ctxOf(request), idParam(request), request.body),
      () => seeOther(reply, `/forum/points/${idParam(request)}`, 'forum.replyAdded'),
      (form) => showPoint(request, form),
    ),
  );
  app.post('/forum/points/:id/helpful', async (request, reply) => {
    const helpful = (request.body as { helpful?: unknown } | undefined)?.helpful !== 'no';
    const proposalId = await setHelpful(ctxOf(request), idParam(request), helpful);
    return seeOther(reply, `/forum/${proposalId}#point-${idParam(request)}`, helpful ? 'forum.helpfulMarked' : 'forum.helpfulUnmarked');
  });

  const showSummary = async (request: FastifyRequest, form?: FormState) => {
    const { proposal, stage } = await proposals.loadProposal(ctxOf(request), db, idParam(request), 'proposal.summarise');
    return <SummaryFormView ui={uiOf(request)} proposal={proposal} form={form ?? { values: { summary: proposal.summary ?? '' }, errors: {} }} reviewing={stage === 'review' && !proposal.summary_sent_at} />;
  };
  app.get('/forum/:id/summary', async (request, reply) => sendPage(reply, await showSummary(request)));
  app.post('/forum/:id/summary', (request, reply) =>
    handleForm(
      request,
      reply,
      () => saveSummary(ctxOf(request), idParam(request), request.body),
      () => seeOther(reply, `/forum/${idParam(request)}#summary-h`, 'forum.summarySaved'),
      (form) => showSummary(request, form),
    ),
  );

  const showAnswer = async (request: FastifyRequest, form: FormState = EMPTY_FORM) => {
    const { proposal } = await proposals.loadProposal(ctxOf(request), db, idParam(request), 'proposal.answer');
    return <AnswerFormView ui={uiOf(request)} proposal={proposal} form={form} dueAt={proposal.answer_due_at!} />;
  };
  app.get('/forum/:id/answer', async (request, reply) => sendPage(reply, await showAnswer(request)));
  app.post('/forum/:id/answer', (request, reply) =>
    handleForm(
      request,
      reply,
      () => answerProposal(ctxOf(request), idParam(request), request.body),
      () => seeOther(reply, `/forum/${idParam(request)}#answer-h`, 'forum.answered'),
      (form) => showAnswer(request, form),
    ),
  );

  // Reports and appeals: a page of their own each, for a proposal or (with ?point=) one of its points.
  const moderationForm = (kind: 'report' | 'appeal') => async (request: FastifyRequest, form: FormState = EMPTY_FORM) => {
    const ctx = ctxOf(request);
    requireUser(ctx.actor);
    const subject = subjectOf(request);
    const { proposal } = await proposals.loadProposal(ctx, db, subject.proposalId);
    const target = { ...subject, title: proposal.title };
    return kind === 'report' ? <ReportFormView ui={uiOf(request)} target={target} form={form} /> : <AppealFormView ui={uiOf(request)} target={target} form={form} />;
  };
  const showReport = moderationForm('report');
  const showAppeal = moderationForm('appeal');
  const back = (request: FastifyRequest) => {
    const subject = subjectOf(request);
    return `/forum/${subject.proposalId}${subject.pointId === null ? '' : `#point-${subject.pointId}`}`;
  };
  app.get('/forum/:id/report', async (request, reply) => sendPage(reply, await showReport(request)));
  app.post('/forum/:id/report', (request, reply) =>
    handleForm(
      request,
      reply,
      () => reportContent(ctxOf(request), subjectOf(request), request.body),
      () => seeOther(reply, back(request), 'forum.reported'),
      (form) => showReport(request, form),
    ),
  );
  app.get('/forum/:id/appeal', async (request, reply) => sendPage(reply, await showAppeal(request)));
  app.post('/forum/:id/appeal', (request, reply) =>
    handleForm(
      request,
      reply,
      () => appealHiding(ctxOf(request), subjectOf(request), request.body),
      () => seeOther(reply, back(request), 'forum.appealed'),
      (form) => showAppeal(request, form),
    ),
  );
  app.post('/forum/:id/hide', (request, reply) =>
    handleForm(
      request,
      reply,
      () => hideContent(ctxOf(request), subjectOf(request), request.body),
      () => seeOther(reply, back(request), 'forum.hidden'),
      (form) => showAdmin(request, null, EMPTY_FORM, { key: hideKey(subjectOf(request)), form }),
    ),
  );
  app.post('/forum/:id/dismiss', async (request, reply) => {
    await dismissReports(ctxOf(request), subjectOf(request));
    return seeOther(reply, '/admin/forum#reports-h', 'forum.dismissed');
  });
  for (const [decision, restore] of [
    ['restore', true],
    ['keep', false],
  ] as const) {
    app.post(`/admin/forum/appeals/:id/${decision}`, (request, reply) =>
      handleForm(
        request,
        reply,
        () => decideAppeal(ctxOf(request), idParam(request), restore, request.body),
        () => seeOther(reply, '/admin/forum#appeals-h', restore ? 'forum.restored' : 'forum.keptHidden'),
        (form) => showAdmin(request, null, EMPTY_FORM, { key: `appeal-${idParam(request)}`, form }),
      ),
    );
  }

  async function showAdmin(request: FastifyRequest, settingsForm: FormState | null = null, categoryForm: FormState = EMPTY_FORM, failed: FailedModeration | null = null) {
    // The same for every operator, forms and all, but a form refused with what was typed.
    const unrefused = settingsForm === null && categoryForm === EMPTY_FORM && failed === null;
    const { parts } = await sharedOperatorParts(
      request,
      async (reader, ui) => {
        const [queue, moderation, log, settings, categories] = await Promise.all([moderationQueue(reader), moderationPage(reader), moderationLog(reader), forumSettings(db), listCategories(db)]);
        const data = { queue, moderation, log, settings, categories };
        return { data: null, parts: { main: <ForumAdminSections ui={ui} data={data} settingsForm={settingsForm} categoryForm={categoryForm} failed={failed} now={app.clock()} /> } };
      },
      { shared: unrefused, forms: true },
    );
    return <ForumAdminView ui={uiOf(request)}>{parts.main}</ForumAdminView>;
  }
  app.get('/admin/forum', async (request, reply) => sendPage(reply, await showAdmin(request)));
  app.post('/admin/forum/settings', (request, reply) =>
    handleForm(
      request,
      reply,
      () => saveSettings(ctxOf(request), request.body),
      () => seeOther(reply, '/admin/forum', 'forum.settingsSaved'),
      (form) => showAdmin(request, form),
    ),
  );
  app.post('/admin/forum/categories', (request, reply) =>
    handleForm(
      request,
      reply,
      () => addCategory(ctxOf(request), request.body),
      () => seeOther(reply, '/admin/forum', 'forum.categoryAdded'),
      (form) => showAdmin(request, null, form),
    ),
  );
  app.post('/admin/forum/categories/:id/archive', async (request, reply) => {
    await archiveCategory(ctxOf(request), idParam(request));
    return seeOther(reply, '/admin/forum', 'forum.categoryArchived');
  });
}

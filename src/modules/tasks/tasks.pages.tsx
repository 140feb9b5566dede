import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PUBLIC_PAGE } from '../../app/plugins/page-cache.ts';
import { ctxOf, idParam, queryText, seeOther } from '../../app/request-context.ts';
import { EMPTY_FORM, type FormState } from '../../app/ui/form.tsx';
import { formsOfPage, handleForm, sendPage } from '../../app/ui/render.tsx';
import { sharedOperatorParts, sharedPublicParts, sharedRender } from '../../app/ui/shared-part.tsx';
import { uiOf } from '../../app/ui/ui.ts';
import { requireOperator, requireUser } from '../../shared/actors.ts';
import { kstDate } from '../../shared/dates.ts';
import { downloadOf } from '../../shared/export-table.ts';
import { listThemes, sendFile } from '../demands/index.ts';
import { listRegions, myOrgs } from '../orgs/index.ts';
import { agreeCharter } from './charter.ts';
import * as lists from './lists.service.ts';
import { portfolioTable } from './portfolio-table.ts';
import { openIntake, saveProgramme } from './programmes.service.ts';
import { submitReport } from './reports.service.ts';
import { selectTask } from './selection.service.ts';
import * as staffing from './staffing.service.ts';
import { reportPage, saveResults, taskPage } from './task-page.service.ts';
import { loadTask } from './task-access.ts';
import * as tasks from './tasks.service.ts';
import * as tf from './tf.service.ts';
import { PortfolioResults, PortfolioView } from './views/portfolio-view.tsx';
import { ReportFormView, ReportView } from './views/report-views.tsx';
import { NO_STAFFING_FORMS, type StaffingForms, StaffingView } from './views/staffing-view.tsx';
import { PlanFormView, planValues, TaskFormView } from './views/task-form-views.tsx';
import { MyTasksView, TasksView, TaskResults } from './views/task-list-views.tsx';
import { NO_TASK_FORMS, type TaskForms, TaskView, taskParts } from './views/task-view.tsx';
import { NO_TF_FORMS, type TfForms, TfView } from './views/tf-view.tsx';

export async function taskPages(app: FastifyInstance): Promise<void> {
  const db = app.database.db;
  const today = () => kstDate(app.clock());

  app.get('/tasks', PUBLIC_PAGE, async (request, reply) => {
    const { parts } = await sharedPublicParts(request, async (reader, ui) => {
      const [data, themes] = await Promise.all([lists.publicTasks(reader, request.query), listThemes(db)]);
      return { data: null, parts: { results: <TaskResults ui={ui} data={data} themes={themes} today={today()} /> } };
    });
    return sendPage(reply, <TasksView ui={uiOf(request)}>{parts.results}</TasksView>);
  });
  app.get('/tasks/mine', async (request, reply) => {
    const after = queryText(request, 'after', 200);
    return sendPage(reply, <MyTasksView ui={uiOf(request)} tasks={await lists.myTasks(ctxOf(request), after)} today={today()} onLaterPage={!!after} />);
  });

  // Registration, also from a concluded match (`?match=`) or an adopted citizen proposal (`?proposal=`), and the basics' edit form.
  const formData = async (request: FastifyRequest, creating: boolean) => {
    const ctx = ctxOf(request);
    const [themes, regions, orgs, intake] = await Promise.all([
      listThemes(db),
      listRegions(db),
      creating ? myOrgs(ctx) : Promise.resolve([]),
      creating ? openIntake(ctx) : Promise.resolve(undefined),
    ]);
    return { themes, regions, orgs: orgs.filter((o) => o.membership === 'active' && o.status === 'verified'), intake: intake ?? null };
  };
  const newForm = async (request: FastifyRequest, form: FormState) => <TaskFormView ui={uiOf(request)} form={form} data={await formData(request, true)} />;
  app.get('/tasks/new', async (request, reply) => {
    const ctx = ctxOf(request);
    requireUser(ctx.actor);
    const { match, proposal } = request.query as { match?: string; proposal?: string };
    const id = (text: string | undefined) => (text && /^[0-9]{1,9}$/.test(text) ? Number(text) : null);
    const values = id(match) ? await tasks.matchPrefill(ctx, id(match)!) : id(proposal) ? await tasks.proposalPrefill(ctx, id(proposal)!) : {};
    return sendPage(reply, await newForm(request, { values, errors: {} }));
  });
  app.post('/tasks/new', (request, reply) =>
    handleForm(
      request,
      reply,
      async () => tasks.createTask(ctxOf(request), request.body, await tasks.originOfForm(ctxOf(request), request.body)),
      (id) => seeOther(reply, `/tasks/${id}/plan`, 'task.created'),
      (form) => newForm(request, form),
    ),
  );

  const editForm = async (request: FastifyRequest, form?: FormState) => {
    const page = await taskPage(ctxOf(request), idParam(request));
    const values = {
      title: page.task.title,
      problem: page.task.problem,
      benefit: page.task.benefit,
      themes: page.themes.map((th) => String(th.id)),
      targetRegions: page.task.target_regions,
      startsOn: page.task.starts_on,
      endsOn: page.task.ends_on,
      ...Object.fromEntries(
        page.orgs
          .filter((o) => o.role === 'partner' && o.status !== 'declined')
          .flatMap((o, i) => [
            [`partner.${i}.name`, o.name],
            [`partner.${i}.contribution`, o.contribution],
          ]),
      ),
    };
    return <TaskFormView ui={uiOf(request)} form={form ?? { values, errors: {} }} data={await formData(request, false)} task={page.task} partners={tasks.mayChangePartners(ctxOf(request), page.task)} />;
  };
  app.get('/tasks/:id/edit', async (request, reply) => {
    await loadTask(ctxOf(request), db, idParam(request), 'task.edit');
    return sendPage(reply, await editForm(request));
  });
  app.post('/tasks/:id/edit', (request, reply) =>
    handleForm(
      request,
      reply,
      () => tasks.updateTask(ctxOf(request), idParam(request), request.body),
      () => seeOther(reply, `/tasks/${idParam(request)}`, 'task.saved'),
      (form) => editForm(request, form),
    ),
  );

  const planForm = async (request: FastifyRequest, form?: FormState) => {
    const ctx = ctxOf(request);
    const { task, orgs } = await loadTask(ctx, db, idParam(request), 'task.edit');
    const page = await taskPage(ctx, task.id);
    const owners = orgs.filter((o) => o.status === 'accepted');
    return <PlanFormView ui={uiOf(request)} form={form ?? { values: planValues(page.indicators, page.milestones), errors: {} }} task={task} owners={owners} />;
  };
  app.get('/tasks/:id/plan', async (request, reply) => sendPage(reply, await planForm(request)));
  app.post('/tasks/:id/plan', (request, reply) =>
    handleForm(
      request,
      reply,
      () => tasks.savePlan(ctxOf(request), idParam(request), request.body),
      () => seeOther(reply, `/tasks/${idParam(request)}`, 'task.planSaved'),
      (form) => planForm(request, form),
    ),
  );

  // The task page and its forms: an invitation's answer, the selection, the results.
  const showTask = async (request: FastifyRequest, form: FormState = EMPTY_FORM, which: keyof TaskForms | null = null) => {
    const forms = which ? { ...NO_TASK_FORMS, [which]: form } : NO_TASK_FORMS;
    const page = await taskPage(ctxOf(request), idParam(request));
    const day = today();
    const parts = await sharedRender(request, `tasks.body ${page.task.id} ${day}`, (ui) => taskParts(ui, page, day));
    return <TaskView ui={uiOf(request)} page={page} parts={parts} forms={forms} today={day} />;
  };
  app.get('/tasks/:id', PUBLIC_PAGE, async (request, reply) => sendPage(reply, await showTask(request)));
  const taskAction = formsOfPage<keyof TaskForms>(app, '/tasks/:id', (r) => `/tasks/${idParam(r)}`, showTask);
  taskAction('/answer', (r) => tasks.answerInvitation(ctxOf(r), idParam(r), r.body), 'task.answered', 'answer');
  taskAction('/select', (r) => selectTask(ctxOf(r), idParam(r), r.body), 'task.selected', 'select');
  taskAction('/results', (r) => saveResults(ctxOf(r), idParam(r), r.body), 'task.resultsSaved', 'results');
  taskAction('/submit', (r) => tasks.submitTask(ctxOf(r), idParam(r)), 'task.submitted', 'manage');
  taskAction('/withdraw', (r) => tasks.withdrawTask(ctxOf(r), idParam(r)), 'task.withdrawn', 'manage');
  taskAction('/complete', (r) => tasks.completeTask(ctxOf(r), idParam(r)), 'task.completed', 'manage');

  // Progress reports.
  const reportForm = async (request: FastifyRequest, form: FormState) => {
    const page = await taskPage(ctxOf(request), idParam(request));
    await loadTask(ctxOf(request), db, page.task.id, 'task.report');
    return <ReportFormView ui={uiOf(request)} page={page} form={form} />;
  };
  app.get('/tasks/:id/reports/new', async (request, reply) => sendPage(reply, await reportForm(request, EMPTY_FORM)));
  app.post('/tasks/:id/reports/new', (request, reply) =>
    handleForm(
      request,
      reply,
      () => submitReport(ctxOf(request), idParam(request), request.body),
      (reportId) => seeOther(reply, `/tasks/${idParam(request)}/reports/${reportId}`, 'task.reported'),
      (form) => reportForm(request, form),
    ),
  );
  app.get('/tasks/:id/reports/:reportId', async (request, reply) =>
    sendPage(reply, <ReportView ui={uiOf(request)} data={await reportPage(ctxOf(request), idParam(request), idParam(request, 'reportId'))} />),
  );

  // The TF workspace.
  const showTf = async (request: FastifyRequest, form: FormState = EMPTY_FORM, which: keyof TfForms | null = null) => {
    const forms = which ? { ...NO_TF_FORMS, [which]: form } : NO_TF_FORMS;
    const before = queryText(request, 'before', 12);
    return <TfView ui={uiOf(request)} ws={await tf.tfWorkspace(ctxOf(request), idParam(request), before && /^[0-9]{1,12}$/.test(before) ? Number(before) : undefined)} forms={forms} now={app.clock()} />;
  };
  app.get('/tasks/:id/tf', async (request, reply) => sendPage(reply, await showTf(request)));
  const tfAction = formsOfPage<keyof TfForms>(app, '/tasks/:id/tf', (r) => `/tasks/${idParam(r)}/tf`, showTf);
  tfAction('/agree', (r) => agreeCharter(ctxOf(r), idParam(r)), 'tf.agreed', 'charter');
  tfAction('/members', (r) => tf.addMember(ctxOf(r), idParam(r), r.body), 'tf.seated', 'member');
  tfAction('/members/:userId/delete', (r) => tf.removeMember(ctxOf(r), idParam(r), idParam(r, 'userId')), 'tf.unseated', 'member');
  tfAction('/meetings', (r) => tf.recordMeeting(ctxOf(r), idParam(r), r.body), 'tf.meetingSaved', 'meeting');
  tfAction('/actions/:actionId/done', (r) => tf.completeAction(ctxOf(r), idParam(r), idParam(r, 'actionId')), 'tf.actionMarked', 'meeting');
  tfAction('/messages', (r) => tf.postMessage(ctxOf(r), idParam(r), r.body), 'tf.sent', 'message');
  tfAction('/files', (r) => tf.addDocument(ctxOf(r), idParam(r), (r.body as { file?: unknown } | undefined)?.file), 'tf.documentAdded', 'upload');
  app.get('/tasks/:id/tf/files/:fileId', async (request, reply) => sendFile(reply, await tf.downloadDocument(ctxOf(request), idParam(request), idParam(request, 'fileId'))));

  // 협업정원.
  const showStaffing = async (request: FastifyRequest, forms: StaffingForms = NO_STAFFING_FORMS) =>
    <StaffingView ui={uiOf(request)} page={await staffing.staffingPage(ctxOf(request), idParam(request))} forms={forms} />;
  app.get('/tasks/:id/staffing', async (request, reply) => sendPage(reply, await showStaffing(request)));
  app.post('/tasks/:id/staffing', (request, reply) =>
    handleForm(
      request,
      reply,
      () => staffing.requestStaffing(ctxOf(request), idParam(request), request.body),
      () => seeOther(reply, `/tasks/${idParam(request)}/staffing`, 'staffing.requested'),
      (form) => showStaffing(request, { ...NO_STAFFING_FORMS, request: form }),
    ),
  );
  app.post('/tasks/:id/staffing/:requestId/decide', (request, reply) =>
    handleForm(
      request,
      reply,
      () => staffing.decideStaffing(ctxOf(request), idParam(request), idParam(request, 'requestId'), request.body),
      () => seeOther(reply, `/tasks/${idParam(request)}/staffing`, 'staffing.decided'),
      (form) => showStaffing(request, { ...NO_STAFFING_FORMS, decide: form, decideId: idParam(request, 'requestId') }),
    ),
  );

  // The operators' portfolio.
  const showPortfolio = async (request: FastifyRequest, form: FormState = EMPTY_FORM) => {
    const { data, parts } = await sharedOperatorParts(request, async (ctx, ui) => {
      const [data, themes] = await Promise.all([lists.portfolio(ctx, request.query), listThemes(db)]);
      return { data: { year: data.year, programmes: data.programmes }, parts: { results: <PortfolioResults ui={ui} data={data} themes={themes} /> } };
    });
    return (
      <PortfolioView ui={uiOf(request)} data={data} form={form}>
        {parts.results}
      </PortfolioView>
    );
  };
  app.get('/admin/tasks', async (request, reply) => sendPage(reply, await showPortfolio(request)));
  app.post('/admin/tasks/programme', (request, reply) =>
    handleForm(
      request,
      reply,
      () => saveProgramme(ctxOf(request), request.body),
      (year) => seeOther(reply, `/admin/tasks?year=${year}`, 'portfolio.programmeSaved'),
      (form) => showPortfolio(request, form),
    ),
  );
  for (const format of ['csv', 'xlsx'] as const) {
    app.get(`/admin/tasks.${format}`, async (request, reply) => {
      const ctx = ctxOf(request);
      requireOperator(ctx);
      const { year, rows, today: day } = await lists.portfolioExport(ctx, request.query);
      const table = portfolioTable(rows, year, day, request.t);
      return sendFile(reply, { filename: `ieumteo-tasks-${year}-${day}.${format}`, ...(await downloadOf(table, format, request.t)) });
    });
  }
}

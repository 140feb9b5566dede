import { create as contentDisposition } from 'content-disposition';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { Readable } from 'node:stream';
import { ctxOf, idParam, queryText, seeOther } from '../../app/request-context.ts';
import { EMPTY_FORM, type FormState } from '../../app/ui/form.tsx';
import { Layout } from '../../app/ui/layout.tsx';
import { handleForm, sendPage } from '../../app/ui/render.tsx';
import { sharedPublicParts, sharedRender } from '../../app/ui/shared-part.tsx';
import { type Ui, uiOf } from '../../app/ui/ui.ts';
import { addDays, kstDate } from '../../shared/dates.ts';
import { queryTerms } from '../../shared/korean-search.ts';
import { requireUser } from '../../shared/actors.ts';
import { listCapabilities, listRegions, myOrgs } from '../orgs/index.ts';
import { atomFeed } from './demands.feed.ts';
import * as demands from './demands.service.ts';
import type { DemandDetail } from './demands.service.ts';
import { listThemes } from './themes.service.ts';
import { DemandFormView, newDemandValues } from './views/demand-form-view.tsx';
import { DemandFilters, DemandListView, DemandResults, MyDemands } from './views/demand-list-view.tsx';
import { DemandArticle, DemandManagePanel } from './views/demand-view.tsx';
import { RevisionsView } from './views/revisions-view.tsx';
import { PUBLIC_PAGE } from '../../app/plugins/page-cache.ts';

/** A section another module adds to the demand's page (replies, the concluded match). */
export type DemandPageSection = (request: FastifyRequest, detail: DemandDetail) => Promise<VNode | null>;
/** A section another module adds to the signed-in member's dashboard (demands to answer). */
export type DashboardSection = (request: FastifyRequest) => Promise<VNode | null>;

interface PageForms {
  upload?: FormState;
  hide?: FormState;
}

export function demandPages(sections: { demand: DemandPageSection[]; dashboard: DashboardSection[] }) {
  return async (app: FastifyInstance): Promise<void> => {
    const db = app.database.db;

    /** The form's choices; the author's organisations only for a new demand (an edit keeps its organisation). */
    const formData = async (request: FastifyRequest, editing: boolean) => {
      const [themes, regions, capabilities] = await Promise.all([listThemes(db), listRegions(db), listCapabilities(db)]);
      const orgs = !editing && request.actor.kind === 'user' ? (await myOrgs(ctxOf(request))).filter((o) => o.membership === 'active') : [];
      return { themes, regions, capabilities, orgs };
    };
    const showForm = async (request: FastifyRequest, form: FormState, demand?: { id: number; title: string }) =>
      <DemandFormView ui={uiOf(request)} form={form} data={await formData(request, !!demand)} demand={demand} />;

    const demandPage = async (request: FastifyRequest, forms: PageForms = {}) => {
      const ctx = ctxOf(request);
      const detail = await demands.getDemand(ctx, idParam(request));
      const ui = uiOf(request);
      const [regions, extra] = await Promise.all([listRegions(db), Promise.all(sections.demand.map((section) => section(request, detail)))]);
      const { demand } = detail;
      const terms = queryTerms(queryText(request, 'q', 100));
      const article = (as: Ui) => ({ article: <DemandArticle ui={as} detail={detail} regions={regions} now={ctx.now()} terms={terms} /> });
      // The same for every reader shown the contact, or not shown it; but a refused organisation's
      // name reads differently to its own members (`OrgName`), so such a demand is drawn for each.
      const { article: drawn } =
        demand.org_status === 'rejected' ? article(ui) : await sharedRender(request, `demands.article ${demand.id} ${detail.showContact} ${terms.join(' ')}`, article);
      return (
        <Layout
          ui={ui}
          title={demand.title}
          description={demand.summary}
          crumbs={[{ href: '/demands', label: ui.t('demand.listTitle') }, { label: demand.title }]}
        >
          {drawn}
          {extra}
          <DemandManagePanel ui={ui} detail={detail} upload={forms.upload ?? EMPTY_FORM} hide={forms.hide ?? EMPTY_FORM} />
        </Layout>
      );
    };

    app.get('/demands', PUBLIC_PAGE, async (request, reply) => {
      const { data: filter, parts } = await sharedPublicParts(request, async (reader, ui) => {
        const [list, themes, regions] = await Promise.all([demands.browseDemands(reader, request.query), listThemes(db), listRegions(db)]);
        return { data: list.filter, parts: { filters: <DemandFilters ui={ui} list={list} themes={themes} regions={regions} />, results: <DemandResults ui={ui} list={list} now={reader.now()} /> } };
      });
      return sendPage(reply, <DemandListView ui={uiOf(request)} filter={filter} parts={parts} />);
    });

    app.get('/demands/mine', async (request, reply) => {
      const ctx = ctxOf(request);
      const ui = uiOf(request);
      const after = queryText(request, 'after', 200);
      const orgIds = requireUser(request.actor).memberships.map((m) => m.orgId);
      // The same for every member of the same organisations (drafts included): read and drawn once
      // for all of them for a moment, as the dashboard's suggestions are.
      const mine = sharedRender(request, `demands.mine ${orgIds.join(',')} ${after ?? ''} ${kstDate(ctx.now())}`, async (as) => ({
        list: <MyDemands ui={as} page={await demands.myDemands(ctx, after)} now={ctx.now()} onLaterPage={!!after} />,
      }));
      const [{ list }, extra] = await Promise.all([mine, Promise.all(sections.dashboard.map((section) => section(request)))]);
      return sendPage(
        reply,
        <Layout ui={ui} title={ui.t('demand.mineTitle')} crumbs={[{ href: '/demands', label: ui.t('demand.listTitle') }, { label: ui.t('demand.mineTitle') }]}>
          <h1>{ui.t('demand.mineTitle')}</h1>
          <p class="actions">
            <a class="krds-btn" href="/demands/new">
              {ui.t('demand.new')}
            </a>
          </p>
          {list}
          {extra}
        </Layout>,
      );
    });

    app.get('/demands/feed.xml', PUBLIC_PAGE, async (request, reply) => {
      const ctx = ctxOf(request);
      const list = await demands.browseDemands(ctx, { status: 'all' });
      return reply.type('application/atom+xml; charset=utf-8').send(atomFeed(ctx.baseUrl, request.t, list.page.items, ctx.now()));
    });

    app.get('/demands/new', async (request, reply) => {
      const actor = requireUser(request.actor);
      const data = await formData(request, false);
      if (!data.orgs.length) return seeOther(reply, '/orgs', 'demand.needOrg');
      const values = newDemandValues(data.orgs, addDays(kstDate(app.clock()), 30), actor.name, actor.email);
      return sendPage(reply, <DemandFormView ui={uiOf(request)} form={{ values, errors: {} }} data={data} />);
    });
    app.post('/demands/new', (request, reply) =>
      handleForm(
        request,
        reply,
        () => demands.createDemand(ctxOf(request), request.body),
        (id) => seeOther(reply, `/demands/${id}`, 'demand.created'),
        (form) => showForm(request, form),
      ),
    );

    app.get('/demands/:id', PUBLIC_PAGE, async (request, reply) => sendPage(reply, await demandPage(request)));

    app.get('/demands/:id/edit', async (request, reply) => {
      const { demand, values } = await demands.getDemandForEdit(ctxOf(request), idParam(request));
      return sendPage(reply, await showForm(request, { values, errors: {} }, demand));
    });
    app.post('/demands/:id/edit', (request, reply) => {
      const id = idParam(request);
      return handleForm(
        request,
        reply,
        () => demands.updateDemand(ctxOf(request), id, request.body),
        () => seeOther(reply, `/demands/${id}`, 'demand.updated'),
        async (form) => showForm(request, form, (await demands.getDemandForEdit(ctxOf(request), id)).demand),
      );
    });

    app.post('/demands/:id/publish', (request, reply) => {
      const id = idParam(request);
      // A draft whose deadline has passed goes back to its form with the message beside the date.
      return handleForm(
        request,
        reply,
        () => demands.publishDemand(ctxOf(request), id),
        () => seeOther(reply, `/demands/${id}`, 'demand.published'),
        async (form) => {
          const { demand, values } = await demands.getDemandForEdit(ctxOf(request), id);
          return showForm(request, { values, errors: form.errors }, demand);
        },
      );
    });
    const transitions = [
      ['close', demands.closeDemand, 'demand.closed'],
      ['withdraw', demands.withdrawDemand, 'demand.withdrawn'],
    ] as const;
    for (const [action, run, message] of transitions) {
      app.post(`/demands/:id/${action}`, async (request, reply) => {
        const id = idParam(request);
        await run(ctxOf(request), id);
        return seeOther(reply, `/demands/${id}`, message);
      });
    }

    app.post('/demands/:id/hide', (request, reply) => {
      const id = idParam(request);
      return handleForm(
        request,
        reply,
        () => demands.setDemandHidden(ctxOf(request), id, request.body, true),
        () => seeOther(reply, `/demands/${id}`, 'moderation.hidden'),
        (form) => demandPage(request, { hide: form }),
      );
    });
    app.post('/demands/:id/unhide', async (request, reply) => {
      const id = idParam(request);
      await demands.setDemandHidden(ctxOf(request), id, {}, false);
      return seeOther(reply, `/demands/${id}`, 'moderation.unhidden');
    });

    app.post('/demands/:id/files', (request, reply) => {
      const id = idParam(request);
      return handleForm(
        request,
        reply,
        () => demands.addDemandAttachment(ctxOf(request), id, request.body),
        () => seeOther(reply, `/demands/${id}`, 'upload.done'),
        (form) => demandPage(request, { upload: { values: {}, errors: form.errors } }),
      );
    });
    app.post('/demands/:id/files/:fileId/delete', async (request, reply) => {
      const id = idParam(request);
      await demands.removeDemandAttachment(ctxOf(request), id, idParam(request, 'fileId'));
      return seeOther(reply, `/demands/${id}`, 'upload.removed');
    });
    app.get('/demands/:id/files/:fileId', async (request, reply) => {
      const file = await demands.downloadDemandAttachment(ctxOf(request), idParam(request), idParam(request, 'fileId'));
      return sendFile(reply, file);
    });

    app.get('/demands/:id/revisions', async (request, reply) => {
      const data = await demands.getRevisions(ctxOf(request), idParam(request));
      return sendPage(reply, <RevisionsView ui={uiOf(request)} data={data} />);
    });
  };
}

/**
 * Every file the site sends (attachments, briefing materials and calendars, open data, exports):
 * always a download under its own (detected) type, named by `content-disposition` — an ASCII
 * `filename` for old clients and the exact name RFC 5987-encoded in `filename*` (a bare `'` in it,
 * as in "Kim's", made Chromium drop the name).
 */
export function sendFile(reply: FastifyReply, file: { filename: string; mime: string; data: Buffer | Readable }): FastifyReply {
  return reply
    .header('content-disposition', contentDisposition(file.filename))
    .header('cache-control', 'private, no-store')
    .type(file.mime)
    .send(file.data);
}

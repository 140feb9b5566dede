import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PUBLIC_PAGE } from '../../app/plugins/page-cache.ts';
import { ctxOf, idParam } from '../../app/request-context.ts';
import { EMPTY_FORM, type FormState } from '../../app/ui/form.tsx';
import { formsOfPage, sendPage } from '../../app/ui/render.tsx';
import { uiOf } from '../../app/ui/ui.ts';
import { requireOperator } from '../../shared/actors.ts';
import { listCases } from '../matches/index.ts';
import { loadForPeriod } from '../stats/index.ts';
import { activityWeights, createAward, deleteAward, listAwards, rankOrgs, setWeights } from './recognition.service.ts';
import { type RecognitionForm, RecognitionAdminView, RecognitionView } from './views/recognition-views.tsx';

async function showAdmin(request: FastifyRequest, form: FormState = EMPTY_FORM, which: RecognitionForm | null = null) {
  const ctx = ctxOf(request);
  requireOperator(ctx);
  const [weights, awards] = await Promise.all([activityWeights(ctx.db), listAwards(ctx, 200)]);
  return <RecognitionAdminView ui={uiOf(request)} weights={weights} awards={awards} form={form} which={which} />;
}

export async function recognitionPages(app: FastifyInstance): Promise<void> {
  app.get('/recognition', PUBLIC_PAGE, async (request, reply) => {
    const ctx = ctxOf(request);
    const { data, form, status } = await loadForPeriod(request, (query) => rankOrgs(ctx, query));
    const [awards, cases] = await Promise.all([listAwards(ctx, 20), listCases(ctx, 3)]);
    const page = <RecognitionView ui={uiOf(request)} data={data} awards={awards} cases={cases.items} form={form} />;
    return sendPage(reply, page, status);
  });

  app.get('/admin/recognition', async (request, reply) => sendPage(reply, await showAdmin(request)));
  const action = formsOfPage<RecognitionForm>(app, '/admin/recognition', () => '/admin/recognition', showAdmin);
  action('/weights', (r) => setWeights(ctxOf(r), r.body), 'recognition.weightsSaved', 'weights');
  action('/awards', (r) => createAward(ctxOf(r), r.body), 'recognition.awardSaved', 'award');
  action('/awards/:id/delete', (r) => deleteAward(ctxOf(r), idParam(r)), 'recognition.awardDeleted', 'award');
}

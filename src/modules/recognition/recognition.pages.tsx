import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PUBLIC_PAGE } from '../../app/plugins/page-cache.ts';
import { ctxOf, idParam, seeOther } from '../../app/request-context.ts';
import { EMPTY_FORM, type FormState } from '../../app/ui/form.tsx';
import { handleForm, sendPage } from '../../app/ui/render.tsx';
import { uiOf } from '../../app/ui/ui.ts';
import type { MessageKey } from '../../shared/i18n/index.ts';
import { requireOperator } from '../accounts/index.ts';
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
  const action = (path: string, which: RecognitionForm, run: (request: FastifyRequest) => Promise<unknown>, done: MessageKey) =>
    app.post(`/admin/recognition${path}`, (request, reply) =>
      handleForm(
        request,
        reply,
        () => run(request),
        () => seeOther(reply, '/admin/recognition', done),
        (form) => showAdmin(request, form, which),
      ),
    );
  action('/weights', 'weights', (r) => setWeights(ctxOf(r), r.body), 'recognition.weightsSaved');
  action('/awards', 'award', (r) => createAward(ctxOf(r), r.body), 'recognition.awardSaved');
  action('/awards/:id/delete', 'award', (r) => deleteAward(ctxOf(r), idParam(r)), 'recognition.awardDeleted');
}

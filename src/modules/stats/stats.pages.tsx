import type { FastifyInstance } from 'fastify';
import { PUBLIC_PAGE } from '../../app/plugins/page-cache.ts';
import { ctxOf } from '../../app/request-context.ts';
import { sendPage } from '../../app/ui/render.tsx';
import { uiOf } from '../../app/ui/ui.ts';
import { kstDate } from '../../shared/dates.ts';
import { forumFigures } from '../forum/index.ts';
import { sosFigures } from '../sos/index.ts';
import { publicFigures } from '../tasks/index.ts';
import { periodStats } from './stats.service.ts';
import { loadForPeriod } from './views/period-form.tsx';
import { StatsView } from './views/stats-view.tsx';

export async function statsPages(app: FastifyInstance): Promise<void> {
  app.get('/stats', PUBLIC_PAGE, async (request, reply) => {
    const ctx = ctxOf(request);
    const { data, form, status } = await loadForPeriod(request, (query) => periodStats(ctx, query));
    const year = Number(data.period.to.slice(0, 4));
    const [taskFigures, sos, forum] = await Promise.all([
      publicFigures(ctx, year),
      sosFigures(ctx.db, data.period.from, data.period.to, ctx.now()),
      forumFigures(ctx.db, data.period.from, data.period.to, ctx.now()),
    ]);
    return sendPage(reply, <StatsView ui={uiOf(request)} stats={data} form={form} today={kstDate(ctx.now())} tasks={{ year, figures: taskFigures }} sos={sos} forum={forum} />, status);
  });
}

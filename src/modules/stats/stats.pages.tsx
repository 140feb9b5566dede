import type { FastifyInstance } from 'fastify';
import { PUBLIC_PAGE } from '../../app/plugins/page-cache.ts';
import { sendPage } from '../../app/ui/render.tsx';
import { sharedPublicParts } from '../../app/ui/shared-part.tsx';
import { uiOf } from '../../app/ui/ui.ts';
import { type Ctx, isOperator } from '../../shared/context.ts';
import { kstDate } from '../../shared/dates.ts';
import { sharedFor } from '../../shared/memo.ts';
import { forumFigures } from '../forum/index.ts';
import { sosFigures } from '../sos/index.ts';
import { publicFigures } from '../tasks/index.ts';
import { parsePeriod } from './period.ts';
import { periodStats } from './stats.service.ts';
import { STATS_ROLLUP_EVERY_MS } from './rollups.ts';
import { loadForPeriod } from './views/period-form.tsx';
import { StatsMain, StatsView } from './views/stats-view.tsx';

/** Every section of the page for the period asked for (refused as `periodStats` refuses it). */
async function pageFigures(ctx: Ctx, query: unknown) {
  const stats = await periodStats(ctx, query);
  const year = Number(stats.period.to.slice(0, 4));
  const [tasks, sos, forum] = await Promise.all([
    publicFigures(ctx, year),
    sosFigures(ctx.db, stats.period.from, stats.period.to, ctx.now()),
    forumFigures(ctx.db, stats.period.from, stats.period.to, ctx.now()),
  ]);
  return { stats, tasks: { year, figures: tasks }, sos, forum };
}

/**
 * The page's figures as everyone but an operator sees them, shared for as long as the rollups may lag
 * (30 s): signed-in members get no page cache, and fifty of them asking at once made PostgreSQL work
 * out the forum's and SOS figures fifty times (4 pages a second at 100,000 proposals).
 */
const sharedFigures = sharedFor<Awaited<ReturnType<typeof pageFigures>>>(STATS_ROLLUP_EVERY_MS);

export async function statsPages(app: FastifyInstance): Promise<void> {
  app.get('/stats', PUBLIC_PAGE, async (request, reply) => {
    const { data: status, parts } = await sharedPublicParts(request, async (reader, ui) => {
      const today = kstDate(reader.now());
      const { data, form, status } = await loadForPeriod(request, async (query) => {
        if (isOperator(reader.actor)) return pageFigures(reader, query);
        const period = await parsePeriod(reader.db, query, today);
        return sharedFigures(reader.db, JSON.stringify([period, today]), () => pageFigures(reader, period));
      });
      return { data: status, parts: { main: <StatsMain ui={ui} stats={data.stats} form={form} today={today} tasks={data.tasks} sos={data.sos} forum={data.forum} /> } };
    });
    return sendPage(reply, <StatsView ui={uiOf(request)}>{parts.main}</StatsView>, status);
  });
}

import type { FastifyInstance } from 'fastify';
import { PUBLIC_PAGE } from '../../app/plugins/page-cache.ts';
import { ctxOf } from '../../app/request-context.ts';
import type { FormState } from '../../app/ui/form.tsx';
import { sendPage } from '../../app/ui/render.tsx';
import { uiOf } from '../../app/ui/ui.ts';
import { kstDate } from '../../shared/dates.ts';
import { ValidationError } from '../../shared/errors.ts';
import { periodStats } from './stats.service.ts';
import { StatsView } from './views/stats-view.tsx';

export async function statsPages(app: FastifyInstance): Promise<void> {
  // A period that cannot be read is shown back with its message beside the field, over the whole history.
  app.get('/stats', PUBLIC_PAGE, async (request, reply) => {
    const ctx = ctxOf(request);
    const query = request.query as Record<string, string>;
    const form: FormState = { values: { from: query.from ?? '', to: query.to ?? '' }, errors: {} };
    const stats = await periodStats(ctx, query).catch((error: unknown) => {
      if (!(error instanceof ValidationError)) throw error;
      form.errors = error.fields;
      return periodStats(ctx, {});
    });
    const page = <StatsView ui={uiOf(request)} stats={stats} form={form} today={kstDate(ctx.now())} />;
    return sendPage(reply, page, Object.keys(form.errors).length ? 422 : 200);
  });
}

import type { FastifyInstance, FastifyReply } from 'fastify';
import { PUBLIC_PAGE } from '../../app/plugins/page-cache.ts';
import { anonymousCtx, ctxOf, NO_SIGN_IN } from '../../app/request-context.ts';
import type { FormState } from '../../app/ui/form.tsx';
import { sendPage } from '../../app/ui/render.tsx';
import { uiOf } from '../../app/ui/ui.ts';
import { kstDate } from '../../shared/dates.ts';
import { NotFoundError, ValidationError } from '../../shared/errors.ts';
import { translator } from '../../shared/i18n/index.ts';
import { memoByKey } from '../../shared/memo.ts';
import { requireOperator } from '../../shared/actors.ts';
import { sendFile } from '../demands/index.ts';
import { datasetsOf } from './datasets.ts';
import { operatorTable, publicTable } from './opendata.service.ts';
import { CSV_MIME, downloadOf, type Table, toCsv, toObjects } from '../../shared/export-table.ts';
import { ExportsView, OpenDataView } from './views/opendata-view.tsx';

const fileName = (table: Table, format: string, now: Date) => `ieumteo-${table.name}-${table.qualifier ?? kstDate(now)}.${format}`;

/** How old a public file may be. */
const FILE_MINUTES = 5;
/** Public files are in Korean, the platform's language, whoever asks first. */
const t = translator('ko');
const KOREAN = { t, locale: 'ko' } as const;

export async function openDataPages(app: FastifyInstance): Promise<void> {
  const { public: publicDatasets, operator: operatorDatasets } = datasetsOf(app.config.modules);
  app.get('/open-data', PUBLIC_PAGE, async (request, reply) =>
    sendPage(reply, <OpenDataView ui={uiOf(request)} datasets={publicDatasets} site={app.config.baseUrl} />),
  );

  // Anyone may ask as often as they like: each file is made at most once per five minutes per instance
  // (100,000 demands take about a second to read and write out).
  const files = memoByKey(FILE_MINUTES * 60_000, async (file) => {
    const [name, format] = file.split('.') as [string, 'csv' | 'json'];
    const ctx = anonymousCtx(app);
    const table = await publicTable(ctx, publicDatasets, name, KOREAN);
    const filename = fileName(table, format, ctx.now());
    if (format === 'csv') return { filename, mime: CSV_MIME, data: Buffer.from(await toCsv(table, 'keys')) };
    const dataset = publicDatasets.find((d) => d.name === name)!;
    const document = {
      dataset: name,
      title: t(dataset.title),
      licence: t('opendata.licenceBody', { site: app.config.baseUrl }),
      source: `${app.config.baseUrl}/open-data`,
      generatedAt: ctx.now().toISOString(),
      fields: table.columns.map((column) => ({ name: column.key, type: column.type, description: t(column.label) })),
      records: await toObjects(table),
    };
    return { filename, mime: 'application/json; charset=utf-8', data: Buffer.from(JSON.stringify(document)) };
  });

  app.get('/open-data/:file', NO_SIGN_IN, async (request, reply) => {
    const file = (request.params as { file: string }).file;
    const match = /^([a-z]+)\.(csv|json)$/.exec(file);
    if (!match || !publicDatasets.some((d) => d.name === match[1])) throw new NotFoundError();
    return sendFile(reply, await files.get(file));
  });

  const showExports = (request: Parameters<typeof uiOf>[0], reply: FastifyReply, form: FormState, status = 200) =>
    sendPage(reply, <ExportsView ui={uiOf(request)} datasets={operatorDatasets} form={form} />, status);

  app.get('/admin/exports', async (request, reply) => {
    requireOperator(ctxOf(request));
    return showExports(request, reply, { values: { format: 'xlsx' }, errors: {} });
  });

  app.get('/admin/exports/:name', async (request, reply) => {
    const ctx = ctxOf(request);
    const query = request.query as Record<string, string>;
    const format = query.format === 'csv' ? 'csv' : 'xlsx';
    let table: Table;
    try {
      table = await operatorTable(ctx, operatorDatasets, (request.params as { name: string }).name, format, { from: query.from, to: query.to }, request);
    } catch (error) {
      // A statistics period that cannot be read: the page again, the message beside the field.
      if (!(error instanceof ValidationError)) throw error;
      return showExports(request, reply, { values: query, errors: error.fields }, 422);
    }
    return sendFile(reply, { filename: fileName(table, format, ctx.now()), ...(await downloadOf(table, format, request.t)) });
  });
}

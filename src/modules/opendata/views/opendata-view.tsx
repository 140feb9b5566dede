import { ErrorSummary, type FormState, SelectField, SubmitButton, TextField } from '../../../app/ui/form.tsx';
import { Layout } from '../../../app/ui/layout.tsx';
import { ScrollTable } from '../../../app/ui/scroll-table.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import type { MessageKey } from '../../../shared/i18n/index.ts';
import { DEMAND_STATUSES } from '../../demands/index.ts';
import { SECTORS } from '../../orgs/index.ts';
import type { Dataset } from '../datasets.ts';

function Schema({ ui, dataset }: { ui: Ui; dataset: Dataset }) {
  const { t } = ui;
  return (
    <ScrollTable label={`${t(dataset.title)} ${t('opendata.schema')}`}>
      <table class="tbl col data">
        <caption>
          {t(dataset.title)} {t('opendata.schema')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('opendata.field')}</th>
            <th scope="col">{t('opendata.type')}</th>
            <th scope="col">{t('opendata.description')}</th>
          </tr>
        </thead>
        <tbody>
          {dataset.columns.map((column) => (
            <tr key={column.key}>
              <th scope="row">
                <code>{column.key}</code>
              </th>
              <td>{t(`opendata.type.${column.type}` as MessageKey)}</td>
              <td>{t(column.label)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

const ABOUT: Record<string, MessageKey> = {
  demands: 'opendata.dataset.demandsAbout',
  cases: 'opendata.dataset.casesAbout',
  monthly: 'opendata.dataset.monthlyAbout',
  tasks: 'opendata.dataset.tasksAbout',
  sos: 'opendata.dataset.sosAbout',
  proposals: 'opendata.dataset.proposalsAbout',
};

export function OpenDataView({ ui, datasets, site }: { ui: Ui; datasets: Dataset[]; site: string }) {
  const { t } = ui;
  const codes = (values: readonly string[], prefix: string) => values.map((v) => `${v}(${t(`${prefix}.${v}` as MessageKey)})`).join(', ');
  return (
    <Layout ui={ui} title={t('opendata.title')} crumbs={[{ label: t('opendata.title') }]} description={t('opendata.lead')}>
      <h1>{t('opendata.title')}</h1>
      <p class="lead">{t('opendata.lead')}</p>
      {datasets.map((dataset) => (
        <section key={dataset.name} aria-labelledby={`ds-${dataset.name}`}>
          <h2 id={`ds-${dataset.name}`}>{t(dataset.title)}</h2>
          <p>{t(ABOUT[dataset.name]!)}</p>
          <ul class="inline-list">
            {['csv', 'json'].map((format) => (
              <li key={format}>
                <a class="krds-btn secondary small" href={`/open-data/${dataset.name}.${format}`} download>
                  {t('opendata.download', { name: `${t(dataset.title)} ${format.toUpperCase()}` })}
                </a>
              </li>
            ))}
          </ul>
          <Schema ui={ui} dataset={dataset} />
        </section>
      ))}
      <section aria-labelledby="codes-h">
        <h2 id="codes-h">{t('opendata.codes')}</h2>
        <p>{t('opendata.codesBody', { statuses: codes(DEMAND_STATUSES.filter((s) => s !== 'draft'), 'demandStatus'), sectors: codes(SECTORS, 'sector') })}</p>
      </section>
      <section aria-labelledby="licence-h">
        <h2 id="licence-h">{t('opendata.licence')}</h2>
        <p>{t('opendata.licenceBody', { site })}</p>
        <h2>{t('opendata.privacy')}</h2>
        <p>{t('opendata.privacyBody')}</p>
        <h2>{t('opendata.formats')}</h2>
        <p>{t('opendata.formatsBody')}</p>
      </section>
    </Layout>
  );
}

export function ExportsView({ ui, datasets, form }: { ui: Ui; datasets: Dataset[]; form: FormState }) {
  const { t } = ui;
  return (
    <Layout ui={ui} title={t('exports.title')} crumbs={[{ href: '/admin', label: t('admin.title') }, { label: t('exports.title') }]}>
      <h1>{t('exports.title')}</h1>
      <p class="lead">{t('exports.lead')}</p>
      {datasets
        .filter((dataset) => dataset.name !== 'statistics')
        .map((dataset) => (
          <section key={dataset.name} aria-labelledby={`ex-${dataset.name}`}>
            <h2 id={`ex-${dataset.name}`}>{t(dataset.title)}</h2>
            <ul class="inline-list">
              {(['csv', 'xlsx'] as const).map((format) => (
                <li key={format}>
                  <a class="krds-btn secondary small" href={`/admin/exports/${dataset.name}?format=${format}`} download>
                    {t('opendata.download', { name: `${t(dataset.title)} ${t(`exports.${format}`)}` })}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ))}
      <section aria-labelledby="ex-statistics">
        <h2 id="ex-statistics">{t('opendata.dataset.statistics')}</h2>
        <ErrorSummary ui={ui} form={form} labels={{ from: t('stats.from'), to: t('stats.to') }} />
        <form method="get" action="/admin/exports/statistics" class="filter-form" noValidate>
          <TextField ui={ui} form={form} name="from" type="date" label={t('stats.from')} hint={t('exports.statsPeriodHint')} />
          <TextField ui={ui} form={form} name="to" type="date" label={t('stats.to')} />
          <SelectField
            ui={ui}
            form={form}
            name="format"
            label={t('opendata.formats')}
            options={[
              { value: 'xlsx', label: t('exports.xlsx') },
              { value: 'csv', label: t('exports.csv') },
            ]}
          />
          <SubmitButton label={t('exports.statsDownload')} />
        </form>
      </section>
    </Layout>
  );
}

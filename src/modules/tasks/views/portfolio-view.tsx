import type { ComponentChildren } from 'preact';
import { Figure } from '../../../app/ui/figure.tsx';
import { ErrorSummary, Form, type FormState, SelectField, SubmitButton, TextField } from '../../../app/ui/form.tsx';
import { Layout } from '../../../app/ui/layout.tsx';
import { listQuery, Pager } from '../../../app/ui/pager.tsx';
import { ScrollTable } from '../../../app/ui/scroll-table.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { formatNumber, type MessageKey } from '../../../shared/i18n/index.ts';
import { type Theme, themeOptions } from '../../demands/index.ts';
import { sectorOptions } from '../../orgs/index.ts';
import type { portfolio } from '../lists.service.ts';
import { CADENCES } from '../tasks.tables.ts';
import { yearOptions } from './task-list-views.tsx';
import { day, KindBadge, kindOptions, RagBadge } from './task-parts.tsx';

type Data = Awaited<ReturnType<typeof portfolio>>;
/** What the page around the shared results needs: the year shown and the programmes. */
export type Programmes = Pick<Data, 'year' | 'programmes'>;

function Figures({ ui, data }: { ui: Ui; data: Data }) {
  const { t, locale } = ui;
  const n = (v: number) => t('stats.count', { n: formatNumber(locale, v) });
  const f = data.figures;
  return (
    <dl class="stat-grid">
      <Figure label={t('portfolio.registered')} value={n(f.registered)} detail={f.candidates ? t('portfolio.candidates', { n: formatNumber(locale, f.candidates) }) : undefined} />
      <Figure label={t('task.kind.key')} value={n(f.key)} />
      <Figure label={t('task.kind.managed')} value={n(f.managed)} />
      <Figure label={t('portfolio.onTrack')} value={n(f.onTrack)} />
      <Figure label={t('portfolio.late')} value={n(f.late)} detail={t('portfolio.slipping', { n: formatNumber(locale, f.slipping) })} />
      <Figure label={t('portfolio.staffing')} value={t('portfolio.positions', { n: formatNumber(locale, f.positionsGranted) })} detail={t('portfolio.staffingPending', { n: formatNumber(locale, f.staffingPending) })} />
    </dl>
  );
}

function ProgrammeForm({ ui, data, form }: { ui: Ui; data: Programmes; form: FormState }) {
  const { t } = ui;
  const current = data.programmes.find((p) => p.year === data.year);
  // The filter form below has a year too: this form's fields take their own ids.
  const values = Object.keys(form.values).length
    ? { ...form, idPrefix: 'programme-' }
    : {
        idPrefix: 'programme-',
        values: current
          ? { year: String(current.year), intakeOpensOn: current.intake_opens_on, intakeClosesOn: current.intake_closes_on, keyCadence: current.key_cadence, managedCadence: current.managed_cadence, graceDays: String(current.report_grace_days) }
          : { year: String(data.year), keyCadence: 'monthly', managedCadence: 'quarterly', graceDays: '7' },
        errors: {},
      };
  const labels = {
    year: t('task.year'),
    intakeOpensOn: t('portfolio.intakeOpens'),
    intakeClosesOn: t('portfolio.intakeCloses'),
    keyCadence: t('portfolio.keyCadence'),
    managedCadence: t('portfolio.managedCadence'),
    graceDays: t('portfolio.graceDays'),
  };
  const cadences = CADENCES.map((c) => ({ value: c, label: t(`portfolio.cadence.${c}` as MessageKey) }));
  return (
    <details open={Object.keys(form.errors).length > 0 || !current}>
      <summary>{current ? t('portfolio.programmeChange', { year: current.year }) : t('portfolio.programmeOpen')}</summary>
      <ErrorSummary ui={ui} form={values} labels={labels} />
      <Form ui={ui} action="/admin/tasks/programme">
        <TextField ui={ui} form={values} name="year" label={labels.year} required maxLength={4} inputMode="numeric" />
        <TextField ui={ui} form={values} name="intakeOpensOn" type="date" label={labels.intakeOpensOn} required />
        <TextField ui={ui} form={values} name="intakeClosesOn" type="date" label={labels.intakeClosesOn} required />
        <SelectField ui={ui} form={values} name="keyCadence" label={labels.keyCadence} required options={cadences} />
        <SelectField ui={ui} form={values} name="managedCadence" label={labels.managedCadence} required options={cadences} />
        <TextField ui={ui} form={values} name="graceDays" label={labels.graceDays} hint={t('portfolio.graceDaysHint')} required maxLength={2} inputMode="numeric" />
        <SubmitButton label={t('portfolio.programmeSave')} />
      </Form>
    </details>
  );
}

/** The portfolio page: the year's programme and the form to open or change it, around `PortfolioResults` (shared by the operators). */
export function PortfolioView({ ui, data, form, children }: { ui: Ui; data: Programmes; form: FormState; children: ComponentChildren }) {
  const { t } = ui;
  const { year } = data;
  const current = data.programmes.find((p) => p.year === year);
  return (
    <Layout ui={ui} title={t('portfolio.title')} crumbs={[{ href: '/admin', label: t('admin.title') }, { label: t('portfolio.title') }]}>
      <h1>{t('portfolio.heading', { year })}</h1>
      {current ? (
        <p class="lead">{t('portfolio.intake', { opens: day(ui, current.intake_opens_on), closes: day(ui, current.intake_closes_on) })}</p>
      ) : (
        <p class="notice notice-warning">{t('portfolio.noProgramme', { year })}</p>
      )}
      <ProgrammeForm ui={ui} data={data} form={form} />
      {children}
    </Layout>
  );
}

/** The year's figures, the filters, the exports and the tasks of the filter, a page at a time. */
export function PortfolioResults({ ui, data, themes }: { ui: Ui; data: Data; themes: Theme[] }) {
  const { t, locale } = ui;
  const { query, year, page } = data;
  const filter = { year: String(year), kind: query.kind, rag: query.rag, late: query.late, slipping: query.slipping, theme: query.theme, sector: query.sector };
  const filterForm = { values: filter, errors: {} };
  return (
    <>
      <Figures ui={ui} data={data} />
      <form method="get" action="/admin/tasks" class="filter-form">
        <SelectField ui={ui} form={filterForm} name="year" label={t('task.year')} options={yearOptions(data.programmes, year)} />
        <SelectField
          ui={ui}
          form={filterForm}
          name="kind"
          label={t('task.kindLabel')}
          options={kindOptions(ui, ['key', 'managed', 'candidate'])}
        />
        <SelectField
          ui={ui}
          form={filterForm}
          name="rag"
          label={t('task.rag')}
          options={[{ value: '', label: t('portfolio.anyRag') }, ...(['green', 'amber', 'red'] as const).map((r) => ({ value: r, label: t(`task.rag.${r}` as MessageKey) }))]}
        />
        <SelectField ui={ui} form={filterForm} name="late" label={t('portfolio.lateFilter')} options={[{ value: '', label: t('portfolio.anyState') }, { value: '1', label: t('portfolio.lateOnly') }]} />
        <SelectField ui={ui} form={filterForm} name="slipping" label={t('portfolio.slippingFilter')} options={[{ value: '', label: t('portfolio.anyState') }, { value: '1', label: t('portfolio.slippingOnly') }]} />
        <SelectField ui={ui} form={filterForm} name="theme" label={t('task.themes')} options={[{ value: '', label: t('task.allThemes') }, ...themeOptions(ui, themes)]} />
        <SelectField ui={ui} form={filterForm} name="sector" label={t('portfolio.sector')} options={sectorOptions(ui, t('portfolio.anySector'))} />
        <SubmitButton label={t('task.searchSubmit')} />
      </form>
      <p class="actions">
        <a class="krds-btn secondary" href={`/admin/tasks.csv${listQuery(filter)}`}>
          {t('portfolio.csv')}
        </a>{' '}
        <a class="krds-btn secondary" href={`/admin/tasks.xlsx${listQuery(filter)}`}>
          {t('portfolio.xlsx')}
        </a>
      </p>
      {page.items.length === 0 ? (
        <p class="empty">{t('portfolio.empty')}</p>
      ) : (
        <ScrollTable label={t('portfolio.tableLabel')}>
          <table class="tbl">
            <caption class="sr-only">{t('portfolio.tableLabel')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('task.title')}</th>
                <th scope="col">{t('task.lead')}</th>
                <th scope="col">{t('task.kindLabel')}</th>
                <th scope="col">{t('task.rag')}</th>
                <th scope="col">{t('portfolio.milestones')}</th>
                <th scope="col">{t('portfolio.nextReport')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((task) => (
                <tr key={task.id}>
                  <th scope="row">
                    <a href={`/tasks/${task.id}`}>{task.title}</a>
                  </th>
                  <td>{task.lead_name}</td>
                  <td>
                    <KindBadge ui={ui} kind={task.kind} status={task.status} />
                  </td>
                  <td>
                    <RagBadge ui={ui} rag={task.latest_rag} />
                  </td>
                  <td>
                    {t('task.fraction', { part: formatNumber(locale, task.milestones_done ?? 0), whole: formatNumber(locale, task.milestones ?? 0) })}
                    {task.slipping && <> · {t('task.slippingBadge')}</>}
                  </td>
                  <td>
                    {task.next_report_due_on ? day(ui, task.next_report_due_on) : '—'}
                    {task.next_report_due_on && task.next_report_due_on < data.today && <strong> {t('task.reportLateBadge')}</strong>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      <Pager ui={ui} firstHref={`/admin/tasks${listQuery(filter)}`} nextHref={page.nextCursor ? `/admin/tasks${listQuery(filter, page.nextCursor)}` : null} onLaterPage={Boolean(query.after)} />
    </>
  );
}

import { CheckboxGroup, ErrorSummary, Form, type FormState, RadioGroup, SelectField, SubmitButton, TextArea, TextField } from '../../../app/ui/form.tsx';
import { Layout } from '../../../app/ui/layout.tsx';
import { ScrollTable } from '../../../app/ui/scroll-table.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { kstDate } from '../../../shared/dates.ts';
import { formatDateTime, formatNumber } from '../../../shared/i18n/index.ts';
import type { reportPage, TaskPage } from '../task-page.service.ts';
import { day, periodLabel, RagBadge, ragOptions } from './task-parts.tsx';

/** A progress report for a period still open: values of each indicator, milestones done, and words. */
export function ReportFormView({ ui, page, form }: { ui: Ui; page: TaskPage; form: FormState }) {
  const { t, locale } = ui;
  const { task } = page;
  const title = t('task.reportNewTitle');
  const labels: Record<string, string> = {
    period: t('task.reportPeriod'),
    rag: t('task.rag'),
    summary: t('task.reportSummary'),
    summaryPublic: t('task.reportSummaryPublic'),
    difficulties: t('task.difficulties'),
    asks: t('task.asks'),
    done: t('task.milestonesDone'),
  };
  for (const i of page.indicators) labels[`value.${i.id}`] = t('task.valueOf', { name: i.name, unit: i.unit });
  const open = page.milestones.filter((m) => m.done_on === null);
  return (
    <Layout ui={ui} title={title} crumbs={[{ href: '/tasks', label: t('task.listTitle') }, { href: `/tasks/${task.id}`, label: task.title }, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{t('task.reportLead')}</p>
      <ErrorSummary ui={ui} form={form} labels={labels} />
      <Form ui={ui} action={`/tasks/${task.id}/reports/new`}>
        <SelectField
          ui={ui}
          form={form}
          name="period"
          label={labels.period!}
          required
          options={page.periods.map((p) => ({ value: p.period, label: t('task.periodOption', { period: periodLabel(ui, p.period), due: day(ui, p.dueOn) }) }))}
        />
        <RadioGroup ui={ui} form={form} name="rag" label={labels.rag!} hint={t('task.ragHint')} required options={ragOptions(ui)} />
        <fieldset class="form-group">
          <legend class="form-tit">{t('task.indicatorValues')}</legend>
          <p class="form-hint">{t('task.indicatorValuesHint')}</p>
          {page.indicators.map((i) => (
            <TextField
              key={i.id}
              ui={ui}
              form={form}
              name={`value.${i.id}`}
              label={labels[`value.${i.id}`]!}
              hint={t('task.valueHint', { target: formatNumber(locale, i.target), latest: i.latest === null ? t('task.notReported') : formatNumber(locale, i.latest) })}
              maxLength={20}
              inputMode="decimal"
            />
          ))}
        </fieldset>
        {open.length > 0 && (
          <CheckboxGroup
            ui={ui}
            form={form}
            name="done"
            label={labels.done!}
            hint={t('task.milestonesDoneHint')}
            options={open.map((m) => ({ value: String(m.id), label: t('task.milestoneOption', { title: m.title, due: day(ui, m.due_on) }) }))}
          />
        )}
        <TextArea ui={ui} form={form} name="summary" label={labels.summary!} hint={t('task.reportSummaryHint')} required maxLength={3000} rows={5} />
        <CheckboxGroup ui={ui} form={form} name="summaryPublic" label={labels.summaryPublic!} options={[{ value: 'on', label: t('task.reportSummaryPublicOption') }]} />
        <TextArea ui={ui} form={form} name="difficulties" label={labels.difficulties!} maxLength={3000} rows={3} />
        <TextArea ui={ui} form={form} name="asks" label={labels.asks!} hint={t('task.asksHint')} maxLength={3000} rows={3} />
        <SubmitButton label={t('task.submitReport')} />
      </Form>
    </Layout>
  );
}

export function ReportView({ ui, data }: { ui: Ui; data: Awaited<ReturnType<typeof reportPage>> }) {
  const { t, locale } = ui;
  const { task, report } = data;
  const title = t('task.reportTitle', { period: periodLabel(ui, report.period) });
  return (
    <Layout ui={ui} title={title} crumbs={[{ href: '/tasks', label: t('task.listTitle') }, { href: `/tasks/${task.id}`, label: task.title }, { label: title }]}>
      <h1>{title}</h1>
      <p class="badges">
        <RagBadge ui={ui} rag={report.rag} />
        {kstDate(report.submitted_at) > report.due_on && <span class="krds-badge outline-danger">{t('task.reportSubmittedLate')}</span>}
      </p>
      <dl class="facts">
        <dt>{t('task.reportSubmitted')}</dt>
        <dd>{t('task.reportMeta', { at: formatDateTime(locale, report.submitted_at), by: report.submitted_by_name ?? '' })}</dd>
        <dt>{t('task.reportDue')}</dt>
        <dd>{day(ui, report.due_on)}</dd>
        <dt>{t('task.milestonesDone')}</dt>
        <dd>{t('task.fraction', { part: formatNumber(locale, report.milestones_done), whole: formatNumber(locale, data.milestones.length) })}</dd>
        <dt>{t('task.reportSummaryPublic')}</dt>
        <dd>{t(report.summary_public ? 'task.yes' : 'task.no')}</dd>
      </dl>
      <h2>{t('task.reportSummary')}</h2>
      <p class="pre-line">{report.summary}</p>
      <h2>{t('task.indicatorValues')}</h2>
      {data.values.length === 0 ? (
        <p class="empty">{t('task.noValues')}</p>
      ) : (
        <ScrollTable label={t('task.indicatorValues')}>
          <table class="tbl">
            <thead>
              <tr>
                <th scope="col">{t('task.indicatorName')}</th>
                <th scope="col">{t('task.reportedValue')}</th>
                <th scope="col">{t('task.target')}</th>
              </tr>
            </thead>
            <tbody>
              {data.values.map((v) => (
                <tr key={v.name}>
                  <th scope="row">{v.name}</th>
                  <td>{t('task.valueWithUnit', { value: formatNumber(locale, v.value), unit: v.unit })}</td>
                  <td>{t('task.valueWithUnit', { value: formatNumber(locale, v.target), unit: v.unit })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      <h2>{t('task.difficulties')}</h2>
      <p class="pre-line">{report.difficulties || t('task.none')}</p>
      <h2>{t('task.asks')}</h2>
      <p class="pre-line">{report.asks || t('task.none')}</p>
    </Layout>
  );
}

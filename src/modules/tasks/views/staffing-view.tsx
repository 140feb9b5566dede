import { CheckboxGroup, EMPTY_FORM, ErrorSummary, Form, type FormState, RadioGroup, SelectField, SubmitButton, TextArea, TextField } from '../../../app/ui/form.tsx';
import { Layout } from '../../../app/ui/layout.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { formatDateTime, formatNumber, type MessageKey } from '../../../shared/i18n/index.ts';
import type { staffingPage, StaffingRequest } from '../staffing.service.ts';
import { can } from '../tasks.policy.ts';

type Page = Awaited<ReturnType<typeof staffingPage>>;

export type StaffingForms = { request: FormState; decide: FormState; decideId: number | null };
export const NO_STAFFING_FORMS: StaffingForms = { request: EMPTY_FORM, decide: EMPTY_FORM, decideId: null };

function DecisionForm({ ui, page, request, form }: { ui: Ui; page: Page; request: StaffingRequest; form: FormState }) {
  const { t } = ui;
  const labels = { decision: t('staffing.decision'), granted: t('staffing.granted'), reason: t('staffing.reason') };
  return (
    <Form ui={ui} action={`/tasks/${page.task.id}/staffing/${request.id}/decide`}>
      <ErrorSummary ui={ui} form={form} labels={labels} />
      <RadioGroup
        ui={ui}
        form={form}
        name="decision"
        label={labels.decision}
        required
        options={(['approved', 'partly', 'declined'] as const).map((d) => ({ value: d, label: t(`staffing.decision.${d}` as MessageKey) }))}
      />
      <TextField ui={ui} form={form} name="granted" label={labels.granted} hint={t('staffing.grantedHint', { positions: request.positions })} maxLength={2} inputMode="numeric" />
      <TextArea ui={ui} form={form} name="reason" label={labels.reason} required maxLength={2000} rows={3} />
      <SubmitButton label={t('staffing.decide')} />
    </Form>
  );
}

export function StaffingView({ ui, page, forms }: { ui: Ui; page: Page; forms: StaffingForms }) {
  const { t, locale } = ui;
  const { task } = page;
  const title = t('task.staffing');
  const mayRequest = can(ui.actor, 'tf.work', page.facts) && page.facts.seat?.role === 'member';
  const labels = {
    positions: t('staffing.positions'),
    role: t('staffing.role'),
    fromOrg: t('staffing.fromOrg'),
    months: t('staffing.months'),
    justification: t('staffing.justification'),
    indicators: t('staffing.indicators'),
  };
  return (
    <Layout ui={ui} title={title} crumbs={[{ href: '/tasks', label: t('task.listTitle') }, { href: `/tasks/${task.id}`, label: task.title }, { label: title }]}>
      <h1>{t('staffing.heading', { title: task.title })}</h1>
      <p class="lead">{t('staffing.lead')}</p>
      <section aria-labelledby="requests-h">
        <h2 id="requests-h">{t('staffing.requests')}</h2>
        {page.requests.length === 0 ? (
          <p class="empty">{t('staffing.none')}</p>
        ) : (
          <ul class="card-list">
            {page.requests.map((r) => (
              <li key={r.id} class="card">
                <h3 class="card-title">{t('task.staffingLine', { positions: formatNumber(locale, r.positions), role: r.role, org: r.from_org_name, months: formatNumber(locale, r.months) })}</h3>
                <p class="meta">
                  {formatDateTime(locale, r.created_at)} · <strong>{t(`task.staffingStatus.${r.status}` as MessageKey, { granted: formatNumber(locale, r.granted_positions ?? 0) })}</strong>
                </p>
                <p class="pre-line">{r.justification}</p>
                <p class="meta">{t('staffing.servesGoals', { goals: r.goals.join(', ') })}</p>
                {r.decision_reason && <p class="pre-line">{t('staffing.reasonGiven', { reason: r.decision_reason })}</p>}
                {r.status === 'pending' && can(ui.actor, 'staffing.decide', page.facts) && (
                  // Several pending requests mean several decision forms on the page: each its own field ids.
                  <DecisionForm ui={ui} page={page} request={r} form={{ ...(forms.decideId === r.id ? forms.decide : EMPTY_FORM), idPrefix: `decide-${r.id}-` }} />
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      {mayRequest && (
        <section aria-labelledby="request-h">
          <h2 id="request-h">{t('staffing.new')}</h2>
          <ErrorSummary ui={ui} form={forms.request} labels={labels} />
          <Form ui={ui} action={`/tasks/${task.id}/staffing`}>
            <TextField ui={ui} form={forms.request} name="positions" label={labels.positions} required maxLength={2} inputMode="numeric" />
            <TextField ui={ui} form={forms.request} name="role" label={labels.role} hint={t('staffing.roleHint')} required maxLength={100} />
            <SelectField
              ui={ui}
              form={forms.request}
              name="fromOrg"
              label={labels.fromOrg}
              required
              options={page.orgs.filter((o) => o.status === 'accepted').map((o) => ({ value: String(o.org_id), label: o.name }))}
            />
            <TextField ui={ui} form={forms.request} name="months" label={labels.months} required maxLength={2} inputMode="numeric" />
            <CheckboxGroup ui={ui} form={forms.request} name="indicators" label={labels.indicators} hint={t('staffing.indicatorsHint')} options={page.indicators.map((i) => ({ value: String(i.id), label: i.name }))} />
            <TextArea ui={ui} form={forms.request} name="justification" label={labels.justification} hint={t('staffing.justificationHint')} required maxLength={3000} rows={5} />
            <SubmitButton label={t('staffing.send')} />
          </Form>
        </section>
      )}
    </Layout>
  );
}

import { CheckboxGroup, ErrorSummary, Form, type FormState, SubmitButton, TextField } from '../../../app/ui/form.tsx';
import { Layout } from '../../../app/ui/layout.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import type { MessageKey } from '../../../shared/i18n/index.ts';
import type { settingsPage } from '../settings.service.ts';
import { SOS_CATEGORIES, URGENCIES } from '../sos.tables.ts';

type Data = Awaited<ReturnType<typeof settingsPage>>;

/** Targets per category and urgency (hours to a first answer, days to a solution), and the desk. */
export function SettingsView({ ui, data, targets, desk }: { ui: Ui; data: Data; targets: FormState; desk: FormState }) {
  const { t } = ui;
  const values: Record<string, string> = {};
  for (const row of data.targets) Object.assign(values, { [`first.${row.category}.${row.urgency}`]: String(row.first_response_hours), [`days.${row.category}.${row.urgency}`]: String(row.resolution_days) });
  const targetForm = Object.keys(targets.values).length ? targets : { values, errors: {} };
  const label = (field: 'first' | 'days', category: string, urgency: string) =>
    t(field === 'first' ? 'sos.targetFirst' : 'sos.targetDays', { category: t(`sos.category.${category}` as MessageKey), urgency: t(`sos.urgency.${urgency}` as MessageKey) });
  const labels: Record<string, string> = {};
  for (const c of SOS_CATEGORIES) for (const u of URGENCIES) for (const f of ['first', 'days'] as const) labels[`${f}.${c}.${u}`] = label(f, c, u);
  const deskForm = Object.keys(desk.values).length ? desk : { values: { members: data.desk.map((d) => String(d.user_id)), leads: data.desk.filter((d) => d.lead).map((d) => String(d.user_id)) }, errors: {} };
  const operators = data.operators.map((o) => ({ value: String(o.id), label: `${o.name} (${o.email})` }));
  return (
    <Layout ui={ui} title={t('sos.settingsTitle')} crumbs={[{ href: '/admin/sos', label: t('sos.queueTitle') }, { label: t('sos.settingsTitle') }]}>
      <h1>{t('sos.settingsTitle')}</h1>
      <section aria-labelledby="targets-h">
        <h2 id="targets-h">{t('sos.targets')}</h2>
        <p>{t('sos.targetsSettingLead')}</p>
        <ErrorSummary ui={ui} form={targetForm} labels={labels} />
        <Form ui={ui} action="/admin/sos/targets">
          {SOS_CATEGORIES.map((category) => (
            <fieldset key={category} class="form-group item-rows">
              <legend class="form-tit">{t(`sos.category.${category}` as MessageKey)}</legend>
              {URGENCIES.map((urgency) => (
                <div class="item-row" key={urgency}>
                  <TextField ui={ui} form={targetForm} name={`first.${category}.${urgency}`} label={labels[`first.${category}.${urgency}`]!} maxLength={3} inputMode="numeric" />
                  <TextField ui={ui} form={targetForm} name={`days.${category}.${urgency}`} label={labels[`days.${category}.${urgency}`]!} maxLength={2} inputMode="numeric" />
                </div>
              ))}
            </fieldset>
          ))}
          <SubmitButton label={t('sos.saveTargets')} />
        </Form>
      </section>
      <section aria-labelledby="desk-h">
        <h2 id="desk-h">{t('sos.deskPeople')}</h2>
        <p>{t('sos.deskPeopleLead')}</p>
        <ErrorSummary ui={ui} form={deskForm} labels={{ members: t('sos.deskMembers') }} />
        <Form ui={ui} action="/admin/sos/desk">
          <CheckboxGroup ui={ui} form={deskForm} name="members" label={t('sos.deskMembers')} options={operators} />
          <CheckboxGroup ui={ui} form={{ ...deskForm, idPrefix: 'lead-' }} name="leads" label={t('sos.deskLeads')} options={operators} />
          <SubmitButton label={t('sos.saveDesk')} />
        </Form>
      </section>
    </Layout>
  );
}

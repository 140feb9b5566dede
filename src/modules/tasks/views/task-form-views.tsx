import { CheckboxGroup, ErrorSummary, Form, type FormState, formValues, rowCount, SelectField, SubmitButton, TextArea, TextField, textValue } from '../../../app/ui/form.tsx';
import { Layout } from '../../../app/ui/layout.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { type Theme, themeOptions } from '../../demands/index.ts';
import type { Region } from '../../orgs/index.ts';
import type { Programme } from '../programmes.service.ts';
import { MAX_INDICATORS, MAX_MILESTONES, MAX_PARTNERS } from '../tasks.schemas.ts';
import { day } from './task-parts.tsx';

export interface TaskFormData {
  themes: Theme[];
  regions: Region[];
  /** The verified organisations the actor may lead with (creation only). */
  orgs: { id: number; name: string }[];
  /** Where the task goes (creation only); null when no intake is open. */
  intake: Programme | null;
}

const PARTNER_FIELDS = ['name', 'contribution'] as const;

function PartnerRows({ ui, form }: { ui: Ui; form: FormState }) {
  const { t } = ui;
  return (
    <fieldset class="form-group item-rows" id="f-partners">
      <legend class="form-tit">{t('task.partners')}</legend>
      <p class="form-hint">{t('task.partnersHint')}</p>
      {form.errors.partners && <p class="form-hint-invalid">{t(form.errors.partners)}</p>}
      {Array.from({ length: rowCount(form, 'partner', PARTNER_FIELDS, MAX_PARTNERS, { min: 2 }) }, (_, i) => (
        <div class="item-row" key={i}>
          <TextField ui={ui} form={form} name={`partner.${i}.name`} label={t('task.partnerName', { n: i + 1 })} maxLength={200} />
          <TextField ui={ui} form={form} name={`partner.${i}.contribution`} label={t('task.partnerContribution', { n: i + 1 })} maxLength={1000} />
        </div>
      ))}
    </fieldset>
  );
}

/** Labels for the error summary: each field's own, rows numbered. */
function taskLabels(ui: Ui): Record<string, string> {
  const { t } = ui;
  const labels: Record<string, string> = {
    org: t('task.lead'),
    title: t('task.title'),
    problem: t('task.problem'),
    benefit: t('task.benefit'),
    themes: t('task.themes'),
    targetRegions: t('task.regions'),
    startsOn: t('task.startsOn'),
    endsOn: t('task.endsOn'),
    partners: t('task.partners'),
  };
  for (let i = 0; i < MAX_PARTNERS; i++) {
    labels[`partner.${i}.name`] = t('task.partnerName', { n: i + 1 });
    labels[`partner.${i}.contribution`] = t('task.partnerContribution', { n: i + 1 });
  }
  return labels;
}

/** Registering a task, or changing its basics (`task` given; partners only when `partners` is true: the lead's). */
export function TaskFormView({ ui, form, data, task, partners = true }: { ui: Ui; form: FormState; data: TaskFormData; task?: { id: number; title: string }; partners?: boolean }) {
  const { t } = ui;
  const title = task ? t('task.editTitle') : t('task.newTitle');
  const labels = taskLabels(ui);
  const provinces = data.regions.filter((r) => r.parent_code === null).map((r) => ({ value: r.code, label: r.name }));
  const crumbs = task
    ? [{ href: '/tasks', label: t('task.listTitle') }, { href: `/tasks/${task.id}`, label: task.title }, { label: title }]
    : [{ href: '/tasks', label: t('task.listTitle') }, { label: title }];
  const match = textValue(formValues(form), 'match');
  const proposal = textValue(formValues(form), 'proposal');
  if (!task && !data.intake) {
    return (
      <Layout ui={ui} title={title} crumbs={crumbs}>
        <h1>{title}</h1>
        <p class="notice notice-warning">{t('task.intakeClosedLong')}</p>
      </Layout>
    );
  }
  if (!task && data.orgs.length === 0) {
    return (
      <Layout ui={ui} title={title} crumbs={crumbs}>
        <h1>{title}</h1>
        <p class="notice notice-warning">{t('task.needVerifiedOrg')}</p>
      </Layout>
    );
  }
  return (
    <Layout ui={ui} title={title} crumbs={crumbs}>
      <h1>{title}</h1>
      {data.intake && !task && (
        <p class="lead">{t('task.newLead', { year: data.intake.year, closes: day(ui, data.intake.intake_closes_on) })}</p>
      )}
      <ErrorSummary ui={ui} form={form} labels={labels} />
      <Form ui={ui} action={task ? `/tasks/${task.id}/edit` : '/tasks/new'}>
        {match && <input type="hidden" name="match" value={match} />}
        {proposal && <input type="hidden" name="proposal" value={proposal} />}
        {!task && (
          <SelectField ui={ui} form={form} name="org" label={labels.org!} hint={t('task.leadHint')} required options={data.orgs.map((o) => ({ value: String(o.id), label: o.name }))} />
        )}
        <TextField ui={ui} form={form} name="title" label={labels.title!} required maxLength={150} />
        <TextArea ui={ui} form={form} name="problem" label={labels.problem!} hint={t('task.problemHint')} required maxLength={3000} rows={5} />
        <TextArea ui={ui} form={form} name="benefit" label={labels.benefit!} hint={t('task.benefitHint')} required maxLength={1000} rows={3} />
        <CheckboxGroup ui={ui} form={form} name="themes" label={labels.themes!} hint={t('task.themesHint')} options={themeOptions(ui, data.themes)} />
        <CheckboxGroup ui={ui} form={form} name="targetRegions" label={labels.targetRegions!} hint={t('task.regionsHint')} options={provinces} />
        <TextField ui={ui} form={form} name="startsOn" type="date" label={labels.startsOn!} required />
        <TextField ui={ui} form={form} name="endsOn" type="date" label={labels.endsOn!} hint={t('task.endsOnHint')} required />
        {partners ? <PartnerRows ui={ui} form={form} /> : <p class="form-hint">{t('task.partnersLeadOnly')}</p>}
        <SubmitButton label={task ? t('task.save') : t('task.create')} />
      </Form>
    </Layout>
  );
}

const INDICATOR_FIELDS = ['name', 'unit', 'baseline', 'target', 'due'] as const;
const MILESTONE_FIELDS = ['title', 'due', 'owner'] as const;

function planLabels(ui: Ui): Record<string, string> {
  const { t } = ui;
  const labels: Record<string, string> = {};
  for (let i = 0; i < MAX_INDICATORS; i++) {
    for (const field of INDICATOR_FIELDS) labels[`indicator.${i}.${field}`] = t(`task.indicatorField.${field}`, { n: i + 1 });
  }
  for (let i = 0; i < MAX_MILESTONES; i++) {
    for (const field of MILESTONE_FIELDS) labels[`milestone.${i}.${field}`] = t(`task.milestoneField.${field}`, { n: i + 1 });
  }
  return labels;
}

/** The goals' indicators and the milestones, as rows; a key task's changes go to the TF for agreement. */
export function PlanFormView({ ui, form, task, owners }: { ui: Ui; form: FormState; task: { id: number; title: string; starts_on: string; ends_on: string; charter_version: number }; owners: { org_id: number; name: string }[] }) {
  const { t } = ui;
  const labels = planLabels(ui);
  const title = t('task.planTitle');
  const values = formValues(form);
  const ownerOptions = [{ value: '', label: t('task.ownerPick') }, ...owners.map((o) => ({ value: String(o.org_id), label: o.name }))];
  return (
    <Layout ui={ui} title={title} crumbs={[{ href: '/tasks', label: t('task.listTitle') }, { href: `/tasks/${task.id}`, label: task.title }, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{t('task.planLead', { starts: day(ui, task.starts_on), ends: day(ui, task.ends_on) })}</p>
      {task.charter_version > 0 && <p class="notice notice-warning">{t('task.planCharterNote')}</p>}
      <ErrorSummary ui={ui} form={form} labels={labels} />
      <Form ui={ui} action={`/tasks/${task.id}/plan`}>
        <fieldset class="form-group item-rows">
          <legend class="form-tit">{t('task.indicators')}</legend>
          <p class="form-hint">{t('task.indicatorsHint')}</p>
          {Array.from({ length: rowCount(form, 'indicator', INDICATOR_FIELDS, MAX_INDICATORS, { min: 2, spare: 1 }) }, (_, i) => (
            <div class="item-row" key={i}>
              {textValue(values, `indicator.${i}.id`) && <input type="hidden" name={`indicator.${i}.id`} value={textValue(values, `indicator.${i}.id`)} />}
              <TextField ui={ui} form={form} name={`indicator.${i}.name`} label={labels[`indicator.${i}.name`]!} maxLength={100} />
              <TextField ui={ui} form={form} name={`indicator.${i}.unit`} label={labels[`indicator.${i}.unit`]!} hint={t('task.unitHint')} maxLength={20} />
              <TextField ui={ui} form={form} name={`indicator.${i}.baseline`} label={labels[`indicator.${i}.baseline`]!} maxLength={20} inputMode="decimal" />
              <TextField ui={ui} form={form} name={`indicator.${i}.target`} label={labels[`indicator.${i}.target`]!} maxLength={20} inputMode="decimal" />
              <TextField ui={ui} form={form} name={`indicator.${i}.due`} type="date" label={labels[`indicator.${i}.due`]!} />
            </div>
          ))}
        </fieldset>
        <fieldset class="form-group item-rows">
          <legend class="form-tit">{t('task.milestones')}</legend>
          <p class="form-hint">{t('task.milestonesHint')}</p>
          {Array.from({ length: rowCount(form, 'milestone', MILESTONE_FIELDS, MAX_MILESTONES, { min: 3, spare: 2 }) }, (_, i) => (
            <div class="item-row" key={i}>
              {textValue(values, `milestone.${i}.id`) && <input type="hidden" name={`milestone.${i}.id`} value={textValue(values, `milestone.${i}.id`)} />}
              <TextField ui={ui} form={form} name={`milestone.${i}.title`} label={labels[`milestone.${i}.title`]!} maxLength={200} />
              <TextField ui={ui} form={form} name={`milestone.${i}.due`} type="date" label={labels[`milestone.${i}.due`]!} />
              <SelectField ui={ui} form={form} name={`milestone.${i}.owner`} label={labels[`milestone.${i}.owner`]!} options={ownerOptions} />
            </div>
          ))}
        </fieldset>
        <SubmitButton label={t('task.savePlan')} />
      </Form>
    </Layout>
  );
}

/** The plan form's starting values: the stored rows. */
export function planValues(indicators: { id: number; name: string; unit: string; baseline: number; target: number; due_on: string }[], milestones: { id: number; title: string; due_on: string; owner_org_id: number }[]) {
  const values: Record<string, string> = {};
  indicators.forEach((i, n) => {
    Object.assign(values, {
      [`indicator.${n}.id`]: String(i.id),
      [`indicator.${n}.name`]: i.name,
      [`indicator.${n}.unit`]: i.unit,
      [`indicator.${n}.baseline`]: String(i.baseline),
      [`indicator.${n}.target`]: String(i.target),
      [`indicator.${n}.due`]: i.due_on,
    });
  });
  milestones.forEach((m, n) => {
    Object.assign(values, { [`milestone.${n}.id`]: String(m.id), [`milestone.${n}.title`]: m.title, [`milestone.${n}.due`]: m.due_on, [`milestone.${n}.owner`]: String(m.owner_org_id) });
  });
  return values;
}

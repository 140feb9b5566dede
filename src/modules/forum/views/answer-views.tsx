import { ErrorSummary, Form, type FormState, RadioGroup, rowCount, SubmitButton, TextArea, TextField } from '../../../app/ui/form.tsx';
import { Layout } from '../../../app/ui/layout.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { formatDateTime, type MessageKey } from '../../../shared/i18n/index.ts';
import { DECISIONS } from '../forum.tables.ts';
import { MAX_MILESTONES } from '../forum.schemas.ts';

interface Subject {
  id: number;
  title: string;
}

const crumbsOf = (ui: Ui, proposal: Subject, title: string) => [{ href: '/forum', label: ui.t('forum.title') }, { href: `/forum/${proposal.id}`, label: proposal.title }, { label: title }];

/** 논점 정리: the summary of the arguments, citing points by their numbers (#12). */
export function SummaryFormView({ ui, proposal, form, reviewing }: { ui: Ui; proposal: Subject; form: FormState; reviewing: boolean }) {
  const { t } = ui;
  const title = t('forum.summaryTitle');
  return (
    <Layout ui={ui} title={`${title} — ${proposal.title}`} crumbs={crumbsOf(ui, proposal, title)}>
      <h1>{title}</h1>
      <p class="lead">{t('forum.summaryLead')}</p>
      {reviewing && <p class="notice">{t('forum.summaryGoesToBody')}</p>}
      <ErrorSummary ui={ui} form={form} labels={{ summary: title }} />
      <Form ui={ui} action={`/forum/${proposal.id}/summary`}>
        <TextArea ui={ui} form={form} name="summary" label={title} hint={t('forum.summaryHint')} required maxLength={5000} rows={12} />
        <SubmitButton label={t('forum.summarySave')} />
      </Form>
      <p>
        <a href={`/forum/${proposal.id}#points-h`}>{t('forum.backToProposal', { title: proposal.title })}</a>
      </p>
    </Layout>
  );
}

/** The responsible body's answer: the decision, reasons, a plan with milestones when adopting, a new due day for 추가 검토. */
export function AnswerFormView({ ui, proposal, form, dueAt }: { ui: Ui; proposal: Subject; form: FormState; dueAt: Date }) {
  const { t, locale } = ui;
  const title = t('forum.answerWrite');
  const rows = rowCount(form, 'milestone', ['title', 'due'], MAX_MILESTONES, { min: 3, spare: 1 });
  const labels: Record<string, string> = { decision: t('forum.decisionLabel'), reasons: t('forum.reasons'), plan: t('forum.plan'), dueOn: t('forum.newDue') };
  for (let i = 0; i < rows; i++) {
    labels[`milestone.${i}.title`] = t('forum.milestoneRowTitle', { n: i + 1 });
    labels[`milestone.${i}.due`] = t('forum.milestoneRowDue', { n: i + 1 });
  }
  return (
    <Layout ui={ui} title={`${title} — ${proposal.title}`} crumbs={crumbsOf(ui, proposal, title)}>
      <h1>{title}</h1>
      <p class="lead">{t('forum.answerLead', { at: formatDateTime(locale, dueAt) })}</p>
      <ErrorSummary ui={ui} form={form} labels={labels} />
      <Form ui={ui} action={`/forum/${proposal.id}/answer`}>
        <RadioGroup ui={ui} form={form} name="decision" label={labels.decision!} required options={DECISIONS.map((d) => ({ value: d, label: t(`forum.decisionLong.${d}` as MessageKey) }))} />
        <TextArea ui={ui} form={form} name="reasons" label={labels.reasons!} hint={t('forum.reasonsHint')} required maxLength={5000} rows={6} />
        <TextArea ui={ui} form={form} name="plan" label={labels.plan!} hint={t('forum.planHint')} maxLength={5000} rows={5} />
        <fieldset class="item-rows">
          <legend>{t('forum.milestones')}</legend>
          <p class="form-hint">{t('forum.milestonesHint')}</p>
          {Array.from({ length: rows }, (_, i) => (
            <div key={i} class="item-row">
              <TextField ui={ui} form={form} name={`milestone.${i}.title`} label={labels[`milestone.${i}.title`]!} maxLength={200} />
              <TextField ui={ui} form={form} name={`milestone.${i}.due`} type="date" label={labels[`milestone.${i}.due`]!} />
            </div>
          ))}
        </fieldset>
        <TextField ui={ui} form={form} name="dueOn" type="date" label={labels.dueOn!} hint={t('forum.newDueHint')} />
        <SubmitButton label={t('forum.answerSubmit')} />
      </Form>
    </Layout>
  );
}

import type { ComponentChildren } from 'preact';
import { ErrorSummary, Form, type FormState, SelectField, SubmitButton, TextArea } from '../../../app/ui/form.tsx';
import { Layout } from '../../../app/ui/layout.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import type { MessageKey } from '../../../shared/i18n/index.ts';
import { REPORT_REASONS } from '../forum.tables.ts';
import type { Subject } from '../moderation.service.ts';

interface Target extends Subject {
  title: string;
}

const subjectQuery = (subject: Subject) => (subject.pointId === null ? '' : `?point=${subject.pointId}`);

function Frame({ ui, target, title, lead, children }: { ui: Ui; target: Target; title: string; lead: string; children: ComponentChildren }) {
  const { t } = ui;
  return (
    <Layout ui={ui} title={`${title} — ${target.title}`} crumbs={[{ href: '/forum', label: t('forum.title') }, { href: `/forum/${target.proposalId}`, label: target.title }, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{lead}</p>
      {target.pointId !== null && <p>{t('forum.aboutPoint', { id: target.pointId })}</p>}
      {children}
      <p>
        <a href={`/forum/${target.proposalId}${target.pointId === null ? '' : `#point-${target.pointId}`}`}>{t('forum.backToProposal', { title: target.title })}</a>
      </p>
    </Layout>
  );
}

/** Reporting a proposal or a point: why, and anything the operators should know. */
export function ReportFormView({ ui, target, form }: { ui: Ui; target: Target; form: FormState }) {
  const { t } = ui;
  const labels = { reason: t('forum.reportReason'), detail: t('forum.reportDetail') };
  return (
    <Frame ui={ui} target={target} title={t('forum.reportTitle')} lead={t('forum.reportLead')}>
      <ErrorSummary ui={ui} form={form} labels={labels} />
      <Form ui={ui} action={`/forum/${target.proposalId}/report${subjectQuery(target)}`}>
        <SelectField ui={ui} form={form} name="reason" label={labels.reason} required options={REPORT_REASONS.map((r) => ({ value: r, label: t(`forum.reportReason.${r}` as MessageKey) }))} />
        <TextArea ui={ui} form={form} name="detail" label={labels.detail} hint={t('forum.reportDetailHint')} maxLength={1000} rows={3} />
        <SubmitButton label={t('forum.reportSubmit')} />
      </Form>
    </Frame>
  );
}

/** The author of a hidden proposal or point asks for it back. */
export function AppealFormView({ ui, target, form }: { ui: Ui; target: Target; form: FormState }) {
  const { t } = ui;
  return (
    <Frame ui={ui} target={target} title={t('forum.appealTitle')} lead={t('forum.appealLead')}>
      <ErrorSummary ui={ui} form={form} labels={{ body: t('forum.appealBody') }} />
      <Form ui={ui} action={`/forum/${target.proposalId}/appeal${subjectQuery(target)}`}>
        <TextArea ui={ui} form={form} name="body" label={t('forum.appealBody')} required maxLength={2000} rows={5} />
        <SubmitButton label={t('forum.appealSubmit')} />
      </Form>
    </Frame>
  );
}

/** The key of a subject's hiding form, unique on a page (its fields' ids and a failed form's return). */
export const hideKey = (subject: Subject) => `hide-${subject.proposalId}-${subject.pointId ?? 0}`;

/** An operator hides a proposal or a point: the public reason becomes its tombstone. */
export function HideForm({ ui, subject, form }: { ui: Ui; subject: Subject; form: FormState }) {
  const { t } = ui;
  const state = { ...form, idPrefix: `${hideKey(subject)}-` };
  return (
    <>
      <ErrorSummary ui={ui} form={state} labels={{ reason: t('forum.hideReason') }} />
      <Form ui={ui} action={`/forum/${subject.proposalId}/hide${subjectQuery(subject)}`}>
        <TextArea ui={ui} form={state} name="reason" label={t('forum.hideReason')} hint={t('forum.hideReasonHint')} required maxLength={1000} rows={2} />
        <SubmitButton label={t('forum.hideSubmit')} />
      </Form>
    </>
  );
}

import type { VNode } from 'preact';
import { EMPTY_FORM, ErrorSummary, Form, type FormState, PostButton, RadioGroup, SubmitButton, TextArea } from '../../../app/ui/form.tsx';
import { Layout } from '../../../app/ui/layout.tsx';
import { Markdown } from '../../../app/ui/markdown.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { formatDateTime, formatNumber, type MessageKey } from '../../../shared/i18n/index.ts';
import { OrgName, regionName } from '../../orgs/index.ts';
import type { TaskPage } from '../task-page.service.ts';
import { can } from '../tasks.policy.ts';
import { day, IndicatorTable, KindBadge, MilestoneList, periodLabel, ProgressFigures, RagBadge } from './task-parts.tsx';

export type TaskForms = { answer: FormState; select: FormState; results: FormState; manage: FormState };

export const NO_TASK_FORMS: TaskForms = { answer: EMPTY_FORM, select: EMPTY_FORM, results: EMPTY_FORM, manage: EMPTY_FORM };

function Facts({ ui, page }: { ui: Ui; page: TaskPage }) {
  const { t } = ui;
  const { task } = page;
  const partners = page.orgs.filter((o) => o.role === 'partner' && (page.inside || o.status === 'accepted'));
  const lead = page.orgs.find((o) => o.role === 'lead')!;
  return (
    <dl class="facts">
      <dt>{t('task.year')}</dt>
      <dd>{t('task.yearValue', { year: task.year })}</dd>
      <dt>{t('task.lead')}</dt>
      <dd>
        <OrgName ui={ui} org={{ id: lead.org_id, name: lead.name, status: lead.org_status }} />
      </dd>
      <dt>{t('task.partners')}</dt>
      <dd>
        {partners.length === 0 ? (
          t('task.noPartners')
        ) : (
          <ul class="plain-links">
            {partners.map((o) => (
              <li key={o.org_id}>
                <OrgName ui={ui} org={{ id: o.org_id, name: o.name, status: o.org_status }} />
                {o.status !== 'accepted' && <> ({t(`task.partnerStatus.${o.status}` as MessageKey)})</>}
                {o.contribution && <> — {o.contribution}</>}
              </li>
            ))}
          </ul>
        )}
      </dd>
      <dt>{t('task.period')}</dt>
      <dd>{t('task.periodValue', { starts: day(ui, task.starts_on), ends: day(ui, task.ends_on) })}</dd>
      <dt>{t('task.themes')}</dt>
      <dd>{page.themes.map((th) => (ui.locale === 'en' ? th.name_en : th.name)).join(', ')}</dd>
      <dt>{t('task.regions')}</dt>
      <dd>{task.target_regions.length ? task.target_regions.map((code) => regionName(ui.locale, code)).join(', ') : t('task.nationwide')}</dd>
      {page.match && (
        <>
          <dt>{t('task.fromMatch')}</dt>
          <dd>
            <a href={`/cases/${page.match.id}`}>{t('task.fromMatchLink')}</a>
          </dd>
        </>
      )}
      {page.proposal && (
        <>
          <dt>{t('task.fromProposal')}</dt>
          <dd>
            <a href={`/forum/${page.proposal.id}`}>{page.proposal.title}</a>
          </dd>
        </>
      )}
      {task.kind && task.kind_reason && (
        <>
          <dt>{t('task.kindReason')}</dt>
          <dd>{task.kind_reason}</dd>
        </>
      )}
    </dl>
  );
}

/** What the lead does with a draft, and what the task's people can open. */
function TeamActions({ ui, page, form }: { ui: Ui; page: TaskPage; form: FormState }) {
  const { t } = ui;
  const { task, facts } = page;
  const id = task.id;
  const links: [string, MessageKey][] = [];
  if (can(ui.actor, 'task.edit', facts)) links.push([`/tasks/${id}/edit`, 'task.edit'], [`/tasks/${id}/plan`, 'task.editPlan']);
  if (page.periods.length) links.push([`/tasks/${id}/reports/new`, 'task.writeReport']);
  if (can(ui.actor, 'tf.view', facts)) links.push([`/tasks/${id}/tf`, 'task.openTf'], [`/tasks/${id}/staffing`, 'task.staffing']);
  const draft = task.status === 'draft' && can(ui.actor, 'task.edit', facts);
  const withdrawable = task.kind === null && task.status !== 'withdrawn' && can(ui.actor, 'task.edit', facts);
  const completable = can(ui.actor, 'task.report', facts);
  if (!links.length && !draft && !withdrawable && !completable) return null;
  return (
    <section aria-labelledby="manage-h" class="panel">
      <h2 id="manage-h">{t('task.manage')}</h2>
      <ErrorSummary ui={ui} form={form} labels={{ task: t('task.manage') }} />
      {draft && <p>{t('task.draftNote')}</p>}
      {task.status === 'registered' && task.kind === null && <p>{t('task.registeredNote')}</p>}
      <p class="actions">
        {links.map(([href, label]) => (
          <a key={href} class="krds-btn secondary" href={href}>
            {t(label)}
          </a>
        ))}
      </p>
      <p class="actions" id="f-task">
        {draft && <PostButton ui={ui} action={`/tasks/${id}/submit`} label={t('task.submit')} />}
        {withdrawable && <PostButton ui={ui} action={`/tasks/${id}/withdraw`} label={t('task.withdraw')} variant="tertiary" />}
        {completable && <PostButton ui={ui} action={`/tasks/${id}/complete`} label={t('task.complete')} variant="tertiary" />}
      </p>
    </section>
  );
}

function AnswerForm({ ui, page, form }: { ui: Ui; page: TaskPage; form: FormState }) {
  const { t } = ui;
  if (!can(ui.actor, 'task.answer', page.facts)) return null;
  const labels = { answer: t('task.answer'), contribution: t('task.yourContribution'), reason: t('task.declineReasonLabel') };
  return (
    <section aria-labelledby="answer-h" class="panel">
      <h2 id="answer-h">{t('task.invitationTitle')}</h2>
      <p>{t('task.invitationLead')}</p>
      <ErrorSummary ui={ui} form={form} labels={labels} />
      <Form ui={ui} action={`/tasks/${page.task.id}/answer`}>
        <RadioGroup
          ui={ui}
          form={form}
          name="answer"
          label={labels.answer}
          required
          options={[
            { value: 'accept', label: t('task.accept') },
            { value: 'decline', label: t('task.decline') },
          ]}
        />
        <TextArea ui={ui} form={form} name="contribution" label={labels.contribution} hint={t('task.yourContributionHint')} maxLength={1000} rows={3} />
        <TextArea ui={ui} form={form} name="reason" label={labels.reason} hint={t('task.declineReasonHint')} maxLength={1000} rows={2} />
        <SubmitButton label={t('task.sendAnswer')} />
      </Form>
    </section>
  );
}

function SelectForm({ ui, page, form }: { ui: Ui; page: TaskPage; form: FormState }) {
  const { t } = ui;
  if (!can(ui.actor, 'task.select', page.facts)) return null;
  const labels = { kind: t('task.kindLabel'), reason: t('task.kindReason') };
  const body = (
    <>
      <p>{t(page.task.kind ? 'task.selectChangeLead' : 'task.selectLead')}</p>
      <ErrorSummary ui={ui} form={form} labels={labels} />
      <Form ui={ui} action={`/tasks/${page.task.id}/select`}>
        <RadioGroup
          ui={ui}
          form={form}
          name="kind"
          label={labels.kind}
          required
          options={(['key', 'managed'] as const).map((k) => ({ value: k, label: t(`task.kindLong.${k}` as MessageKey) }))}
        />
        <TextArea ui={ui} form={form} name="reason" label={labels.reason} hint={t('task.kindReasonHint')} required maxLength={2000} rows={3} />
        <SubmitButton label={t('task.select')} />
      </Form>
    </>
  );
  // Once decided, changing the kind is rare: the form waits folded away.
  return (
    <section aria-labelledby="select-h" class="panel">
      <h2 id="select-h">{t('task.selectTitle')}</h2>
      {page.task.kind ? (
        <details open={Object.keys(form.errors).length > 0}>
          <summary>{t('task.selectChange')}</summary>
          {body}
        </details>
      ) : (
        body
      )}
    </section>
  );
}

function Outcomes({ ui, page, form }: { ui: Ui; page: TaskPage; form: FormState }) {
  const { t } = ui;
  const { publicSummary } = page;
  const editable = can(ui.actor, 'task.results', page.facts);
  return (
    <section aria-labelledby="outcomes-h">
      <h2 id="outcomes-h">{t('task.outcomes')}</h2>
      <h3>{t('task.publicSummary')}</h3>
      {publicSummary ? (
        <div>
          <p class="meta">
            {periodLabel(ui, publicSummary.period)} <RagBadge ui={ui} rag={publicSummary.rag} />
          </p>
          <p class="pre-line">{publicSummary.summary}</p>
        </div>
      ) : (
        <p class="empty">{t('task.noPublicSummary')}</p>
      )}
      <h3>{t('task.results')}</h3>
      {page.task.results ? <Markdown text={page.task.results} /> : <p class="empty">{t('task.noResults')}</p>}
      {editable && (
        <Form ui={ui} action={`/tasks/${page.task.id}/results`}>
          <ErrorSummary ui={ui} form={form} labels={{ results: t('task.results') }} />
          <TextArea ui={ui} form={form.values.results === undefined ? { values: { results: page.task.results }, errors: {} } : form} name="results" label={t('task.resultsEdit')} hint={t('task.resultsHint')} maxLength={10_000} rows={6} />
          <SubmitButton label={t('task.saveResults')} />
        </Form>
      )}
    </section>
  );
}

function Reports({ ui, page, today }: { ui: Ui; page: TaskPage; today: string }) {
  const { t } = ui;
  if (!page.inside || page.task.kind === null) return null;
  const { task } = page;
  return (
    <section aria-labelledby="reports-h">
      <h2 id="reports-h">{t('task.reports')}</h2>
      {task.next_report_period && (
        <p>
          {t('task.nextReport', { period: periodLabel(ui, task.next_report_period), due: day(ui, task.next_report_due_on!) })}
          {task.next_report_due_on! < today && <strong> {t('task.reportLateBadge')}</strong>}
        </p>
      )}
      {page.reports.length === 0 ? (
        <p class="empty">{t('task.noReports')}</p>
      ) : (
        <ul class="row-list">
          {page.reports.map((r) => (
            <li key={r.id}>
              <a href={`/tasks/${task.id}/reports/${r.id}`}>{periodLabel(ui, r.period)}</a> <RagBadge ui={ui} rag={r.rag} />{' '}
              <span class="meta">{t('task.reportMeta', { at: formatDateTime(ui.locale, r.submitted_at), by: r.submitted_by_name ?? '' })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Staffing({ ui, page }: { ui: Ui; page: TaskPage }) {
  const { t, locale } = ui;
  if (!page.staffing.length) return null;
  return (
    <section aria-labelledby="staffing-h">
      <h2 id="staffing-h">{t('task.staffing')}</h2>
      <ul class="row-list">
        {page.staffing.map((s) => (
          <li key={s.id}>
            {t('task.staffingLine', { positions: formatNumber(locale, s.positions), role: s.role, org: s.from_org_name, months: formatNumber(locale, s.months) })} —{' '}
            <strong>{t(`task.staffingStatus.${s.status}` as MessageKey, { granted: formatNumber(locale, s.granted_positions ?? 0) })}</strong>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The part of a task's page every reader sees alike, rendered once for all of them (`sharedRender`). */
export type TaskParts = { body: VNode };

/** What `TaskParts` holds: the progress figures, the problem and benefit, the indicators and the milestones. */
export function taskParts(ui: Ui, page: TaskPage, today: string): TaskParts {
  const { t } = ui;
  const { task } = page;
  return {
    body: (
      <>
        {task.kind && <ProgressFigures ui={ui} progress={page.progress} />}
        <section aria-labelledby="problem-h">
          <h2 id="problem-h">{t('task.problem')}</h2>
          <p class="pre-line">{task.problem}</p>
          <h3>{t('task.benefit')}</h3>
          <p class="pre-line">{task.benefit}</p>
        </section>
        <section aria-labelledby="goals-h">
          <h2 id="goals-h">{t('task.indicators')}</h2>
          <IndicatorTable ui={ui} indicators={page.indicators} />
        </section>
        <section aria-labelledby="milestones-h">
          <h2 id="milestones-h">{t('task.milestones')}</h2>
          <MilestoneList ui={ui} milestones={page.milestones} today={today} />
        </section>
      </>
    ),
  };
}

export function TaskView({ ui, page, parts, forms, today }: { ui: Ui; page: TaskPage; parts: TaskParts; forms: TaskForms; today: string }) {
  const { t } = ui;
  const { task } = page;
  return (
    <Layout ui={ui} title={task.title} crumbs={[{ href: '/tasks', label: t('task.listTitle') }, { label: task.title }]} description={task.benefit.slice(0, 160)}>
      <h1>{task.title}</h1>
      <p class="badges">
        <KindBadge ui={ui} kind={task.kind} status={task.status} /> <RagBadge ui={ui} rag={task.latest_rag} />
        {page.charter && (
          <span class={`krds-badge ${page.charter.agreedByAll ? 'outline-success' : 'outline-warning'}`}>
            {t(page.charter.agreedByAll ? 'task.charterAgreedBadge' : 'task.charterPendingBadge', { version: page.charter.version })}
          </span>
        )}
      </p>
      <Facts ui={ui} page={page} />
      <AnswerForm ui={ui} page={page} form={forms.answer} />
      <TeamActions ui={ui} page={page} form={forms.manage} />
      <SelectForm ui={ui} page={page} form={forms.select} />
      {parts.body}
      <Outcomes ui={ui} page={page} form={forms.results} />
      <Reports ui={ui} page={page} today={today} />
      <Staffing ui={ui} page={page} />
    </Layout>
  );
}

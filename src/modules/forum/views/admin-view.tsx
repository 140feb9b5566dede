import type { ComponentChildren } from 'preact';
import { EMPTY_FORM, ErrorSummary, Form, type FormState, PostButton, SubmitButton, TextArea, TextField } from '../../../app/ui/form.tsx';
import { Layout } from '../../../app/ui/layout.tsx';
import { listQuery, QueueHeadNote } from '../../../app/ui/pager.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { formatDateTime, formatNumber, type MessageKey } from '../../../shared/i18n/index.ts';
import type { moderationQueue } from '../lists.service.ts';
import { MODERATION_LOG_SHOWN, type moderationLog, type moderationPage } from '../moderation.service.ts';
import { HideForm, hideKey } from './moderation-views.tsx';
import type { Category } from '../settings.service.ts';
import type { ForumSettings } from '../stages.ts';

export interface ForumAdminData {
  queue: Awaited<ReturnType<typeof moderationQueue>>;
  moderation: Awaited<ReturnType<typeof moderationPage>>;
  log: Awaited<ReturnType<typeof moderationLog>>;
  settings: ForumSettings;
  categories: Category[];
}

const SETTING_FIELDS: [keyof ForumSettings, string][] = [
  ['check_hours', 'checkHours'],
  ['discussion_days', 'discussionDays'],
  ['support_needed', 'supportNeeded'],
  ['support_days', 'supportDays'],
  ['answer_days', 'answerDays'],
  ['report_hours', 'reportHours'],
];

/** Open reports and appeals, each with its forms (`failed`: one refused, with what was typed). */
function Moderation({ ui, data, failed, now }: { ui: Ui; data: ForumAdminData['moderation']; failed: FailedModeration | null; now: Date }) {
  const formOf = (key: string) => (failed?.key === key ? failed.form : EMPTY_FORM);
  const { t, locale } = ui;
  return (
    <>
      <section aria-labelledby="reports-h">
        <h2 id="reports-h">{t('forum.queueReports', { count: formatNumber(locale, data.reports.total) })}</h2>
        <QueueHeadNote ui={ui} head={data.reports} />
        {data.reports.total === 0 ? (
          <p class="empty">{t('forum.queueReportsNone')}</p>
        ) : (
          <ul class="card-list">
            {data.reports.items.map((r) => {
              const subject = { proposalId: r.proposal_id, pointId: r.point_id };
              return (
                <li key={`${r.proposal_id}-${r.point_id ?? 0}`} class="card">
                  <h3 class="card-title">
                    <a href={`/forum/${r.proposal_id}${r.point_id ? `#point-${r.point_id}` : ''}`}>{r.point_id ? t('forum.pointOf', { id: r.point_id, title: r.title }) : r.title}</a>
                  </h3>
                  {r.point_body && <p class="pre-line">{r.point_body.slice(0, 300)}</p>}
                  <p class="meta">
                    {t('forum.reportsSummary', { count: Number(r.reports), reasons: r.reasons.split(',').map((x) => t(`forum.reportReason.${x}` as MessageKey)).join(', ') })}{' '}
                    <span class={new Date(r.due_at) < now ? 'krds-badge bg-danger' : ''}>{t('forum.checkDue', { at: formatDateTime(locale, new Date(r.due_at)) })}</span>
                  </p>
                  <HideForm ui={ui} subject={subject} form={formOf(hideKey(subject))} />
                  <PostButton ui={ui} action={`/forum/${r.proposal_id}/dismiss${r.point_id ? `?point=${r.point_id}` : ''}`} label={t('forum.dismissReports')} variant="secondary" />
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section aria-labelledby="appeals-h">
        <h2 id="appeals-h">{t('forum.queueAppeals', { count: formatNumber(locale, data.appeals.total) })}</h2>
        <QueueHeadNote ui={ui} head={data.appeals} />
        {data.appeals.total === 0 ? (
          <p class="empty">{t('forum.queueAppealsNone')}</p>
        ) : (
          <ul class="card-list">
            {data.appeals.items.map((a) => (
              <li key={a.id} class="card">
                <h3 class="card-title">
                  <a href={`/forum/${a.proposal_id}${a.point_id ? `#point-${a.point_id}` : ''}`}>{a.point_id ? t('forum.pointOf', { id: a.point_id, title: a.title }) : a.title}</a>
                </h3>
                <p class="pre-line">{a.body}</p>
                <ErrorSummary ui={ui} form={{ ...formOf(`appeal-${a.id}`), idPrefix: `appeal-${a.id}-` }} labels={{ reason: t('forum.appealDecisionNote') }} />
                <Form ui={ui} action={`/admin/forum/appeals/${a.id}/keep`}>
                  <TextArea ui={ui} form={{ ...formOf(`appeal-${a.id}`), idPrefix: `appeal-${a.id}-` }} name="reason" label={t('forum.appealDecisionNote')} required maxLength={1000} rows={2} />
                  <div class="form-actions">
                    <button type="submit" class="krds-btn" formaction={`/admin/forum/appeals/${a.id}/restore`}>
                      {t('forum.appealRestore')}
                    </button>
                    <button type="submit" class="krds-btn secondary">
                      {t('forum.appealKeep')}
                    </button>
                  </div>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/** The newest moderation actions, with the way to the rest in the audit log: the same for every operator (shared). */
function ModerationLog({ ui, log }: { ui: Ui; log: ForumAdminData['log'] }) {
  const { t, locale } = ui;
  return (
    <section aria-labelledby="log-h">
      <h2 id="log-h">{t('forum.moderationLog')}</h2>
      {log.nextCursor && (
        <p class="meta">
          {t('forum.moderationLogMore', { shown: MODERATION_LOG_SHOWN })} <a href={`/admin/audit${listQuery({}, log.nextCursor)}`}>{t('forum.moderationLogAll')}</a>
        </p>
      )}
      {log.items.length === 0 ? (
        <p class="empty">{t('forum.moderationLogNone')}</p>
      ) : (
        <ul class="row-list">
          {log.items.map((entry) => (
            <li key={entry.id}>
              {formatDateTime(locale, entry.at)} · {entry.actor ?? ''} · {t(`forum.log.${entry.action.slice('forum.'.length)}` as MessageKey)} · {entry.target_type === 'forum_point' ? t('forum.pointRef', { id: entry.target_id ?? '' }) : <a href={`/forum/${entry.target_id}`}>#{entry.target_id}</a>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A moderation form that failed: which one (`hideKey`, or `appeal-<id>`) and what was typed. */
export interface FailedModeration {
  key: string;
  form: FormState;
}

/** Proposals to check (by due time) and answers past due: the same for every operator (shared). */
function ProposalQueues({ ui, queue, now }: { ui: Ui; queue: ForumAdminData['queue']; now: Date }) {
  const { t, locale } = ui;
  return (
    <>
      <section aria-labelledby="checking-h">
        <h2 id="checking-h">{t('forum.queueChecking', { count: formatNumber(locale, queue.checking.total) })}</h2>
        <QueueHeadNote ui={ui} head={queue.checking} />
        {queue.checking.total === 0 ? (
          <p class="empty">{t('forum.queueCheckingNone')}</p>
        ) : (
          <ul class="row-list">
            {queue.checking.items.map((p) => (
              <li key={p.id}>
                <a href={`/forum/${p.id}`}>{p.title}</a> · {p.org}
                {p.check_due_at && (
                  <span class={p.check_due_at < now ? 'krds-badge bg-danger' : 'meta'}> {t(p.check_due_at < now ? 'forum.checkLate' : 'forum.checkDue', { at: formatDateTime(locale, p.check_due_at) })}</span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="overdue-h">
        <h2 id="overdue-h">{t('forum.queueOverdue', { count: formatNumber(locale, queue.overdue.total) })}</h2>
        <QueueHeadNote ui={ui} head={queue.overdue} text="forum.queueOverdueFirst">
          <a href="/forum?stage=overdue">{t('forum.queueOverdueAll')}</a>
        </QueueHeadNote>
        {queue.overdue.total === 0 ? (
          <p class="empty">{t('forum.queueOverdueNone')}</p>
        ) : (
          <ul class="row-list">
            {queue.overdue.items.map((p) => (
              <li key={p.id}>
                <a href={`/forum/${p.id}`}>{p.title}</a> · {p.org} · {p.answer_due_at && t('forum.dueWas', { at: formatDateTime(locale, p.answer_due_at) })}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/** The operators' forum page around its `ForumAdminSections` (shared by the operators). */
export function ForumAdminView({ ui, children }: { ui: Ui; children: ComponentChildren }) {
  const { t } = ui;
  const title = t('forum.adminTitle');
  return (
    <Layout ui={ui} title={title} crumbs={[{ href: '/admin', label: t('admin.title') }, { label: title }]}>
      <h1>{title}</h1>
      {children}
    </Layout>
  );
}

/**
 * Proposals to check (by due time), answers past due, reports, appeals, the log, the settings and
 * categories; `settingsForm`, `categoryForm` and `failed`: a form refused, with what was typed.
 */
export function ForumAdminSections({
  ui,
  data,
  settingsForm,
  categoryForm,
  failed,
  now,
}: {
  ui: Ui;
  data: ForumAdminData;
  settingsForm: FormState | null;
  categoryForm: FormState;
  failed: FailedModeration | null;
  now: Date;
}) {
  const { t } = ui;
  const category = { ...categoryForm, idPrefix: 'category-' };
  const values = settingsForm ?? { values: Object.fromEntries(SETTING_FIELDS.map(([column, field]) => [field, String(data.settings[column])])), errors: {} };
  const settingsState = { ...values, idPrefix: 'settings-' };
  const labels = Object.fromEntries(SETTING_FIELDS.map(([column, field]) => [field, t(`forum.setting.${column}` as 'forum.setting.check_hours')]));
  return (
    <>
      <ProposalQueues ui={ui} queue={data.queue} now={now} />
      <Moderation ui={ui} data={data.moderation} failed={failed} now={now} />
      <ModerationLog ui={ui} log={data.log} />
      <section aria-labelledby="settings-h">
        <h2 id="settings-h">{t('forum.settingsTitle')}</h2>
        <p>{t('forum.settingsLead')}</p>
        <ErrorSummary ui={ui} form={settingsState} labels={labels} />
        <Form ui={ui} action="/admin/forum/settings">
          {SETTING_FIELDS.map(([column, field]) => (
            <TextField key={field} ui={ui} form={settingsState} name={field} label={labels[field]!} hint={t(`forum.settingHint.${column}` as 'forum.settingHint.check_hours')} required inputMode="numeric" maxLength={8} />
          ))}
          <SubmitButton label={t('forum.settingsSave')} />
        </Form>
      </section>
      <section aria-labelledby="categories-h">
        <h2 id="categories-h">{t('forum.categoriesTitle')}</h2>
        <ul class="row-list">
          {data.categories.map((c) => (
            <li key={c.id}>
              {c.name} ({c.name_en}) <PostButton ui={ui} action={`/admin/forum/categories/${c.id}/archive`} label={t('forum.categoryArchive')} variant="tertiary" />
            </li>
          ))}
        </ul>
        <ErrorSummary ui={ui} form={category} labels={{ name: t('forum.categoryName'), nameEn: t('forum.categoryNameEn') }} />
        <Form ui={ui} action="/admin/forum/categories">
          <TextField ui={ui} form={category} name="name" label={t('forum.categoryName')} required maxLength={40} />
          <TextField ui={ui} form={category} name="nameEn" label={t('forum.categoryNameEn')} required maxLength={60} />
          <SubmitButton label={t('forum.categoryAdd')} />
        </Form>
      </section>
    </>
  );
}

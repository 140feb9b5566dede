import { ErrorSummary, Form, type FormState, PostButton, SubmitButton, TextField } from '../../../app/ui/form.tsx';
import { Layout } from '../../../app/ui/layout.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { formatDateTime } from '../../../shared/i18n/index.ts';
import type { moderationQueue } from '../lists.service.ts';
import type { Category } from '../settings.service.ts';
import type { ForumSettings } from '../stages.ts';

export interface ForumAdminData {
  queue: Awaited<ReturnType<typeof moderationQueue>>;
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

/** The operators' forum: proposals to check (by due time), answers past due, the settings and categories. */
export function ForumAdminView({ ui, data, settingsForm, categoryForm, now }: { ui: Ui; data: ForumAdminData; settingsForm: FormState | null; categoryForm: FormState; now: Date }) {
  const { t, locale } = ui;
  const title = t('forum.adminTitle');
  const category = { ...categoryForm, idPrefix: 'category-' };
  const values = settingsForm ?? { values: Object.fromEntries(SETTING_FIELDS.map(([column, field]) => [field, String(data.settings[column])])), errors: {} };
  const settingsState = { ...values, idPrefix: 'settings-' };
  const labels = Object.fromEntries(SETTING_FIELDS.map(([column, field]) => [field, t(`forum.setting.${column}` as 'forum.setting.check_hours')]));
  return (
    <Layout ui={ui} title={title} crumbs={[{ href: '/admin', label: t('admin.title') }, { label: title }]}>
      <h1>{title}</h1>
      <section aria-labelledby="checking-h">
        <h2 id="checking-h">{t('forum.queueChecking', { count: data.queue.checking.length })}</h2>
        {data.queue.checking.length === 0 ? (
          <p class="empty">{t('forum.queueCheckingNone')}</p>
        ) : (
          <ul class="row-list">
            {data.queue.checking.map((p) => (
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
        <h2 id="overdue-h">{t('forum.queueOverdue', { count: data.queue.overdue.length })}</h2>
        {data.queue.overdue.length === 0 ? (
          <p class="empty">{t('forum.queueOverdueNone')}</p>
        ) : (
          <ul class="row-list">
            {data.queue.overdue.map((p) => (
              <li key={p.id}>
                <a href={`/forum/${p.id}`}>{p.title}</a> · {p.org} · {p.answer_due_at && t('forum.dueWas', { at: formatDateTime(locale, p.answer_due_at) })}
              </li>
            ))}
          </ul>
        )}
      </section>
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
    </Layout>
  );
}

import type { ComponentChildren } from 'preact';
import { ErrorSummary, Form, type FormState, PostButton, SelectField, SubmitButton, TextArea, TextField } from '../../../app/ui/form.tsx';
import { Layout } from '../../../app/ui/layout.tsx';
import { listQuery, Pager } from '../../../app/ui/pager.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { isOperator } from '../../../shared/context.ts';
import { formatDate, type MessageKey } from '../../../shared/i18n/index.ts';
import { ENTRY_BEST_SHOWN, type entry, type searchEntries } from '../entries.service.ts';
import { categoryOptions } from './sos-parts.tsx';

type Entry = NonNullable<Awaited<ReturnType<typeof entry>>>;

/** The published Q&A around its shared part (`EntryResults`). */
export function EntriesView({ ui, children }: { ui: Ui; children: ComponentChildren }) {
  const { t } = ui;
  return (
    <Layout ui={ui} title={t('sos.entriesTitle')} crumbs={[{ href: '/sos', label: t('sos.title') }, { label: t('sos.entriesTitle') }]} description={t('sos.entriesLead')}>
      <h1>{t('sos.entriesTitle')}</h1>
      <p class="lead">{t('sos.entriesLead')}</p>
      {children}
    </Layout>
  );
}

/** The search form, a page of entries and its pager: the same for every reader. */
export function EntryResults({ ui, q, list, after }: { ui: Ui; q: string; list: Awaited<ReturnType<typeof searchEntries>>; after: string | undefined }) {
  const { t } = ui;
  return (
    <>
      <form method="get" action="/sos/answers" class="filter-form">
        <TextField ui={ui} form={{ values: { q }, errors: {} }} name="q" type="search" label={t('sos.entriesSearch')} maxLength={100} />
        <SubmitButton label={t('sos.filter')} />
      </form>
      {list.more && <p class="meta">{t('sos.entriesBest', { shown: ENTRY_BEST_SHOWN })}</p>}
      {list.items.length === 0 ? (
        <p class="empty">{t(q ? 'sos.entriesNoMatch' : 'sos.entriesNone')}</p>
      ) : (
        <ul class="card-list">
          {list.items.map((e) => (
            <li key={e.id} class="card">
              <h2 class="card-title">
                <a href={`/sos/answers/${e.id}`}>{e.title}</a>
              </h2>
              <p class="meta">
                {t(`sos.category.${e.category}` as MessageKey)} · {formatDate(ui.locale, e.published_at)}
              </p>
              <p class="summary">{e.answer.slice(0, 200)}</p>
            </li>
          ))}
        </ul>
      )}
      <Pager ui={ui} firstHref={`/sos/answers${listQuery({ q })}`} nextHref={list.nextCursor ? `/sos/answers${listQuery({ q }, list.nextCursor)}` : null} onLaterPage={Boolean(after)} />
    </>
  );
}

export function EntryView({ ui, item }: { ui: Ui; item: Entry }) {
  const { t } = ui;
  return (
    <Layout ui={ui} title={item.title} crumbs={[{ href: '/sos/answers', label: t('sos.entriesTitle') }, { label: item.title }]} description={item.answer.slice(0, 160)}>
      <h1>{item.title}</h1>
      <p class="meta">
        {t(`sos.category.${item.category}` as MessageKey)} · {formatDate(ui.locale, item.published_at)}
      </p>
      <h2>{t('sos.entryQuestion')}</h2>
      <p class="pre-line">{item.question}</p>
      <h2>{t('sos.entryAnswer')}</h2>
      <p class="pre-line">{item.answer}</p>
      {isOperator(ui.actor) && (
        <p class="actions">
          <a class="krds-btn secondary" href={`/sos/answers/${item.id}/edit`}>
            {t('sos.entryEdit')}
          </a>{' '}
          <PostButton ui={ui} action={`/sos/answers/${item.id}/delete`} label={t('sos.entryRemove')} variant="tertiary" />
        </p>
      )}
    </Layout>
  );
}

/** Publishing a solved ticket's answer, or editing an entry: the operator removes what identifies people. */
export function EntryFormView({ ui, form, action, back }: { ui: Ui; form: FormState; action: string; back: { href: string; label: string } }) {
  const { t } = ui;
  const labels = { category: t('sos.category'), title: t('sos.subject'), question: t('sos.entryQuestion'), answer: t('sos.entryAnswer') };
  return (
    <Layout ui={ui} title={t('sos.entryPublish')} crumbs={[{ href: back.href, label: back.label }, { label: t('sos.entryPublish') }]}>
      <h1>{t('sos.entryPublish')}</h1>
      <p class="notice notice-warning">{t('sos.entryPrivacy')}</p>
      <ErrorSummary ui={ui} form={form} labels={labels} />
      <Form ui={ui} action={action}>
        <SelectField ui={ui} form={form} name="category" label={labels.category} required options={categoryOptions(ui)} />
        <TextField ui={ui} form={form} name="title" label={labels.title} required maxLength={150} />
        <TextArea ui={ui} form={form} name="question" label={labels.question} required maxLength={5000} rows={6} />
        <TextArea ui={ui} form={form} name="answer" label={labels.answer} required maxLength={10_000} rows={10} />
        <SubmitButton label={t('sos.entrySave')} />
      </Form>
    </Layout>
  );
}

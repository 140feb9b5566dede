import type { ComponentChildren } from 'preact';
import { ErrorSummary, Form, type FormState, RadioGroup, SelectField, SubmitButton, TextField } from '../../../app/ui/form.tsx';
import { Layout } from '../../../app/ui/layout.tsx';
import { listQuery, Pager } from '../../../app/ui/pager.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { formatNumber, type MessageKey } from '../../../shared/i18n/index.ts';
import type { listProposals, myProposals } from '../lists.service.ts';
import type { Category } from '../settings.service.ts';
import type { ForumSettings } from '../stages.ts';
import { ProposalCardItem } from './forum-parts.tsx';

const STAGE_FILTERS = ['open', 'review', 'overdue', 'adopted', 'not_adopted', 'completed', 'expired'] as const;

export const categoryOptions = (ui: Ui, categories: Category[]) => categories.map((c) => ({ value: String(c.id), label: ui.locale === 'en' ? c.name_en : c.name }));

/** The forum's front page around its shared parts (`ForumRules`, `ProposalResults`), with a member's own link. */
export function ForumHomeView({ ui, rules, children }: { ui: Ui; rules: ComponentChildren; children: ComponentChildren }) {
  const { t } = ui;
  return (
    <Layout ui={ui} title={t('forum.title')} crumbs={[{ label: t('forum.title') }]} description={t('forum.lead')}>
      <h1>{t('forum.title')}</h1>
      <p class="lead">{t('forum.lead')}</p>
      {rules}
      <p class="actions">
        <a class="krds-btn" href="/forum/new">
          {t('forum.new')}
        </a>{' '}
        {ui.actor.kind === 'user' && (
          <a class="krds-btn secondary" href="/forum/mine">
            {t('forum.mine')}
          </a>
        )}
      </p>
      {children}
    </Layout>
  );
}

/** The programme's rules as the operators set them (days of discussion, supports needed): the same for every reader. */
export function ForumRules({ ui, settings }: { ui: Ui; settings: ForumSettings }) {
  return <p>{ui.t('forum.rules', { discussion: settings.discussion_days, needed: formatNumber(ui.locale, settings.support_needed), days: settings.support_days, answerDays: settings.answer_days })}</p>;
}

/** The search form, a page of proposals and its pager: the same for every reader. */
export function ProposalResults({ ui, data, categories, now }: { ui: Ui; data: Awaited<ReturnType<typeof listProposals>>; categories: Category[]; now: Date }) {
  const { t } = ui;
  const { query } = data;
  const filter = { q: query.q, stage: query.stage, category: query.category, org: query.org, sort: query.sort };
  const form = { values: { ...filter }, errors: {} };
  return (
    <>
      <form method="get" action="/forum" class="filter-form">
        <TextField ui={ui} form={form} name="q" type="search" label={t('forum.search')} maxLength={100} />
        <SelectField
          ui={ui}
          form={form}
          name="stage"
          label={t('forum.stageFilter')}
          options={[{ value: '', label: t('forum.allStages') }, ...STAGE_FILTERS.map((s) => ({ value: s, label: t(`forum.filter.${s}` as MessageKey) }))]}
        />
        <SelectField ui={ui} form={form} name="category" label={t('forum.category')} options={[{ value: '', label: t('forum.allCategories') }, ...categoryOptions(ui, categories)]} />
        <SelectField
          ui={ui}
          form={form}
          name="sort"
          label={t('forum.sort')}
          options={[
            { value: 'newest', label: t('forum.sort.newest') },
            { value: 'supports', label: t('forum.sort.supports') },
          ]}
        />
        <SubmitButton label={t('forum.searchSubmit')} />
      </form>
      {data.items.length === 0 ? (
        <p class="empty">{query.q || query.stage || query.category || query.org ? t('forum.noneFound') : t('forum.noneYet')}</p>
      ) : (
        <ul class="card-list">
          {data.items.map((card) => (
            <ProposalCardItem key={card.id} ui={ui} card={card} now={now} />
          ))}
        </ul>
      )}
      <Pager ui={ui} firstHref={`/forum${listQuery(filter)}`} nextHref={data.nextCursor ? `/forum${listQuery(filter, data.nextCursor)}` : null} onLaterPage={Boolean(query.after)} />
    </>
  );
}

export function MyProposalsView({
  ui,
  proposals,
  onLaterPage,
  news,
  now,
}: {
  ui: Ui;
  proposals: Awaited<ReturnType<typeof myProposals>>;
  /** Past the first page of them. */
  onLaterPage: boolean;
  news: FormState;
  now: Date;
}) {
  const { t } = ui;
  return (
    <Layout ui={ui} title={t('forum.mine')} crumbs={[{ href: '/forum', label: t('forum.title') }, { label: t('forum.mine') }]}>
      <h1>{t('forum.mine')}</h1>
      <p class="actions">
        <a class="krds-btn" href="/forum/new">
          {t('forum.new')}
        </a>
      </p>
      {proposals.items.length === 0 ? (
        <p class="empty">{t('forum.noneMine')}</p>
      ) : (
        <ul class="card-list">
          {proposals.items.map((card) => (
            <ProposalCardItem key={card.id} ui={ui} card={card} now={now} />
          ))}
        </ul>
      )}
      <Pager ui={ui} firstHref="/forum/mine" nextHref={proposals.nextCursor ? `/forum/mine${listQuery({}, proposals.nextCursor)}` : null} onLaterPage={onLaterPage} />
      <section aria-labelledby="news-h">
        <h2 id="news-h">{t('forum.newsTitle')}</h2>
        <p>{t('forum.newsLead')}</p>
        <ErrorSummary ui={ui} form={news} labels={{ mode: t('forum.newsMode') }} />
        <Form ui={ui} action="/forum/news">
          <RadioGroup ui={ui} form={news} name="mode" label={t('forum.newsMode')} required options={(['each', 'daily', 'off'] as const).map((mode) => ({ value: mode, label: t(`forum.news.${mode}` as MessageKey) }))} />
          <SubmitButton label={t('forum.newsSave')} />
        </Form>
      </section>
    </Layout>
  );
}

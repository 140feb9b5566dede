import type { VNode } from 'preact';
import { Form, type FormState, SelectField, SubmitButton, TextField } from '../../../app/ui/form.tsx';
import { Layout } from '../../../app/ui/layout.tsx';
import { listQuery, Pager } from '../../../app/ui/pager.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import type { Page } from '../../../db/pagination.ts';
import { formatNumber } from '../../../shared/i18n/index.ts';
import { queryTerms } from '../../../shared/korean-search.ts';
import { type Region, regionOptions, sectorOptions } from '../../orgs/index.ts';
import { countLimit, type DemandSummary } from '../demands.queries.ts';
import type { DemandList } from '../demands.service.ts';
import type { Theme } from '../themes.service.ts';
import { DemandCard, purposeOptions, themeOptions } from './demand-parts.tsx';

interface Parts {
  filters: VNode;
  results: VNode;
}

/**
 * The demand list around its shared parts (`DemandFilters`, `DemandResults`): what only a member has
 * (their own lists, saving the search) is theirs.
 */
export function DemandListView({ ui, filter, parts }: { ui: Ui; filter: DemandList['filter']; parts: Parts }) {
  const { t } = ui;
  return (
    <Layout ui={ui} title={filter.q ? t('demand.searchTitle', { q: filter.q }) : t('demand.listTitle')} crumbs={[{ label: t('demand.listTitle') }]} description={t('demand.listLead')} feed="/demands/feed.xml">
      <h1>{t('demand.listTitle')}</h1>
      <p class="lead">{t('demand.listLead')}</p>
      <p class="actions">
        <a class="krds-btn" href="/demands/new">
          {t('demand.new')}
        </a>
        {ui.actor.kind === 'user' && ui.actor.memberships.length > 0 && (
          <>
            <a class="krds-btn secondary" href="/demands/mine">
              {t('demand.mineTitle')}
            </a>
            <a class="krds-btn secondary" href="/replies/mine">
              {t('reply.mineTitle')}
            </a>
          </>
        )}
        <a class="krds-btn tertiary" href="/demands/feed.xml">
          {t('demand.feed')}
        </a>
      </p>
      {parts.filters}
      {ui.actor.kind === 'user' && (filter.q || filter.theme || filter.purpose || filter.targetSector || filter.orgSector || filter.region) && (
        <Form ui={ui} action="/subscriptions/search" class="save-search">
          <input type="hidden" name="query" value={listQuery(filter).slice(1)} />
          <button type="submit" class="krds-btn secondary">
            {t('subscription.saveSearch')}
          </button>
        </Form>
      )}
      {parts.results}
    </Layout>
  );
}

/** The search form, the count and a corrected query's notice: the same for every reader. */
export function DemandFilters({ ui, list, themes, regions }: { ui: Ui; list: DemandList; themes: Theme[]; regions: Region[] }) {
  const { t } = ui;
  const { filter, total } = list;
  const form: FormState = {
    values: { ...filter, theme: filter.theme ? String(filter.theme) : '', due: filter.due ? String(filter.due) : '' },
    errors: {},
  };
  const any = t('demand.any');
  return (
    <>
      <form method="get" action="/demands" class="filter-form">
        <TextField ui={ui} form={form} name="q" type="search" label={t('demand.search')} hint={t('demand.searchHint')} maxLength={100} />
        <SelectField ui={ui} form={form} name="status" label={t('demand.status')} options={statusOptions(ui)} />
        <SelectField ui={ui} form={form} name="purpose" label={t('demand.purpose')} options={purposeOptions(ui, any)} />
        <SelectField ui={ui} form={form} name="theme" label={t('demand.theme')} options={[{ value: '', label: any }, ...themeOptions(ui, themes)]} />
        <SelectField ui={ui} form={form} name="orgSector" label={t('demand.orgSector')} options={sectorOptions(ui, any)} />
        <SelectField ui={ui} form={form} name="targetSector" label={t('demand.targetSector')} options={sectorOptions(ui, any)} />
        <SelectField
          ui={ui}
          form={form}
          name="region"
          label={t('demand.targetRegion')}
          options={regionOptions(ui, regions, { anyLabel: any, provincesOnly: true })}
        />
        <SelectField
          ui={ui}
          form={form}
          name="due"
          label={t('demand.due')}
          options={[
            { value: '', label: any },
            { value: '7', label: t('demand.dueWithin', { days: 7 }) },
            { value: '30', label: t('demand.dueWithin', { days: 30 }) },
          ]}
        />
        <SelectField
          ui={ui}
          form={form}
          name="sort"
          label={t('demand.sort')}
          options={[
            { value: 'newest', label: t('demand.sortNewest') },
            { value: 'deadline', label: t('demand.sortDeadline') },
            { value: 'replies', label: t('demand.sortReplies') },
          ]}
        />
        <SubmitButton label={t('org.searchSubmit')} />
      </form>
      <p class="result-count" role="status">
        {total > countLimit(filter)
          ? t('demand.resultCountMany', { count: formatNumber(ui.locale, countLimit(filter)) })
          : t('demand.resultCount', { count: formatNumber(ui.locale, total) })}
      </p>
      {list.typedQuery && (
        <p class="notice" role="note">
          {t('demand.searchCorrected', { typed: list.typedQuery, q: filter.q ?? '' })}
        </p>
      )}
    </>
  );
}

/** The page of demands and its pager: the same for every reader. */
export function DemandResults({ ui, list, now }: { ui: Ui; list: DemandList; now: Date }) {
  const { filter, page } = list;
  const pager = { firstHref: `/demands${listQuery(filter)}`, nextHref: page.nextCursor ? `/demands${listQuery(filter, page.nextCursor)}` : null, onLaterPage: !!list.after };
  return <DemandPage ui={ui} items={page.items} now={now} terms={queryTerms(filter.q)} empty={ui.t('demand.noResults')} pager={pager} />;
}

/** The member's organisations' demands, drafts included: the same for every member of them. */
export function MyDemands({ ui, page, now, onLaterPage }: { ui: Ui; page: Page<DemandSummary>; now: Date; onLaterPage: boolean }) {
  const pager = { firstHref: '/demands/mine', nextHref: page.nextCursor ? `/demands/mine${listQuery({}, page.nextCursor)}` : null, onLaterPage };
  return <DemandPage ui={ui} items={page.items} now={now} terms={[]} empty={ui.t('demand.mineEmpty')} pager={pager} />;
}

interface DemandPageProps {
  ui: Ui;
  items: DemandSummary[];
  now: Date;
  terms: string[];
  /** Said when there are none. */
  empty: string;
  pager: { firstHref: string; nextHref: string | null; onLaterPage: boolean };
}

function DemandPage({ ui, items, now, terms, empty, pager }: DemandPageProps) {
  return (
    <>
      {items.length === 0 ? (
        <p class="empty">{empty}</p>
      ) : (
        <ul class="card-list">
          {items.map((demand) => (
            <DemandCard key={demand.id} ui={ui} demand={demand} now={now} terms={terms} />
          ))}
        </ul>
      )}
      <Pager ui={ui} {...pager} />
    </>
  );
}

function statusOptions(ui: Ui) {
  return (['active', 'open', 'negotiating', 'concluded', 'closed', 'all'] as const).map((value) => ({
    value,
    label: ui.t(`demandFilter.${value}`),
  }));
}

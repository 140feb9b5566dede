import type { ComponentChildren } from 'preact';
import { Highlight } from '../../../app/ui/highlight.tsx';
import type { Option } from '../../../app/ui/form.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { daysBetween, kstDate, kstMidnight } from '../../../shared/dates.ts';
import { formatDate, formatNumber, type MessageKey } from '../../../shared/i18n/index.ts';
import { sectorLabel } from '../../orgs/index.ts';
import type { DemandSummary } from '../demands.queries.ts';
import { type DemandStatus, PURPOSES, type Purpose } from '../demands.tables.ts';
import type { Theme } from '../themes.service.ts';

export function purposeLabel(ui: Ui, purpose: Purpose): string {
  return ui.t(`purpose.${purpose}` as MessageKey);
}

export function purposeOptions(ui: Ui, anyLabel?: string): Option[] {
  const options = PURPOSES.map((p) => ({ value: p, label: purposeLabel(ui, p) }));
  return anyLabel ? [{ value: '', label: anyLabel }, ...options] : options;
}

export function themeOptions(ui: Ui, themes: Theme[]): Option[] {
  return themes.map((th) => ({ value: String(th.id), label: ui.locale === 'en' ? th.name_en : th.name }));
}

const STATUS_STYLE: Record<DemandStatus, string> = {
  draft: 'outline-gray',
  open: 'bg-primary',
  negotiating: 'bg-secondary',
  concluded: 'bg-success',
  closed: 'outline-gray',
  withdrawn: 'outline-gray',
};

export function DemandStatusBadge({ ui, status }: { ui: Ui; status: DemandStatus }) {
  return <span class={`krds-badge ${STATUS_STYLE[status]}`}>{ui.t(`demandStatus.${status}` as MessageKey)}</span>;
}

/** '2026년 12월 31일 (D-9)' while it is ahead. */
export function deadlineLabel(ui: Ui, deadline: string, now: Date): string {
  const left = daysBetween(kstDate(now), deadline);
  const date = formatDate(ui.locale, kstMidnight(deadline));
  if (left < 0) return ui.t('demand.deadlinePassed', { date });
  return ui.t('demand.deadlineLeft', { date, days: left === 0 ? 'D-day' : `D-${left}` });
}

/** Status, purpose and themes, as a list and a demand's page show them. */
export function DemandBadges({ ui, demand }: { ui: Ui; demand: Pick<DemandSummary, 'status' | 'purpose' | 'themes' | 'themes_en' | 'featured'> }) {
  return (
    <p class="badges">
      {demand.featured && (
        <>
          <span class="krds-badge bg-secondary">{ui.t('review.featuredBadge')}</span>{' '}
        </>
      )}
      <DemandStatusBadge ui={ui} status={demand.status} /> <span class="krds-badge outline-secondary">{purposeLabel(ui, demand.purpose)}</span>
      {(ui.locale === 'en' ? demand.themes_en : demand.themes).map((theme) => (
        <span key={theme} class="krds-badge outline-gray">
          {theme}
        </span>
      ))}
    </p>
  );
}

interface CardProps {
  ui: Ui;
  demand: DemandSummary;
  now: Date;
  terms?: string[];
  headingLevel?: 2 | 3;
  /** Said below the summary, e.g. why the demand is recommended. */
  children?: ComponentChildren;
}

/** One demand in a list: the list page, the home page, an organisation's dashboard. */
export function DemandCard({ ui, demand, now, terms = [], headingLevel = 2, children }: CardProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <li class="card demand-card">
      <Heading class="card-title">
        <a href={terms.length ? `/demands/${demand.id}?q=${encodeURIComponent(terms.join(' '))}` : `/demands/${demand.id}`}>
          <Highlight text={demand.title} terms={terms} />
        </a>
      </Heading>
      <DemandBadges ui={ui} demand={demand} />
      <p class="meta">
        {demand.org_name} · {sectorLabel(ui, demand.org_sector)} · {deadlineLabel(ui, demand.deadline, now)} ·{' '}
        {ui.t('demand.replyCount', { count: formatNumber(ui.locale, demand.reply_count) })}
      </p>
      <p class="summary">
        <Highlight text={demand.summary.slice(0, 200)} terms={terms} />
      </p>
      {children}
    </li>
  );
}

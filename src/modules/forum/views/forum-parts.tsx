import { Figure } from '../../../app/ui/figure.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { formatDate, formatDateTime, formatNumber, type Locale, type MessageKey } from '../../../shared/i18n/index.ts';
import type { ForumFigures } from '../figures.service.ts';
import type { ProposalStatus } from '../forum.tables.ts';
import type { ProposalCard } from '../lists.service.ts';
import { answerOverdue, type ForumSettings, stageAt } from '../stages.ts';
import type { Step } from '../timeline.ts';

const STAGE_STYLE: Record<ProposalStatus, string> = {
  draft: 'outline-gray',
  checking: 'outline-warning',
  returned: 'outline-warning',
  discussion: 'bg-primary',
  support: 'bg-primary',
  expired: 'outline-gray',
  review: 'outline-primary',
  adopted: 'bg-success',
  not_adopted: 'outline-gray',
  completed: 'bg-success',
  withdrawn: 'outline-gray',
  merged: 'outline-gray',
};

export function StageBadge({ ui, stage, overdue = false }: { ui: Ui; stage: ProposalStatus; overdue?: boolean }) {
  return (
    <>
      <span class={`krds-badge ${STAGE_STYLE[stage]}`}>{ui.t(`forum.stage.${stage}` as MessageKey)}</span>
      {overdue && <span class="krds-badge bg-danger">{ui.t('forum.overdue')}</span>}
    </>
  );
}

/** Supports against the threshold, in words and as a progress bar named by them. */
export function SupportMeter({ ui, id, count, needed }: { ui: Ui; id: number; count: number; needed: number | null }) {
  const { t, locale } = ui;
  if (needed === null) return null;
  return (
    <div class="meter">
      <p class="meter-text" id={`meter-${id}`}>
        {t('forum.supportsOf', { count: formatNumber(locale, count), needed: formatNumber(locale, needed) })}
      </p>
      <progress aria-labelledby={`meter-${id}`} value={Math.min(count, needed)} max={needed} />
    </div>
  );
}

export function ProposalCardItem({ ui, card, now }: { ui: Ui; card: ProposalCard; now: Date }) {
  const { t, locale } = ui;
  const stage = stageAt({ ...card }, now);
  return (
    <li class="card">
      <h3 class="card-title">
        <a href={`/forum/${card.id}`}>{card.title}</a>
      </h3>
      <p class="badges">
        <StageBadge ui={ui} stage={stage} overdue={answerOverdue(card, now)} /> <span class="krds-badge outline-gray">{locale === 'en' ? card.category_en : card.category}</span>
      </p>
      <p class="meta">
        {t('forum.cardMeta', { org: card.org, supports: formatNumber(locale, card.support_count), points: formatNumber(locale, card.points_count) })}
        {card.published_at && ` · ${formatDate(locale, card.published_at)}`}
      </p>
    </li>
  );
}

/** The discussion and support windows: they end at a KST midnight, so the last day is what people read. */
const WINDOWS: ReadonlySet<Step['key']> = new Set(['discussion', 'support']);

/** The last day of a window ending at a KST midnight (the window of 'until 12월 17일'). */
export function lastDayOf(locale: Locale, end: Date): string {
  return formatDate(locale, new Date(end.getTime() - 1));
}

/** What happens next, and when: the stages as an ordered list, each with its date or due time. */
export function Timeline({ ui, steps, settings, needed }: { ui: Ui; steps: Step[]; settings: ForumSettings; needed: number | null }) {
  const { t, locale } = ui;
  const promise: Partial<Record<Step['key'], string>> = {
    check: t('forum.promise.check', { hours: settings.check_hours }),
    discussion: t('forum.promise.discussion', { days: settings.discussion_days }),
    support: t('forum.promise.support', { needed: formatNumber(locale, needed ?? settings.support_needed), days: settings.support_days }),
    answer: t('forum.promise.answer', { days: settings.answer_days }),
  };
  return (
    <ol class="timeline">
      {steps.map((step) => (
        <li key={step.key} class={`step step-${step.state}${step.late ? ' step-late' : ''}`} aria-current={step.state === 'current' ? 'step' : undefined}>
          <span class="step-name">{t(`forum.step.${step.key}` as MessageKey)}</span>{' '}
          <span class="step-state">
            {step.state === 'done' && step.at && t('forum.stepDone', { at: formatDate(locale, step.at) })}
            {step.state === 'done' && !step.at && t('forum.stepDoneUndated')}
            {step.state === 'current' && (step.at ? t(step.late ? 'forum.stepLate' : 'forum.stepUntil', { at: WINDOWS.has(step.key) ? lastDayOf(locale, step.at) : formatDateTime(locale, step.at) }) : t('forum.stepNow'))}
            {step.state === 'upcoming' && (promise[step.key] ?? t('forum.stepUpcoming'))}
            {step.state === 'missed' && t('forum.stepMissed')}
          </span>
        </li>
      ))}
    </ol>
  );
}

/** The forum's figures in a strip: published, reached, answered on time (of those due), median days to a decision, overdue now. */
export function ForumFiguresStrip({ ui, figures }: { ui: Ui; figures: ForumFigures }) {
  const { t, locale } = ui;
  const n = (value: number) => formatNumber(locale, value);
  return (
    <dl class="stat-grid">
      <Figure label={t('forum.figPublished')} value={n(figures.published)} />
      <Figure label={t('forum.figReached')} value={n(figures.reached)} />
      <Figure
        label={t('forum.figOnTime')}
        value={figures.answerDue ? t('forum.percent', { n: n(Math.round((figures.answeredOnTime / figures.answerDue) * 1000) / 10) }) : t('forum.noValue')}
        detail={t('forum.figOnTimeDetail', { due: n(figures.answerDue), answered: n(figures.answered) })}
      />
      <Figure label={t('forum.figMedianDays')} value={figures.medianDaysToAnswer === null ? t('forum.noValue') : t('forum.daysValue', { n: n(figures.medianDaysToAnswer) })} />
      <Figure label={t('forum.figOverdue')} value={n(figures.overdueNow)} />
    </dl>
  );
}

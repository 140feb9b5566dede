import { Figure } from '../../../app/ui/figure.tsx';
import type { Option } from '../../../app/ui/form.tsx';
import { ScrollTable } from '../../../app/ui/scroll-table.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { kstMidnight } from '../../../shared/dates.ts';
import { formatDate, formatNumber, type MessageKey } from '../../../shared/i18n/index.ts';
import type { TaskListRow } from '../lists.service.ts';
import type { Progress } from '../progress.ts';
import type { Indicator, Milestone } from '../reports.service.ts';
import type { Rag, TaskKind, TaskStatus } from '../tasks.tables.ts';

/** A 'YYYY-MM-DD' day as the locale writes it. */
export const day = (ui: Ui, date: string) => formatDate(ui.locale, kstMidnight(date));

/** '2026-11' → '2026년 11월', '2026-Q4' → '2026년 4분기'. */
export function periodLabel(ui: Ui, period: string): string {
  const year = period.slice(0, 4);
  return period.includes('Q') ? ui.t('task.periodQuarter', { year, quarter: period.slice(6) }) : ui.t('task.periodMonth', { year, month: Number(period.slice(5)) });
}

export function KindBadge({ ui, kind, status }: { ui: Ui; kind: TaskKind | null; status: TaskStatus }) {
  if (status !== 'registered' && status !== 'completed') return <span class="krds-badge outline-gray">{ui.t(`task.status.${status}` as MessageKey)}</span>;
  if (!kind) return <span class="krds-badge outline-gray">{ui.t('task.kind.candidate')}</span>;
  return <span class={`krds-badge ${kind === 'key' ? 'bg-primary' : 'outline-primary'}`}>{ui.t(`task.kind.${kind}` as MessageKey)}</span>;
}

/** The kinds a list filters on, after "all kinds". */
export function kindOptions(ui: Ui, kinds: readonly ('key' | 'managed' | 'candidate')[]): Option[] {
  return [{ value: '', label: ui.t('task.allKinds') }, ...kinds.map((k) => ({ value: k, label: ui.t(`task.kind.${k}` as MessageKey) }))];
}

const RAG_STYLE: Record<Rag, string> = { green: 'bg-success', amber: 'bg-warning', red: 'bg-danger' };

export function RagBadge({ ui, rag }: { ui: Ui; rag: Rag | null }) {
  if (!rag) return null;
  return <span class={`krds-badge ${RAG_STYLE[rag]}`}>{ui.t(`task.rag.${rag}` as MessageKey)}</span>;
}

export function ragOptions(ui: Ui): Option[] {
  return (['green', 'amber', 'red'] as const).map((rag) => ({ value: rag, label: ui.t(`task.ragLong.${rag}` as MessageKey) }));
}

export function TaskCard({ ui, task, today, headingLevel = 2 }: { ui: Ui; task: TaskListRow; today: string; headingLevel?: 2 | 3 }) {
  const { t, locale } = ui;
  const Heading = `h${headingLevel}` as 'h2';
  const late = task.next_report_due_on !== null && task.next_report_due_on < today;
  return (
    <li class="card">
      <Heading class="card-title">
        <a href={`/tasks/${task.id}`}>{task.title}</a>
      </Heading>
      <p class="badges">
        <KindBadge ui={ui} kind={task.kind} status={task.status} /> <RagBadge ui={ui} rag={task.latest_rag} />
        {late && <span class="krds-badge bg-danger">{t('task.reportLateBadge')}</span>}
        {task.slipping && <span class="krds-badge outline-danger">{t('task.slippingBadge')}</span>}
      </p>
      <p class="meta">
        {t('task.cardMeta', { lead: task.lead_name, partners: formatNumber(locale, task.partners ?? 0), done: formatNumber(locale, task.milestones_done ?? 0), total: formatNumber(locale, task.milestones ?? 0) })}
      </p>
      <p class="summary">{task.benefit.slice(0, 200)}</p>
    </li>
  );
}

/** The explanation of progress in plain words: "마일스톤 6개 중 4개 완료, 지표 2개 중 1개 목표 달성, 보고 기한 준수". */
export function progressSentence(ui: Ui, progress: Progress): string {
  const { t, locale } = ui;
  const n = (value: number) => formatNumber(locale, value);
  const { milestones, indicators, reports } = progress;
  const parts = [
    t('task.progressMilestones', { total: n(milestones.total), done: n(milestones.done) }) + (milestones.slipping ? t('task.progressSlipping', { n: n(milestones.slipping) }) : ''),
    t('task.progressIndicators', { total: n(indicators.total), met: n(indicators.met) }),
    reports.due === 0
      ? t('task.progressReportsNone')
      : reports.late + reports.missing === 0
        ? t('task.progressReportsOk')
        : t('task.progressReportsLate', { due: n(reports.due), late: n(reports.late), missing: n(reports.missing) }),
  ];
  return parts.join(', ');
}

/** Progress as three figures from evidence, with the sentence that explains them. */
export function ProgressFigures({ ui, progress }: { ui: Ui; progress: Progress }) {
  const { t, locale } = ui;
  const fraction = (part: number, whole: number) => t('task.fraction', { part: formatNumber(locale, part), whole: formatNumber(locale, whole) });
  return (
    <section aria-labelledby="progress-h">
      <h2 id="progress-h">{t('task.progress')}</h2>
      <p class="lead">{progressSentence(ui, progress)}</p>
      <dl class="stat-grid">
        <Figure label={t('task.figureMilestones')} value={fraction(progress.milestones.done, progress.milestones.total)} detail={t('task.figureMilestonesDetail', { onTime: formatNumber(locale, progress.milestones.doneOnTime) })} />
        <Figure label={t('task.figureIndicators')} value={fraction(progress.indicators.met, progress.indicators.total)} detail={t('task.figureIndicatorsDetail', { reported: formatNumber(locale, progress.indicators.reported) })} />
        <Figure label={t('task.figureReports')} value={fraction(progress.reports.onTime, progress.reports.due)} detail={progress.reportOverdue ? t('task.figureReportsOverdue') : undefined} />
      </dl>
      <p class="form-hint">{t('task.progressHow')}</p>
    </section>
  );
}

/** Indicators: baseline, target, due day and the newest reported value. */
export function IndicatorTable({ ui, indicators }: { ui: Ui; indicators: Indicator[] }) {
  const { t, locale } = ui;
  if (!indicators.length) return <p class="empty">{t('task.noIndicators')}</p>;
  const value = (v: number, unit: string) => t('task.valueWithUnit', { value: formatNumber(locale, v), unit });
  return (
    <ScrollTable label={t('task.indicators')}>
      <table class="tbl">
        <caption class="sr-only">{t('task.indicators')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('task.indicatorName')}</th>
            <th scope="col">{t('task.baseline')}</th>
            <th scope="col">{t('task.target')}</th>
            <th scope="col">{t('task.latest')}</th>
            <th scope="col">{t('task.dueOn')}</th>
          </tr>
        </thead>
        <tbody>
          {indicators.map((i) => (
            <tr key={i.id}>
              <th scope="row">{i.name}</th>
              <td>{value(i.baseline, i.unit)}</td>
              <td>{value(i.target, i.unit)}</td>
              <td>{i.latest === null ? t('task.notReported') : value(i.latest, i.unit)}</td>
              <td>{day(ui, i.due_on)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

/** Milestones in plan order: due day, owner, and done (on time or late) or slipping. */
export function MilestoneList({ ui, milestones, today }: { ui: Ui; milestones: Milestone[]; today: string }) {
  const { t } = ui;
  if (!milestones.length) return <p class="empty">{t('task.noMilestones')}</p>;
  return (
    <ol class="row-list">
      {milestones.map((m) => {
        const state = m.done_on ? (m.done_on <= m.due_on ? 'doneOnTime' : 'doneLate') : m.due_on < today ? 'slipping' : 'planned';
        return (
          <li key={m.id}>
            <strong>{m.title}</strong>{' '}
            <span class="meta">
              {t('task.milestoneMeta', { due: day(ui, m.due_on), owner: m.owner_name })} · {t(`task.milestone.${state}` as MessageKey, { done: m.done_on ? day(ui, m.done_on) : '' })}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

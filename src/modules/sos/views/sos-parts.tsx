import { Figure } from '../../../app/ui/figure.tsx';
import type { Option } from '../../../app/ui/form.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { formatDateTime, formatNumber, type MessageKey } from '../../../shared/i18n/index.ts';
import type { SosFigures } from '../figures.service.ts';
import { SOS_CATEGORIES, type SosStatus, URGENCIES } from '../sos.tables.ts';

export const categoryOptions = (ui: Ui): Option[] => SOS_CATEGORIES.map((c) => ({ value: c, label: ui.t(`sos.category.${c}` as MessageKey) }));
export const urgencyOptions = (ui: Ui): Option[] => URGENCIES.map((u) => ({ value: u, label: ui.t(`sos.urgencyLong.${u}` as MessageKey) }));

const STATUS_STYLE: Record<SosStatus, string> = { open: 'bg-primary', waiting: 'outline-warning', solved: 'bg-success', closed: 'outline-gray' };

export function StatusBadge({ ui, status }: { ui: Ui; status: SosStatus }) {
  return <span class={`krds-badge ${STATUS_STYLE[status]}`}>{ui.t(`sos.status.${status}` as MessageKey)}</span>;
}

interface Timed {
  status: SosStatus;
  first_response_due_at: Date;
  first_responded_at: Date | null;
  resolution_due_at: Date;
  solved_at: Date | null;
  paused_since: Date | null;
}

/** How a target stands: met (and when), paused, overdue, or due — honestly, breaches included. */
function targetState(due: Date, done: Date | null, paused: boolean, now: Date): 'met' | 'missed' | 'paused' | 'overdue' | 'due' {
  if (done) return done <= due ? 'met' : 'missed';
  if (paused) return 'paused';
  return due < now ? 'overdue' : 'due';
}

/** The two promises of a ticket in plain words, each with its date and how it stands. */
export function DueTimes({ ui, ticket, now }: { ui: Ui; ticket: Timed; now: Date }) {
  const { t, locale } = ui;
  const paused = ticket.status === 'waiting';
  const rows: [MessageKey, Date, Date | null][] = [
    ['sos.firstAnswer', ticket.first_response_due_at, ticket.first_responded_at],
    ['sos.solution', ticket.resolution_due_at, ticket.solved_at],
  ];
  return (
    <dl class="facts">
      {rows.map(([label, due, done]) => {
        const state = targetState(due, done, paused, now);
        return (
          <div key={label}>
            <dt>{t(label)}</dt>
            <dd>
              {t(`sos.due.${state}` as MessageKey, { due: formatDateTime(locale, due), done: done ? formatDateTime(locale, done) : '' })}{' '}
              {(state === 'overdue' || state === 'missed') && <span class="krds-badge bg-danger">{t('sos.breached')}</span>}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

/** The figures in a strip: targets met (% of those due), medians in business hours, satisfaction. */
export function SosFiguresStrip({ ui, figures }: { ui: Ui; figures: SosFigures }) {
  const { t, locale } = ui;
  const share = (part: number, whole: number) => (whole ? t('sos.percent', { n: formatNumber(locale, Math.round((part / whole) * 1000) / 10) }) : t('sos.noValue'));
  const hours = (value: number | null) => (value === null ? t('sos.noValue') : t('sos.hoursValue', { n: formatNumber(locale, value) }));
  return (
    <dl class="stat-grid">
      <Figure label={t('sos.figOpened')} value={formatNumber(locale, figures.opened)} />
      <Figure label={t('sos.figFirstMet')} value={share(figures.firstMet, figures.firstDue)} detail={t('sos.figOf', { n: formatNumber(locale, figures.firstDue) })} />
      <Figure label={t('sos.figResolutionMet')} value={share(figures.resolutionMet, figures.resolutionDue)} detail={t('sos.figOf', { n: formatNumber(locale, figures.resolutionDue) })} />
      <Figure label={t('sos.figMedianFirst')} value={hours(figures.medianFirstHours)} />
      <Figure label={t('sos.figMedianResolution')} value={hours(figures.medianResolutionHours)} />
      <Figure label={t('sos.figSatisfaction')} value={figures.satisfaction === null ? t('sos.noValue') : t('sos.satisfactionValue', { n: formatNumber(locale, figures.satisfaction) })} />
    </dl>
  );
}

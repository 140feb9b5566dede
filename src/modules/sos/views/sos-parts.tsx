import type { Option } from '../../../app/ui/form.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { formatDateTime, type MessageKey } from '../../../shared/i18n/index.ts';
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

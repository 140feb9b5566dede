import type { Column, Table } from '../../shared/export-table.ts';
import type { Translate } from '../../shared/i18n/index.ts';
import type { TaskListRow } from './lists.service.ts';

const COLUMNS: Column[] = [
  { key: 'id', type: 'number', label: 'portfolio.col.id' },
  { key: 'year', type: 'number', label: 'task.year' },
  { key: 'title', type: 'text', label: 'task.title' },
  { key: 'lead', type: 'text', label: 'task.lead' },
  { key: 'kind', type: 'text', label: 'task.kindLabel' },
  { key: 'status', type: 'text', label: 'portfolio.col.status' },
  { key: 'partners', type: 'number', label: 'portfolio.col.partners' },
  { key: 'milestones', type: 'number', label: 'portfolio.col.milestones' },
  { key: 'milestones_done', type: 'number', label: 'portfolio.col.milestonesDone' },
  { key: 'slipping', type: 'text', label: 'task.slippingBadge' },
  { key: 'rag', type: 'text', label: 'task.rag' },
  { key: 'next_report_period', type: 'text', label: 'portfolio.col.nextPeriod' },
  { key: 'next_report_due_on', type: 'text', label: 'portfolio.nextReport' },
  { key: 'report_late', type: 'text', label: 'task.reportLateBadge' },
  { key: 'starts_on', type: 'text', label: 'task.startsOn' },
  { key: 'ends_on', type: 'text', label: 'task.endsOn' },
];

/** The portfolio as a table for CSV and XLSX, in the operator's language. */
export function portfolioTable(rows: TaskListRow[], year: number, today: string, t: Translate): Table {
  const yesNo = (value: boolean) => t(value ? 'task.yes' : 'task.no');
  return {
    name: `tasks-${year}`,
    columns: COLUMNS,
    rows: rows.map((r) => [
      r.id,
      r.year,
      r.title,
      r.lead_name,
      t(r.kind ? `task.kind.${r.kind}` : 'task.kind.candidate'),
      t(`task.status.${r.status}`),
      r.partners ?? 0,
      r.milestones ?? 0,
      r.milestones_done ?? 0,
      yesNo(Boolean(r.slipping)),
      r.latest_rag ? t(`task.rag.${r.latest_rag}`) : '',
      r.next_report_period ?? '',
      r.next_report_due_on ?? '',
      yesNo(r.next_report_due_on !== null && r.next_report_due_on < today),
      r.starts_on,
      r.ends_on,
    ]),
  };
}

import type { Ui } from '../../../app/ui/ui.ts';
import type { MessageKey } from '../../../shared/i18n/index.ts';
import type { CaseLabel } from '../cases.service.ts';
import type { ReplyStatus } from '../matches.tables.ts';

export function ReplyStatusBadge({ ui, status }: { ui: Ui; status: ReplyStatus }) {
  const style = status === 'declined' || status === 'withdrawn' ? 'outline-gray' : status === 'active' ? 'outline-primary' : 'bg-secondary';
  return <span class={`krds-badge ${style}`}>{ui.t(`replyStatus.${status}` as MessageKey)}</span>;
}

export function CaseLabelBadge({ ui, label }: { ui: Ui; label: CaseLabel }) {
  return <span class="krds-badge bg-primary case-label">{ui.t(`caseLabel.${label}` as MessageKey)}</span>;
}

export function CapabilityBadges({ ui, capabilities }: { ui: Ui; capabilities: { id: number; name: string; name_en: string }[] }) {
  if (!capabilities.length) return null;
  return (
    <p class="badges">
      {capabilities.map((c) => (
        <span key={c.id} class="krds-badge outline-secondary">
          {ui.locale === 'en' ? c.name_en : c.name}
        </span>
      ))}
    </p>
  );
}

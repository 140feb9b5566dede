import type { Ui } from '../../../app/ui/ui.ts';
import type { MessageKey } from '../../../shared/i18n/index.ts';
import { type Sector, sectorLabel } from '../../orgs/index.ts';
import type { Reason } from '../fit.ts';

/** The same evidence told to the organisation being recommended a demand, in its own voice. */
const TO_THE_ORG: Partial<Record<MessageKey, MessageKey | null>> = {
  'fit.capability': 'fitForOrg.capability',
  'fit.text': 'fitForOrg.text',
  'fit.reciprocity': 'fitForOrg.reciprocity',
  // Its own activity is no reason it needs to be told.
  'fit.responsive': null,
  'fit.collaborated': null,
};

/** Why something is recommended, one line per reason; `toOrg` when the reader is the organisation that fits. */
export function Reasons({ ui, reasons, toOrg = false }: { ui: Ui; reasons: Reason[]; toOrg?: boolean }) {
  const lines = reasons.flatMap((reason) => {
    const key = toOrg && reason.key in TO_THE_ORG ? TO_THE_ORG[reason.key] : reason.key;
    if (!key) return [];
    const params = reason.key === 'fit.sector' ? { ...reason.params, sector: sectorLabel(ui, reason.params.sector as Sector) } : reason.params;
    return [ui.t(key, params)];
  });
  return (
    <>
      <p class="sr-only">{ui.t('partners.reasons')}</p>
      <ul class="reasons">
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </>
  );
}

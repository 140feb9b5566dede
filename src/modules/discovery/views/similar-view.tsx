import type { Ui } from '../../../app/ui/ui.ts';
import { DemandCard } from '../../demands/index.ts';
import type { Similar } from '../similar.service.ts';

/** Demands like this one; on a draft, a warning to look before publishing a duplicate. */
export function SimilarDemands({ ui, similar, draft, now }: { ui: Ui; similar: Similar[]; draft: boolean; now: Date }) {
  if (!similar.length) return null;
  return (
    <section aria-labelledby="similar-h" class={draft ? 'similar notice notice-warning' : 'similar'}>
      <h2 id="similar-h">{ui.t(draft ? 'similar.draftTitle' : 'similar.title')}</h2>
      {draft && <p>{ui.t('similar.draftLead')}</p>}
      <ul class="card-list">
        {similar.map((s) => (
          <DemandCard key={s.demand.id} ui={ui} demand={s.demand} now={now} headingLevel={3}>
            <p class="meta">{ui.t('similar.shared', { words: s.shared.join(', ') })}</p>
          </DemandCard>
        ))}
      </ul>
    </section>
  );
}

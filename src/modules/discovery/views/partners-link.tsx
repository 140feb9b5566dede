import type { Ui } from '../../../app/ui/ui.ts';

export function PartnersLink({ ui, demandId }: { ui: Ui; demandId: number }) {
  return (
    <section aria-labelledby="partners-h">
      <h2 id="partners-h">{ui.t('partners.title')}</h2>
      <p>
        <a href={`/demands/${demandId}/partners`}>{ui.t('partners.link')}</a>
      </p>
    </section>
  );
}

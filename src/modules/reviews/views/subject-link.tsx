import type { Ui } from '../../../app/ui/ui.ts';
import type { ItemSubject } from '../reviews.service.ts';

/** A review item as a link to what it puts under review, with its kind and organisation. */
export function SubjectLink({ ui, item }: { ui: Ui; item: { subject: ItemSubject | null } }) {
  const { t } = ui;
  if (!item.subject) return <>{t('review.demandGone')}</>;
  return (
    <>
      <a href={item.subject.href}>{item.subject.title}</a>{' '}
      <span class="meta">
        · {t(item.subject.kind === 'task' ? 'review.kindTask' : 'review.kindDemand')} · {item.subject.orgName}
      </span>
    </>
  );
}

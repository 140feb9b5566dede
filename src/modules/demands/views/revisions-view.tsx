import { Layout } from '../../../app/ui/layout.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { formatDateTime, type MessageKey } from '../../../shared/i18n/index.ts';
import type { getRevisions } from '../demands.service.ts';

type Revisions = Awaited<ReturnType<typeof getRevisions>>;

const FIELDS: [string, MessageKey][] = [
  ['title', 'demand.title'],
  ['summary', 'demand.summary'],
  ['purpose', 'demand.purpose'],
  ['themes', 'demand.themes'],
  ['body', 'demand.body'],
  ['needs', 'demand.needs'],
  ['offers', 'demand.offers'],
  ['targetSectors', 'demand.targetSectors'],
  ['targetRegions', 'demand.targetRegions'],
  ['partnersSought', 'demand.partnersSought'],
  ['deadline', 'demand.deadline'],
];

const asText = (value: unknown) => (Array.isArray(value) ? value.join('\n') : String(value ?? ''));

/** 수정 이력: who changed what and when; each version can be read in full. */
export function RevisionsView({ ui, data }: { ui: Ui; data: Revisions }) {
  const { t } = ui;
  const { demand, revisions, showEditors } = data;
  return (
    <Layout
      ui={ui}
      title={t('demand.revisionsTitle', { title: demand.title })}
      crumbs={[{ href: '/demands', label: t('demand.listTitle') }, { href: `/demands/${demand.id}`, label: demand.title }, { label: t('demand.revisions') }]}
    >
      <h1>{t('demand.revisionsTitle', { title: demand.title })}</h1>
      {(revisions.at(-1)?.revision ?? 1) > 1 && <p class="meta">{t('demand.revisionsLatest', { shown: revisions.length })}</p>}
      <ol class="revision-list" reversed>
        {revisions.map((rev, i) => {
          const older = revisions[i + 1];
          const changed = older ? FIELDS.filter(([key]) => asText(rev.snapshot[key]) !== asText(older.snapshot[key])) : [];
          return (
            <li key={rev.revision}>
              <h2>{t('demand.revisionHeading', { n: rev.revision })}</h2>
              <p class="meta">
                {formatDateTime(ui.locale, rev.created_at)} · {showEditors ? (rev.editor_name ?? t('account.deletedUser')) : demand.org_name}
              </p>
              {(older || rev.revision === 1) && (
                <p>{older ? (changed.length ? t('demand.revisionChanged', { fields: changed.map(([, label]) => t(label)).join(', ') }) : t('demand.revisionSame')) : t('demand.revisionFirst')}</p>
              )}
              <details>
                <summary>{t('demand.revisionShow')}</summary>
                <dl class="facts">
                  {FIELDS.filter(([key]) => key !== 'themes' && key !== 'targetSectors' && key !== 'targetRegions' && key !== 'purpose').map(([key, label]) => (
                    <div key={key}>
                      <dt>{t(label)}</dt>
                      <dd class="pre-line">{asText(rev.snapshot[key])}</dd>
                    </div>
                  ))}
                </dl>
              </details>
            </li>
          );
        })}
      </ol>
    </Layout>
  );
}

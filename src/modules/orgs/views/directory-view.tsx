import type { ComponentChildren } from 'preact';
import { type FormState, SelectField, SubmitButton, TextField } from '../../../app/ui/form.tsx';
import { listQuery, Pager } from '../../../app/ui/pager.tsx';
import { Layout } from '../../../app/ui/layout.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { formatNumber } from '../../../shared/i18n/index.ts';
import { COUNT_LIMIT } from '../orgs.queries.ts';
import type { Directory } from '../orgs.service.ts';
import type { Capability, Region } from '../taxonomy.service.ts';
import { capabilityOptions, OrgCard, regionOptions, sectorOptions } from './org-parts.tsx';

interface Props {
  ui: Ui;
  directory: Directory;
  regions: Region[];
  capabilities: Capability[];
}


/** The directory around its shared part (`DirectoryMain`). */
export function DirectoryView({ ui, children }: { ui: Ui; children: ComponentChildren }) {
  const { t } = ui;
  return (
    <Layout ui={ui} title={t('org.directoryTitle')} crumbs={[{ label: t('org.directoryTitle') }]}>
      <h1>{t('org.directoryTitle')}</h1>
      <p class="lead">{t('org.directoryLead')}</p>
      {children}
    </Layout>
  );
}

/** The directory's search, count, cards and pager: the same for every reader. */
export function DirectoryResults({ ui, directory, regions, capabilities }: Props) {
  const { t } = ui;
  const { filter, total, page } = directory;
  const form: FormState = {
    values: { ...filter, capability: filter.capability ? String(filter.capability) : '' },
    errors: {},
  };
  return (
    <>
      <form method="get" action="/orgs" class="filter-form">
        <TextField ui={ui} form={form} name="q" type="search" label={t('org.search')} maxLength={100} />
        <SelectField ui={ui} form={form} name="sector" label={t('org.sector')} options={sectorOptions(ui, t('org.allSectors'))} />
        <SelectField
          ui={ui}
          form={form}
          name="region"
          label={t('org.region')}
          options={regionOptions(ui, regions, { anyLabel: t('org.allRegions'), provincesOnly: true })}
        />
        <SelectField
          ui={ui}
          form={form}
          name="capability"
          label={t('org.capabilities')}
          options={[{ value: '', label: t('org.allCapabilities') }, ...capabilityOptions(ui, capabilities)]}
        />
        <SubmitButton label={t('org.searchSubmit')} />
      </form>
      <p class="result-count" role="status">
        {total > COUNT_LIMIT
          ? t('org.resultCountMany', { count: formatNumber(ui.locale, COUNT_LIMIT) })
          : t('org.resultCount', { count: formatNumber(ui.locale, total) })}
      </p>
      {page.items.length === 0 ? (
        <p class="empty">{t('org.noResults')}</p>
      ) : (
        <ul class="card-list">
          {page.items.map((org) => (
            <OrgCard key={org.id} ui={ui} org={org} />
          ))}
        </ul>
      )}
      <Pager ui={ui} firstHref={`/orgs${listQuery(filter)}`} nextHref={page.nextCursor ? `/orgs${listQuery(filter, page.nextCursor)}` : null} onLaterPage={!!directory.after} />
    </>
  );
}

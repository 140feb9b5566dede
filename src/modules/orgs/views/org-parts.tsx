import type { Option } from '../../../app/ui/form.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import type { MessageKey } from '../../../shared/i18n/index.ts';
import type { OrgSummary } from '../orgs.queries.ts';
import { can } from '../orgs.policy.ts';
import type { OrgStatus } from '../orgs.tables.ts';
import { isPublicSector, SECTORS, type Sector } from '../sectors.ts';
import { regionName } from '../region-names.ts';
import type { Capability, Region } from '../taxonomy.service.ts';

/**
 * An organisation's name where a page mentions it, linked to its profile when the reader may open that:
 * a refused organisation's profile is not public, so others read its name and that it was refused.
 */
export function OrgName({ ui, org }: { ui: Ui; org: { id: number; name: string; status: OrgStatus } }) {
  if (!can(ui.actor, 'org.view', org)) return <>{ui.t('org.rejectedName', { name: org.name })}</>;
  return <a href={`/orgs/${org.id}`}>{org.name}</a>;
}

export function sectorLabel(ui: Ui, sector: Sector): string {
  return ui.t(`sector.${sector}` as MessageKey);
}

export function sectorOptions(ui: Ui, anyLabel?: string): Option[] {
  const options = SECTORS.map((s) => ({ value: s, label: sectorLabel(ui, s) }));
  return anyLabel ? [{ value: '', label: anyLabel }, ...options] : options;
}

/** Provinces, each followed by its districts in an optgroup; 전국 first. */
export function regionOptions(ui: Ui, regions: Region[], opts: { anyLabel?: string; provincesOnly?: boolean } = {}): Option[] {
  const names = new Map(regions.map((r) => [r.code, regionName(ui.locale, r.name)]));
  const options: Option[] = opts.anyLabel ? [{ value: '', label: opts.anyLabel }] : [];
  options.push({ value: 'nationwide', label: ui.t('org.nationwide') });
  for (const region of regions) {
    if (region.parent_code === null) options.push({ value: region.code, label: names.get(region.code) ?? region.name });
    else if (!opts.provincesOnly) {
      const province = names.get(region.parent_code) ?? '';
      options.push({ value: region.code, label: `${province} ${names.get(region.code)}`, group: province });
    }
  }
  // Provinces first (sorted as given), then the districts grouped by province.
  return [...options.filter((o) => !o.group), ...options.filter((o) => o.group)];
}

export function capabilityOptions(ui: Ui, capabilities: Capability[]): Option[] {
  return capabilities.map((c) => ({ value: String(c.id), label: ui.locale === 'en' ? c.name_en : c.name }));
}

export function StatusBadge({ ui, status }: { ui: Ui; status: OrgStatus }) {
  if (status === 'verified') return <span class="krds-badge bg-primary badge-verified">{ui.t('org.verified')}</span>;
  return <span class="krds-badge outline-gray">{ui.t(`org.status.${status}` as MessageKey)}</span>;
}

export function SectorBadge({ ui, sector }: { ui: Ui; sector: Sector }) {
  return (
    <span class="krds-badge outline-secondary">
      {sectorLabel(ui, sector)} · {ui.t(isPublicSector(sector) ? 'org.public' : 'org.private')}
    </span>
  );
}

/** '부산광역시 해운대구', '세종특별자치시' or '전국'. */
export function regionLabel(ui: Ui, org: { region_name: string | null; province_name: string | null }): string {
  if (!org.region_name) return ui.t('org.nationwide');
  const region = regionName(ui.locale, org.region_name);
  return org.province_name ? `${regionName(ui.locale, org.province_name)} ${region}` : region;
}

/** One organisation in a list: directory, home page. */
export function OrgCard({ ui, org, headingLevel = 2 }: { ui: Ui; org: OrgSummary; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <li class="card">
      <Heading class="card-title">
        <a href={`/orgs/${org.id}`}>{org.name}</a>
      </Heading>
      <p class="badges">
        <SectorBadge ui={ui} sector={org.sector} /> <StatusBadge ui={ui} status={org.status} />
      </p>
      <p class="meta">{regionLabel(ui, org)}</p>
      {org.description && <p class="summary">{org.description.slice(0, 160)}</p>}
    </li>
  );
}

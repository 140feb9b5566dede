import {
  CheckboxGroup,
  ErrorSummary,
  Form,
  type FormState,
  type Option,
  rowCount,
  SelectField,
  SubmitButton,
  TextArea,
  TextField,
} from '../../../app/ui/form.tsx';
import { Layout } from '../../../app/ui/layout.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { type Capability, capabilityOptions, type Region, sectorOptions } from '../../orgs/index.ts';
import { MAX_ITEMS } from '../demands.schemas.ts';
import type { ItemKind } from '../demands.tables.ts';
import type { Theme } from '../themes.service.ts';
import { purposeOptions, themeOptions } from './demand-parts.tsx';

export interface DemandFormData {
  themes: Theme[];
  regions: Region[];
  capabilities: Capability[];
  /** The organisations the author may write for (creation only). */
  orgs: { id: number; name: string }[];
}

interface Props {
  ui: Ui;
  form: FormState;
  data: DemandFormData;
  /** Present when editing. */
  demand?: { id: number; title: string } | undefined;
}

function ItemRows({ ui, form, kind, capabilities }: { ui: Ui; form: FormState; kind: ItemKind; capabilities: Option[] }) {
  const { t } = ui;
  return (
    <fieldset class="form-group item-rows">
      <legend class="form-tit">{t(kind === 'offer' ? 'demand.offers' : 'demand.needs')}</legend>
      <p class="form-hint">{t(kind === 'offer' ? 'demand.offersHint' : 'demand.needsHint')}</p>
      {Array.from({ length: rowCount(form, kind, ['capability', 'text'], MAX_ITEMS) }, (_, i) => (
        <div class="item-row" key={i}>
          <SelectField
            ui={ui}
            form={form}
            name={`${kind}.${i}.capability`}
            label={t('demand.itemCategory', { n: i + 1 })}
            options={[{ value: '', label: t('demand.itemPick') }, ...capabilities]}
          />
          <TextField ui={ui} form={form} name={`${kind}.${i}.text`} label={t('demand.itemText', { n: i + 1 })} maxLength={500} />
        </div>
      ))}
    </fieldset>
  );
}

export function DemandFormView({ ui, form, data, demand }: Props) {
  const { t } = ui;
  const title = demand ? t('demand.editTitle') : t('demand.newTitle');
  const labels: Record<string, string> = {
    org: t('demand.org'),
    title: t('demand.title'),
    summary: t('demand.summary'),
    body: t('demand.body'),
    purpose: t('demand.purpose'),
    themes: t('demand.themes'),
    targetSectors: t('demand.targetSectors'),
    targetRegions: t('demand.targetRegions'),
    partnersSought: t('demand.partnersSought'),
    deadline: t('demand.deadline'),
    contactName: t('demand.contactName'),
    contactEmail: t('demand.contactEmail'),
    contactPhone: t('demand.contactPhone'),
  };
  for (const kind of ['offer', 'need'] as const) {
    for (let i = 0; i < MAX_ITEMS; i++) {
      labels[`${kind}.${i}.capability`] = `${t(kind === 'offer' ? 'demand.offers' : 'demand.needs')} ${t('demand.itemCategory', { n: i + 1 })}`;
      labels[`${kind}.${i}.text`] = `${t(kind === 'offer' ? 'demand.offers' : 'demand.needs')} ${t('demand.itemText', { n: i + 1 })}`;
    }
  }
  const capabilities = capabilityOptions(ui, data.capabilities);
  const provinces = data.regions.filter((r) => r.parent_code === null).map((r) => ({ value: r.code, label: r.name }));
  const crumbs = demand
    ? [{ href: '/demands', label: t('demand.listTitle') }, { href: `/demands/${demand.id}`, label: demand.title }, { label: title }]
    : [{ href: '/demands', label: t('demand.listTitle') }, { label: title }];
  return (
    <Layout ui={ui} title={title} crumbs={crumbs}>
      <h1>{title}</h1>
      {!demand && <p class="lead">{t('demand.newLead')}</p>}
      <ErrorSummary ui={ui} form={form} labels={labels} />
      <Form ui={ui} action={demand ? `/demands/${demand.id}/edit` : '/demands/new'}>
        {!demand && (
          <SelectField
            ui={ui}
            form={form}
            name="org"
            label={labels.org!}
            required
            options={data.orgs.map((o) => ({ value: String(o.id), label: o.name }))}
          />
        )}
        <TextField ui={ui} form={form} name="title" label={labels.title!} required maxLength={150} />
        <TextArea ui={ui} form={form} name="summary" label={labels.summary!} hint={t('demand.summaryHint')} required maxLength={500} rows={3} />
        <SelectField ui={ui} form={form} name="purpose" label={labels.purpose!} required options={purposeOptions(ui)} />
        <CheckboxGroup ui={ui} form={form} name="themes" label={labels.themes!} hint={t('demand.themesHint')} options={themeOptions(ui, data.themes)} />
        <TextArea ui={ui} form={form} name="body" label={labels.body!} hint={t('demand.bodyHint')} rows={10} />
        <ItemRows ui={ui} form={form} kind="need" capabilities={capabilities} />
        <ItemRows ui={ui} form={form} kind="offer" capabilities={capabilities} />
        <CheckboxGroup ui={ui} form={form} name="targetSectors" label={labels.targetSectors!} hint={t('demand.targetSectorsHint')} options={sectorOptions(ui)} />
        <CheckboxGroup ui={ui} form={form} name="targetRegions" label={labels.targetRegions!} hint={t('demand.targetRegionsHint')} options={provinces} />
        <TextField ui={ui} form={form} name="partnersSought" label={labels.partnersSought!} required maxLength={2} inputMode="numeric" />
        <TextField ui={ui} form={form} name="deadline" type="date" label={labels.deadline!} hint={t('demand.deadlineHint')} required />
        <TextField ui={ui} form={form} name="contactName" label={labels.contactName!} hint={t('demand.contactHint')} required maxLength={50} autocomplete="name" />
        <TextField ui={ui} form={form} name="contactEmail" type="email" label={labels.contactEmail!} maxLength={254} autocomplete="email" />
        <TextField ui={ui} form={form} name="contactPhone" type="tel" label={labels.contactPhone!} maxLength={20} autocomplete="tel" />
        <SubmitButton label={demand ? t('demand.save') : t('demand.saveDraft')} />
      </Form>
    </Layout>
  );
}

/** Starting values of a new demand: the only organisation preselected, one partner, a month to answer. */
export function newDemandValues(orgs: { id: number }[], deadline: string, contactName: string, contactEmail: string): FormState['values'] {
  return { org: orgs.length === 1 ? String(orgs[0]!.id) : '', partnersSought: '1', deadline, contactName, contactEmail, purpose: 'find-partner' };
}

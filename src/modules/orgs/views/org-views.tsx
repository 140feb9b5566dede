import {
  CheckboxGroup,
  EMPTY_FORM,
  ErrorSummary,
  Form,
  type FormState,
  PostButton,
  SelectField,
  SubmitButton,
  TextArea,
  TextField,
} from '../../../app/ui/form.tsx';
import { Layout } from '../../../app/ui/layout.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { isOperator, membershipOf } from '../../../shared/context.ts';
import { formatDate, formatDuration } from '../../../shared/i18n/index.ts';
import { can } from '../orgs.policy.ts';
import type { getOrgProfile } from '../orgs.service.ts';
import type { Capability, Region } from '../taxonomy.service.ts';
import { capabilityOptions, regionLabel, regionOptions, SectorBadge, sectorOptions, StatusBadge } from './org-parts.tsx';

type Profile = Awaited<ReturnType<typeof getOrgProfile>>;

/** What an unverified or waiting organisation's members can do now, what happens next, and how long it takes. */
function VerificationNotice({ ui, profile }: { ui: Ui; profile: Profile }) {
  const { t, actor } = ui;
  const { org, typicalWait } = profile;
  if (!membershipOf(actor, org.id)) return null;
  if (org.status === 'unverified') return <p class="notice">{t('org.unverifiedNotice')}</p>;
  if (org.status !== 'pending') return null;
  return (
    <div class="notice" role="note">
      <p>
        <strong>{t('org.pendingNotice')}</strong> {typicalWait !== null && t('org.typicalWait', { duration: formatDuration(ui.locale, typicalWait) })}
      </p>
      <p>{t('org.pendingNext')}</p>
    </div>
  );
}

export function OrgProfileView({ ui, profile, revoke = EMPTY_FORM }: { ui: Ui; profile: Profile; revoke?: FormState }) {
  const { t } = ui;
  const { org, capabilities, members, joinPending } = profile;
  return (
    <Layout ui={ui} title={org.name} crumbs={[{ href: '/orgs', label: t('org.directoryTitle') }, { label: org.name }]}>
      <h1>
        {org.name} <StatusBadge ui={ui} status={org.status} />
      </h1>
      <VerificationNotice ui={ui} profile={profile} />
      {org.status === 'rejected' && can(ui.actor, 'org.edit', org) && (
        <p class="notice notice-warning">{t('org.rejectedNotice', { reason: org.rejection_reason ?? '' })}</p>
      )}
      <div class="actions">
        {can(ui.actor, 'org.edit', org) && (
          <a class="krds-btn secondary small" href={`/orgs/${org.id}/edit`}>
            {t('org.edit')}
          </a>
        )}
        {can(ui.actor, 'org.manageMembers', org) && (
          <a class="krds-btn secondary small" href={`/orgs/${org.id}/members`}>
            {t('org.manageMembers')}
          </a>
        )}
        {/* Its admins' own (operators manage members, not an organisation's systems). */}
        {membershipOf(ui.actor, org.id)?.role === 'admin' && org.status === 'verified' && (
          <a class="krds-btn secondary small" href={`/orgs/${org.id}/webhooks`}>
            {t('webhook.title')}
          </a>
        )}
        {can(ui.actor, 'org.requestVerification', org) && (
          <PostButton ui={ui} action={`/orgs/${org.id}/request-verification`} label={t('org.requestVerification')} />
        )}
        {can(ui.actor, 'org.join', org) &&
          (joinPending ? <p>{t('org.joinPending')}</p> : <PostButton ui={ui} action={`/orgs/${org.id}/join`} label={t('org.join')} />)}
      </div>
      <dl class="facts">
        <dt>{t('org.sector')}</dt>
        <dd>
          <SectorBadge ui={ui} sector={org.sector} />
        </dd>
        <dt>{t('org.region')}</dt>
        <dd>{regionLabel(ui, org)}</dd>
        {org.website && (
          <>
            <dt>{t('org.website')}</dt>
            <dd>
              <a href={org.website} rel="noopener noreferrer nofollow">
                {org.website}
              </a>
            </dd>
          </>
        )}
        <dt>{t('org.createdAt')}</dt>
        <dd>{formatDate(ui.locale, org.created_at)}</dd>
      </dl>
      <section aria-labelledby="about-h">
        <h2 id="about-h">{t('org.description')}</h2>
        <p class="prose">{org.description || t('org.noDescription')}</p>
      </section>
      <section aria-labelledby="caps-h">
        <h2 id="caps-h">{t('org.capabilities')}</h2>
        <ul class="tags">
          {capabilities.map((c) => (
            <li key={c.id}>
              <a class="krds-btn-tag" href={`/orgs?capability=${c.id}`}>
                {ui.locale === 'en' ? c.name_en : c.name}
              </a>
            </li>
          ))}
        </ul>
        {org.capability_note && <p class="prose">{org.capability_note}</p>}
      </section>
      {members && (
        <section aria-labelledby="members-h">
          <h2 id="members-h">{t('org.members')}</h2>
          <ul class="plain-links">
            {members
              .filter((m) => m.status === 'active')
              .map((m) => (
                <li key={m.id}>
                  {m.name || t('account.deletedUser')} — {t(`role.${m.role}`)}
                </li>
              ))}
          </ul>
        </section>
      )}
      {isOperator(ui.actor) && org.status === 'verified' && (
        <section class="panel" aria-labelledby="revoke-h">
          <h2 id="revoke-h">{t('org.revokeVerification')}</h2>
          <p class="hint">{t('org.revokeHint')}</p>
          <ErrorSummary ui={ui} form={revoke} />
          <Form ui={ui} action={`/orgs/${org.id}/revoke`}>
            <TextArea ui={ui} form={revoke} name="reason" label={t('org.revokeReason')} required maxLength={1000} rows={2} />
            <SubmitButton label={t('org.revokeVerification')} />
          </Form>
        </section>
      )}
    </Layout>
  );
}

interface OrgFormProps {
  ui: Ui;
  form: FormState;
  regions: Region[];
  capabilities: Capability[];
  /** Absent when registering a new organisation. */
  org?: { id: number; name: string };
}

export function OrgFormView({ ui, form, regions, capabilities, org }: OrgFormProps) {
  const { t } = ui;
  const title = org ? t('org.editTitle') : t('org.createTitle');
  const labels = {
    name: t('org.name'),
    sector: t('org.sector'),
    region: t('org.region'),
    description: t('org.description'),
    website: t('org.website'),
    capabilities: t('org.capabilities'),
    capabilityNote: t('org.capabilityNote'),
  };
  const crumbs = org
    ? [{ href: '/orgs', label: t('org.directoryTitle') }, { href: `/orgs/${org.id}`, label: org.name }, { label: title }]
    : [{ href: '/orgs', label: t('org.directoryTitle') }, { label: title }];
  return (
    <Layout ui={ui} title={title} crumbs={crumbs}>
      <h1>{title}</h1>
      {!org && <p class="lead">{t('org.createLead')}</p>}
      <ErrorSummary ui={ui} form={form} labels={labels} />
      <Form ui={ui} action={org ? `/orgs/${org.id}/edit` : '/orgs/new'}>
        <TextField ui={ui} form={form} name="name" label={labels.name} required maxLength={100} autocomplete="organization" />
        <SelectField ui={ui} form={form} name="sector" label={labels.sector} required options={sectorOptions(ui)} />
        <SelectField ui={ui} form={form} name="region" label={labels.region} required options={regionOptions(ui, regions)} />
        <TextArea ui={ui} form={form} name="description" label={labels.description} maxLength={5000} />
        <TextField ui={ui} form={form} name="website" type="url" label={labels.website} maxLength={300} autocomplete="url" />
        <CheckboxGroup ui={ui} form={form} name="capabilities" label={labels.capabilities} hint={t('org.capabilitiesHint')} options={capabilityOptions(ui, capabilities)} />
        <TextArea ui={ui} form={form} name="capabilityNote" label={labels.capabilityNote} hint={t('org.capabilityNoteHint')} maxLength={1000} />
        <SubmitButton label={org ? t('form.submit') : t('org.createSubmit')} />
      </Form>
    </Layout>
  );
}

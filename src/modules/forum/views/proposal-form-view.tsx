import { ErrorSummary, Form, type FormState, PostButton, SelectField, TextArea, TextField } from '../../../app/ui/form.tsx';
import { Layout } from '../../../app/ui/layout.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { formatNumber } from '../../../shared/i18n/index.ts';
import { type Region, regionOptions } from '../../orgs/index.ts';
import type { ProposalCard } from '../lists.service.ts';
import type { Category } from '../settings.service.ts';
import { stageAt, supportOpen } from '../stages.ts';
import { categoryOptions } from './list-views.tsx';
import { StageBadge } from './forum-parts.tsx';

export interface ProposalFormData {
  categories: Category[];
  regions: Region[];
  /** Shown when the citizen asked for similar proposals first. */
  similar: ProposalCard[] | null;
}

/**
 * Public proposals on the same subject, with a way to support one instead of writing another: the
 * ones still open first-hand, the answered ones to read what was decided.
 */
export function SimilarPanel({ ui, similar, now }: { ui: Ui; similar: ProposalCard[]; now: Date }) {
  const { t, locale } = ui;
  return (
    <section aria-labelledby="similar-h" class="panel" tabindex={-1}>
      <h2 id="similar-h">{t('forum.similarTitle')}</h2>
      {similar.length === 0 ? (
        <p class="empty">{t('forum.similarNone')}</p>
      ) : (
        <>
          <p>{t('forum.similarLead')}</p>
          <ul class="row-list">
            {similar.map((card) => (
              <li key={card.id}>
                <a href={`/forum/${card.id}`}>{card.title}</a> <StageBadge ui={ui} stage={stageAt(card, now)} />{' '}
                <span class="meta">{t('forum.cardMeta', { org: card.org, supports: formatNumber(locale, card.support_count), points: formatNumber(locale, card.points_count) })}</span>
                {supportOpen(card, now) && ui.actor.kind === 'user' && <PostButton ui={ui} action={`/forum/${card.id}/support`} label={t('forum.supportInstead')} variant="secondary" />}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function ProposalFormView({ ui, form, data, action, now, back }: { ui: Ui; form: FormState; data: ProposalFormData; action: string; now: Date; back?: { href: string; label: string } }) {
  const { t } = ui;
  const title = back ? t('forum.editTitle') : t('forum.new');
  const labels = { title: t('forum.field.title'), problem: t('forum.field.problem'), proposal: t('forum.field.proposal'), effect: t('forum.field.effect'), org: t('forum.field.org'), category: t('forum.category'), region: t('forum.field.region') };
  return (
    <Layout ui={ui} title={title} crumbs={[{ href: '/forum', label: t('forum.title') }, ...(back ? [back] : []), { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{t('forum.newLead')}</p>
      <ErrorSummary ui={ui} form={form} labels={labels} />
      {data.similar && <SimilarPanel ui={ui} similar={data.similar} now={now} />}
      <Form ui={ui} action={action}>
        <TextField ui={ui} form={form} name="title" label={labels.title} hint={t('forum.field.titleHint')} required maxLength={100} />
        <TextArea ui={ui} form={form} name="problem" label={labels.problem} hint={t('forum.field.problemHint')} required maxLength={3000} rows={5} />
        <TextArea ui={ui} form={form} name="proposal" label={labels.proposal} hint={t('forum.field.proposalHint')} required maxLength={5000} rows={8} />
        <TextArea ui={ui} form={form} name="effect" label={labels.effect} hint={t('forum.field.effectHint')} required maxLength={2000} rows={4} />
        <TextField ui={ui} form={form} name="org" label={labels.org} hint={t('forum.field.orgHint')} required maxLength={200} />
        <SelectField ui={ui} form={form} name="category" label={labels.category} required options={categoryOptions(ui, data.categories)} />
        <SelectField
          ui={ui}
          form={form}
          name="region"
          label={labels.region}
          options={regionOptions(ui, data.regions, { anyLabel: t('forum.regionAny'), provincesOnly: true }).filter((o) => o.value !== 'nationwide')}
        />
        <div class="form-actions">
          <button type="submit" class="krds-btn">
            {t('forum.saveDraft')}
          </button>
          {!back && (
            <button type="submit" class="krds-btn secondary" formaction="/forum/new/similar">
              {t('forum.similarFirst')}
            </button>
          )}
        </div>
      </Form>
    </Layout>
  );
}

import { Highlight } from '../../../app/ui/highlight.tsx';
import { Form, type FormState, PostButton, SubmitButton, TextArea } from '../../../app/ui/form.tsx';
import { Markdown } from '../../../app/ui/markdown.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { formatDate, formatNumber } from '../../../shared/i18n/index.ts';
import { OrgName, type Region, regionName, type Sector, sectorLabel } from '../../orgs/index.ts';
import type { Attachment } from '../attachments.ts';
import { can, publishBlocker } from '../demands.policy.ts';
import type { DemandItem } from '../demands.queries.ts';
import type { DemandDetail } from '../demands.service.ts';
import { DemandBadges, deadlineLabel } from './demand-parts.tsx';

function formatBytes(ui: Ui, bytes: number): string {
  if (bytes < 1024 * 1024) return `${formatNumber(ui.locale, Math.max(1, Math.round(bytes / 1024)))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function AttachmentList({ ui, files, hrefOf }: { ui: Ui; files: Attachment[]; hrefOf: (file: Attachment) => string }) {
  if (!files.length) return null;
  return (
    <ul class="attachments">
      {files.map((file) => (
        <li key={file.id}>
          <a href={hrefOf(file)} download>
            {file.filename}
          </a>{' '}
          <span class="meta">({formatBytes(ui, file.size_bytes)})</span>
        </li>
      ))}
    </ul>
  );
}

function ItemList({ ui, items, terms }: { ui: Ui; items: DemandItem[]; terms: string[] }) {
  if (!items.length) return <p class="empty">{ui.t('demand.noItems')}</p>;
  return (
    <ul class="item-list">
      {items.map((item) => (
        <li key={`${item.capability_id}-${item.description}`}>
          <span class="krds-badge outline-secondary">{ui.locale === 'en' ? item.name_en : item.name}</span> <Highlight text={item.description} terms={terms} />
        </li>
      ))}
    </ul>
  );
}

interface ArticleProps {
  ui: Ui;
  detail: DemandDetail;
  regions: Region[];
  now: Date;
  /** Words of the search that led here, highlighted. */
  terms: string[];
}

/** The demand itself, as everyone allowed to read it sees it. */
export function DemandArticle({ ui, detail, regions, now, terms }: ArticleProps) {
  const { t } = ui;
  const { demand } = detail;
  const regionNames = new Map(regions.map((r) => [r.code, regionName(ui.locale, r.name)]));
  return (
    <article class="demand">
      <h1>
        <Highlight text={demand.title} terms={terms} />
      </h1>
      <DemandBadges ui={ui} demand={demand} />
      {demand.hidden_at && (
        <div class="notice notice-warning" role="note">
          {t('demand.hiddenNotice', { reason: demand.hidden_reason ?? '' })}
        </div>
      )}
      <p class="lead">
        <Highlight text={demand.summary} terms={terms} />
      </p>
      <dl class="facts">
        <div>
          <dt>{t('demand.org')}</dt>
          <dd>
            <OrgName ui={ui} org={{ id: demand.org_id, name: demand.org_name, status: demand.org_status }} /> ({sectorLabel(ui, demand.org_sector)})
          </dd>
        </div>
        <div>
          <dt>{t('demand.deadline')}</dt>
          <dd>{deadlineLabel(ui, demand.deadline, now)}</dd>
        </div>
        <div>
          <dt>{t('demand.targetSectors')}</dt>
          <dd>{demand.target_sectors.length ? demand.target_sectors.map((s) => sectorLabel(ui, s as Sector)).join(', ') : t('demand.anyPartner')}</dd>
        </div>
        <div>
          <dt>{t('demand.targetRegions')}</dt>
          <dd>{demand.target_regions.length ? demand.target_regions.map((c) => regionNames.get(c) ?? c).join(', ') : t('org.nationwide')}</dd>
        </div>
        <div>
          <dt>{t('demand.partnersSought')}</dt>
          <dd>{t('demand.partnersCount', { count: demand.partners_sought })}</dd>
        </div>
        {demand.published_at && (
          <div>
            <dt>{t('demand.publishedAt')}</dt>
            <dd>{formatDate(ui.locale, demand.published_at)}</dd>
          </div>
        )}
        <div>
          <dt>{t('demand.revisions')}</dt>
          <dd>
            <a href={`/demands/${demand.id}/revisions`}>{t('demand.revisionLink', { n: demand.revision })}</a>
          </dd>
        </div>
      </dl>
      <section aria-labelledby="needs-h">
        <h2 id="needs-h">{t('demand.needs')}</h2>
        <ItemList ui={ui} items={detail.needs} terms={terms} />
      </section>
      <section aria-labelledby="offers-h">
        <h2 id="offers-h">{t('demand.offers')}</h2>
        <ItemList ui={ui} items={detail.offers} terms={terms} />
      </section>
      {demand.body && (
        <section aria-labelledby="body-h">
          <h2 id="body-h">{t('demand.body')}</h2>
          <Markdown text={demand.body} />
        </section>
      )}
      {detail.attachments.length > 0 && (
        <section aria-labelledby="files-h">
          <h2 id="files-h">{t('demand.attachments')}</h2>
          <AttachmentList ui={ui} files={detail.attachments} hrefOf={(f) => `/demands/${demand.id}/files/${f.id}`} />
        </section>
      )}
      <section aria-labelledby="contact-h">
        <h2 id="contact-h">{t('demand.contact')}</h2>
        {detail.showContact ? (
          <p>
            {demand.contact_name}
            {demand.contact_email && (
              <>
                {' · '}
                <a href={`mailto:${demand.contact_email}`}>{demand.contact_email}</a>
              </>
            )}
            {demand.contact_phone && ` · ${demand.contact_phone}`}
          </p>
        ) : (
          <p class="empty">{t('demand.contactHidden')}</p>
        )}
      </section>
    </article>
  );
}

/** What the demanding organisation (and operators) can do with the demand, under it. */
export function DemandManagePanel({ ui, detail, upload, hide }: { ui: Ui; detail: DemandDetail; upload: FormState; hide: FormState }) {
  const { t, actor } = ui;
  const { demand } = detail;
  const id = demand.id;
  const canEdit = can(actor, 'demand.edit', demand);
  const canHide = can(actor, 'demand.hide', demand);
  const blocked = publishBlocker(actor, demand);
  if (!canEdit && !canHide && !can(actor, 'demand.close', demand)) return null;
  return (
    <section class="panel" aria-labelledby="manage-h">
      <h2 id="manage-h">{t('demand.manage')}</h2>
      <p class="actions">
        {canEdit && (
          <a class="krds-btn small secondary" href={`/demands/${id}/edit`}>
            {t('demand.edit')}
          </a>
        )}
        {can(actor, 'demand.publish', demand) && <PostButton ui={ui} action={`/demands/${id}/publish`} label={t('demand.publish')} />}
        {can(actor, 'demand.close', demand) && <PostButton ui={ui} action={`/demands/${id}/close`} label={t('demand.close')} variant="tertiary" />}
        {can(actor, 'demand.withdraw', demand) && <PostButton ui={ui} action={`/demands/${id}/withdraw`} label={t('demand.withdraw')} variant="tertiary" />}
      </p>
      {blocked && (
        <p class="notice" role="note">
          {t(`demand.publishBlocked.${blocked}`)} <a href={`/orgs/${demand.org_id}`}>{demand.org_name}</a>
        </p>
      )}
      {canEdit && (
        <>
          <h3>{t('demand.attachments')}</h3>
          {detail.attachments.map((file) => (
            <p key={file.id} class="attachment-row">
              {file.filename} <PostButton ui={ui} action={`/demands/${id}/files/${file.id}/delete`} label={t('demand.removeFile')} variant="tertiary" />
            </p>
          ))}
          <UploadForm ui={ui} form={upload} action={`/demands/${id}/files`} />
        </>
      )}
      {canHide && (
        <>
          <h3>{t('moderation.title')}</h3>
          {demand.hidden_at ? (
            <PostButton ui={ui} action={`/demands/${id}/unhide`} label={t('moderation.unhide')} variant="secondary" />
          ) : (
            <Form ui={ui} action={`/demands/${id}/hide`}>
              <TextArea ui={ui} form={{ ...hide, idPrefix: 'hide-' }} name="reason" label={t('moderation.reason')} required maxLength={1000} rows={2} />
              <SubmitButton label={t('moderation.hide')} />
            </Form>
          )}
        </>
      )}
    </section>
  );
}

/** A file input with its hint and message; its form must post multipart/form-data. */
export function UploadField({ ui, form, optional }: { ui: Ui; form: FormState; optional?: boolean }) {
  const { t } = ui;
  const id = `f-${form.idPrefix ?? ''}file`;
  const error = form.errors.file;
  return (
    <div class="form-group">
      <div class="form-tit">
        <label for={id}>{optional ? t('upload.labelOptional') : t('upload.label')}</label>
      </div>
      <p class="form-hint" id={`${id}-hint`}>
        {t('upload.hint')}
      </p>
      <div class={error ? 'form-conts is-error' : 'form-conts'}>
        <input
          type="file"
          id={id}
          name="file"
          class="krds-input"
          accept=".pdf,.hwp,.hwpx,.docx,.xlsx,.pptx,.png,.jpg,.jpeg,.gif,.webp"
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
        />
      </div>
      {error && (
        <p class="form-hint-invalid" id={`${id}-error`}>
          {t(error)}
        </p>
      )}
    </div>
  );
}

/** A form of one file; the CSRF token goes as a field before the file. */
export function UploadForm({ ui, form, action }: { ui: Ui; form: FormState; action: string }) {
  return (
    <form method="post" action={action} enctype="multipart/form-data" class="upload-form" noValidate>
      <input type="hidden" name="_csrf" value={ui.csrfToken} />
      <UploadField ui={ui} form={form} />
      <SubmitButton label={ui.t('upload.submit')} />
    </form>
  );
}

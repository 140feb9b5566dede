import { Layout } from '../../../app/ui/layout.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import type { ApiOperation } from '../openapi.ts';

/**
 * The API's reference for people, drawn from the OpenAPI document on the server: every operation
 * with its parameters, the token scope it needs and its answers. No script, so it reads anywhere.
 */
export function DocsView({ ui, operations }: { ui: Ui; operations: ApiOperation[] }) {
  const { t } = ui;
  const tags = [...new Set(operations.map((op) => op.tag))];
  return (
    <Layout ui={ui} title={t('api.docsTitle')} crumbs={[{ label: t('api.docsTitle') }]}>
      <h1>{t('api.docsTitle')}</h1>
      <p>{t('api.docsLead')}</p>
      <ul class="plain-links">
        <li>
          <a href="/api/v1/openapi.json">{t('api.docsDocument')}</a>
        </li>
        <li>
          <a href="/account/tokens">{t('api.tokensTitle')}</a>
        </li>
      </ul>
      <h2>{t('api.docsBasics')}</h2>
      <ul>
        <li>{t('api.docsAuth')}</li>
        <li>{t('api.docsPaging')}</li>
        <li>{t('api.docsErrors')}</li>
        <li>{t('api.docsLimits')}</li>
      </ul>
      {tags.map((tag) => (
        <section key={tag} aria-labelledby={`tag-${tag}`}>
          <h2 id={`tag-${tag}`}>{tag}</h2>
          {operations
            .filter((op) => op.tag === tag)
            .map((op) => (
              <article key={op.id} id={op.id} class="api-operation">
                <h3>
                  <code>
                    {op.method} {op.path}
                  </code>
                </h3>
                <p>{op.summary}</p>
                <p class="meta">{op.scope ? t('api.docsScope', { scope: op.scope }) : t('api.docsPublic')}</p>
                {op.parameters.length > 0 && (
                  <dl class="facts">
                    {op.parameters.map((p) => (
                      <>
                        <dt key={`${p.name}-t`}>
                          <code>{p.name}</code> ({p.in}
                          {p.required ? `, ${t('api.docsRequired')}` : ''})
                        </dt>
                        <dd key={`${p.name}-d`}>{p.description ?? ''}</dd>
                      </>
                    ))}
                  </dl>
                )}
                <p class="meta">{t('api.docsAnswers', { codes: op.responses.join(', ') })}</p>
              </article>
            ))}
        </section>
      ))}
    </Layout>
  );
}

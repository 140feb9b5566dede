import type { ComponentChildren } from 'preact';
import type { Feature } from '../../config.ts';
import type { SignedInUser } from '../../shared/context.ts';
import type { MessageKey } from '../../shared/i18n/index.ts';
import type { Ui } from './ui.ts';

export interface Crumb {
  href?: string;
  label: string;
}

interface LayoutProps {
  ui: Ui;
  title: string;
  crumbs?: Crumb[];
  /** For search results and link previews when the page is shared. */
  description?: string;
  /** An Atom feed of this page's content. */
  feed?: string;
  children: ComponentChildren;
}

/** A menu entry: where, its name, and the features it belongs to (none: always there). */
type NavEntry = [string, MessageKey, Feature[]];

const MAIN_NAV: NavEntry[] = [
  ['/demands', 'nav.demands', ['demands']],
  ['/orgs', 'nav.orgs', []],
  ['/cases', 'nav.cases', ['demands']],
  ['/briefings', 'nav.briefings', ['demands']],
  ['/tasks', 'nav.tasks', ['tasks']],
  ['/sos', 'nav.sos', ['sos']],
  ['/forum', 'nav.forum', ['forum']],
  ['/stats', 'nav.stats', []],
];

/** Where a role's own work is: the operators' console, a reviewer's rounds. */
const ROLE_NAV: Partial<Record<SignedInUser['role'], NavEntry>> = {
  operator: ['/admin', 'layout.admin', []],
  reviewer: ['/reviews', 'review.myTitle', ['demands', 'tasks']],
};

/** Whether the installation offers an entry (`MODULES`). */
export const offered = (ui: Ui, features: Feature[]) => features.length === 0 || features.some((feature) => ui.features.has(feature));

function Header({ ui }: { ui: Ui }) {
  const { t, actor } = ui;
  const otherLocale = ui.locale === 'ko' ? 'en' : 'ko';
  return (
    <header class="site-header">
      <div class="container header-inner">
        <a class="brand" href="/">
          {t('site.name')}
        </a>
        <nav aria-label={t('layout.mainNav')} class="main-nav">
          <ul>
            {[...MAIN_NAV, ...(actor.kind === 'user' && ROLE_NAV[actor.role] ? [ROLE_NAV[actor.role]!] : [])]
              .filter(([, , features]) => offered(ui, features))
              .map(([href, key]) => (
              <li key={href}>
                <a href={href}>{t(key)}</a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="utility">
          <a href={`/lang/${otherLocale}?next=${encodeURIComponent(ui.path)}`} lang={otherLocale} hreflang={otherLocale}>
            {t('layout.languageOther')}
          </a>
          {actor.kind === 'user' ? (
            <>
              <a href="/notifications">
                {t('nav.notifications')}{' '}
                <span data-live-unread={ui.unread} hidden={ui.unread === 0}>
                  <span class="unread-count">{ui.unread > 99 ? '99+' : ui.unread}</span>
                  <span class="sr-only">{t('nav.notificationsUnread')}</span>
                </span>
              </a>
              <span id="live-status" class="sr-only" role="status" />
              <a href="/account">{t('layout.account')}</a>
              <form method="post" action="/logout" class="inline-form">
                <input type="hidden" name="_csrf" value={ui.csrfToken} />
                <button type="submit" class="link-button">
                  {t('layout.logout')}
                </button>
              </form>
            </>
          ) : (
            <>
              <a href={`/login?next=${encodeURIComponent(ui.path)}`}>{t('layout.login')}</a>
              <a href="/signup">{t('layout.signup')}</a>
            </>
          )}
        </div>
      </div>
    </header>
  );
}

function Breadcrumbs({ ui, crumbs }: { ui: Ui; crumbs: Crumb[] }) {
  return (
    <nav class="krds-breadcrumb-wrap" aria-label={ui.t('layout.breadcrumb')}>
      <ol class="breadcrumb">
        <li class="home">
          <a href="/" class="txt">
            {ui.t('layout.home')}
          </a>
        </li>
        {crumbs.map((crumb) => (
          <li key={crumb.label}>
            {crumb.href ? (
              <a href={crumb.href} class="txt">
                {crumb.label}
              </a>
            ) : (
              <span class="txt" aria-current="page">
                {crumb.label}
              </span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

function Footer({ ui }: { ui: Ui }) {
  const { t } = ui;
  return (
    <footer class="site-footer">
      <div class="container">
        <ul class="footer-links">
          <li>
            <a href="/about/operator">{t('layout.footerOperator')}</a>
          </li>
          <li>
            <a href="/recognition">{t('nav.recognition')}</a>
          </li>
          <li>
            <a href="/open-data">{t('nav.openData')}</a>
          </li>
          <li>
            <a href="/developers">{t('api.docsTitle')}</a>
          </li>
          <li>
            <a href="/about/accessibility">{t('layout.footerAccessibility')}</a>
          </li>
          <li>
            <a href="/about/privacy">
              <strong>{t('layout.footerPrivacy')}</strong>
            </a>
          </li>
        </ul>
        <p>{t('layout.footerNote')}</p>
      </div>
    </footer>
  );
}

/** The frame of every page: skip link, header, breadcrumbs, one main landmark, footer. */
export function Layout({ ui, title, crumbs, description, feed, children }: LayoutProps) {
  return (
    <html lang={ui.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} | ${ui.t('site.titleSuffix')}`}</title>
        {description && <meta name="description" content={description} />}
        <meta property="og:title" content={title} />
        <meta property="og:site_name" content={ui.t('site.name')} />
        {description && <meta property="og:description" content={description} />}
        {feed && <link rel="alternate" type="application/atom+xml" href={feed} />}
        <link rel="stylesheet" href={`${ui.assets.krds}/css/token/krds_tokens.css`} />
        <link rel="stylesheet" href={`${ui.assets.krds}/css/common/common.css`} />
        <link rel="stylesheet" href={`${ui.assets.krds}/css/component/component.css`} />
        <link rel="stylesheet" href={ui.assets.css} />
        <link rel="icon" type="image/svg+xml" href={ui.assets.icon} />
        {ui.actor.kind === 'user' && <script type="module" src={ui.assets.live} />}
      </head>
      <body>
        <div id="krds-skip-link">
          <a href="#main">{ui.t('layout.skip')}</a>
        </div>
        <Header ui={ui} />
        <main id="main" class="container" tabindex={-1}>
          {crumbs && <Breadcrumbs ui={ui} crumbs={crumbs} />}
          {ui.flash && (
            <div class="notice notice-success" role="status">
              {ui.t(ui.flash)}
            </div>
          )}
          {children}
        </main>
        <Footer ui={ui} />
      </body>
    </html>
  );
}

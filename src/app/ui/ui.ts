import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Feature } from '../../config.ts';
import type { Actor } from '../../shared/context.ts';
import type { RestoredForm } from '../../shared/form-drafts.ts';
import type { Locale, MessageKey, Translate } from '../../shared/i18n/index.ts';

/** What every view needs about the request, gathered once. */
export interface Ui {
  t: Translate;
  locale: Locale;
  actor: Actor;
  csrfToken: string;
  /** Path and query of this page, for the language switch and sign-in return. */
  path: string;
  flash: MessageKey | null;
  unread: number;
  assets: FastifyInstance['assetUrls'];
  /** A form of this page refused for its CSRF token, with what was typed (`Form` fills it in again). */
  restoredForm: RestoredForm | null;
  /** The features this installation offers (`MODULES`): the menus show only theirs. */
  features: ReadonlySet<Feature>;
}

export function uiOf(request: FastifyRequest): Ui {
  return {
    t: request.t,
    locale: request.locale,
    actor: request.actor,
    csrfToken: request.csrfToken,
    path: request.url,
    flash: request.flash,
    unread: request.unread,
    assets: request.server.assetUrls,
    restoredForm: request.restoredForm,
    features: request.server.config.modules,
  };
}

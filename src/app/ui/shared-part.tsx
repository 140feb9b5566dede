import type { FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { jsxTemplate } from 'preact/jsx-runtime';
import { renderToString } from 'preact-render-to-string';
import { type Ctx, isOperator } from '../../shared/context.ts';
import { sharedPublicData } from '../request-context.ts';
import { type Ui, uiOf } from './ui.ts';

/**
 * What a page reads and renders the same for every reader but an operator: the rest of the page
 * needs `data` (a title, a count), and `parts` are pieces of its main content, more than one where a
 * member's own element stands between them (a list's "save this search").
 */
export interface PublicParts<T, P extends Record<string, VNode>> {
  data: T;
  parts: P;
}

/**
 * The parts of a page that are the same for every reader but an operator (a list's filters, rows and
 * pager; the statistics' charts), read and rendered once for all who ask for this page (its locale,
 * path and query) within the page cache's seconds (`sharedPublic`): a signed-in member's page is
 * still theirs (the header, the buttons only members have) but its costly parts are not rendered
 * again for each of them. `work` reads as a visitor and renders with a visitor's `Ui`, so nothing
 * one member may see reaches another; operators, who may see more, get their own.
 *
 * The parts must hold no form that posts: they are rendered without a CSRF token, and a part
 * rendered with a form carrying `_csrf` is refused with an error rather than sent.
 */
export async function sharedPublicParts<T, P extends Record<string, VNode>>(request: FastifyRequest, work: (reader: Ctx, ui: Ui) => Promise<PublicParts<T, P>>): Promise<PublicParts<T, P>> {
  const ui = uiOf(request);
  const shared = await sharedPublicData(
    request,
    async (reader) => {
      // An operator reads as themselves (`sharedPublicData`) and is shown their own parts.
      const own = isOperator(reader.actor);
      const { data, parts } = await work(reader, own ? ui : { ...ui, actor: reader.actor, csrfToken: '', unread: 0, flash: null, restoredForm: null });
      const html = Object.entries(parts).map(([name, part]) => [name, renderToString(part)] as const);
      if (!own && html.some(([, text]) => text.includes('name="_csrf"'))) throw new Error(`a shared part of ${request.url} holds a form that posts`);
      return { data, html };
    },
    `parts ${request.locale} ${request.url}`,
  );
  // The precompiled-template node of preact's JSX runtime: the HTML as it is, without a wrapper element.
  return { data: shared.data, parts: Object.fromEntries(shared.html.map(([name, text]) => [name, jsxTemplate([text])])) as P };
}

import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { jsxTemplate } from 'preact/jsx-runtime';
import { renderToString } from 'preact-render-to-string';
import { requireOperator } from '../../shared/actors.ts';
import { ANONYMOUS, type Ctx, isOperator, type SignedInUser } from '../../shared/context.ts';
import { ctxOf, sharedPublicData } from '../request-context.ts';
import { type Ui, uiOf } from './ui.ts';
import { sharesWithOthers } from '../plugins/page-cache.ts';

/**
 * What a page reads and renders once for many readers (members and visitors; or operators, on their
 * own pages): the rest of the page needs `data` (a title, a count), and `parts` are pieces of its
 * main content, more than one where a reader's own element stands between them (a list's "save this
 * search").
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
      const { data, parts } = await work(reader, own ? ui : visitorUi(ui));
      return { data, html: own ? Object.entries(parts).map(([name, part]) => [name, renderToString(part)] as const) : renderShared(request, parts) };
    },
    `parts ${request.locale} ${request.url}`,
  );
  return { data: shared.data, parts: asNodes(shared.html) as P };
}

/**
 * Pieces of a detail page that every reader who may see the page sees alike (a proposal's text, its
 * points' words), rendered once for all of them in this locale for a moment (`sharedPublic` under
 * `key`, as the data they come from) and kept as HTML. The caller has decided that this reader may
 * see them; `render` gets a visitor's `Ui`, so nothing of one reader reaches another, and the pieces
 * may hold no form that posts (refused, as in `sharedPublicParts`). Operators, for whom a piece may
 * read differently (a refused organisation's name), get theirs drawn for them.
 */
export async function sharedRender<P extends Record<string, VNode>>(request: FastifyRequest, key: string, render: (ui: Ui) => P | Promise<P>): Promise<P> {
  const ui = uiOf(request);
  if (isOperator(request.actor) || !sharesWithOthers(request)) return render(ui);
  // Keyed by the writes seen when the request came in, before the page read what is rendered here:
  // keyed now, a render of data read before a write would be kept as if it came after it.
  const html = await request.server.sharedPublic(ctxOf(request).db, `html ${request.locale} ${key}`, async () => renderShared(request, await render(visitorUi(ui))), request.writesSeen);
  return asNodes(html) as P;
}

/**
 * How an operators' page shares its parts: `shared` false for a page that depends on the operator
 * asking (a queue filtered to "assigned to me"), read for them; `forms` true for parts with forms that
 * post (a verification queue's buttons), drawn once with stand-ins for each reader's CSRF token and
 * one-time keys, put in per reader (`withReaderKeys`).
 */
export interface OperatorSharing {
  shared?: boolean;
  forms?: boolean;
}

/**
 * The parts of an operators' page that every operator sees alike (a queue's rows and pager, its
 * figures), read and rendered once for all operators asking for this page (its locale, path and query)
 * within the page cache's seconds, as `sharedPublicParts` does for members: the rest of the page (the
 * header, a form's typed text after a refusal) is still drawn for each. Only operators get here
 * (`requireOperator`, checked before anything shared is looked up); an operator who wrote within the
 * minute (`sharesWithOthers`), or whose form comes back after its token was refused, gets theirs read
 * afresh. Shared, `work` reads as `NO_ONE_OPERATOR` (so a read that wrongly depends on who asks finds
 * nothing rather than one operator's things for all) and renders with a `Ui` that holds nothing of
 * the person; without `forms` the parts may hold no form that posts (refused).
 */
export async function sharedOperatorParts<T, P extends Record<string, VNode>>(
  request: FastifyRequest,
  work: (ctx: Ctx, ui: Ui) => Promise<PublicParts<T, P>>,
  { shared = true, forms = false }: OperatorSharing = {},
): Promise<PublicParts<T, P>> {
  const ctx = ctxOf(request);
  requireOperator(ctx);
  const ui = uiOf(request);
  if (!shared || !sharesWithOthers(request) || ui.restoredForm) return work(ctx, ui);
  const answer = await request.server.sharedPublic(
    ctx.db,
    `operator parts ${forms ? 'with forms ' : ''}${request.locale} ${request.url}`,
    async () => {
      const reader = visitorUi(ui);
      const { data, parts } = await work({ ...ctx, actor: NO_ONE_OPERATOR, ip: undefined, formKey: undefined }, forms ? { ...reader, csrfToken: TOKEN_SLOT } : reader);
      return { data, html: forms ? rendered(parts) : renderShared(request, parts) };
    },
    request.writesSeen,
  );
  const html = forms ? answer.html.map(([name, text]) => [name, withReaderKeys(text, request.csrfToken)] as const) : answer.html;
  return { data: answer.data, parts: asNodes(html) as P };
}

/** Stands in a shared part for its reader's CSRF token: random for the process, so nothing a person wrote is taken for it. */
const TOKEN_SLOT = `token-${randomBytes(16).toString('hex')}`;
/** A form's one-time key as `FormKey` draws it. */
const ONE_TIME_KEY = /name="_once" value="[0-9a-f-]{36}"/g;

/** A shared part's forms made this reader's: their CSRF token, and a one-time key of their own in each form. */
function withReaderKeys(html: string, token: string): string {
  return html.replaceAll(TOKEN_SLOT, token).replace(ONE_TIME_KEY, () => `name="_once" value="${randomUUID()}"`);
}

/** An operator who is no one in particular: what operators' shared parts are read as. */
const NO_ONE_OPERATOR: SignedInUser = { kind: 'user', id: 0, name: '', email: '', role: 'operator', memberships: [], sessionId: '', totpEnabled: true };

/** A page's `Ui` as a visitor gets it: no actor, no token, nothing of the person asking. */
function visitorUi(ui: Ui): Ui {
  return { ...ui, actor: ANONYMOUS, csrfToken: '', unread: 0, flash: null, restoredForm: null };
}

function rendered(parts: Record<string, VNode>) {
  return Object.entries(parts).map(([name, part]) => [name, renderToString(part)] as const);
}

function renderShared(request: FastifyRequest, parts: Record<string, VNode>) {
  const html = rendered(parts);
  if (html.some(([, text]) => text.includes('name="_csrf"'))) throw new Error(`a shared part of ${request.url} holds a form that posts`);
  return html;
}

/** The precompiled-template node of preact's JSX runtime: the HTML as it is, without a wrapper element. */
function asNodes(html: (readonly [string, string])[]): Record<string, VNode> {
  return Object.fromEntries(html.map(([name, text]) => [name, jsxTemplate([text])]));
}

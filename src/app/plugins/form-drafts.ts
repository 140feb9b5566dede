import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { draftFits, findDraft, forgetDraft, keepDraft, type RestoredForm } from '../../shared/form-drafts.ts';
import { take } from '../../shared/rate-limit.ts';
import { needsPageState, safeLocalPath } from '../request-context.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** What this browser had typed into a form on this page that was refused for its CSRF token. */
    restoredForm: RestoredForm | null;
  }
}

const DAY = 24 * 3600;

/** The page a form was posted from: the Referer when it is this site's, else the form's own address. */
function pageOf(request: FastifyRequest): string {
  const referer = request.headers.referer;
  if (referer) {
    try {
      const url = new URL(referer);
      const local = url.host === request.host ? safeLocalPath(url.pathname + url.search) : null;
      if (local) return local;
    } catch {
      // Not a URL: the form's own address it is.
    }
  }
  return safeLocalPath(request.url) ?? '/';
}

/** Drafts kept per address and hour: a refused form is a person's accident, not a place to store data. */
const DRAFTS_PER_HOUR = 20;

/**
 * A form refused for its CSRF token (signed out in another tab, the session expired) is not lost:
 * what was typed is kept for this browser and the page it came from, the browser is sent back there
 * — through sign-in when the page needs it — and the page shows the form filled in again with why
 * (`Form`). Returns false when nothing is kept: no browser cookie to know the visitor by, an address
 * no form posts to, more text than any form of ours takes (`MAX_DRAFT_CHARS`), or more refused forms
 * from the address than DRAFTS_PER_HOUR.
 */
export async function keepRefusedForm(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
  const seed = request.cookies.csrf;
  const body = request.body;
  if (!seed || !body || typeof body !== 'object' || request.is404) return false;
  const { database, clock } = request.server;
  const rule = { bucket: `form-draft:${request.ip}`, limit: DRAFTS_PER_HOUR, windowSeconds: 3600 };
  if (!draftFits(body as Record<string, unknown>) || !(await take(database.db, [rule], clock()))) return false;
  const page = pageOf(request);
  await keepDraft(database.db, clock(), seed, page, request.url, body as Record<string, unknown>);
  reply.setCookie('draft', '1', { maxAge: DAY });
  reply.redirect(page, 303);
  return true;
}

/**
 * A page viewed by a browser with a kept draft gets it back (one query, only while the `draft` cookie
 * says there is one); it is forgotten once a page showed it, not when the visit went to sign-in first.
 */
export function formDrafts(app: FastifyInstance): void {
  app.decorateRequest('restoredForm', null);
  app.addHook('preHandler', async (request) => {
    if (request.method !== 'GET' || !request.cookies.draft || !request.cookies.csrf || !needsPageState(request)) return;
    request.restoredForm = await findDraft(app.database.db, app.clock(), request.cookies.csrf, request.url);
  });
  app.addHook('onSend', async (request, reply) => {
    if (!request.restoredForm || reply.statusCode !== 200 || !request.cookies.csrf) return;
    await forgetDraft(app.database.db, request.cookies.csrf, request.url);
    reply.clearCookie('draft');
  });
}

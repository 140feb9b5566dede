import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { ValidationError } from '../../shared/errors.ts';
import type { MessageKey } from '../../shared/i18n/index.ts';
import { seeOther } from '../request-context.ts';
import type { FormState } from './form.tsx';

export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .send(`<!doctype html>${renderToString(page)}`);
}

/**
 * The progressive-enhancement flow of every form: run the use case; on success redirect (303);
 * on a validation failure show the form again (422) with the typed values and the messages.
 */
export async function handleForm<R>(
  request: FastifyRequest,
  reply: FastifyReply,
  run: () => Promise<R>,
  onSuccess: (result: R) => FastifyReply | Promise<FastifyReply>,
  showForm: (form: FormState) => VNode | Promise<VNode>,
): Promise<FastifyReply> {
  let result: R;
  try {
    result = await run();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const values = { ...((request.body as Record<string, unknown> | undefined) ?? {}) };
    delete values._csrf;
    delete values._once;
    return sendPage(reply, await showForm({ values, errors: error.fields }), 422);
  }
  return onSuccess(result);
}

/**
 * The forms of one page (a round's setup, a briefing's administration): each posts to
 * `${base}${path}`; on success the browser returns to the page (`back`) with `message`, on a
 * validation failure the page (`page`) is drawn again, told which of its forms (`which`) failed.
 */
export function formsOfPage<W>(
  app: FastifyInstance,
  base: string,
  back: (request: FastifyRequest) => string,
  page: (request: FastifyRequest, form: FormState, which: W | null) => VNode | Promise<VNode>,
) {
  return (path: string, run: (request: FastifyRequest) => Promise<unknown>, message: MessageKey, which: W | null = null) =>
    app.post(`${base}${path}`, (request, reply) =>
      handleForm(
        request,
        reply,
        () => run(request),
        () => seeOther(reply, back(request), message),
        (form) => page(request, form, which),
      ),
    );
}

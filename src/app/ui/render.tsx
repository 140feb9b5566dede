import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { ValidationError } from '../../shared/errors.ts';
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
    return sendPage(reply, await showForm({ values, errors: error.fields }), 422);
  }
  return onSuccess(result);
}

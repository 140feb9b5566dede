import type { FastifyInstance } from 'fastify';
import { cleanInput } from '../../shared/forms.ts';

/**
 * Every request's query, body (forms, JSON, flattened multipart) and route parameters are cleaned
 * once, here, before any route sees them (`cleanText` of shared/text.ts: no U+0000 or other disallowed controls, NFC),
 * so no list filter, search or form can forget it. Registered after the multipart flattening.
 */
export function inputHygiene(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    request.query = cleanInput(request.query) as typeof request.query;
    request.params = cleanInput(request.params) as typeof request.params;
    request.body = cleanInput(request.body);
  });
}

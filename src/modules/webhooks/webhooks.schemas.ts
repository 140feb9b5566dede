import Type from 'typebox';
import { WEBHOOK_EVENTS } from './events.ts';

export const WebhookInput = Type.Object({
  url: Type.String({ minLength: 1, maxLength: 2000, messageKey: 'webhook.urlInvalid' }),
  events: Type.Array(Type.Union(WEBHOOK_EVENTS.map((event) => Type.Literal(event))), {
    minItems: 1,
    maxItems: WEBHOOK_EVENTS.length,
    messageKey: 'webhook.eventsRequired',
  }),
  /** A demand list query, or the list page's whole address (its query is kept). */
  demandFilter: Type.Optional(Type.String({ maxLength: 1000, messageKey: 'webhook.filterTooLong' })),
});

export { deliver } from './deliver.ts';
export { DELIVERY_ATTEMPTS, publishEvent, WEBHOOK_DELIVER_JOB, WEBHOOK_EVENTS, type WebhookEvent } from './events.ts';
export { webhookPages } from './webhooks.pages.tsx';

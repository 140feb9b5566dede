import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Db } from '../../shared/context.ts';
import { cleanText } from '../../shared/text.ts';
import { publicOnlyLookup } from './targets.ts';

/** How long a receiver may take to answer, in milliseconds. */
const TIMEOUT_MS = 10_000;
/** Of the receiver's answer, this much is read and kept (as the last error of a failure). */
const KEPT_ANSWER = 500;

/**
 * The signature header's value: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` keyed with the
 * webhook's secret (RFC 2104). Signing the time with the body lets a receiver refuse an old message
 * sent again by someone who recorded it.
 */
export function signature(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

interface Answer {
  status: number;
  text: string;
}

/**
 * One POST of the body, no redirects followed, the address checked as it is connected to. The whole
 * exchange has `timeoutMs` (a receiver that answers a byte at a time is cut off like a silent one),
 * and no more of the answer is read than is kept: the worker's other jobs wait behind this one.
 */
function post(url: URL, headers: Record<string, string>, body: string, allowPrivate: boolean, timeoutMs: number): Promise<Answer> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(url, { method: 'POST', headers, lookup: publicOnlyLookup(allowPrivate), signal: AbortSignal.timeout(timeoutMs) }, (response) => {
      let text = '';
      const finish = () => {
        resolve({ status: response.statusCode ?? 0, text: text.slice(0, KEPT_ANSWER) });
        response.destroy();
      };
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
        if (text.length >= KEPT_ANSWER) finish();
      });
      response.on('end', finish);
      response.on('error', reject);
    });
    request.on('error', (error) => reject(error.name === 'AbortError' ? new Error(`no whole answer in ${timeoutMs / 1000} s`) : error));
    request.end(body);
  });
}

/**
 * Sends one delivery (the job `webhook.deliver`). A 2xx answer delivers it; anything else (another
 * status, a redirect, a timeout, an address refused) is recorded and thrown, so the job queue tries
 * again with backoff; on the last attempt the delivery is marked failed. A delivery whose webhook
 * was deleted, or that is no longer pending, is left alone.
 */
export async function deliver(
  db: Db,
  now: Date,
  deliveryId: number,
  attempt: { number: number; last: boolean },
  allowPrivate: boolean,
  timeoutMs = TIMEOUT_MS,
): Promise<void> {
  const delivery = await db
    .selectFrom('webhook_deliveries')
    .innerJoin('webhooks', 'webhooks.id', 'webhook_deliveries.webhook_id')
    .select(['webhook_deliveries.id', 'webhook_deliveries.event', 'webhook_deliveries.body', 'webhooks.url', 'webhooks.secret'])
    .where('webhook_deliveries.id', '=', deliveryId)
    .where('webhook_deliveries.status', '=', 'pending')
    .where('webhooks.deleted_at', 'is', null)
    .executeTakeFirst();
  if (!delivery) return;
  const headers = {
    'content-type': 'application/json; charset=utf-8',
    'user-agent': 'Ieumteo-Webhooks/1',
    'ieumteo-event': delivery.event,
    'ieumteo-delivery': String(delivery.id),
    'ieumteo-signature': signature(delivery.secret, delivery.body, now),
  };
  let answer: Answer | null = null;
  let failure: string | null = null;
  try {
    answer = await post(new URL(delivery.url), headers, delivery.body, allowPrivate, timeoutMs);
    if (answer.status < 200 || answer.status > 299) failure = answer.text.trim() || `HTTP ${answer.status}`;
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }
  await db
    .updateTable('webhook_deliveries')
    .set({
      attempts: attempt.number,
      last_status_code: answer?.status ?? null,
      // What a receiver answered is anybody's text: a NUL in it would fail this very write.
      last_error: failure === null ? null : cleanText(failure).slice(0, KEPT_ANSWER),
      status: failure ? (attempt.last ? 'failed' : 'pending') : 'delivered',
      delivered_at: failure ? null : now,
    })
    .where('id', '=', delivery.id)
    .execute();
  if (failure) throw new Error(`webhook delivery ${delivery.id}: ${failure}`);
}

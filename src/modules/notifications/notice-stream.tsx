import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { renderToString } from 'preact-render-to-string';
import { BACKGROUND, queryText } from '../../app/request-context.ts';
import { NoticeItem } from './notice-item.tsx';
import { noticeFeed } from './notice-feed.ts';
import { noticesAfter, unreadCount } from './notices.ts';

/** A stream ends after this long and the browser opens a new one, so a signed-out session stops hearing. */
const LIFETIME_MS = 5 * 60_000;
/** A comment now and then keeps proxies from closing a quiet stream. */
const KEEPALIVE_MS = 25_000;
const RECONNECT_MS = 5_000;
/** Per person and instance; the oldest stream gives way. Browser tabs close theirs while hidden. */
const STREAMS_PER_PERSON = 8;

/** From the browser's Last-Event-ID on a reconnect, else the list page's newest notice; none: the count only. */
function listedUpTo(request: FastifyRequest): number | undefined {
  const header = request.headers['last-event-id'];
  const raw = typeof header === 'string' ? header : queryText(request, 'after');
  return raw && /^(0|[1-9][0-9]{0,15})$/.test(raw) ? Number(raw) : undefined;
}

/**
 * `GET /notifications/stream`: Server-Sent Events for the header's unread count and, on the
 * notification list, the notices that arrive while it is open — raised on this instance or any other.
 * Each event is the whole current state, so one lost or merged event costs nothing; a signal that
 * changes nothing the page shows sends none.
 */
export function noticeStream(app: FastifyInstance): void {
  const feed = noticeFeed(app.database, (error) => app.log.warn({ err: error }, 'notice feed connection lost; reconnecting'));
  const open = new Map<number, Set<ServerResponse>>();

  app.addHook('preClose', async () => {
    for (const streams of open.values()) for (const stream of streams) stream.end();
    await feed.close();
  });

  app.get('/notifications/stream', BACKGROUND, async (request, reply) => {
    // 204 tells EventSource to stop trying: nobody is signed in.
    if (request.actor.kind !== 'user') return reply.code(204).send();
    const userId = request.actor.id;
    const { t, locale } = request;
    let after = listedUpTo(request);
    const db = app.database.db;
    const res = reply.raw;

    let busy = false;
    let again = false;
    // A signal may arrive for a change this stream already sent (one committed just before it opened).
    let sentUnread: number | undefined;
    const send = async () => {
      if (busy) {
        again = true;
        return;
      }
      busy = true;
      try {
        do {
          again = false;
          const state = after === undefined ? { unread: await unreadCount(db, userId), items: [] } : await noticesAfter(db, userId, after);
          if (res.writableEnded) return;
          if (state.unread === sentUnread && state.items.length === 0) continue;
          sentUnread = state.unread;
          const items = state.items.map((notice) => renderToString(<NoticeItem t={t} locale={locale} notice={notice} />));
          const data = JSON.stringify({ unread: state.unread, label: t('notice.liveUnread', { count: String(state.unread) }), items });
          if (after !== undefined && state.items[0]) after = state.items[0].id;
          res.write(`event: notices\n${after === undefined ? '' : `id: ${after}\n`}data: ${data}\n\n`);
        } while (again);
      } catch (error) {
        request.log.error({ err: error }, 'live notice update failed');
        res.end();
      } finally {
        busy = false;
      }
    };

    const unwatch = await feed.watch(userId, () => void send());
    reply.hijack();
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      // Proxies such as nginx would otherwise hold the events back in a buffer.
      'x-accel-buffering': 'no',
      'x-content-type-options': 'nosniff',
      // When the stream ends, so does the connection: an idle kept-alive one would hold up shutdown.
      connection: 'close',
    });
    res.write(`retry: ${RECONNECT_MS}\n\n`);

    const streams = open.get(userId) ?? new Set();
    open.set(userId, streams);
    streams.add(res);
    app.metrics.liveStreams.inc();
    if (streams.size > STREAMS_PER_PERSON) [...streams][0]?.end();
    const keepalive = setInterval(() => res.write(':\n\n'), KEEPALIVE_MS);
    const lifetime = setTimeout(() => res.end(), LIFETIME_MS);
    res.on('close', () => {
      clearInterval(keepalive);
      clearTimeout(lifetime);
      unwatch();
      streams.delete(res);
      app.metrics.liveStreams.dec();
      if (streams.size === 0 && open.get(userId) === streams) open.delete(userId);
    });
    await send();
  });
}

import pg from 'pg';

/** Called with each notification's payload, or with `null` when some may have been missed. */
export type OnNotify = (payload: string | null) => void;
export type Unlisten = () => Promise<void>;

const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 30_000;

/**
 * A connection of its own that LISTENs on `channel` (a pooled connection would be handed to other
 * queries). Resolves once listening. If the connection is lost it tells `onError` at once, reconnects
 * with growing pauses and then reports `null`: whatever was sent while it was away has to be read again.
 */
export async function listenPostgres(url: string, channel: string, onNotify: OnNotify, onError: (error: Error) => void): Promise<Unlisten> {
  let client: pg.Client | null = null;
  let closed = false;
  let retryMs = RETRY_FIRST_MS;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    // Keepalive probes find a connection that died silently, whose notifications would never come.
    const next = new pg.Client({ connectionString: url, keepAlive: true, keepAliveInitialDelayMillis: 10_000, connectionTimeoutMillis: 10_000 });
    next.on('notification', (message) => {
      if (message.channel === channel) onNotify(message.payload ?? '');
    });
    next.on('error', (error) => lost(next, error));
    next.on('end', () => lost(next, new Error(`LISTEN ${channel}: the connection ended`)));
    try {
      await next.connect();
      await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      await next.end().catch(() => {});
      throw error;
    }
    // Stopped while connecting: nobody would end this connection later.
    if (closed) await next.end().catch(() => {});
    else client = next;
  };

  /** Reported once per lost connection, at once: until `null` arrives, notifications may be missed. */
  const lost = (which: pg.Client, error: Error) => {
    if (closed || client !== which) return;
    client = null;
    onError(error);
    which.end().catch(() => {});
    const reconnect = () => {
      retry = undefined;
      if (closed) return;
      connect().then(
        () => {
          retryMs = RETRY_FIRST_MS;
          if (!closed) onNotify(null);
        },
        (error: Error) => {
          onError(error);
          retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
          retry = setTimeout(reconnect, retryMs);
        },
      );
    };
    retry = setTimeout(reconnect, retryMs);
  };

  await connect();
  return async () => {
    closed = true;
    clearTimeout(retry);
    const last = client;
    client = null;
    await last?.end().catch(() => {});
  };
}

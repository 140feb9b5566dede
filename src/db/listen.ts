import pg from 'pg';

/** Called with each notification's payload, or with `null` when some may have been missed. */
export type OnNotify = (payload: string | null) => void;
export type Unlisten = () => Promise<void>;

const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 30_000;

/**
 * A connection of its own that LISTENs on `channel` (a pooled connection would be handed to other
 * queries). Resolves once listening. If the connection is lost it reconnects with growing pauses
 * and then reports `null`: whatever was sent while it was away has to be read again.
 */
export async function listenPostgres(url: string, channel: string, onNotify: OnNotify, onError: (error: Error) => void): Promise<Unlisten> {
  let client: pg.Client | null = null;
  let closed = false;
  let retryMs = RETRY_FIRST_MS;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (message) => {
      if (message.channel === channel) onNotify(message.payload ?? '');
    });
    next.on('error', (error) => {
      onError(error);
      lost(next);
    });
    next.on('end', () => lost(next));
    try {
      await next.connect();
      await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      await next.end().catch(() => {});
      throw error;
    }
    client = next;
  };

  const lost = (which: pg.Client) => {
    if (closed || client !== which) return;
    client = null;
    which.end().catch(() => {});
    const reconnect = () => {
      retry = undefined;
      if (closed) return;
      connect().then(
        () => {
          retryMs = RETRY_FIRST_MS;
          onNotify(null);
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

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { isApiRequest } from '../request-context.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** This request's reads may go to the replica (`ctxOf`); writes never do. */
    readFromReplica: boolean;
  }
  interface FastifyInstance {
    /**
     * For a request that failed because the database was unreachable: true when it was reading from
     * the replica, which is then left out (until the next health check finds it) so asking again
     * reads from the primary.
     */
    replicaFailed(request: FastifyRequest): boolean;
  }
}

/** The primary's WAL position after this browser's last write, for read-your-writes. */
const WRITTEN_COOKIE = 'written';
const LSN = /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/;
/** Long enough for any healthy replica to catch up; after it the cookie no longer costs a query. */
const WRITTEN_SECONDS = 300;
const HEALTH_MS = 5_000;

/** Pages anyone may read (`PUBLIC_PAGE`) and the public API's reads by callers without a token. */
function mayLag(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (isApiRequest(request)) return !(request.actor.kind === 'user' && request.actor.token);
  return request.routeOptions.config.publicPage === true;
}

/**
 * Sends public reads to the streaming replica (`DATABASE_READ_URL`) while it answers, and keeps
 * read-your-writes: after a successful write the browser carries the primary's WAL position
 * (`pg_current_wal_lsn()`), and its reads go to the replica only once the replica has replayed that far
 * (`pg_last_wal_replay_lsn()`, PostgreSQL 15 §9.27.4) — so the person who just wrote sees it, while
 * everyone else may see it a replication lag later. A replica that stops answering is left out until a
 * check every five seconds finds it back; its requests meanwhile read from the primary.
 */
export function readReplica(app: FastifyInstance): void {
  app.decorateRequest('readFromReplica', false);
  let answering = true;
  app.decorate('replicaFailed', (request: FastifyRequest) => {
    if (!request.readFromReplica) return false;
    answering = false;
    return true;
  });
  const replica = app.database.replica;
  if (!replica) return;

  const check = () =>
    sql`select 1`.execute(replica).then(
      () => {
        answering = true;
      },
      () => {
        answering = false;
      },
    );
  const timer = setInterval(check, HEALTH_MS).unref();
  app.addHook('onClose', async () => clearInterval(timer));

  app.addHook('preHandler', async (request) => {
    if (!answering || !mayLag(request)) return;
    const written = request.cookies[WRITTEN_COOKIE];
    if (written && LSN.test(written)) {
      try {
        const { rows } = await sql<{ caught_up: boolean }>`select coalesce(pg_last_wal_replay_lsn() >= ${written}::pg_lsn, false) as caught_up`.execute(replica);
        if (!rows[0]?.caught_up) return;
      } catch (error) {
        request.log.warn({ err: error }, 'the read replica did not answer; reading from the primary');
        answering = false;
        return;
      }
    }
    request.readFromReplica = true;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method === 'GET' || request.method === 'HEAD' || reply.statusCode >= 400 || isApiRequest(request)) return payload;
    try {
      const { rows } = await sql<{ lsn: string }>`select pg_current_wal_lsn()::text as lsn`.execute(app.database.db);
      if (rows[0]) reply.setCookie(WRITTEN_COOKIE, rows[0].lsn, { maxAge: WRITTEN_SECONDS });
    } catch (error) {
      // The write is done; without the position the next reads go to the primary for a while instead.
      request.log.warn({ err: error }, 'the WAL position after a write could not be read');
      reply.setCookie(WRITTEN_COOKIE, 'FFFFFFFF/FFFFFFFF', { maxAge: WRITTEN_SECONDS });
    }
    return payload;
  });
}

import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { isMigrated } from '../../db/migrate.ts';

export function health(app: FastifyInstance): void {
  /** The process is up. */
  app.get('/healthz', async (_request, reply) => reply.header('Cache-Control', 'no-store').send({ status: 'ok' }));

  /** The database answers and every migration this code knows is applied. */
  app.get('/readyz', async (request, reply) => {
    try {
      await sql`select 1`.execute(app.database.db);
      if (!(await isMigrated(app.database.db))) return reply.status(503).send({ status: 'migrations pending' });
      return { status: 'ready', database: app.database.kind };
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check failed');
      return reply.status(503).send({ status: 'database unreachable' });
    }
  });
}

import type { FastifyInstance } from 'fastify';
import { needsPageState } from '../../app/request-context.ts';
import { unreadCount } from './notices.ts';

/** The header's unread count: one indexed count per page a signed-in person views. */
export function unreadBadge(app: FastifyInstance): void {
  app.decorateRequest('unread', 0);
  app.addHook('preHandler', async (request) => {
    if (request.method !== 'GET' || request.actor.kind !== 'user' || !needsPageState(request)) return;
    request.unread = await unreadCount(app.database.db, request.actor.id);
  });
}

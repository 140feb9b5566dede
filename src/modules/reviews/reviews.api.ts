import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { documented, IdParams, Nullable } from '../../app/api-routes.ts';
import { ctxOf, idParam } from '../../app/request-context.ts';
import { myRounds, roundForReviewer } from './reviews.service.ts';

const Round = Type.Object({ id: Type.Integer(), title: Type.String(), status: Type.String(), toDo: Type.Integer({ description: '아직 할 심사 수' }) });

const RoundItems = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  description: Type.String(),
  status: Type.String(),
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      kind: Type.String({ description: 'demand 또는 task' }),
      subjectId: Type.Integer(),
      title: Nullable(Type.String()),
      conflict: Nullable(Type.String({ description: 'none, declared, 아직 없으면 null' })),
      submittedAt: Nullable(Type.String({ format: 'date-time' })),
    }),
  ),
});

/** Expert review rounds for their reviewers (own only): what is assigned and how far they are. */
export async function reviewsApi(app: FastifyInstance): Promise<void> {
  app.get('/review-rounds', documented({ tag: 'reviews', summary: '내가 심사위원인 심사', scope: 'read', ok: [200, Type.Object({ items: Type.Array(Round) })] }), async (request) => ({
    items: (await myRounds(ctxOf(request))).map((r) => ({ id: r.id, title: r.title, status: r.status, toDo: Number(r.to_do) })),
  }));
  app.get('/review-rounds/:id', documented({ tag: 'reviews', summary: '심사 하나에서 내게 맡겨진 대상 (심사위원만)', scope: 'read', params: IdParams, ok: [200, RoundItems] }), async (request) => {
    const { round, items } = await roundForReviewer(ctxOf(request), idParam(request));
    return {
      id: round.id,
      title: round.title,
      description: round.description,
      status: round.status,
      items: items.map((item) => ({
        id: item.id,
        kind: item.subject_type,
        subjectId: item.subject_id,
        title: item.subject?.title ?? null,
        conflict: item.mine?.conflict ?? null,
        submittedAt: item.mine?.submitted_at?.toISOString() ?? null,
      })),
    };
  });
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { ctxOf, idParam, queryText, sharedPublicData } from '../../app/request-context.ts';
import { documented, IdParams, Nullable, pageOf } from '../../app/api-routes.ts';
import { answersOf } from './answers.service.ts';
import { ListQuery, PointInput } from './forum.schemas.ts';
import { SIDES, } from './forum.tables.ts';
import { listProposals } from './lists.service.ts';
import { addPoint, pointsOfSide, sideOf } from './points.service.ts';
import { readableProposal } from './proposals.service.ts';
import { answerOverdue } from './stages.ts';
import { support, withdrawSupport } from './supports.service.ts';

const Time = Type.String({ format: 'date-time' });
const Supports = Type.Object({ count: Type.Integer(), needed: Type.Integer(), until: Nullable(Time) });

const ProposalCard = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  stage: Type.String(),
  supports: Supports,
  points: Type.Integer(),
  published: Nullable(Time),
  answerDue: Nullable(Time),
  org: Type.String({ description: '답변할 책임 기관' }),
  category: Type.String(),
});

const Answer = Type.Object({
  decision: Type.String({ enum: ['accept', 'partial', 'reject', 'further'] }),
  reasons: Type.String(),
  plan: Nullable(Type.String()),
  org: Type.String(),
  onTime: Type.Boolean(),
  newDue: Nullable(Time),
  at: Time,
  milestones: Type.Array(Type.Object({ title: Type.String(), due: Type.String({ format: 'date' }), done: Nullable(Type.String({ format: 'date' })) })),
});

const Proposal = Type.Object({
  ...ProposalCard.properties,
  org: Type.Object({ id: Type.Integer() }),
  category: Type.Object({ id: Type.Integer() }),
  problem: Type.String({ description: 'Markdown' }),
  proposal: Type.String({ description: 'Markdown' }),
  effect: Type.String({ description: 'Markdown' }),
  region: Nullable(Type.String()),
  pointsBySide: Type.Object({ for: Type.Integer(), against: Type.Integer(), conditional: Type.Integer() }),
  summary: Nullable(Type.String({ description: '논점 정리 (Markdown, 의견을 #번호로 인용)' })),
  overdue: Type.Boolean({ description: '답변 기한이 지났는데 답이 없음' }),
  mergedInto: Nullable(Type.Integer()),
  answers: Type.Array(Answer),
});

const Point = Type.Object({
  id: Type.Integer(),
  side: Type.String({ enum: [...SIDES] }),
  body: Nullable(Type.String({ description: '가려진 의견은 null' })),
  hiddenReason: Nullable(Type.String()),
  source: Nullable(Type.String()),
  helpful: Type.Integer(),
  replies: Type.Integer(),
  author: Nullable(Type.String()),
  at: Time,
});

const SideQuery = Type.Object({ side: Type.Optional(Type.String({ enum: [...SIDES], description: '기본: for' })), after: Type.Optional(Type.String({ maxLength: 200 })) });
const iso = (at: Date | null) => at?.toISOString() ?? null;

/** A proposal the actor may read: the API gives no tombstones, only 404. */
async function visibleProposal(request: FastifyRequest) {
  const ctx = ctxOf(request);
  return { ctx, ...(await readableProposal(ctx, ctx.db, idParam(request))) };
}

/** The citizen forum for other systems (`/api/v1/proposals`), through the pages' services. */
export async function forumApi(app: FastifyInstance): Promise<void> {
  app.get('/proposals', documented({ tag: 'forum', summary: '국민포럼 제안 찾기', querystring: ListQuery, ok: [200, pageOf(ProposalCard)] }), async (request) => {
    const page = await sharedPublicData(request, (reader) => listProposals(reader.db, request.query, app.clock()));
    return {
      items: page.items.map((p) => ({
        id: p.id,
        title: p.title,
        stage: p.status,
        supports: { count: p.support_count, needed: p.support_needed, until: iso(p.support_ends_at) },
        points: p.points_count,
        published: iso(p.published_at),
        answerDue: iso(p.answer_due_at),
        org: p.org,
        category: p.category,
      })),
      next: page.nextCursor,
    };
  });
  app.get('/proposals/:id', documented({ tag: 'forum', summary: '제안 하나: 단계, 공감, 논점 정리, 답변', params: IdParams, ok: [200, Proposal] }), async (request) => {
    const { ctx, proposal: p, stage } = await visibleProposal(request);
    const answers = await answersOf(ctx.db, p.id);
    return {
      id: p.id,
      title: p.title,
      stage,
      supports: { count: p.support_count, needed: p.support_needed, until: iso(p.support_ends_at) },
      points: p.points_count,
      published: iso(p.published_at),
      answerDue: iso(p.answer_due_at),
      org: { id: p.org_id },
      category: { id: p.category_id },
      problem: p.problem,
      proposal: p.proposal,
      effect: p.effect,
      region: p.region_code,
      pointsBySide: { for: p.points_for, against: p.points_against, conditional: p.points_conditional },
      summary: p.summary,
      overdue: answerOverdue(p, ctx.now()),
      mergedInto: p.merged_into_id,
      answers: answers.map((a) => ({
        decision: a.decision,
        reasons: a.reasons,
        plan: a.plan,
        org: a.org,
        onTime: a.on_time,
        newDue: iso(a.new_due_at),
        at: a.created_at.toISOString(),
        milestones: a.milestones.map((m) => ({ title: m.title, due: m.due_on, done: m.done_on })),
      })),
    };
  });
  app.get('/proposals/:id/points', documented({ tag: 'forum', summary: '한쪽 의견들 (도움 많은 순)', params: IdParams, querystring: SideQuery, ok: [200, pageOf(Point)] }), async (request) => {
    const { ctx, proposal } = await visibleProposal(request);
    const page = await pointsOfSide(ctx.db, proposal.id, sideOf(queryText(request, 'side')), queryText(request, 'after'));
    return {
      items: page.items.map((x) => ({
        id: x.id,
        side: x.side,
        body: x.hidden_at ? null : x.body,
        hiddenReason: x.hidden_at ? x.hidden_reason : null,
        source: x.hidden_at ? null : x.source_url,
        helpful: x.helpful_count,
        replies: x.replies_count,
        author: x.hidden_at ? null : x.author,
        at: x.created_at.toISOString(),
      })),
      next: page.nextCursor,
    };
  });
  app.post('/proposals/:id/points', documented({ tag: 'forum', summary: '의견 쓰기 (찬성, 반대, 조건부 찬성)', scope: 'forum:write', params: IdParams, body: PointInput, ok: [201, Type.Object({ id: Type.Integer() })] }), async (request, reply) => {
    const id = await addPoint(ctxOf(request), idParam(request), request.body);
    return reply.status(201).send({ id });
  });
  app.put('/proposals/:id/support', documented({ tag: 'forum', summary: '공감하기 (한 사람에 한 번, 다시 보내도 같음)', scope: 'forum:write', params: IdParams, ok: [204] }), async (request, reply) => {
    await support(ctxOf(request), idParam(request));
    return reply.status(204).send();
  });
  app.delete('/proposals/:id/support', documented({ tag: 'forum', summary: '공감 거두기 (공감을 모으는 동안)', scope: 'forum:write', params: IdParams, ok: [204] }), async (request, reply) => {
    await withdrawSupport(ctxOf(request), idParam(request));
    return reply.status(204).send();
  });
}

import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { AfterQuery, documented, IdParams, Nullable, pageOf } from '../../app/api-routes.ts';
import { ctxOf, idParam, queryText, sharedPublicData } from '../../app/request-context.ts';
import { getCase, listCases } from './cases.service.ts';
import { ValidationError } from '../../shared/errors.ts';
import { MessageInput, ReplyInput } from './matches.schemas.ts';
import * as replies from './replies.service.ts';

const OrgRef = Type.Object({ id: Type.Integer(), name: Type.String() });
const Created = Type.Object({ id: Type.Integer() });
const At = Type.String({ format: 'date-time' });
const BeforeQuery = Type.Object({ before: Type.Optional(Type.String({ description: '앞 응답의 earlier' })) });

const Participation = Type.Object({
  id: Type.Integer(),
  status: Type.String(),
  createdAt: At,
  org: Type.Object({ name: Type.String() }),
  demand: Type.Object({ id: Type.Integer(), title: Type.String(), status: Type.String(), deadline: Type.String({ format: 'date' }), org: Type.Object({ name: Type.String() }) }),
  lastMessageAt: Nullable(At),
});

const Thread = Type.Object({
  id: Type.Integer(),
  status: Type.String(),
  statement: Type.String(),
  privateNote: Type.String({ description: '두 기관에만 보입니다' }),
  declineReason: Nullable(Type.String()),
  createdAt: At,
  org: OrgRef,
  demand: Type.Object({ id: Type.Integer(), title: Type.String(), status: Type.String(), org: OrgRef }),
  capabilities: Type.Array(Type.String()),
  messages: Type.Array(Type.Object({ id: Type.Integer(), body: Type.String(), org: Type.String(), author: Nullable(Type.String()), createdAt: At }), { description: '최근 100건, 오래된 것부터' }),
  earlier: Nullable(Type.String({ description: '그 앞의 메시지: before로 보내면 됩니다' })),
  meetings: Type.Array(Type.Object({ heldOn: Type.String({ format: 'date' }), mode: Type.String(), attendees: Type.String(), notes: Type.String() })),
});

const Decision = Type.Object({
  decision: Type.Union([Type.Literal('shortlist'), Type.Literal('invite'), Type.Literal('decline')]),
  reason: Type.Optional(Type.String({ description: 'decline일 때 필수' })),
});

const CaseCard = Type.Object({
  id: Type.Integer(),
  summary: Type.String(),
  concludedAt: At,
  demand: Type.Object({ id: Type.Integer(), title: Type.String() }),
  orgs: Type.Array(Type.Object({ name: Type.String(), sector: Type.String() })),
  label: Type.String({ description: '민관, 공공 간, 민간 간 협업' }),
});

const Case = Type.Object({
  id: Type.Integer(),
  summary: Type.String(),
  leadContribution: Type.String(),
  startedOn: Type.String({ format: 'date' }),
  concludedAt: Nullable(At),
  demand: Type.Object({ id: Type.Integer(), title: Type.String(), summary: Type.String() }),
  lead: Type.Object({ id: Type.Integer(), name: Type.String(), sector: Type.String() }),
  partners: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), sector: Type.String(), contribution: Nullable(Type.String()), confirmedAt: Nullable(At) })),
  updates: Type.Array(Type.Object({ id: Type.Integer(), body: Type.String(), org: Type.String(), createdAt: At })),
  label: Type.String(),
});

/**
 * Participation replies, their negotiation (own only: the two organisations) and concluded cases
 * (public) for other systems, through the pages' services.
 */
export async function matchesApi(app: FastifyInstance): Promise<void> {
  app.get('/replies', documented({ tag: 'replies', summary: '우리 기관들의 참여 회신 (최근 것부터)', scope: 'read', querystring: AfterQuery, ok: [200, pageOf(Participation)] }), async (request) => {
    const { page } = await replies.ourParticipation(ctxOf(request), queryText(request, 'after'));
    return {
      items: page.items.map((r) => ({
        id: r.id,
        status: r.status,
        createdAt: r.created_at.toISOString(),
        org: { name: r.org_name },
        demand: { id: r.demand_id, title: r.demand_title, status: r.demand_status, deadline: r.deadline, org: { name: r.demand_org_name } },
        lastMessageAt: r.last_message_at ? new Date(r.last_message_at).toISOString() : null,
      })),
      next: page.nextCursor,
    };
  });
  app.get('/replies/:id', documented({ tag: 'replies', summary: '참여 회신과 협의 내용 (두 기관만)', scope: 'read', params: IdParams, querystring: BeforeQuery, ok: [200, Thread] }), async (request) => {
    const { reply: r, capabilities, messages, earlier, meetings } = await replies.getThread(ctxOf(request), idParam(request), queryText(request, 'before'));
    return {
      id: r.id,
      status: r.status,
      statement: r.statement,
      privateNote: r.private_note,
      declineReason: r.decline_reason,
      createdAt: r.created_at.toISOString(),
      org: { id: r.org_id, name: r.org_name },
      demand: { id: r.demand_id, title: r.demand_title, status: r.demand_status, org: { id: r.demand_org_id, name: r.demand_org_name } },
      capabilities: capabilities.map((c) => c.name),
      messages: messages.map((m) => ({ id: m.id, body: m.body, org: m.org_name, author: m.author_name, createdAt: m.created_at.toISOString() })),
      earlier,
      meetings: meetings.map((m) => ({ heldOn: m.held_on, mode: m.mode, attendees: m.attendees, notes: m.notes })),
    };
  });
  app.post('/demands/:id/replies', documented({ tag: 'replies', summary: '협업 수요에 참여 회신하기 (화면의 양식과 같은 필드)', scope: 'replies:write', params: IdParams, body: ReplyInput, ok: [201, Created] }), async (request, reply) => {
    const id = await replies.createReply(ctxOf(request), idParam(request), request.body);
    return reply.status(201).header('location', `/api/v1/replies/${id}`).send({ id });
  });
  app.post('/replies/:id/messages', documented({ tag: 'replies', summary: '협의 메시지 보내기 (두 기관만)', scope: 'replies:write', params: IdParams, body: MessageInput, ok: [201, Created] }), async (request, reply) => {
    const id = await replies.postMessage(ctxOf(request), idParam(request), request.body);
    return reply.status(201).send({ id });
  });
  app.post('/replies/:id/withdraw', documented({ tag: 'replies', summary: '우리 회신 거두기', scope: 'replies:write', params: IdParams, ok: [204] }), async (request, reply) => {
    await replies.withdrawReply(ctxOf(request), idParam(request));
    return reply.status(204).send();
  });
  app.post(
    '/replies/:id/decision',
    documented({ tag: 'replies', summary: '수요 기관이 회신을 검토 대상으로 두거나, 성사를 제안하거나, 사유와 함께 거절하기', scope: 'demands:write', params: IdParams, body: Decision, ok: [204] }),
    async (request, reply) => {
      const body = (request.body ?? {}) as { decision?: unknown };
      const decision = body.decision === 'shortlist' || body.decision === 'invite' || body.decision === 'decline' ? body.decision : null;
      if (!decision) throw new ValidationError({ decision: 'field.choiceInvalid' });
      await replies.decideReply(ctxOf(request), idParam(request), decision, request.body);
      return reply.status(204).send();
    },
  );
  app.get('/cases', documented({ tag: 'cases', summary: '성사 사례 (최근 것부터)', querystring: AfterQuery, ok: [200, pageOf(CaseCard)] }), async (request) => {
    const page = await sharedPublicData(request, (reader) => listCases(reader, undefined, queryText(request, 'after')));
    return {
      items: page.items.map((c) => ({
        id: c.id,
        summary: c.summary,
        concludedAt: c.concluded_at.toISOString(),
        demand: { id: c.demand_id, title: c.demand_title },
        orgs: c.orgs,
        label: c.label,
      })),
      next: page.nextCursor,
    };
  });
  app.get('/cases/:id', documented({ tag: 'cases', summary: '성사 사례 하나 (성사 전에는 당사 기관만)', params: IdParams, ok: [200, Case] }), async (request) => {
    const { match: m, partners, updates, label } = await getCase(ctxOf(request), idParam(request));
    return {
      id: m.id,
      summary: m.summary,
      leadContribution: m.lead_contribution,
      startedOn: m.started_on,
      concludedAt: m.concluded_at?.toISOString() ?? null,
      demand: { id: m.demand_id, title: m.demand_title, summary: m.demand_summary },
      lead: { id: m.lead_org_id, name: m.lead_org_name, sector: m.lead_org_sector },
      partners: partners.map((p) => ({ id: p.org_id, name: p.name, sector: p.sector, contribution: p.contribution, confirmedAt: p.confirmed_at?.toISOString() ?? null })),
      updates: updates.map((u) => ({ id: u.id, body: u.body, org: u.org_name, createdAt: u.created_at.toISOString() })),
      label,
    };
  });
}

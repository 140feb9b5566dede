import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { AfterQuery, documented, IdParams, Nullable, pageOf } from '../../app/api-routes.ts';
import { ctxOf, idParam, queryText } from '../../app/request-context.ts';
import { ValidationError } from '../../shared/errors.ts';
import { MessageInput, TicketInput } from './sos.schemas.ts';
import { myTickets, openTicket, replyAsRequester, settle, ticketPage } from './sos.service.ts';

const At = Type.String({ format: 'date-time' });

const TicketCard = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  category: Type.String(),
  urgency: Type.String(),
  status: Type.String({ description: 'open, waiting, solved, closed' }),
  firstResponseDueAt: At,
  resolutionDueAt: At,
  firstRespondedAt: Nullable(At),
  solvedAt: Nullable(At),
  createdAt: At,
});

const Ticket = Type.Intersect([
  TicketCard,
  Type.Object({
    description: Type.String(),
    org: Type.Object({ id: Type.Integer(), name: Type.String() }),
    task: Nullable(Type.Object({ id: Type.Integer(), title: Type.String() })),
    pausedSince: Nullable(At),
    messages: Type.Array(Type.Object({ id: Type.Integer(), kind: Type.String(), body: Type.String(), author: Nullable(Type.String()), createdAt: At })),
  }),
]);

const Settle = Type.Object({ outcome: Type.Union([Type.Literal('confirm'), Type.Literal('reopen')], { description: '해결 확인, 또는 다시 열기' }) });

const card = (t: { id: number; title: string; category: string; urgency: string; status: string; first_response_due_at: Date; resolution_due_at: Date; first_responded_at: Date | null; solved_at: Date | null; created_at: Date }) => ({
  id: t.id,
  title: t.title,
  category: t.category,
  urgency: t.urgency,
  status: t.status,
  firstResponseDueAt: t.first_response_due_at.toISOString(),
  resolutionDueAt: t.resolution_due_at.toISOString(),
  firstRespondedAt: t.first_responded_at?.toISOString() ?? null,
  solvedAt: t.solved_at?.toISOString() ?? null,
  createdAt: t.created_at.toISOString(),
});

/** 협업SOS for other systems: an organisation's own requests — asked, followed, answered, settled. */
export async function sosApi(app: FastifyInstance): Promise<void> {
  app.get('/sos/tickets', documented({ tag: 'sos', summary: '우리 기관의 협업SOS 요청 (최근 것부터 20건씩)', scope: 'read', querystring: AfterQuery, ok: [200, pageOf(TicketCard)] }), async (request) => {
    const page = await myTickets(ctxOf(request), queryText(request, 'after'));
    return { items: page.items.map(card), next: page.nextCursor };
  });
  app.get('/sos/tickets/:id', documented({ tag: 'sos', summary: '협업SOS 요청 하나와 주고받은 말 (요청 기관만)', scope: 'read', params: IdParams, ok: [200, Ticket] }), async (request) => {
    const { ticket, org, task, messages } = await ticketPage(ctxOf(request), idParam(request));
    return {
      ...card(ticket),
      description: ticket.description,
      org: { id: org.id, name: org.name },
      task,
      pausedSince: ticket.paused_since?.toISOString() ?? null,
      messages: messages.map((m) => ({ id: m.id, kind: m.kind, body: m.body, author: m.author_name, createdAt: m.created_at.toISOString() })),
    };
  });
  app.post('/sos/tickets', documented({ tag: 'sos', summary: '협업SOS 요청하기 (화면의 양식과 같은 필드)', scope: 'sos:write', body: TicketInput, ok: [201, Type.Object({ id: Type.Integer() })] }), async (request, reply) => {
    const id = await openTicket(ctxOf(request), request.body);
    return reply.status(201).header('location', `/api/v1/sos/tickets/${id}`).send({ id });
  });
  app.post('/sos/tickets/:id/messages', documented({ tag: 'sos', summary: '요청 기관의 답이나 덧붙임 (기다리던 시계가 다시 갑니다)', scope: 'sos:write', params: IdParams, body: MessageInput, ok: [204] }), async (request, reply) => {
    await replyAsRequester(ctxOf(request), idParam(request), request.body);
    return reply.status(204).send();
  });
  app.post('/sos/tickets/:id/settle', documented({ tag: 'sos', summary: '제안된 해결을 확인하거나 다시 열기', scope: 'sos:write', params: IdParams, body: Settle, ok: [204] }), async (request, reply) => {
    const outcome = (request.body as { outcome?: unknown } | undefined)?.outcome;
    if (outcome !== 'confirm' && outcome !== 'reopen') throw new ValidationError({ outcome: 'field.choiceInvalid' });
    await settle(ctxOf(request), idParam(request), outcome);
    return reply.status(204).send();
  });
}

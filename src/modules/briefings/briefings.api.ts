import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { AfterQuery, documented, IdParams, Nullable } from '../../app/api-routes.ts';
import { ctxOf, idParam, queryText } from '../../app/request-context.ts';
import { RegisterInput } from './briefings.schemas.ts';
import { briefingPage, cancelRegistration, listBriefings, register } from './briefings.service.ts';

const At = Type.String({ format: 'date-time' });

const BriefingCard = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  summary: Type.String(),
  startsAt: At,
  minutes: Type.Integer(),
  venue: Nullable(Type.String()),
  online: Type.Boolean(),
  capacity: Type.Integer(),
  registered: Type.Integer(),
  recap: Type.Boolean({ description: '결과가 공개되었는지' }),
});

const Briefing = Type.Intersect([
  BriefingCard,
  Type.Object({
    onlineUrl: Nullable(Type.String({ description: '자리를 얻은 사람과 발표 기관에만' })),
    waitlisted: Type.Integer(),
    mine: Nullable(Type.String({ description: 'registered 또는 waitlisted' })),
    recapText: Nullable(Type.String({ description: 'Markdown' })),
    agenda: Type.Array(Type.Object({ demandId: Type.Integer(), title: Type.String(), org: Type.String(), confirmed: Type.Boolean() })),
  }),
]);

const card = (b: { id: number; title: string; summary: string; starts_at: Date; minutes: number; venue: string | null; capacity: number; recap_published_at: Date | null }, online: boolean, registered: number) => ({
  id: b.id,
  title: b.title,
  summary: b.summary,
  startsAt: b.starts_at.toISOString(),
  minutes: b.minutes,
  venue: b.venue,
  online,
  capacity: b.capacity,
  registered,
  recap: b.recap_published_at !== null,
});

/** Online briefings (설명회) for other systems: the sessions, and a person's own seat. */
export async function briefingsApi(app: FastifyInstance): Promise<void> {
  app.get(
    '/briefings',
    documented({
      tag: 'briefings',
      summary: '설명회: 다가오는 것 모두(가까운 순, 첫 쪽에만)와 지난 것(최근 순, 20건씩)',
      querystring: AfterQuery,
      ok: [200, Type.Object({ upcoming: Type.Array(BriefingCard), past: Type.Array(BriefingCard), next: Nullable(Type.String({ description: '지난 설명회의 다음 쪽: after로 보내면 됩니다' })) })],
    }),
    async (request) => {
      const { upcoming, past } = await listBriefings(ctxOf(request), queryText(request, 'after'));
      const cards = (rows: typeof upcoming) => rows.map((b) => card(b, Boolean(b.online), Number(b.registered)));
      return { upcoming: cards(upcoming), past: cards(past.items), next: past.nextCursor };
    },
  );
  app.get('/briefings/:id', documented({ tag: 'briefings', summary: '설명회 하나: 안건, 자리, 내 등록', params: IdParams, ok: [200, Briefing] }), async (request) => {
    const page = await briefingPage(ctxOf(request), idParam(request));
    const b = page.briefing;
    return {
      ...card(b, b.online, page.registered),
      onlineUrl: b.online_url,
      waitlisted: page.waitlisted,
      mine: page.mine,
      recapText: b.recap_published_at ? b.recap : null,
      agenda: page.agenda.map((d) => ({ demandId: d.id, title: d.title, org: d.org_name, confirmed: d.confirmed })),
    };
  });
  app.put('/briefings/:id/registration', documented({ tag: 'briefings', summary: '설명회에 등록하기 (자리가 없으면 대기)', scope: 'briefings:write', params: IdParams, body: RegisterInput, ok: [200, Type.Object({ status: Type.String({ description: 'registered 또는 waitlisted' }) })] }), async (request) => ({
    status: await register(ctxOf(request), idParam(request), request.body ?? {}),
  }));
  app.delete('/briefings/:id/registration', documented({ tag: 'briefings', summary: '등록 취소 (대기자에게 자리가 넘어갑니다)', scope: 'briefings:write', params: IdParams, ok: [204] }), async (request, reply) => {
    await cancelRegistration(ctxOf(request), idParam(request));
    return reply.status(204).send();
  });
}

import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { ctxOf, idParam, sharedPublicData } from '../../app/request-context.ts';
import { documented, IdParams, Nullable, pageOf } from '../../app/api-routes.ts';
import { DemandInput, DemandQuery } from './demands.schemas.ts';
import { browseDemands, createDemand, getDemand, publishDemand } from './demands.service.ts';

const DemandCard = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  summary: Type.String(),
  purpose: Type.String(),
  status: Type.String(),
  deadline: Type.String({ format: 'date', description: '참여 답변을 받는 마지막 날 (KST)' }),
  replies: Type.Integer(),
  published: Nullable(Type.String({ format: 'date-time' })),
  org: Type.Object({ id: Type.Integer(), name: Type.String(), sector: Type.String() }),
  themes: Type.Array(Type.String()),
  featured: Type.Boolean(),
});

const Item = Type.Object({ capability: Type.String(), text: Type.String() });

const Demand = Type.Object({
  id: Type.Integer(),
  orgId: Type.Integer(),
  title: Type.String(),
  summary: Type.String(),
  body: Type.String({ description: 'Markdown' }),
  purpose: Type.String(),
  status: Type.String(),
  targetSectors: Type.Array(Type.String()),
  targetRegions: Type.Array(Type.String()),
  partnersSought: Type.Integer(),
  deadline: Type.String({ format: 'date' }),
  published: Nullable(Type.String({ format: 'date-time' })),
  offers: Type.Array(Item),
  needs: Type.Array(Item),
  contact: Nullable(Type.Object({ name: Type.String(), email: Nullable(Type.String()), phone: Nullable(Type.String()) }, { description: '볼 수 있는 사람에게만' })),
});

const Created = Type.Object({ id: Type.Integer() });

/** Collaboration demands for other systems (`/api/v1/demands`), through the pages' services. */
export async function demandsApi(app: FastifyInstance): Promise<void> {
  app.get('/demands', documented({ tag: 'demands', summary: '협업 수요 찾기', querystring: DemandQuery, ok: [200, Type.Intersect([pageOf(DemandCard), Type.Object({ total: Type.Integer() })])] }), async (request) => {
    const { total, page } = await sharedPublicData(request, (reader) => browseDemands(reader, request.query));
    return {
      total,
      items: page.items.map((d) => ({
        id: d.id,
        title: d.title,
        summary: d.summary,
        purpose: d.purpose,
        status: d.status,
        deadline: d.deadline,
        replies: d.reply_count,
        published: d.published_at?.toISOString() ?? null,
        org: { id: d.org_id, name: d.org_name, sector: d.org_sector },
        themes: d.themes,
        featured: d.featured,
      })),
      next: page.nextCursor,
    };
  });
  app.get('/demands/:id', documented({ tag: 'demands', summary: '협업 수요 하나 (초안은 그 기관 사람과 read 범위 토큰에게만)', params: IdParams, ok: [200, Demand] }), async (request) => {
    const { demand: d, showContact, offers, needs } = await getDemand(ctxOf(request), idParam(request));
    return {
      id: d.id,
      orgId: d.org_id,
      title: d.title,
      summary: d.summary,
      body: d.body,
      purpose: d.purpose,
      status: d.status,
      targetSectors: d.target_sectors,
      targetRegions: d.target_regions,
      partnersSought: d.partners_sought,
      deadline: d.deadline,
      published: d.published_at?.toISOString() ?? null,
      offers: offers.map((i) => ({ capability: i.name, text: i.description })),
      needs: needs.map((i) => ({ capability: i.name, text: i.description })),
      contact: showContact ? { name: d.contact_name, email: d.contact_email, phone: d.contact_phone } : null,
    };
  });
  app.post('/demands', documented({ tag: 'demands', summary: '협업 수요 초안 만들기 (화면의 양식과 같은 필드, 값은 문자열)', scope: 'demands:write', body: DemandInput, ok: [201, Created] }), async (request, reply) => {
    const id = await createDemand(ctxOf(request), request.body);
    return reply.status(201).header('location', `/api/v1/demands/${id}`).send({ id });
  });
  app.post('/demands/:id/publish', documented({ tag: 'demands', summary: '초안을 공개하기', scope: 'demands:write', params: IdParams, ok: [204] }), async (request, reply) => {
    await publishDemand(ctxOf(request), idParam(request));
    return reply.status(204).send();
  });
}

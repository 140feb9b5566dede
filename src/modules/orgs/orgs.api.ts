import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { ctxOf, idParam, sharedPublicData } from '../../app/request-context.ts';
import { documented, IdParams, Nullable, pageOf } from '../../app/api-routes.ts';
import { COUNT_LIMIT } from './orgs.queries.ts';
import { DirectoryQuery } from './orgs.schemas.ts';
import { isPublicSector } from './sectors.ts';
import * as orgs from './orgs.service.ts';

const OrgCard = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  sector: Type.String(),
  public: Type.Boolean({ description: '공공 부문 여부' }),
  region: Nullable(Type.String()),
  verified: Type.Boolean(),
});

const OrgList = Type.Intersect([
  pageOf(OrgCard),
  Type.Object({ total: Type.Integer({ description: `${COUNT_LIMIT}까지 센 수` }), more: Type.Boolean({ description: '실제 수가 total보다 많음' }) }),
]);

const OrgProfile = Type.Object({
  ...OrgCard.properties,
  description: Type.String(),
  website: Nullable(Type.String()),
  capabilities: Type.Array(Type.String()),
});

/** Organisations for other systems (`/api/v1/orgs`): the same services, and so the same visibility rules, as the pages. */
export async function orgsApi(app: FastifyInstance): Promise<void> {
  app.get('/orgs', documented({ tag: 'orgs', summary: '기관 찾기', querystring: DirectoryQuery, ok: [200, OrgList] }), async (request) => {
    const { total, page } = await sharedPublicData(request, (reader) => orgs.browseDirectory(reader, request.query));
    return {
      // Counting stops past COUNT_LIMIT; `more` says the real number is larger.
      total: Math.min(total, COUNT_LIMIT),
      more: total > COUNT_LIMIT,
      items: page.items.map((o) => ({ id: o.id, name: o.name, sector: o.sector, public: isPublicSector(o.sector), region: o.region_name, verified: o.status === 'verified' })),
      next: page.nextCursor,
    };
  });
  app.get('/orgs/:id', documented({ tag: 'orgs', summary: '기관 한 곳', params: IdParams, ok: [200, OrgProfile] }), async (request) => {
    const { org, capabilities } = await orgs.getOrgProfile(ctxOf(request), idParam(request));
    return {
      id: org.id,
      name: org.name,
      sector: org.sector,
      public: isPublicSector(org.sector),
      region: org.region_name,
      description: org.description,
      website: org.website,
      verified: org.status === 'verified',
      capabilities: capabilities.map((c) => c.name),
    };
  });
}

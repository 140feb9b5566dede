import type { FastifyInstance } from 'fastify';
import { ctxOf, idParam } from '../../app/request-context.ts';
import { COUNT_LIMIT } from './orgs.queries.ts';
import { isPublicSector } from './sectors.ts';
import * as orgs from './orgs.service.ts';

/** Read-only JSON for other systems: the same services, and so the same visibility rules, as the pages. */
export async function orgsApi(app: FastifyInstance): Promise<void> {
  app.get('/api/orgs', async (request) => {
    const { total, page } = await orgs.browseDirectory(ctxOf(request), request.query);
    return {
      // Counting stops past COUNT_LIMIT; `more` says the real number is larger.
      total: Math.min(total, COUNT_LIMIT),
      more: total > COUNT_LIMIT,
      items: page.items.map((o) => ({
        id: o.id,
        name: o.name,
        sector: o.sector,
        public: isPublicSector(o.sector),
        region: o.region_name,
        verified: o.status === 'verified',
      })),
      next: page.nextCursor,
    };
  });
  app.get('/api/orgs/:id', async (request) => {
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

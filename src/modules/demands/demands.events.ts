import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { publishEvent } from '../webhooks/index.ts';
import { matchesListQuery } from './demands.service.ts';

/**
 * Tells other organisations' webhooks of `demand.published` whose saved filter takes the demand (run
 * by the publish job, after the demand is searchable). The event's id is the demand's, so a job run
 * twice delivers once. Returns the number of deliveries made; none for a demand no longer open.
 */
export async function announcePublishedDemand(db: Kysely<DB>, now: Date, baseUrl: string, demandId: number): Promise<number> {
  const demand = await db
    .selectFrom('demands')
    .innerJoin('orgs', 'orgs.id', 'demands.org_id')
    .select(['demands.id', 'demands.title', 'demands.summary', 'demands.deadline', 'demands.published_at', 'orgs.id as org_id', 'orgs.name as org_name'])
    .where('demands.id', '=', demandId)
    .where('demands.status', '=', 'open')
    .where('demands.hidden_at', 'is', null)
    .executeTakeFirst();
  if (!demand?.published_at) return 0;
  return db.transaction().execute((trx) =>
    publishEvent(trx, now, {
      event: 'demand.published',
      id: `demand.published:${demand.id}`,
      orgIds: 'all',
      except: [demand.org_id],
      data: {
        demand: { id: demand.id, title: demand.title, summary: demand.summary, deadline: demand.deadline, url: `${baseUrl}/demands/${demand.id}` },
        org: { id: demand.org_id, name: demand.org_name },
      },
      fits: (filter) => matchesListQuery(trx, demand.id, filter, now),
    }),
  );
}

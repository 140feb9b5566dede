import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { createDemand, publishDemand } from '../modules/demands/demands.service.ts';
import { addCaseUpdate, confirmMatch, recordMatch } from '../modules/matches/cases.service.ts';
import { createReply, decideReply, postMessage, recordMeeting } from '../modules/matches/replies.service.ts';
import { listThemes } from '../modules/demands/index.ts';
import { listCapabilities, listRegions } from '../modules/orgs/index.ts';
import { addDays, kstDate } from '../shared/dates.ts';
import type { Ctx, SignedInUser } from '../shared/context.ts';
import { DEMO_DEMANDS, type DemoDemand } from './demo-demands.ts';

const DAY = 86_400_000;

/** Acts as an organisation's admin at a given moment, so the demo has a history rather than one instant. */
export type ActAs = (orgName: string, at: Date) => Ctx;

function lookup(map: Map<string, string>, name: string, what: string): string {
  const id = map.get(name);
  if (!id) throw new Error(`Unknown demo ${what} ${name}`);
  return id;
}

/** Demands, replies, negotiations and the four concluded cases, written through the services. */
export async function seedDemands(db: Kysely<DB>, actAs: ActAs, admins: Map<string, SignedInUser>, now: Date): Promise<void> {
  const capabilities = new Map((await listCapabilities(db)).map((c) => [c.name, String(c.id)]));
  const themes = new Map((await listThemes(db)).map((t) => [t.name, String(t.id)]));
  const provinces = new Map((await listRegions(db)).filter((r) => !r.parent_code).map((r) => [r.name, r.code]));
  const orgIds = new Map([...admins].map(([org, admin]) => [org, String(admin.memberships[0]?.orgId)]));
  const orgId = (name: string) => lookup(orgIds, name, 'organisation');

  const formOf = (demo: DemoDemand, at: Date) => {
    const form: Record<string, string | string[]> = {
      org: orgId(demo.org),
      title: demo.title,
      summary: demo.summary,
      body: demo.body ?? '',
      purpose: demo.purpose,
      themes: demo.themes.map((t) => lookup(themes, t, 'theme')),
      targetSectors: demo.targets ?? [],
      targetRegions: (demo.regions ?? []).map((r) => lookup(provinces, r, 'region')),
      partnersSought: String(Math.max(1, demo.case?.partners.length ?? 1)),
      deadline: addDays(kstDate(at), demo.days),
      contactName: admins.get(demo.org)?.name ?? '',
      contactEmail: admins.get(demo.org)?.email ?? '',
    };
    for (const [kind, items] of [['need', demo.needs], ['offer', demo.offers]] as const) {
      items.forEach(([capability, text], i) => {
        form[`${kind}.${i}.capability`] = lookup(capabilities, capability, 'capability');
        form[`${kind}.${i}.text`] = text;
      });
    }
    return form;
  };

  for (const demo of DEMO_DEMANDS) {
    let at = new Date(now.getTime() - demo.ageDays * DAY);
    const step = () => {
      at = new Date(Math.min(at.getTime() + DAY / 2, now.getTime()));
      return at;
    };
    const id = await createDemand(actAs(demo.org, at), formOf(demo, at));
    if (demo.draft) continue;
    await publishDemand(actAs(demo.org, step()), id);
    const replyIds = new Map<string, number>();
    for (const reply of demo.replies ?? []) {
      const replyId = await createReply(actAs(reply.org, step()), id, {
        org: orgId(reply.org),
        statement: reply.statement,
        capabilities: (reply.capabilities ?? []).map((c) => lookup(capabilities, c, 'capability')),
      });
      replyIds.set(reply.org, replyId);
    }
    const story = demo.case;
    if (!story) continue;
    const first = story.partners[0]!;
    const thread = replyIds.get(first.org)!;
    for (const [from, body] of story.messages) await postMessage(actAs(from === 'lead' ? demo.org : first.org, step()), thread, { body });
    await recordMeeting(actAs(demo.org, step()), thread, { heldOn: kstDate(at), ...story.meeting });
    for (const partner of story.partners) await decideReply(actAs(demo.org, step()), replyIds.get(partner.org)!, 'invite');
    const matchId = await recordMatch(actAs(demo.org, step()), id, {
      partners: story.partners.map((p) => orgId(p.org)),
      summary: story.summary,
      leadContribution: story.lead,
      startedOn: kstDate(new Date(now.getTime() - story.startedDaysAgo * DAY)),
    });
    for (const partner of story.partners) await confirmMatch(actAs(partner.org, step()), matchId, Number(orgId(partner.org)), { contribution: partner.contribution });
    if (story.update) await addCaseUpdate(actAs(demo.org, step()), matchId, { body: story.update });
  }
}

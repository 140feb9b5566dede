import { countRows } from '../../db/count.ts';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Ctx, Db } from '../../shared/context.ts';
import { NotFoundError, ValidationError } from '../../shared/errors.ts';
import { parseInput } from '../../shared/forms.ts';
import { cleanText } from '../../shared/text.ts';
import type { Locale, MessageKey, Translate } from '../../shared/i18n/index.ts';
import { requireUser } from '../../shared/actors.ts';
import { listThemes } from '../demands/index.ts';
import { listCapabilities, listRegions, regionName, type Sector } from '../orgs/index.ts';
import { PeriodInput, SearchInput, SubscribeInput } from './subscriptions.schemas.ts';
import type { DigestPeriod, SubscriptionKind } from './subscriptions.tables.ts';

/** More would make every demand a match and every digest noise. */
export const MAX_SUBSCRIPTIONS = 30;
/** The list filters a saved search keeps; paging and sorting are not what it follows. */
const SEARCH_PARAMS = ['q', 'purpose', 'theme', 'orgSector', 'targetSector', 'region'];

export interface Subscription {
  id: number;
  kind: SubscriptionKind;
  value: string;
}

/** Names of what subscriptions point at, to say them in words (pages and digests). */
export async function subscriptionLabeller(db: Db, t: Translate, locale: Locale): Promise<(s: Pick<Subscription, 'kind' | 'value'>) => string> {
  const [themes, regions, capabilities] = await Promise.all([listThemes(db), listRegions(db), listCapabilities(db, true)]);
  const en = locale === 'en';
  return ({ kind, value }) => {
    const region = kind === 'region' ? regions.find((x) => x.code === value) : undefined;
    const theme = kind === 'theme' ? themes.find((x) => String(x.id) === value) : undefined;
    const capability = kind === 'capability' ? capabilities.find((x) => String(x.id) === value) : undefined;
    const name =
      kind === 'theme'
        ? theme && (en ? theme.name_en : theme.name)
        : kind === 'region'
          ? region && regionName(locale, region.name)
          : kind === 'sector'
            ? t(`sector.${value as Sector}` as MessageKey)
            : kind === 'capability'
              ? capability && (en ? capability.name_en : capability.name)
              : searchLabel(value);
    return t(`subscription.kind.${kind}` as MessageKey, { name: name ?? value });
  };
}

function searchLabel(query: string): string {
  const params = new URLSearchParams(query);
  return params.get('q') ?? [...params.entries()].map(([k, v]) => `${k}=${v}`).join(', ');
}

export async function periodOf(db: Db, userId: number): Promise<DigestPeriod> {
  const row = await db.selectFrom('digest_settings').select('period').where('user_id', '=', userId).executeTakeFirst();
  return row?.period ?? 'weekly';
}

/** The preferences page: the person's period and subscriptions, newest first. */
export async function mySubscriptions(ctx: Ctx): Promise<{ period: DigestPeriod; items: Subscription[] }> {
  const user = requireUser(ctx.actor);
  const [period, items] = await Promise.all([
    periodOf(ctx.db, user.id),
    ctx.db.selectFrom('subscriptions').select(['id', 'kind', 'value']).where('user_id', '=', user.id).orderBy('id', 'desc').execute(),
  ]);
  return { period, items };
}

async function insertSubscriptions(ctx: Ctx, wanted: { kind: SubscriptionKind; value: string }[]): Promise<void> {
  const user = requireUser(ctx.actor);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('subscriptions')
      .values(wanted.map((w) => ({ user_id: user.id, ...w, created_at: ctx.now() })))
      .onConflict((oc) => oc.columns(['user_id', 'kind', 'value']).doNothing())
      .execute();
    const n = await countRows(trx.selectFrom('subscriptions').where('user_id', '=', user.id));
    // Thrown inside the transaction, so nothing beyond the limit is kept.
    if (n > MAX_SUBSCRIPTIONS) throw new ValidationError({ theme: 'subscription.tooMany' });
  });
}

/** Follows the theme, region, sector and capability chosen in the form (at least one). */
export async function subscribe(ctx: Ctx, raw: unknown): Promise<void> {
  requireUser(ctx.actor);
  const input = parseInput(SubscribeInput, raw);
  const [themes, regions, capabilities] = await Promise.all([listThemes(ctx.db), listRegions(ctx.db), listCapabilities(ctx.db)]);
  const wanted: { kind: SubscriptionKind; value: string }[] = [];
  const errors: Record<string, MessageKey> = {};
  const check = (kind: SubscriptionKind, field: keyof typeof input, valid: (value: string) => boolean) => {
    const value = input[field];
    if (!value) return;
    if (valid(value)) wanted.push({ kind, value });
    else errors[field] = 'field.choiceInvalid';
  };
  check('theme', 'theme', (v) => themes.some((x) => String(x.id) === v));
  check('region', 'region', (v) => regions.some((x) => x.code === v && x.parent_code === null));
  check('sector', 'sector', () => true);
  check('capability', 'capability', (v) => capabilities.some((x) => String(x.id) === v));
  if (Object.keys(errors).length) throw new ValidationError(errors);
  if (!wanted.length) throw new ValidationError({ theme: 'subscription.pickOne' });
  await insertSubscriptions(ctx, wanted);
}

/** Follows a search of the demand list, kept as its filters (without paging or sort). */
export async function subscribeToSearch(ctx: Ctx, raw: unknown): Promise<void> {
  requireUser(ctx.actor);
  const params = new URLSearchParams(parseInput(SearchInput, raw).query);
  const kept = new URLSearchParams();
  for (const name of SEARCH_PARAMS) {
    // The query string is decoded here, past the request's own cleaning: clean what it held.
    const value = cleanText(params.get(name) ?? '').trim();
    if (value) kept.set(name, value.slice(0, 100));
  }
  if (!kept.size) throw new ValidationError({ query: 'subscription.emptySearch' });
  kept.sort();
  await insertSubscriptions(ctx, [{ kind: 'search', value: kept.toString() }]);
}

export async function unsubscribe(ctx: Ctx, id: number): Promise<void> {
  const user = requireUser(ctx.actor);
  const row = await ctx.db.deleteFrom('subscriptions').where('id', '=', id).where('user_id', '=', user.id).returning('id').executeTakeFirst();
  if (!row) throw new NotFoundError();
}

export async function setPeriod(ctx: Ctx, raw: unknown): Promise<void> {
  const user = requireUser(ctx.actor);
  await savePeriod(ctx.db, user.id, parseInput(PeriodInput, raw).period, ctx.now());
}

async function savePeriod(db: Db, userId: number, period: DigestPeriod, now: Date): Promise<void> {
  await db
    .insertInto('digest_settings')
    .values({ user_id: userId, period, updated_at: now })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ period, updated_at: now }))
    .execute();
}

/** The signature in a digest's unsubscribe link: it names the person and only the server can make it. */
function signature(secret: string, userId: number): string {
  return createHmac('sha256', secret).update(`unsubscribe:${userId}`).digest('base64url');
}

export function unsubscribeToken(secret: string, userId: number): string {
  return `${userId}.${signature(secret, userId)}`;
}

/** The person a link's token names, or 404 for a token the server did not make. */
export async function tokenHolder(db: Db, secret: string, token: string): Promise<{ id: number; period: DigestPeriod }> {
  const [id, given] = token.split('.');
  const userId = Number(id);
  if (!Number.isSafeInteger(userId) || userId <= 0 || !given) throw new NotFoundError();
  const expected = Buffer.from(signature(secret, userId));
  const sent = Buffer.from(given);
  if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) throw new NotFoundError();
  const user = await db.selectFrom('users').select('id').where('id', '=', userId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!user) throw new NotFoundError();
  return { id: userId, period: await periodOf(db, userId) };
}

/** One click in a digest, no sign-in: no more digest mail (in-app notices and subscriptions stay). */
export async function unsubscribeWithToken(db: Db, secret: string, token: string, now: Date): Promise<void> {
  const holder = await tokenHolder(db, secret, token);
  await savePeriod(db, holder.id, 'off', now);
}

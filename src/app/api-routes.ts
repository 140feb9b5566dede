/** What every API route declares: its documentation, the scope it needs, its answers' shapes. */
import Type, { type TSchema } from 'typebox';
import type { FastifyContextConfig } from 'fastify';

/**
 * What a token may do besides reading what is public. `read` opens what its owner may see that is
 * not public (their drafts, their replies, their tickets); each `…:write` the writes of one module.
 */
export const SCOPES = ['read', 'demands:write', 'replies:write', 'briefings:write', 'tasks:write', 'sos:write', 'forum:write'] as const;
export type Scope = (typeof SCOPES)[number];

/** Days a new token lives; a token without an end is not offered (a leaked one would work forever). */
export const LIFETIMES = ['7', '30', '90', '365'] as const;

/** RFC 9457 problem details, with a message per field for 422. */
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    errors: Type.Optional(Type.Record(Type.String(), Type.String(), { description: '필드별 메시지 (422)' })),
  },
  { description: 'application/problem+json (RFC 9457)' },
);

/** A page of a list: the items, and the cursor of the next page (`?after=`), null on the last. */
export const pageOf = (item: TSchema) => Type.Object({ items: Type.Array(item), next: Type.Union([Type.String(), Type.Null()]) });

/** The query of a list's later page: the `next` of the page before. */
export const AfterQuery = Type.Object({ after: Type.Optional(Type.String({ description: '앞 쪽의 next' })) });

export const IdParams = Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,15}$', description: '번호' }) });

export const Nullable = (schema: TSchema) => Type.Union([schema, Type.Null()]);

interface RouteDoc {
  tag: string;
  summary: string;
  /** The scope a token needs; none: anyone may call it, without a token. */
  scope?: Scope;
  params?: TSchema;
  querystring?: TSchema;
  body?: TSchema;
  /** The success answer's status and shape (204: none). */
  ok: [200 | 201, TSchema] | [204];
}

/**
 * Route options of an API route: its OpenAPI operation (answers include every problem it can give)
 * and its scope, which the API plumbing checks before the handler.
 */
export function documented(doc: RouteDoc) {
  const problems = [400, 404, 429, ...(doc.scope ? [401, 403] : []), ...(doc.body ? [422] : [])].sort();
  const [status, shape] = doc.ok;
  return {
    schema: {
      tags: [doc.tag],
      summary: doc.summary,
      // Without a scope a token is optional: anyone may call, and a token may see more (its drafts).
      security: (doc.scope ? [{ token: [doc.scope] }] : [{}, { token: [] }]) as Record<string, string[]>[],
      ...(doc.params ? { params: doc.params } : {}),
      ...(doc.querystring ? { querystring: doc.querystring } : {}),
      ...(doc.body ? { body: doc.body } : {}),
      response: {
        [status]: shape ?? { type: 'null', description: '내용 없음' },
        ...Object.fromEntries(problems.map((code) => [code, Problem])),
      },
    },
    config: (doc.scope ? { scope: doc.scope } : {}) as FastifyContextConfig,
  };
}

import type { FastifyInstance } from 'fastify';

/** One operation of the OpenAPI document, as the reference page lists it. */
export interface ApiOperation {
  id: string;
  tag: string;
  method: string;
  path: string;
  summary: string;
  scope: string | null;
  parameters: { name: string; in: string; required: boolean; description?: string }[];
  responses: string[];
}

interface Operation {
  operationId?: string;
  tags?: string[];
  summary?: string;
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean; description?: string }[];
  responses?: Record<string, unknown>;
}

/** The operations of the app's OpenAPI document, in the document's order. */
export function operationsOf(app: FastifyInstance): ApiOperation[] {
  const document = app.swagger() as { paths?: Record<string, Record<string, Operation>> };
  return Object.entries(document.paths ?? {}).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      id: op.operationId ?? `${method}-${path}`,
      tag: op.tags?.[0] ?? 'api',
      method: method.toUpperCase(),
      path,
      summary: op.summary ?? '',
      scope: op.security?.flatMap((s) => s.token ?? [])[0] ?? null,
      parameters: (op.parameters ?? []).map((p) => ({ name: p.name, in: p.in, required: p.required ?? false, ...(p.description ? { description: p.description } : {}) })),
      responses: Object.keys(op.responses ?? {}),
    })),
  );
}

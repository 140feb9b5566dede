import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { type BuiltUser, ctxAs } from '../../accounts/test/builders.ts';
import type { WebhookEvent } from '../events.ts';
import { createWebhook, type WebhookRules } from '../webhooks.service.ts';
import { savedListQuery } from '../../demands/index.ts';

/** As tests run: private targets allowed, demand filters read as the demand list reads them. */
export const TEST_RULES: WebhookRules = { allowPrivate: true, readFilter: savedListQuery };

/** A webhook of `org` made through the service by its admin (private targets allowed, as in tests). */
export async function buildWebhook(
  db: Kysely<DB>,
  org: { id: number; admin: BuiltUser },
  url: string,
  events: Exclude<WebhookEvent, 'ping'>[],
  demandFilter?: string,
): Promise<{ id: number; secret: string }> {
  return createWebhook(await ctxAs(db, org.admin), org.id, { url, events, ...(demandFilter ? { demandFilter } : {}) }, TEST_RULES);
}

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Receiver {
  url(path: string): string;
  /** What arrived at `path`, oldest first (refused posts included). */
  received(path: string): Received[];
  /** Answers the next `count` posts to `path` with 500. */
  failNext(path: string, count: number): void;
  /** From now on answers `path` with 200 a byte every half second, never ending (`drip`), or 500 with a NUL and 100 KB (`nul`). */
  answerOddly(path: string, how: 'drip' | 'nul'): void;
  close(): Promise<void>;
}

/** A real HTTP server on loopback that records what is posted to it and answers 204 (or 500 when told to fail). */
export async function startReceiver(): Promise<Receiver> {
  const received = new Map<string, Received[]>();
  const failures = new Map<string, number>();
  const oddly = new Map<string, 'drip' | 'nul'>();
  const drips = new Set<NodeJS.Timeout>();
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => {
      const path = request.url ?? '/';
      received.set(path, [...(received.get(path) ?? []), { headers: request.headers, body }]);
      if (oddly.get(path) === 'drip') {
        response.writeHead(200, { 'content-type': 'text/plain' });
        const drip = setInterval(() => response.write('.'), 500);
        drips.add(drip);
        response.on('close', () => {
          clearInterval(drip);
          drips.delete(drip);
        });
        return;
      }
      if (oddly.get(path) === 'nul') {
        response.writeHead(500, { 'content-type': 'text/plain' }).end(`\u202eevil\u0000${'x'.repeat(100_000)}`);
        return;
      }
      const failing = failures.get(path) ?? 0;
      if (failing > 0) {
        failures.set(path, failing - 1);
        response.writeHead(500, { 'content-type': 'text/plain' }).end('busy, try later');
        return;
      }
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: (path) => `${base}${path}`,
    received: (path) => received.get(path) ?? [],
    failNext: (path, count) => failures.set(path, count),
    answerOddly: (path, how) => oddly.set(path, how),
    close: () => {
      for (const drip of drips) clearInterval(drip);
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import pg from 'pg';
import { renderToString } from 'preact-render-to-string';

interface Row {
  id: number;
  title: string;
  published_at: Date;
}

function Page({ rows }: { rows: Row[] }) {
  return (
    <html lang="ko">
      <head>
        <meta charset="utf-8" />
        <title>수요 목록</title>
      </head>
      <body>
        <main>
          <h1>수요 목록</h1>
          <ul>
            {rows.map((row) => (
              <li key={row.id}>
                <a href={`/demands/${row.id}`}>{row.title}</a> <time dateTime={row.published_at.toISOString()}>{row.published_at.toISOString().slice(0, 10)}</time>
              </li>
            ))}
          </ul>
        </main>
      </body>
    </html>
  );
}

/**
 * The ceiling a page of ours is measured beside: a bare Fastify route that reads 20 demands with one
 * `pg` query over a pool as large as the app's and renders them with preact — no session, no CSRF,
 * no layout, no translation. What a page costs beyond it is what Ieumteo adds.
 */
export async function startCeiling(databaseUrl: string): Promise<{ url: string; close: () => Promise<void> }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  const app = Fastify();
  app.get('/ceiling', async (_request, reply) => {
    const { rows } = await pool.query<Row>('SELECT id, title, published_at FROM demands WHERE published_at IS NOT NULL ORDER BY id DESC LIMIT 20');
    return reply.type('text/html; charset=utf-8').send(`<!doctype html>${renderToString(<Page rows={rows} />)}`);
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/ceiling`,
    async close() {
      await app.close();
      await pool.end();
    },
  };
}

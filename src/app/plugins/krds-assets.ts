import { readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import krdsPackage from 'krds-uiux/package.json' with { type: 'json' };

const YEAR_MS = 365 * 24 * 3600 * 1000;

/** Where the pages find KRDS: a versioned path, so a new release is a new URL and a year's cache is safe. */
export const KRDS_PREFIX = `/assets/krds-${krdsPackage.version}`;

/** The stylesheets the layout links (common.css imports the tokens itself). */
const STYLESHEETS = ['css/token/krds_tokens.css', 'css/common/common.css', 'css/component/component.css'];

/**
 * krds-uiux 1.1.0's component.css asks for every icon at `../../img/img/component/…` (its Sass `$url`
 * already ends in `/img`, and the rules add `/img` again), while the icons are in `img/component/`:
 * selects had no arrow, ticked boxes no tick, and every page logged 404s. The stylesheets are read
 * once and their icon paths corrected; a test follows every url() of every served stylesheet.
 */
export function correctedStylesheet(css: string): string {
  return css.replaceAll('/img/img/', '/img/');
}

/**
 * KRDS as the pages use it: its three stylesheets (corrected, from memory), its icons and the
 * Pretendard GOV fonts. Nothing else of the package (its CDN bundle pointing at krds.go.kr, scripts,
 * Sass sources, sample pages) is served.
 */
export async function krdsAssets(app: FastifyInstance, root: string): Promise<void> {
  const resources = path.join(root, 'node_modules/krds-uiux/resources');
  for (const file of STYLESHEETS) {
    const body = correctedStylesheet(readFileSync(path.join(resources, file), 'utf8'));
    app.get(`${KRDS_PREFIX}/${file}`, (_request, reply) =>
      reply
        .header('content-type', 'text/css; charset=utf-8')
        .header('cache-control', `public, max-age=${YEAR_MS / 1000}, immutable`)
        .send(body),
    );
  }
  await app.register(fastifyStatic, {
    root: path.join(resources, 'img'),
    prefix: `${KRDS_PREFIX}/img/`,
    maxAge: YEAR_MS,
    immutable: true,
    index: false,
  });
  await app.register(fastifyStatic, {
    root: path.join(resources, 'fonts'),
    prefix: '/assets/fonts/',
    maxAge: YEAR_MS,
    index: false,
    decorateReply: false,
  });
}

// The faces the server serves from the built client packages (`npm run build:clients`):
//   /embed/v1/temahub.js  the partner embed, for any site to load (CORS, long cache, gzip)
//   /dashboard/           the coordinators' single-page app
//   /graphql (browsers)   the self-hosted GraphiQL, with its files under /explorer/
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import express, { type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../config.js';

/** The clients/ folder: three levels up from the source, four from the tsc output in dist/. */
function clientsDir(): string {
  const here = import.meta.dirname;
  const candidates = [path.resolve(here, '../../../clients'), path.resolve(here, '../../../../clients')];
  return candidates.find((dir) => existsSync(path.join(dir, 'embed'))) ?? candidates[0]!;
}

/** A day fresh, then a week served stale while the browser revalidates (cheap with the ETag). */
const EMBED_CACHE = 'public, max-age=86400, stale-while-revalidate=604800';
/** Vite names built assets by their content hash, so they never change under one name. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

const DASHBOARD_CSP = [
  "default-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "script-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

interface EmbedFile {
  body: Buffer;
  gzipped: Buffer;
  etag: string;
}

function notBuilt(res: Response, what: string): void {
  res
    .status(503)
    .type('text/plain')
    .set('Cache-Control', 'no-store')
    .send(`The ${what} is not built: run \`npm run build:clients\` and restart the server.\n`);
}

/** Static files of a Vite build: hashed assets cached for a year, index.html revalidated every time. */
function staticApp(dir: string, headers: Record<string, string> = {}) {
  return express.static(dir, {
    index: 'index.html',
    redirect: true,
    setHeaders(res, file) {
      res.setHeader('Cache-Control', file.includes(`${path.sep}assets${path.sep}`) ? IMMUTABLE : 'no-cache');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    },
  });
}

/** Whether a GET /graphql comes from a browser's address bar rather than from a GraphQL client. */
function wantsExplorer(req: Request): boolean {
  return (
    req.method === 'GET' &&
    req.query.query === undefined &&
    req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html'
  );
}

/** Routes of the embed, the dashboard and (when config.explorer) the explorer. */
export function faceRoutes(config: Config, log: Logger): express.Router {
  const clients = clientsDir();
  const router = express.Router();

  const embedPath = path.join(clients, 'embed/dist/temahub.js');
  let embed: EmbedFile | undefined;
  const loadEmbed = (): EmbedFile | undefined => {
    if (embed || !existsSync(embedPath)) return embed;
    const body = readFileSync(embedPath);
    embed = {
      body,
      gzipped: gzipSync(body, { level: 9 }),
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    };
    log.info({ bytes: body.length, gzipped: embed.gzipped.length }, 'embed loaded');
    return embed;
  };

  router.get('/embed/v1/temahub.js', (req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    const file = loadEmbed();
    if (!file) return notBuilt(res, 'embed');
    res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
    res.setHeader('Cache-Control', EMBED_CACHE);
    res.setHeader('ETag', file.etag);
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (req.header('if-none-match') === file.etag) {
      res.status(304).end();
      return;
    }
    const gzip = /\bgzip\b/.test(req.header('accept-encoding') ?? '');
    if (gzip) res.setHeader('Content-Encoding', 'gzip');
    res.send(gzip ? file.gzipped : file.body);
  });

  const dashboard = path.join(clients, 'dashboard/dist');
  router.use('/dashboard', (req, res, next) => {
    if (!existsSync(path.join(dashboard, 'index.html'))) return notBuilt(res, 'dashboard');
    res.setHeader('Content-Security-Policy', DASHBOARD_CSP);
    res.setHeader('Referrer-Policy', 'no-referrer');
    next();
  });
  router.use('/dashboard', staticApp(dashboard));

  if (config.explorer) {
    const explorer = path.join(clients, 'explorer/dist');
    router.use('/explorer', staticApp(explorer));
    // A middleware rather than router.get: a GET route would make the router answer CORS
    // preflights (OPTIONS /graphql) itself, without the CORS headers of the GraphQL route.
    router.use((req, res, next) => {
      if (req.path !== '/graphql' || !wantsExplorer(req)) return next();
      const index = path.join(explorer, 'index.html');
      if (!existsSync(index)) return notBuilt(res, 'explorer');
      res.setHeader('Cache-Control', 'no-cache');
      res.setHeader('Vary', 'Accept');
      res.sendFile(index);
    });
  }
  return router;
}

import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { ANONYMOUS, createRequestContext } from '../../shared/context.js';
import { httpErrorAnswer } from '../../app/errors.js';
import { parseMunicipality, themeCalendar } from './feeds.service.js';

/** Feeds are public: cached by browsers and proxies for a few minutes. */
const FEED_MAX_AGE_SECONDS = 300;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * `GET /feeds/themes/<slug>.ics[?municipality=<code>]`: the theme's published and cancelled
 * activities as iCalendar. Mount with `app.use(feedRoutes(db, log))`.
 */
export function feedRoutes(db: DataSource, log: Logger): Router {
  const router = Router();
  router.get('/feeds/themes/:file', async (req: Request, res: Response) => {
    const requestId = (res.locals.requestId as string | undefined) ?? randomUUID();
    const ctx = createRequestContext({ requestId, viewer: ANONYMOUS, db, log: log.child({ requestId }) });
    const file = String(req.params.file);
    const slug = file.endsWith('.ics') ? file.slice(0, -4) : '';
    try {
      if (!SLUG.test(slug)) {
        res
          .status(404)
          .type('text/plain; charset=utf-8')
          .send('No such feed. Use /feeds/themes/<theme slug>.ics, e.g. /feeds/themes/vores-natur.ics.\n');
        return;
      }
      const municipality = await parseMunicipality(ctx, req.query.municipality);
      const body = await themeCalendar(ctx, slug, municipality);
      res
        .status(200)
        .set('Content-Type', 'text/calendar; charset=utf-8')
        .set('Content-Disposition', `inline; filename="${slug}${municipality ? `-${municipality.code}` : ''}.ics"`)
        .set('Cache-Control', `public, max-age=${FEED_MAX_AGE_SECONDS}`)
        .send(body);
    } catch (error) {
      // A database that cannot be reached or does not answer in time: 503 with Retry-After.
      const answer = httpErrorAnswer(error);
      if (!answer.error) ctx.log.error({ err: error }, 'feed failed');
      res
        .status(answer.status)
        .set(Object.fromEntries(answer.headers))
        .type('text/plain; charset=utf-8')
        .send(`${answer.error?.message ?? `Internal server error (request id ${requestId}).`}\n`);
    }
  });
  return router;
}

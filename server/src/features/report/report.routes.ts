import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { createRequestContext, type Viewer } from '../../shared/context.js';
import { httpErrorAnswer } from '../../app/errors.js';
import { isCoordinator, resolveViewer } from '../auth/index.js';
import type { CsvDelimiter } from './report.csv.js';
import { reportCsv, themeReport } from './report.service.js';

/** `?delimiter=`: comma (RFC 4180, the default) or semicolon, the list separator of Danish Excel. */
const DELIMITERS = new Map<unknown, CsvDelimiter>([
  ['comma', ','],
  ['semicolon', ';'],
]);

/**
 * `GET /reports/themes/<themeId>.csv[?delimiter=semicolon]` with `Authorization: Bearer <coordinator token>`: the theme
 * report as a CSV download, the same text as `themeReport { csv }` (made by the same service), or with `;` between cells for
 * Excel with Danish settings (both with a UTF-8 byte-order mark, so æøå open correctly).
 * Errors are plain text; the report is never stored by caches. Mount with `app.use(reportRoutes(db, log))`.
 */
export function reportRoutes(db: DataSource, log: Logger): Router {
  const router = Router();
  router.get('/reports/themes/:file', async (req: Request, res: Response) => {
    const requestId = (res.locals.requestId as string | undefined) ?? randomUUID();
    const requestLog = log.child({ requestId });
    res.set('Cache-Control', 'no-store').set('Vary', 'Authorization');
    const fail = (status: number, message: string) => {
      // RFC 6750: a token that was sent but not accepted is an invalid_token.
      if (status === 401)
        res.set(
          'WWW-Authenticate',
          req.header('authorization')?.trim()
            ? 'Bearer realm="temahub", error="invalid_token"'
            : 'Bearer realm="temahub"',
        );
      res.status(status).type('text/plain; charset=utf-8').send(`${message}\n`);
    };
    try {
      const viewer: Viewer = await resolveViewer(db, req.header('authorization'));
      const ctx = createRequestContext({ requestId, viewer, db, log: requestLog });
      if (!viewer.role)
        return fail(401, 'This report needs a coordinator API token: send it as "Authorization: Bearer <token>".');
      if (!isCoordinator(ctx))
        return fail(403, 'Theme reports are for coordinators only; this token has another role.');
      const file = String(req.params.file);
      if (!file.endsWith('.csv')) return fail(404, 'No such report. Use /reports/themes/<theme id>.csv.');
      const delimiter = DELIMITERS.get(req.query.delimiter ?? 'comma');
      if (!delimiter)
        return fail(400, 'delimiter must be comma (the default) or semicolon (for Excel with Danish settings).');
      const report = await themeReport(ctx, file.slice(0, -4));
      res
        .status(200)
        .set('Content-Type', 'text/csv; charset=utf-8')
        .set(
          'Content-Disposition',
          `attachment; filename="temahub-tema-${report.theme.number}-${report.theme.slug}.csv"`,
        )
        .send(reportCsv(report, delimiter));
    } catch (error) {
      const answer = httpErrorAnswer(error);
      res.set(Object.fromEntries(answer.headers));
      if (!answer.error) {
        requestLog.error({ err: error }, 'report download failed');
        return fail(500, `Internal server error (request id ${requestId}).`);
      }
      const message =
        answer.error.kind === 'bad-input' && answer.error.field === 'themeId'
          ? 'The address does not name a theme id: use /reports/themes/<Theme.id>.csv; ids are UUIDs as returned by the API.'
          : answer.error.message;
      fail(answer.status, message);
    }
  });
  return router;
}

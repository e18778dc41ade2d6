import type { RequestContext } from '../../shared/context.js';
import { sql } from '../../shared/context.js';
import { BadUserInputError } from '../../shared/errors.js';
import { isUuid } from '../../shared/ids.js';
import { decodeCursor, pageOf, pageSize } from '../../shared/pagination.js';
import { canReadLibraryPrivate } from '../auth/index.js';
import { RUN_COLUMNS, type RunRecord, type SourceRecord } from './event-source.columns.js';
import { EventSource, EventSourceRun, EventSourceRunConnection } from './event-source.types.js';

/**
 * Reading a library's event sources and their runs (the writes are in
 * event-source.mutation.service.ts). Who may: the library's own staff and coordinators
 * (canReadLibraryPrivate); anyone else sees `Library.eventSources` as null.
 */

export function toEventSource(r: SourceRecord): EventSource {
  return Object.assign(new EventSource(), r);
}

export function toRun(r: RunRecord): EventSourceRun {
  return Object.assign(new EventSourceRun(), r, {
    skippedEvents: (r.skippedEvents ?? []).map((s) => ({
      externalId: s.externalId ?? null,
      title: s.title ?? null,
      reason: s.reason,
    })),
  });
}

/** The sources of a library, or null for viewers who may not see them. */
export function mayReadSources(ctx: RequestContext, libraryId: string): boolean {
  return canReadLibraryPrivate(ctx, libraryId);
}

/** Runs of a source, newest first; the caller has checked that the viewer may see the source. */
export async function listRuns(
  ctx: RequestContext,
  sourceId: string,
  firstArg: number | null | undefined,
  afterArg: string | null | undefined,
): Promise<EventSourceRunConnection> {
  const first = pageSize(firstArg);
  const after = decodeCursor(afterArg, ['string', 'string']);
  const params: unknown[] = [sourceId];
  let where = 'r.source_id = $1';
  if (after) {
    if (!/^\d{4}-\d{2}-\d{2} [0-9:.]+[+-]\d{2}(:\d{2})?$/.test(String(after[0])) || !isUuid(String(after[1]))) {
      throw new BadUserInputError('"after" is not a cursor from this list.', 'after');
    }
    params.push(after[0], after[1]);
    where += ` AND (r.started_at, r.id) < ($2::timestamptz, $3::uuid)`;
  }
  params.push(first + 1);
  // The cursor keeps started_at as PostgreSQL prints it: microseconds, which a Date would lose.
  const rows = await sql<RunRecord & { startedKey: string }>(
    ctx,
    `SELECT ${RUN_COLUMNS}, r.started_at::text AS "startedKey" FROM event_source_run r WHERE ${where} ORDER BY r.started_at DESC, r.id DESC LIMIT $${params.length}`,
    params,
  );
  const page = pageOf(
    rows,
    first,
    (r) => [r.startedKey, r.id],
    ({ startedKey: _, ...r }) => toRun(r),
  );
  let total: Promise<number> | undefined;
  const countTotal = () =>
    (total ??= sql<{ n: number }>(ctx, `SELECT count(*)::int AS n FROM event_source_run WHERE source_id = $1`, [
      sourceId,
    ]).then((r) => r[0]!.n));
  return Object.assign(new EventSourceRunConnection(), { ...page, countTotal });
}

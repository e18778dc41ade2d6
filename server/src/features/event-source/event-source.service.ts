import type { RequestContext } from '../../shared/context.js';
import { inTransaction, sql } from '../../shared/context.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../../shared/errors.js';
import { checkId, isUuid } from '../../shared/ids.js';
import { decodeCursor, pageOf, pageSize } from '../../shared/pagination.js';
import { isUniqueViolation } from '../../shared/errors.js';
import { changesBetween, recordAudit } from '../audit/index.js';
import { assertAuthenticated, assertCanActForLibrary, canReadLibraryPrivate } from '../auth/index.js';
import type { AddEventSourceInput, UpdateEventSourceInput } from './event-source.inputs.js';
import {
  EventSource,
  EventSourceRun,
  EventSourceRunConnection,
  type EventSourceKind,
  type EventSourceRunOutcome,
  type PriceUnit,
  type SkippedEvent,
} from './event-source.types.js';
import { runImport } from './import/sync.js';
import { reschedule, scheduleNow } from './import/worker.js';

/**
 * Managing a library's event sources and reading their runs. Who may: the library's own staff
 * and coordinators (canReadLibraryPrivate / assertCanActForLibrary); anyone else with a token
 * gets FORBIDDEN, and sees `Library.eventSources` as null.
 */

export const SOURCE_COLUMNS = `s.id, s.library_id AS "libraryId", s.kind, s.url, s.theme_tags AS "themeTags",
  s.match_all_in_theme_weeks AS "matchAllInThemeWeeks", s.publish_immediately AS "publishImmediately",
  s.price_unit AS "priceUnit", s.enabled`;

export const RUN_COLUMNS = `r.id, r.source_id AS "sourceId", r.started_at AS "startedAt", r.finished_at AS "finishedAt", r.outcome,
  r.created, r.updated, r.cancelled, r.unchanged, r.skipped, r.skipped_events AS "skippedEvents", r.error`;

export interface SourceRecord {
  id: string;
  libraryId: string;
  kind: EventSourceKind;
  url: string;
  themeTags: string[];
  matchAllInThemeWeeks: boolean;
  publishImmediately: boolean;
  priceUnit: PriceUnit;
  enabled: boolean;
}

export function toEventSource(r: SourceRecord): EventSource {
  return Object.assign(new EventSource(), r);
}

export interface RunRecord {
  id: string;
  sourceId: string;
  startedAt: Date;
  finishedAt: Date | null;
  outcome: EventSourceRunOutcome;
  created: number;
  updated: number;
  cancelled: number;
  unchanged: number;
  skipped: number;
  skippedEvents: SkippedEvent[];
  error: string | null;
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

function cleanTags(tags: string[] | null | undefined, field: string): string[] | undefined {
  if (tags === null || tags === undefined) return undefined;
  const cleaned = [...new Set(tags.map((t) => t.trim()))];
  if (cleaned.some((t) => !t)) throw new BadUserInputError('themeTags must not contain empty tags.', field);
  return cleaned;
}

/** The source, for a viewer who may manage its library's sources; FORBIDDEN otherwise. */
async function sourceForWrite(ctx: RequestContext, rawId: string): Promise<SourceRecord> {
  const id = checkId(rawId, 'id', 'event source');
  assertAuthenticated(ctx);
  const [source] = await sql<SourceRecord>(ctx, `SELECT ${SOURCE_COLUMNS} FROM event_source s WHERE s.id = $1`, [id]);
  if (!source) throw new NotFoundError('No event source with this id.', 'id');
  assertCanActForLibrary(ctx, source.libraryId, 'id');
  return source;
}

const DUPLICATE = 'The library already has an event source with this URL.';

export async function addEventSource(ctx: RequestContext, input: AddEventSourceInput): Promise<EventSource> {
  const libraryId = checkId(input.libraryId, 'input.libraryId', 'library');
  assertCanActForLibrary(ctx, libraryId, 'input.libraryId');
  const themeTags = cleanTags(input.themeTags, 'input.themeTags') ?? [];
  const source = await inTransaction(ctx, async (tx) => {
    const [library] = await sql(tx, `SELECT 1 FROM library WHERE id = $1`, [libraryId]);
    if (!library) throw new BadUserInputError('No library with this id.', 'input.libraryId');
    let row: SourceRecord | undefined;
    try {
      [row] = await sql<SourceRecord>(
        tx,
        `INSERT INTO event_source AS s (library_id, kind, url, theme_tags, match_all_in_theme_weeks, publish_immediately, price_unit, enabled)
         VALUES ($1, $2, $3, $4::text[], $5, $6, $7, $8) RETURNING ${SOURCE_COLUMNS}`,
        [
          libraryId,
          input.kind,
          input.url.trim(),
          themeTags,
          input.matchAllInThemeWeeks ?? false,
          input.publishImmediately ?? false,
          input.priceUnit ?? 'OERE',
          input.enabled ?? true,
        ],
      );
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError(DUPLICATE, 'input.url');
      throw err;
    }
    await recordAudit(tx, {
      action: 'create',
      entityType: 'EventSource',
      entityId: row!.id,
      changes: changesBetween(null, { ...row! }),
    });
    return row!;
  });
  await scheduleNow(ctx.db, source.id);
  return toEventSource(source);
}

export async function updateEventSource(
  ctx: RequestContext,
  rawId: string,
  input: UpdateEventSourceInput,
): Promise<EventSource> {
  const themeTags = cleanTags(input.themeTags, 'input.themeTags');
  const after = await inTransaction(ctx, async (tx) => {
    const before = await sourceForWrite(tx, rawId);
    const next: SourceRecord = {
      ...before,
      url: input.url?.trim() ?? before.url,
      themeTags: themeTags ?? before.themeTags,
      matchAllInThemeWeeks: input.matchAllInThemeWeeks ?? before.matchAllInThemeWeeks,
      publishImmediately: input.publishImmediately ?? before.publishImmediately,
      priceUnit: input.priceUnit ?? before.priceUnit,
      enabled: input.enabled ?? before.enabled,
    };
    const changes = changesBetween({ ...before }, { ...next });
    if (!Object.keys(changes).length) return before;
    try {
      await sql(
        tx,
        `UPDATE event_source SET url = $2, theme_tags = $3::text[], match_all_in_theme_weeks = $4, publish_immediately = $5, price_unit = $6, enabled = $7, updated_at = now()
          WHERE id = $1`,
        [
          before.id,
          next.url,
          next.themeTags,
          next.matchAllInThemeWeeks,
          next.publishImmediately,
          next.priceUnit,
          next.enabled,
        ],
      );
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError(DUPLICATE, 'input.url');
      throw err;
    }
    await recordAudit(tx, { action: 'update', entityType: 'EventSource', entityId: before.id, changes });
    return next;
  });
  if (after.enabled) await scheduleNow(ctx.db, after.id);
  return toEventSource(after);
}

/** Removes a source with its runs. Its activities stay, as ordinary Temahub activities (editable in full). */
export async function removeEventSource(ctx: RequestContext, rawId: string): Promise<boolean> {
  return inTransaction(ctx, async (tx) => {
    const before = await sourceForWrite(tx, rawId);
    await sql(tx, `DELETE FROM event_source WHERE id = $1`, [before.id]);
    await recordAudit(tx, {
      action: 'delete',
      entityType: 'EventSource',
      entityId: before.id,
      changes: Object.fromEntries(
        Object.entries(before as object as Record<string, unknown>).map(([k, v]) => [k, { before: v }]),
      ),
    });
    return true;
  });
}

/** Runs the source now, in this request, and returns the finished run. */
export async function runEventSource(ctx: RequestContext, rawId: string): Promise<EventSourceRun> {
  const source = await sourceForWrite(ctx, rawId);
  const result = await runImport(ctx.db, ctx.log, source.id);
  // The schedule starts over from this run.
  await reschedule(ctx.db, source.id, result.outcome === 'FAILED', result.error);
  ctx.committedWrite = true;
  const [run] = await sql<RunRecord>(ctx, `SELECT ${RUN_COLUMNS} FROM event_source_run r WHERE r.id = $1`, [
    result.runId,
  ]);
  return toRun(run!);
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

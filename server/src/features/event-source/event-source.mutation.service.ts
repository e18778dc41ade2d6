import type { RequestContext } from '../../shared/context.js';
import { inTransaction, sql } from '../../shared/context.js';
import { insertOf, updateOf } from '../../shared/columns.js';
import { BadUserInputError, ConflictError, NotFoundError, isUniqueViolation } from '../../shared/errors.js';
import { checkId } from '../../shared/ids.js';
import { changesBetween, recordAudit } from '../audit/index.js';
import { assertAuthenticated, assertCanActForLibrary } from '../auth/index.js';
import {
  EVENT_SOURCE_TABLE,
  RUN_COLUMNS,
  SOURCE_COLUMNS,
  SOURCE_CREATED,
  SOURCE_UPDATED,
  type RunRecord,
  type SourceRecord,
} from './event-source.columns.js';
import type { AddEventSourceInput, UpdateEventSourceInput } from './event-source.inputs.js';
import { toEventSource, toRun } from './event-source.service.js';
import type { EventSource, EventSourceRun } from './event-source.types.js';
import { runImport } from './import/sync.js';
import { reschedule, scheduleNow } from './import/worker.js';

/**
 * Managing a library's event sources: add, change, remove, run now. Who may: the library's own
 * staff and coordinators (assertCanActForLibrary); anyone else with a token gets FORBIDDEN.
 */

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
      const insert = insertOf(EVENT_SOURCE_TABLE, SOURCE_CREATED, {
        libraryId,
        kind: input.kind,
        url: input.url.trim(),
        themeTags,
        matchAllInThemeWeeks: input.matchAllInThemeWeeks ?? false,
        publishImmediately: input.publishImmediately ?? false,
        priceUnit: input.priceUnit ?? 'OERE',
        enabled: input.enabled ?? true,
      });
      [row] = await sql<SourceRecord>(
        tx,
        `INSERT INTO event_source AS s (${insert.columns}) VALUES (${insert.placeholders}) RETURNING ${SOURCE_COLUMNS}`,
        insert.values,
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
      const update = updateOf(EVENT_SOURCE_TABLE, SOURCE_UPDATED, next, 1);
      await sql(tx, `UPDATE event_source SET ${update.sets}, updated_at = now() WHERE id = $1`, [
        before.id,
        ...update.values,
      ]);
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

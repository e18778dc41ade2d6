import DataLoader from 'dataloader';
import type { RequestContext } from '../../shared/context.js';
import { sql } from '../../shared/context.js';
import { byKey, groupByKey } from '../../shared/loaders.js';
import type { ActivitySource, EventSource, EventSourceRun } from './event-source.types.js';
import { RUN_COLUMNS, SOURCE_COLUMNS, type RunRecord, type SourceRecord } from './event-source.columns.js';
import { toEventSource, toRun } from './event-source.service.js';

/** Per-request loaders of the event-source feature: one statement per level, whatever the list. */

export const activitySourceLoader = (ctx: RequestContext) =>
  new DataLoader<string, ActivitySource | null>(async (ids) => {
    const rows = await sql<ActivitySource & { activityId: string }>(
      ctx,
      `SELECT a.activity_id AS "activityId", s.kind, s.url, a.external_id AS "externalId", a.series_id AS "seriesId", a.imported_at AS "importedAt"
         FROM activity_source a JOIN event_source s ON s.id = a.source_id WHERE a.activity_id = ANY($1::uuid[])`,
      [ids],
    );
    return byKey(ids, rows, (r) => r.activityId).map((r) =>
      r ? { kind: r.kind, url: r.url, externalId: r.externalId, seriesId: r.seriesId, importedAt: r.importedAt } : null,
    );
  });

export const librarySourcesLoader = (ctx: RequestContext) =>
  new DataLoader<string, EventSource[]>(async (libraryIds) => {
    const rows = await sql<SourceRecord>(
      ctx,
      `SELECT ${SOURCE_COLUMNS} FROM event_source s WHERE s.library_id = ANY($1::uuid[]) ORDER BY s.created_at, s.id`,
      [libraryIds],
    );
    return groupByKey(libraryIds, rows, (r) => r.libraryId).map((list) => list.map(toEventSource));
  });

export const sourceLoader = (ctx: RequestContext) =>
  new DataLoader<string, EventSource | null>(async (ids) => {
    const rows = await sql<SourceRecord>(
      ctx,
      `SELECT ${SOURCE_COLUMNS} FROM event_source s WHERE s.id = ANY($1::uuid[])`,
      [ids],
    );
    return byKey(ids, rows, (r) => r.id).map((r) => (r ? toEventSource(r) : null));
  });

export const lastRunLoader = (ctx: RequestContext) =>
  new DataLoader<string, EventSourceRun | null>(async (sourceIds) => {
    const rows = await sql<RunRecord>(
      ctx,
      `SELECT DISTINCT ON (r.source_id) ${RUN_COLUMNS} FROM event_source_run r WHERE r.source_id = ANY($1::uuid[]) ORDER BY r.source_id, r.started_at DESC, r.id DESC`,
      [sourceIds],
    );
    return byKey(sourceIds, rows, (r) => r.sourceId).map((r) => (r ? toRun(r) : null));
  });

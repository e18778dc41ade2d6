import { col, nullable, selectList, type RecordOf } from '../../shared/columns.js';
import type { EventSourceKind, EventSourceRunOutcome, PriceUnit, SkippedEvent } from './event-source.types.js';

/**
 * The event-source feature's tables' columns, once (migration 1764000000010; see
 * shared/columns.ts for what derives from them).
 */

/** `event_source`: a library's website whose events are imported. */
export const EVENT_SOURCE_TABLE = {
  id: col<string>('id', 'uuid', { primary: 'uuid' }),
  libraryId: col<string>('library_id', 'uuid'),
  kind: col<EventSourceKind>('kind', 'text'),
  url: col<string>('url', 'text'),
  themeTags: col<string[]>('theme_tags', 'text', { array: true }),
  matchAllInThemeWeeks: col<boolean>('match_all_in_theme_weeks', 'boolean'),
  publishImmediately: col<boolean>('publish_immediately', 'boolean'),
  priceUnit: col<PriceUnit>('price_unit', 'text'),
  enabled: col<boolean>('enabled', 'boolean'),
  createdAt: col<Date>('created_at', 'timestamptz', { readOnly: true }),
  updatedAt: col<Date>('updated_at', 'timestamptz'),
} as const;

/** The columns of a source that the API, the audit log and the import read (not its timestamps). */
const { createdAt: _createdAt, updatedAt: _updatedAt, ...SOURCE_FIELDS } = EVENT_SOURCE_TABLE;

export type SourceRecord = RecordOf<typeof SOURCE_FIELDS>;

/** A source's fields of `event_source s` under their properties' names. */
export const SOURCE_COLUMNS = selectList(SOURCE_FIELDS, 's');

/** The fields a source's update may change (besides `updated_at`). */
export const SOURCE_UPDATED = [
  'url',
  'themeTags',
  'matchAllInThemeWeeks',
  'publishImmediately',
  'priceUnit',
  'enabled',
] as const satisfies readonly (keyof SourceRecord)[];

/** The fields a source's creation sets. */
export const SOURCE_CREATED = [
  'libraryId',
  'kind',
  ...SOURCE_UPDATED,
] as const satisfies readonly (keyof SourceRecord)[];

/** `event_source_run`: one run of a source with its counts. */
export const EVENT_SOURCE_RUN_TABLE = {
  id: col<string>('id', 'uuid', { primary: 'uuid' }),
  sourceId: col<string>('source_id', 'uuid'),
  startedAt: col<Date>('started_at', 'timestamptz'),
  finishedAt: nullable<Date>('finished_at', 'timestamptz'),
  outcome: col<EventSourceRunOutcome>('outcome', 'text'),
  created: col<number>('created', 'integer'),
  updated: col<number>('updated', 'integer'),
  cancelled: col<number>('cancelled', 'integer'),
  unchanged: col<number>('unchanged', 'integer'),
  skipped: col<number>('skipped', 'integer'),
  skippedEvents: col<SkippedEvent[]>('skipped_events', 'jsonb'),
  error: nullable<string>('error', 'text'),
} as const;

export type RunRecord = RecordOf<typeof EVENT_SOURCE_RUN_TABLE>;

/** Every column of `event_source_run r` under its property's name. */
export const RUN_COLUMNS = selectList(EVENT_SOURCE_RUN_TABLE, 'r');

/** `activity_source`: the link between an imported activity and its source (the activity table stays as it is). */
export const ACTIVITY_SOURCE_TABLE = {
  activityId: col<string>('activity_id', 'uuid', { primary: 'key' }),
  sourceId: col<string>('source_id', 'uuid'),
  externalId: col<string>('external_id', 'text'),
  seriesId: nullable<string>('series_id', 'text'),
  contentHash: col<string>('content_hash', 'text'),
  importedAt: col<Date>('imported_at', 'timestamptz'),
} as const;

export type ActivitySourceRecord = RecordOf<typeof ACTIVITY_SOURCE_TABLE>;

/** `event_source_job`: the background job of a source, when it is due and who holds it. */
export const EVENT_SOURCE_JOB_TABLE = {
  sourceId: col<string>('source_id', 'uuid', { primary: 'key' }),
  dueAt: col<Date>('due_at', 'timestamptz'),
  attempts: col<number>('attempts', 'integer'),
  lockedUntil: nullable<Date>('locked_until', 'timestamptz'),
  lastError: nullable<string>('last_error', 'text'),
} as const;

export type EventSourceJobRecord = RecordOf<typeof EVENT_SOURCE_JOB_TABLE>;

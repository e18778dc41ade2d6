import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A library's website whose events are imported (migration 1764000000010). */
@Entity('event_source')
export class EventSourceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'library_id', type: 'uuid' })
  libraryId: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text' })
  url: string;

  @Column({ name: 'theme_tags', type: 'text', array: true })
  themeTags: string[];

  @Column({ name: 'match_all_in_theme_weeks', type: 'boolean' })
  matchAllInThemeWeeks: boolean;

  @Column({ name: 'publish_immediately', type: 'boolean' })
  publishImmediately: boolean;

  @Column({ name: 'price_unit', type: 'text' })
  priceUnit: string;

  @Column({ type: 'boolean' })
  enabled: boolean;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** One run of a source with its counts. */
@Entity('event_source_run')
export class EventSourceRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'source_id', type: 'uuid' })
  sourceId: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ type: 'text' })
  outcome: string;

  @Column({ type: 'integer' })
  created: number;

  @Column({ type: 'integer' })
  updated: number;

  @Column({ type: 'integer' })
  cancelled: number;

  @Column({ type: 'integer' })
  unchanged: number;

  @Column({ type: 'integer' })
  skipped: number;

  @Column({ name: 'skipped_events', type: 'jsonb' })
  skippedEvents: { externalId: string | null; title: string | null; reason: string }[];

  @Column({ type: 'text', nullable: true })
  error: string | null;
}

/** The link between an imported activity and its source; the activity table stays as it is. */
@Entity('activity_source')
export class ActivitySourceEntity {
  @PrimaryColumn({ name: 'activity_id', type: 'uuid' })
  activityId: string;

  @Column({ name: 'source_id', type: 'uuid' })
  sourceId: string;

  @Column({ name: 'external_id', type: 'text' })
  externalId: string;

  @Column({ name: 'series_id', type: 'text', nullable: true })
  seriesId: string | null;

  @Column({ name: 'content_hash', type: 'text' })
  contentHash: string;

  @Column({ name: 'imported_at', type: 'timestamptz' })
  importedAt: Date;
}

/** The background job of a source: when it is due and who holds it. */
@Entity('event_source_job')
export class EventSourceJobEntity {
  @PrimaryColumn({ name: 'source_id', type: 'uuid' })
  sourceId: string;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  @Column({ type: 'integer' })
  attempts: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;
}

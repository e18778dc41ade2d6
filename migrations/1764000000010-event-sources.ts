import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Event import (issue 11): a library's event sources (DPL CMS or iCalendar), the history of
 * their runs, the link between an imported activity and its source (its own table, so that the
 * activity table stays as it is), and the job queue of background imports (one row per source,
 * claimed with FOR UPDATE SKIP LOCKED).
 */
export class EventSources1764000000010 implements MigrationInterface {
  name = 'EventSources1764000000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE event_source (
        id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        library_id             uuid NOT NULL REFERENCES library(id) ON DELETE CASCADE,
        kind                   text NOT NULL CHECK (kind IN ('DPL_CMS','ICALENDAR')),
        url                    text NOT NULL CHECK (url ~ '^https?://' AND length(url) <= 2000),
        theme_tags             text[] NOT NULL DEFAULT '{}' CHECK (cardinality(theme_tags) <= 50),
        match_all_in_theme_weeks boolean NOT NULL DEFAULT false,
        publish_immediately    boolean NOT NULL DEFAULT false,
        price_unit             text NOT NULL DEFAULT 'OERE' CHECK (price_unit IN ('KRONER','OERE')),
        enabled                boolean NOT NULL DEFAULT true,
        created_at             timestamptz NOT NULL DEFAULT now(),
        updated_at             timestamptz NOT NULL DEFAULT now(),
        UNIQUE (library_id, url)
      );

      CREATE TABLE event_source_run (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        source_id      uuid NOT NULL REFERENCES event_source(id) ON DELETE CASCADE,
        started_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
        finished_at    timestamptz,
        outcome        text NOT NULL DEFAULT 'RUNNING' CHECK (outcome IN ('RUNNING','SUCCEEDED','PARTIAL','FAILED')),
        created        integer NOT NULL DEFAULT 0 CHECK (created >= 0),
        updated        integer NOT NULL DEFAULT 0 CHECK (updated >= 0),
        cancelled      integer NOT NULL DEFAULT 0 CHECK (cancelled >= 0),
        unchanged      integer NOT NULL DEFAULT 0 CHECK (unchanged >= 0),
        skipped        integer NOT NULL DEFAULT 0 CHECK (skipped >= 0),
        skipped_events jsonb NOT NULL DEFAULT '[]'::jsonb,
        error          text,
        CHECK ((outcome = 'RUNNING') = (finished_at IS NULL))
      );
      CREATE INDEX event_source_run_source_idx ON event_source_run(source_id, started_at DESC, id DESC);

      CREATE TABLE activity_source (
        activity_id  uuid PRIMARY KEY REFERENCES activity(id) ON DELETE CASCADE,
        source_id    uuid NOT NULL REFERENCES event_source(id) ON DELETE CASCADE,
        external_id  text NOT NULL CHECK (length(external_id) BETWEEN 1 AND 500),
        series_id    text,
        content_hash text NOT NULL,
        imported_at  timestamptz NOT NULL DEFAULT now(),
        UNIQUE (source_id, external_id)
      );

      CREATE TABLE event_source_job (
        source_id    uuid PRIMARY KEY REFERENCES event_source(id) ON DELETE CASCADE,
        due_at       timestamptz NOT NULL DEFAULT now(),
        attempts     integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        last_error   text
      );
      CREATE INDEX event_source_job_due_idx ON event_source_job(due_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE event_source_job, activity_source, event_source_run, event_source;`);
  }
}

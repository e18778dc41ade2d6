import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The number of activities per theme, library and status, kept by statement triggers on
 * `activity` in the same transaction as every write (so it is exact in every snapshot).
 *
 * totalCount of a theme's or a library's activities (the visibility rule reads only theme, library
 * and status) sums a few of these rows instead of counting every activity of the theme: the theme
 * page's count over 5,000 activities was most of its PostgreSQL time and grew with the theme.
 * Derived data: backups and exports leave it out (the triggers rebuild it as rows are restored).
 */
export class ActivityTally1764000000020 implements MigrationInterface {
  name = 'ActivityTally1764000000020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE activity_tally (
        theme_id   uuid NOT NULL,
        library_id uuid NOT NULL,
        status     text NOT NULL,
        n          integer NOT NULL,
        PRIMARY KEY (theme_id, library_id, status)
      );
      CREATE INDEX activity_tally_library_idx ON activity_tally(library_id, theme_id, status) INCLUDE (n);

      -- Applies a statement's change per key, in key order (concurrent writers then wait for each
      -- other instead of deadlocking); keys whose count reaches 0 are removed, so a deleted theme or
      -- library leaves nothing behind.
      CREATE FUNCTION activity_tally_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO activity_tally AS t (theme_id, library_id, status, n)
            SELECT theme_id, library_id, status, count(*) FROM tally_new GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
            ON CONFLICT (theme_id, library_id, status) DO UPDATE SET n = t.n + EXCLUDED.n;
          RETURN NULL;
        END IF;
        IF TG_OP = 'UPDATE' THEN
          INSERT INTO activity_tally AS t (theme_id, library_id, status, n)
            SELECT theme_id, library_id, status, sum(d) FROM (
              SELECT theme_id, library_id, status, -1 AS d FROM tally_old
              UNION ALL SELECT theme_id, library_id, status, 1 FROM tally_new) c
             GROUP BY 1, 2, 3 HAVING sum(d) <> 0 ORDER BY 1, 2, 3
            ON CONFLICT (theme_id, library_id, status) DO UPDATE SET n = t.n + EXCLUDED.n;
        ELSE
          INSERT INTO activity_tally AS t (theme_id, library_id, status, n)
            SELECT theme_id, library_id, status, -count(*) FROM tally_old GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
            ON CONFLICT (theme_id, library_id, status) DO UPDATE SET n = t.n + EXCLUDED.n;
        END IF;
        DELETE FROM activity_tally t USING (SELECT DISTINCT theme_id, library_id, status FROM tally_old) o
         WHERE t.n = 0 AND t.theme_id = o.theme_id AND t.library_id = o.library_id AND t.status = o.status;
        RETURN NULL;
      END
      $fn$;

      CREATE TRIGGER activity_tally_insert AFTER INSERT ON activity
        REFERENCING NEW TABLE AS tally_new FOR EACH STATEMENT EXECUTE FUNCTION activity_tally_change();
      CREATE TRIGGER activity_tally_update AFTER UPDATE ON activity
        REFERENCING OLD TABLE AS tally_old NEW TABLE AS tally_new
        FOR EACH STATEMENT EXECUTE FUNCTION activity_tally_change();
      CREATE TRIGGER activity_tally_delete AFTER DELETE ON activity
        REFERENCING OLD TABLE AS tally_old FOR EACH STATEMENT EXECUTE FUNCTION activity_tally_change();

      CREATE FUNCTION activity_tally_truncate() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        DELETE FROM activity_tally;
        RETURN NULL;
      END
      $fn$;
      CREATE TRIGGER activity_tally_truncate AFTER TRUNCATE ON activity
        FOR EACH STATEMENT EXECUTE FUNCTION activity_tally_truncate();

      INSERT INTO activity_tally (theme_id, library_id, status, n)
        SELECT theme_id, library_id, status, count(*) FROM activity GROUP BY 1, 2, 3;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER activity_tally_truncate ON activity;
      DROP TRIGGER activity_tally_delete ON activity;
      DROP TRIGGER activity_tally_update ON activity;
      DROP TRIGGER activity_tally_insert ON activity;
      DROP FUNCTION activity_tally_truncate();
      DROP FUNCTION activity_tally_change();
      DROP TABLE activity_tally;
    `);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The theme page and library pages count a parent's visible activities (status filter) on
 * every request: with status in the paging indexes those counts are index-only scans instead
 * of reading every activity row (100 000 rows: ~70 ms → a few ms).
 */
export class ActivityCoveringIndexes1764000000001 implements MigrationInterface {
  name = 'ActivityCoveringIndexes1764000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX activity_theme_start_idx;
      CREATE INDEX activity_theme_start_idx ON activity(theme_id, starts_at, id) INCLUDE (status);
      DROP INDEX activity_library_start_idx;
      CREATE INDEX activity_library_start_idx ON activity(library_id, starts_at, id) INCLUDE (status);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX activity_theme_start_idx;
      CREATE INDEX activity_theme_start_idx ON activity(theme_id, starts_at, id);
      DROP INDEX activity_library_start_idx;
      CREATE INDEX activity_library_start_idx ON activity(library_id, starts_at, id);
    `);
  }
}

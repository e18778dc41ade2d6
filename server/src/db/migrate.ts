import { MigrationExecutor, type DataSource, type Migration, type QueryRunner } from 'typeorm';

/**
 * Applies pending migrations, each in its own transaction, and returns the names of those
 * applied (empty when the database was up to date).
 *
 * Pass `queryRunner` when the caller already holds a connection (for example one holding
 * an advisory lock): the embedded database has a single connection, so migrating on a
 * second one would wait for the first forever.
 */
export async function runMigrations(ds: DataSource, options: { queryRunner?: QueryRunner } = {}): Promise<string[]> {
  let applied: Migration[];
  if (options.queryRunner) {
    const executor = new MigrationExecutor(ds, options.queryRunner);
    executor.transaction = 'each';
    applied = await executor.executePendingMigrations();
  } else {
    applied = await ds.runMigrations({ transaction: 'each' });
  }
  return applied.map((migration) => migration.name);
}

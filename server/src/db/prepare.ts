import type { DataSource, QueryRunner } from 'typeorm';
import type { Logger } from 'pino';
import { withoutStatementTimeout } from './data-source.js';
import { runMigrations } from './migrate.js';
import { seed } from './seed/index.js';

/** Any fixed number: the advisory lock that keeps replicas from migrating at the same time. */
const PREPARE_LOCK = 4_711_011;

/**
 * Brings the database up to date at start: migrations, reference data (always, idempotent) and
 * the demo season on first start only (an empty theme table), so later edits survive restarts.
 */
export async function prepareDatabase(db: DataSource, options: { seedDemo: boolean }, log: Logger): Promise<void> {
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    await withoutStatementTimeout(runner, () => migrateAndSeed(runner, options, log));
  } finally {
    await runner.release();
  }
}

async function migrateAndSeed(runner: QueryRunner, options: { seedDemo: boolean }, log: Logger): Promise<void> {
  const db = runner.connection;
  await runner.query('SELECT pg_advisory_lock($1)', [PREPARE_LOCK]);
  try {
    const applied = await runMigrations(db, { queryRunner: runner });
    if (applied.length) log.info({ migrations: applied }, 'migrations applied');
    const [{ themes }] = (await runner.query('SELECT count(*)::int AS themes FROM theme')) as { themes: number }[];
    const demo = options.seedDemo && themes === 0;
    await runner.startTransaction();
    const summary = await seed(runner, { demo });
    await runner.commitTransaction();
    if (demo) log.info({ rows: summary }, 'demo season loaded');
  } finally {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    await runner.query('SELECT pg_advisory_unlock($1)', [PREPARE_LOCK]);
  }
}

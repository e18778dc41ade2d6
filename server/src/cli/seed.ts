import { runMigrations } from '../db/migrate.js';
import { seed } from '../db/seed/index.js';
import { runCli } from './cli-support.js';
import { announceContentChanged } from '../db/content-changes.js';

/**
 * Migrates, then loads the reference data and the demo season in one transaction. Idempotent:
 * a second run writes the same rows. `--reference-only` skips the demo season.
 */
runCli('Seed', async (db, target) => {
  await runMigrations(db);
  const demo = !process.argv.includes('--reference-only');
  const summary = await db.transaction((tx) => seed(tx.queryRunner!, { demo }));
  // Running servers' response caches start afresh (content-changes.ts).
  await announceContentChanged(db);
  process.stdout.write(`Seeded ${target}${demo ? ' with the demo season' : ' (reference data only)'}:\n`);
  for (const [table, rows] of Object.entries(summary)) process.stdout.write(`  ${table}: ${rows}\n`);
});

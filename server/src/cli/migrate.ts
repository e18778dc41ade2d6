import { runMigrations } from '../db/migrate.js';
import { runCli } from './cli-support.js';

/** Applies pending migrations and prints what it applied. */
runCli('Migration', async (db, target) => {
  const applied = await runMigrations(db);
  if (applied.length === 0) {
    process.stdout.write(`Migrations: ${target} is up to date.\n`);
    return;
  }
  process.stdout.write(`Migrations: applied ${applied.length} to ${target}:\n`);
  for (const name of applied) process.stdout.write(`  ${name}\n`);
});

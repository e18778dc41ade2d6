import 'reflect-metadata';
import { resolve } from 'node:path';
import { closeDatabase, openDatabase } from '../db/data-source.js';
import { runMigrations } from '../db/migrate.js';

/**
 * Applies pending migrations to PostgreSQL (DATABASE_URL) or, without it, to the embedded
 * database in DATA_DIR (default ./.data). Prints what it applied; on failure prints one
 * line and exits non-zero.
 */
async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL?.trim() || undefined;
  const dataDir = resolve(process.env.DATA_DIR?.trim() || './.data');
  const target = databaseUrl ? `PostgreSQL ${describeUrl(databaseUrl)}` : `embedded database in ${dataDir}`;

  const ds = await openDatabase({ databaseUrl, dataDir });
  try {
    const applied = await runMigrations(ds);
    if (applied.length === 0) {
      console.log(`Migrations: ${target} is up to date.`);
    } else {
      console.log(`Migrations: applied ${applied.length} to ${target}:`);
      for (const name of applied) console.log(`  ${name}`);
    }
  } finally {
    await closeDatabase(ds);
  }
}

/** The URL without its password. */
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable DATABASE_URL)';
  }
}

function oneLine(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as { code?: unknown }).code;
  const message = err.message.replace(/\s+/g, ' ').trim();
  // SQLSTATEs are five characters; Node's own codes (ECONNREFUSED, …) are longer.
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? `${message} (SQLSTATE ${code})` : message;
}

main().catch((err: unknown) => {
  console.error(`Migration failed: ${oneLine(err)}`);
  process.exitCode = 1;
});

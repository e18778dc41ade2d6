import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../config.js';
import { closeDatabase, openDatabase } from '../db/data-source.js';
import { entities } from '../app/schema.js';

/** The URL without its password. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable DATABASE_URL)';
  }
}

/** One line for a person: the message, and the SQLSTATE for database errors. No stack. */
export function oneLine(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as { code?: unknown }).code;
  const message = err.message.replace(/\s+/g, ' ').trim();
  // SQLSTATEs are five characters; Node's own codes (ECONNREFUSED, …) are longer.
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? `${message} (SQLSTATE ${code})` : message;
}

/**
 * Runs a command-line task against the configured database (DATABASE_URL, else the embedded
 * database in DATA_DIR): opens it, runs `work`, closes it; any failure is one line on stderr
 * prefixed with `label` and exit code 1.
 */
export function runCli(label: string, work: (db: DataSource, target: string) => Promise<void>): void {
  const task = async () => {
    const config = loadConfig();
    const target = config.databaseUrl
      ? `PostgreSQL ${describeUrl(config.databaseUrl)}`
      : `embedded database in ${config.dataDir}`;
    const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, entities });
    try {
      await work(db, target);
    } finally {
      await closeDatabase(db);
    }
  };
  task().catch((err: unknown) => {
    const message = err instanceof ConfigError ? `configuration error: ${err.message}` : oneLine(err);
    process.stderr.write(`${label} failed: ${message}\n`);
    process.exitCode = 1;
  });
}

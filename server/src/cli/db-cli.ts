import 'reflect-metadata';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DataSource, QueryRunner } from 'typeorm';
import { closeDatabase, openDatabase } from '../db/data-source.js';
import { DataDirLockedError } from '../db/data-dir-lock.js';
import { TransferError } from '../db/transfer.js';
import { oneLine } from './cli-support.js';

/** Shared plumbing of `db:export`, `db:backup` and `db:restore`. */

/** `--name value` or `--name=value` from argv; undefined when absent. */
export function option(name: string, argv = process.argv.slice(2)): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === `--${name}`) return argv[i + 1];
    if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
  }
  return undefined;
}

/** The embedded database's directory: `--data-dir`, else DATA_DIR, else `.data` (as the server). */
export function dataDirOption(): string {
  return resolve(option('data-dir') ?? (process.env.DATA_DIR || '.data'));
}

/** Whether `dir` holds an embedded (PGlite) database. */
export function holdsDatabase(dir: string): boolean {
  return existsSync(join(dir, 'PG_VERSION'));
}

/** Whether `dir` is missing or has no entries. */
export function isEmptyDir(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).length === 0;
}

/** Opens a database (embedded when no url), runs `work` on one dedicated connection, closes. */
export async function withConnection<T>(
  where: { databaseUrl?: string; dataDir?: string },
  work: (q: QueryRunner, db: DataSource) => Promise<T>,
): Promise<T> {
  const db = await openDatabase({ databaseUrl: where.databaseUrl, dataDir: where.dataDir ?? '.data', poolSize: 1 });
  try {
    const q = db.createQueryRunner();
    await q.connect();
    try {
      return await work(q, db);
    } finally {
      if (q.isTransactionActive) await q.rollbackTransaction().catch(() => undefined);
      await q.query('ROLLBACK').catch(() => undefined);
      await q.release();
    }
  } finally {
    await closeDatabase(db);
  }
}

/** Runs a command; a failure is one line on stderr prefixed with `label`, exit code 1. */
export function runDbCommand(label: string, task: () => Promise<void>): void {
  task().catch((err: unknown) => {
    let message: string;
    if (err instanceof TransferError) message = err.message;
    else if (err instanceof DataDirLockedError) {
      message = `${err.message} The server keeps the embedded database open while it runs: stop it first${label === 'Backup' ? ', or back up through it with --server (see the README)' : ''}.`;
    } else message = oneLine(err);
    process.stderr.write(`${label} failed: ${message}\n`);
    process.exitCode = 1;
  });
}

import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import type { DataSource, QueryRunner } from 'typeorm';
import type { Logger } from 'pino';
import { migrations } from './migrations.js';
import {
  appliedMigrations,
  beginSnapshot,
  insertRows,
  listTables,
  nonEmptyTables,
  readRows,
  readSequences,
  requireSameMigrations,
  requireSameSummaries,
  summarizeTable,
  TransferError,
  useUtc,
  writeSequences,
  type SequenceState,
  type TableInfo,
  type TableSummary,
} from './transfer.js';
import { createRequestContext } from '../shared/context.js';
import { isCoordinator, resolveViewer } from '../features/auth/index.js';

/**
 * Logical backups of a Temahub database as JSON Lines (one JSON value per line):
 *
 *   {"format":"temahub-backup","version":1,"createdAt":…,"migrations":[…]}
 *   {"table":"region","rows":5,"checksum":"…"}      then that many lines, one row's JSON each
 *   …                                                every table, parents before children
 *   {"sequences":[{"name":…,"lastValue":…,"isCalled":…}]}
 *   {"end":true,"tables":15}
 *
 * Written from one read-only snapshot, so it is consistent even while the server writes. The
 * last line proves the file is complete; restore checks each table's rows and checksum.
 */

export const BACKUP_FORMAT = 'temahub-backup';
const BACKUP_VERSION = 1;

interface Header {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  migrations: string[];
}

/** Writes the whole database as backup lines (each without its newline) to `write`. */
export async function writeBackup(q: QueryRunner, write: (line: string) => Promise<void>): Promise<TableSummary[]> {
  await beginSnapshot(q);
  try {
    const header: Header = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: new Date().toISOString(),
      migrations: await appliedMigrations(q),
    };
    await write(JSON.stringify(header));
    const tables = await listTables(q);
    const summaries: TableSummary[] = [];
    for (const table of tables) {
      const summary = await summarizeTable(q, table.name);
      summaries.push(summary);
      await write(JSON.stringify(summary));
      for await (const rows of readRows(q, table.name)) {
        for (const row of rows) await write(row);
      }
    }
    await write(JSON.stringify({ sequences: await readSequences(q) }));
    await write(JSON.stringify({ end: true, tables: tables.length }));
    await q.query('COMMIT');
    return summaries;
  } catch (err) {
    await q.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/**
 * Loads a backup into `q`'s database, which must be migrated to the backup's migrations and hold
 * no rows, in one transaction; checks every table's rows and checksum before committing.
 */
export async function restoreBackup(
  q: QueryRunner,
  lines: AsyncIterable<string>,
  label: string,
): Promise<TableSummary[]> {
  const iterator = lines[Symbol.asyncIterator]();
  const next = async (): Promise<string> => {
    const result = await iterator.next();
    if (result.done)
      throw new TransferError('The backup file ends early: it is incomplete (was the backup interrupted?).');
    return result.value;
  };
  const parse = (line: string): unknown => {
    try {
      return JSON.parse(line) as unknown;
    } catch {
      throw new TransferError('The backup file is damaged: a line is not JSON.');
    }
  };
  const header = parse(await next()) as Partial<Header>;
  if (header.format !== BACKUP_FORMAT || header.version !== BACKUP_VERSION || !Array.isArray(header.migrations)) {
    throw new TransferError(`This is not a Temahub backup (format ${BACKUP_FORMAT}, version ${BACKUP_VERSION}).`);
  }
  requireSameMigrations(
    { label: 'the backup', names: header.migrations },
    { label, names: await appliedMigrations(q) },
  );
  const tables = new Map((await listTables(q)).map((t) => [t.name, t]));
  const filled = await nonEmptyTables(q, [...tables.values()]);
  if (filled.length)
    throw new TransferError(
      `${label} is not empty (rows in ${filled.join(', ')}). Restore only into an empty data directory.`,
    );

  await q.query('BEGIN');
  try {
    await useUtc(q);
    const expected: TableSummary[] = [];
    let sequences: SequenceState[] | undefined;
    for (;;) {
      const entry = parse(await next()) as { end?: unknown; sequences?: unknown };
      if (entry.end === true) break;
      if (Array.isArray(entry.sequences)) {
        sequences = entry.sequences as SequenceState[];
        continue;
      }
      const summary = entry as TableSummary;
      const table: TableInfo | undefined = tables.get(summary.table);
      if (!table)
        throw new TransferError(
          `The backup has a table ${JSON.stringify(summary.table)} that this database does not have.`,
        );
      expected.push(summary);
      let batch: string[] = [];
      for (let i = 0; i < summary.rows; i++) {
        batch.push(await next());
        if (batch.length === 2_000) {
          await insertRows(q, table, batch);
          batch = [];
        }
      }
      await insertRows(q, table, batch);
    }
    if (!sequences) throw new TransferError('The backup file is damaged: it has no sequences.');
    await writeSequences(q, sequences);
    const restored: TableSummary[] = [];
    for (const summary of expected) restored.push(await summarizeTable(q, summary.table));
    requireSameSummaries(expected, restored);
    await q.query('COMMIT');
    return restored;
  } catch (err) {
    await q.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/** The migrations this version of Temahub applies, for messages. */
export const codeMigrations = (): string[] => migrations.map((m) => m.name);

/**
 * `GET /admin/backup` with a coordinator token: a backup of the running server's database,
 * streamed as it is read. On the embedded database the snapshot holds its only connection, so
 * other requests wait until the backup is written (seconds for an installation of this size).
 */
export function backupRoutes(db: DataSource, log: Logger): Router {
  const router = Router();
  router.get('/admin/backup', async (req: Request, res: Response) => {
    const requestId = (res.locals.requestId as string | undefined) ?? randomUUID();
    const requestLog = log.child({ requestId });
    res.set('Cache-Control', 'no-store');
    const viewer = await resolveViewer(db, req.header('authorization')).catch(() => undefined);
    if (!viewer?.role) {
      res
        .status(401)
        .set('WWW-Authenticate', 'Bearer realm="temahub"')
        .type('text/plain; charset=utf-8')
        .send('A backup needs a coordinator API token: send it as "Authorization: Bearer <token>".\n');
      return;
    }
    if (!isCoordinator(createRequestContext({ requestId, viewer, db, log: requestLog }))) {
      res
        .status(403)
        .type('text/plain; charset=utf-8')
        .send('Backups are for coordinators only; this token has another role.\n');
      return;
    }
    const q = db.createQueryRunner();
    try {
      await q.connect();
      res
        .status(200)
        .set('Content-Type', 'application/x-ndjson; charset=utf-8')
        .set('Content-Disposition', 'attachment; filename="temahub-backup.jsonl"');
      const write = (line: string) =>
        new Promise<void>((resolve, reject) => {
          if (res.destroyed) return reject(new Error('the client went away'));
          if (res.write(`${line}\n`)) resolve();
          else res.once('drain', resolve);
        });
      const summaries = await writeBackup(q, write);
      res.end();
      requestLog.info({ tables: summaries.length, rows: summaries.reduce((n, s) => n + s.rows, 0) }, 'backup written');
    } catch (err) {
      requestLog.error({ err }, 'backup failed');
      // Headers are out: cutting the stream leaves a file without its last line, which restore refuses.
      if (res.headersSent) res.destroy();
      else res.status(500).type('text/plain; charset=utf-8').send(`Internal server error (request id ${requestId}).\n`);
    } finally {
      await q.release();
    }
  });
  return router;
}

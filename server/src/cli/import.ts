import 'reflect-metadata';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { loadConfig } from '../config.js';
import { runMigrations } from '../db/migrate.js';
import { isUuid } from '../shared/ids.js';
import { configureEventImport, reschedule, runImport } from '../features/event-source/index.js';
import { runCli } from './cli-support.js';
import { announceContentChanged } from '../db/content-changes.js';

/**
 * Runs one event source now and prints its run:
 *
 *   npm run import -- --source <event source id>
 *
 * Uses DATABASE_URL, or without it the embedded database in DATA_DIR (stop the server first). On
 * PostgreSQL, running servers are told when the run changed activities, so that their response
 * caches start afresh.
 * Exit code 0 when the run SUCCEEDED or was PARTIAL, 1 when it FAILED.
 */

const USAGE = 'usage: npm run import -- --source <event source id>';

function sourceArgument(): string | undefined {
  try {
    const { values } = parseArgs({ options: { source: { type: 'string' } }, strict: true, allowPositionals: false });
    const id = values.source?.trim();
    return id && isUuid(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

const sourceId = sourceArgument();
if (!sourceId) {
  process.stderr.write(`import failed: ${USAGE}\n`);
  process.exitCode = 1;
} else
  runCli('import', async (db, target) => {
    const config = loadConfig();
    const log = pino({ level: config.logLevel === 'info' ? 'warn' : config.logLevel });
    await runMigrations(db);
    const [exists] = (await db.query(`SELECT 1 FROM event_source WHERE id = $1`, [sourceId])) as unknown[];
    if (!exists) throw new Error(`no event source with the id ${sourceId} in the ${target}`);
    configureEventImport(db, config.eventImport);
    const result = await runImport(db, log, sourceId);
    await reschedule(db, sourceId, result.outcome === 'FAILED', result.error);
    const [run] = (await db.query(
      `SELECT outcome, created, updated, cancelled, unchanged, skipped, skipped_events, error FROM event_source_run WHERE id = $1`,
      [result.runId],
    )) as {
      outcome: string;
      created: number;
      updated: number;
      cancelled: number;
      unchanged: number;
      skipped: number;
      skipped_events: { externalId: string | null; reason: string }[];
      error: string | null;
    }[];
    const r = run!;
    process.stdout.write(
      `run ${result.runId}: ${r.outcome}; created ${r.created}, updated ${r.updated}, cancelled ${r.cancelled}, unchanged ${r.unchanged}, skipped ${r.skipped}\n`,
    );
    // Running servers' response caches start afresh (content-changes.ts).
    if (r.created + r.updated + r.cancelled > 0) await announceContentChanged(db);
    for (const s of r.skipped_events) process.stdout.write(`  skipped ${s.externalId ?? '(no id)'}: ${s.reason}\n`);
    if (r.error) process.stdout.write(`  error: ${r.error}\n`);
    if (r.outcome === 'FAILED') process.exitCode = 1;
  });

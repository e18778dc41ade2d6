import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { EventSourceJobRecord } from '../event-source.columns.js';
import { runImport } from './sync.js';
import { importSettings } from './settings.js';

/**
 * Background imports through a job queue kept in the database: one row per enabled source in
 * `event_source_job`, due every IMPORT_INTERVAL_MINUTES. A process claims a due job with one
 * `UPDATE … WHERE source_id = (SELECT … FOR UPDATE SKIP LOCKED)` that leases it for a while, so
 * that two processes never claim the same source and a crashed process's lease runs out. No
 * connection is held while a source is fetched. A failing source is retried with exponential
 * back-off (1, 2, 4, … minutes, at most the interval) and never blocks the others: each source
 * has its own row and the loop goes on with the next due one.
 *
 * Why not pg-boss or graphile-worker: both need connections of their own beside the
 * application's (graphile-worker keeps one open for LISTEN/NOTIFY at all times; pg-boss runs its
 * own pool for polling and maintenance). The embedded database has exactly one connection with
 * exclusive checkout, so such a connection would starve every request. The queue below is
 * plain SQL that both databases run.
 */

/** How long a claimed job is leased: longer than any run (10 s fetch + the transaction). */
const LEASE_MINUTES = 10;
const MAX_BACKOFF_MINUTES = 60;

export interface ImportWorker {
  /** Runs every due job now (the loop also does this on its own); resolves when none is due. */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

/** Makes sure every enabled source has a job row; new sources are due at once. */
async function ensureJobs(db: DataSource): Promise<void> {
  await db.query(
    `INSERT INTO event_source_job (source_id, due_at)
     SELECT s.id, now() FROM event_source s WHERE s.enabled
     ON CONFLICT (source_id) DO NOTHING`,
  );
}

type Claimed = Pick<EventSourceJobRecord, 'sourceId' | 'attempts'>;

/** Claims one due job of an enabled source, or none. */
async function claim(db: DataSource): Promise<Claimed | undefined> {
  const rows = (await db.query(
    `UPDATE event_source_job j SET locked_until = now() + interval '${LEASE_MINUTES} minutes', attempts = j.attempts + 1
      WHERE j.source_id = (
        SELECT q.source_id FROM event_source_job q JOIN event_source s ON s.id = q.source_id
         WHERE s.enabled AND q.due_at <= now() AND (q.locked_until IS NULL OR q.locked_until < now())
         ORDER BY q.due_at LIMIT 1
         FOR UPDATE OF q SKIP LOCKED)
      RETURNING j.source_id::text AS "sourceId", j.attempts`,
  )) as unknown;
  const list = (Array.isArray(rows) && Array.isArray(rows[0]) ? rows[0] : rows) as Claimed[];
  return list[0];
}

/** Marks a source's job due now (on demand: a new or changed source). */
export async function scheduleNow(db: DataSource, sourceId: string): Promise<void> {
  await db.query(
    `INSERT INTO event_source_job (source_id, due_at) VALUES ($1, now())
     ON CONFLICT (source_id) DO UPDATE SET due_at = now(), attempts = 0`,
    [sourceId],
  );
}

/** After a run: the next one an interval later, or after a back-off when it failed. */
export async function reschedule(
  db: DataSource,
  sourceId: string,
  failed: boolean,
  error: string | null,
): Promise<void> {
  const { intervalMinutes } = importSettings(db);
  const interval = Math.max(intervalMinutes, 1);
  await db.query(
    `UPDATE event_source_job
        SET locked_until = NULL, last_error = $2,
            attempts = CASE WHEN $3::boolean THEN attempts ELSE 0 END,
            due_at = now() + CASE WHEN $3::boolean THEN least(power(2, greatest(attempts - 1, 0)) * interval '1 minute', $4::int * interval '1 minute')
                                  ELSE $5::int * interval '1 minute' END
      WHERE source_id = $1`,
    [sourceId, error, failed, Math.min(interval, MAX_BACKOFF_MINUTES), interval],
  );
}

/** Claims and runs due jobs until none is due; returns how many ran. */
export async function runDueImports(db: DataSource, log: Logger): Promise<number> {
  await ensureJobs(db);
  let ran = 0;
  for (let job = await claim(db); job; job = await claim(db)) {
    ran++;
    try {
      const result = await runImport(db, log, job.sourceId);
      await reschedule(db, job.sourceId, result.outcome === 'FAILED', result.error);
    } catch (err) {
      log.error({ err, eventSource: job.sourceId }, 'background import failed');
      await reschedule(db, job.sourceId, true, 'internal error').catch(() => undefined);
    }
  }
  return ran;
}

/**
 * Starts the background loop of this process: every `pollSeconds` it runs the due imports.
 * IMPORT_INTERVAL_MINUTES=0 turns it off (on-demand runs and the CLI still work).
 */
export function startImportWorker(db: DataSource, log: Logger, options: { pollSeconds?: number } = {}): ImportWorker {
  const { intervalMinutes } = importSettings(db);
  const pollMs = (options.pollSeconds ?? 30) * 1000;
  let stopped = intervalMinutes === 0;
  let running: Promise<number> | undefined;
  let timer: NodeJS.Timeout | undefined;
  const drain = () => {
    running ??= runDueImports(db, log)
      .catch((err: unknown) => {
        log.error({ err }, 'event import loop failed');
        return 0;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const tick = () => {
    if (stopped) return;
    void drain().then(() => {
      if (!stopped) timer = setTimeout(tick, pollMs).unref();
    });
  };
  if (!stopped) {
    log.info({ intervalMinutes }, 'event import worker started');
    timer = setTimeout(tick, Math.min(pollMs, 5_000)).unref();
  }
  return {
    drain,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

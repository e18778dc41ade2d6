import { Counter, Histogram, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { FETCH_TIMEOUT_MS } from './fetch.js';

/**
 * How imports run in one app instance: the fetch limits from the configuration and the metrics
 * on that app's registry. Kept per data source, so that the GraphQL mutation, the worker and
 * the CLI of one process share them, and several test servers in one process do not.
 */
export interface ImportSettings {
  allowPrivateHosts: readonly string[];
  intervalMinutes: number;
  /** Bound of one run's whole fetch, redirects included (IMPORT_FETCH_TIMEOUT_MS). */
  fetchTimeoutMs: number;
  metrics?: ImportMetrics;
  /**
   * Called once a run has committed changes to activities, however it was started (the
   * `runEventSource` mutation, the background worker, the CLI): the app starts a new
   * response-cache generation, so that anonymous readers see the change at once.
   */
  afterActivitiesChanged?: () => Promise<void>;
}

export interface ImportMetrics {
  runs: Counter<'outcome'>;
  events: Counter<'outcome'>;
  duration: Histogram<'kind'>;
}

const byDatabase = new WeakMap<DataSource, ImportSettings>();

export const DEFAULT_SETTINGS: ImportSettings = {
  allowPrivateHosts: [],
  intervalMinutes: 60,
  fetchTimeoutMs: FETCH_TIMEOUT_MS,
};

/** Registers the import settings and metrics of the app on `db` (once, when the app is built). */
export function configureEventImport(
  db: DataSource,
  settings: Pick<ImportSettings, 'allowPrivateHosts' | 'intervalMinutes' | 'afterActivitiesChanged'> & {
    fetchTimeoutMs?: number | undefined;
  },
  registry?: Registry,
): void {
  const metrics: ImportMetrics | undefined = registry && {
    runs: new Counter({
      name: 'temahub_import_runs_total',
      help: 'Event source import runs by outcome (SUCCEEDED, PARTIAL, FAILED).',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    events: new Counter({
      name: 'temahub_import_events_total',
      help: 'Imported events by outcome (created, updated, cancelled, unchanged, skipped).',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'temahub_import_run_duration_seconds',
      help: 'Duration of event source import runs (fetch, mapping and the transaction), by source kind.',
      labelNames: ['kind'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    }),
  };
  byDatabase.set(db, { ...settings, fetchTimeoutMs: settings.fetchTimeoutMs ?? FETCH_TIMEOUT_MS, metrics });
}

export function importSettings(db: DataSource): ImportSettings {
  return byDatabase.get(db) ?? DEFAULT_SETTINGS;
}

import { resolve } from 'node:path';
import pg from 'pg';
import { DataSource, type Logger } from 'typeorm';
import type { Class } from '../shared/feature.js';
import { acquireDataDirLock } from './data-dir-lock.js';
import { migrations } from './migrations.js';
import { createPGlite, createPGliteDriver, type PGliteSession } from './pglite-pool.js';

export interface DatabaseOptions {
  /** PostgreSQL connection string; without it the embedded PGlite database in `dataDir` is used. */
  databaseUrl?: string;
  /** Directory of the embedded database, created if missing. Ignored with `databaseUrl`. */
  dataDir: string;
  logging?: boolean;
  /** A TypeORM logger (for example one counting statements); takes over from `logging`. */
  logger?: Logger;
  /** Maximum PostgreSQL connections; the embedded database always has exactly one. */
  poolSize?: number;
  /** Entity classes; each feature registers its own. */
  entities?: readonly Class[];
}

const PG_INT8 = 20;
const PG_DATE = 1082;
const PG_DATE_ARRAY = 1182;
const PG_TEXT_ARRAY = 1009;
const PG_INTERVAL = 1186;
const PG_INTERVAL_ARRAY = 1187;

/**
 * node-postgres type parsers for this application's pools, giving the shapes the PGlite
 * adapter gives: int8 as string, date as 'YYYY-MM-DD' (pg's default is a Date at local
 * midnight) and interval as PostgreSQL's text (pg's default is an object). Scoped to our
 * pools rather than set globally with pg.types.setTypeParser, so any other pg user in the
 * process keeps pg's defaults.
 */
const pgTypes = new pg.TypeOverrides();
const asText = (value: string): string => value;
// Arrays of these parsed like text[], which leaves each element as PostgreSQL wrote it.
const asTextArray = pg.types.getTypeParser(PG_TEXT_ARRAY as Parameters<typeof pg.types.getTypeParser>[0]) as (value: string) => string[];
pgTypes.setTypeParser(PG_INT8, asText);
pgTypes.setTypeParser(PG_DATE, asText);
pgTypes.setTypeParser(PG_DATE_ARRAY, asTextArray);
pgTypes.setTypeParser(PG_INTERVAL, asText);
pgTypes.setTypeParser(PG_INTERVAL_ARRAY, asTextArray);

/**
 * Creates (does not connect) the TypeORM data source: PostgreSQL when `databaseUrl` is
 * given, otherwise PGlite persisted in `dataDir`. The embedded database is opened, and its
 * directory locked, by `initialize()`, and closed and unlocked by `destroy()`.
 */
export function createDataSource(options: DatabaseOptions): DataSource {
  const common = {
    type: 'postgres' as const,
    entities: [...(options.entities ?? [])],
    migrations,
    synchronize: false,
    migrationsRun: false,
    // The schema comes from migrations only; TypeORM must never try to CREATE EXTENSION
    // (uuid-ossp by default), and generates UUIDs with the built-in gen_random_uuid().
    installExtensions: false,
    uuidExtension: 'pgcrypto' as const,
    logging: options.logging ?? false,
    ...(options.logger ? { logger: options.logger } : {}),
    applicationName: 'temahub',
  };
  if (options.databaseUrl) {
    return new DataSource({
      ...common,
      url: options.databaseUrl,
      poolSize: options.poolSize,
      extra: { types: pgTypes },
    });
  }
  return new DataSource({ ...common, driver: createPGliteDriver(() => openEmbedded(options.dataDir)) });
}

async function openEmbedded(dataDir: string): Promise<PGliteSession> {
  const lock = acquireDataDirLock(resolve(dataDir));
  try {
    const db = await createPGlite(lock.dataDir);
    return {
      db,
      async close() {
        try {
          await db.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (err) {
    lock.release();
    throw err;
  }
}

/** Creates and connects the data source; see createDataSource. Throws DataDirLockedError when the data dir is in use. */
export async function openDatabase(options: DatabaseOptions): Promise<DataSource> {
  const ds = createDataSource(options);
  try {
    await ds.initialize();
  } catch (err) {
    // initialize() leaves the pool open when it fails before it counts as initialized.
    const pool = driverPool(ds);
    if (pool && !ds.isInitialized) await pool.end().catch(() => undefined);
    throw err;
  }
  return ds;
}

/** Disconnects; for the embedded database also closes PGlite and releases the data dir lock. */
export async function closeDatabase(ds: DataSource): Promise<void> {
  if (ds.isInitialized) await ds.destroy();
}

/** Connection pool figures for metrics, the same on PostgreSQL and on the embedded database. */
export function poolStats(ds: DataSource): { total: number; idle: number; waiting: number } {
  const pool = ds.isInitialized ? driverPool(ds) : undefined;
  return {
    total: pool?.totalCount ?? 0,
    idle: pool?.idleCount ?? 0,
    waiting: pool?.waitingCount ?? 0,
  };
}

/** The fields pg.Pool and PGlitePool share. */
interface PoolLike {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
  end(): Promise<void>;
}

function driverPool(ds: DataSource): PoolLike | undefined {
  // TypeORM's PostgresDriver keeps its (pg or adapter) pool as `master`.
  return (ds.driver as unknown as { master?: PoolLike }).master;
}

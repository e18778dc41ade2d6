import { resolve } from 'node:path';
import { DataSource, type Logger, type QueryRunner } from 'typeorm';
import type { Config } from '../config.js';
import type { Class } from '../shared/feature.js';
import { acquireDataDirLock } from './data-dir-lock.js';
import { unpackEmbeddedTemplate } from './embedded-template.js';
import { migrations } from './migrations.js';
import { createPgDriver, TimedClient } from './pg-driver.js';
import { pgTypes } from './pg-types.js';
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
  /** Milliseconds an unused PostgreSQL connection stays open (pg's default is 10 s); 0 keeps it. */
  idleTimeoutMs?: number;
  /**
   * Longest wait for a connection: a free one from the pool, or a new one opened. On the embedded
   * database, the wait for its single connection. Unset or 0 waits forever.
   */
  acquireTimeoutMs?: number;
  /** Longest wait for PostgreSQL to accept a new connection. Unset or 0 waits forever. */
  connectTimeoutMs?: number;
  /**
   * PostgreSQL's statement_timeout; a statement that has had no answer a second after it is also
   * given up on the client side (a frozen server sends no cancellation). Unset or 0: no limit.
   * Does not apply to the embedded database, which runs inside the server process.
   */
  statementTimeoutMs?: number;
  /**
   * Start a new embedded data directory from the committed dump (see embedded-template.ts)
   * rather than initdb. Default true; false is for building that dump.
   */
  embeddedTemplate?: boolean;
  /** Entity classes; each feature registers its own. */
  entities?: readonly Class[];
}

/** The client-side bound on one statement: PostgreSQL's own timeout plus this much for its answer to arrive. */
const READ_TIMEOUT_GRACE_MS = 1_000;

/** The pool and timeout settings of the configuration, for openDatabase. */
export function poolOptionsOf(
  config: Config,
): Pick<
  DatabaseOptions,
  'poolSize' | 'idleTimeoutMs' | 'acquireTimeoutMs' | 'connectTimeoutMs' | 'statementTimeoutMs'
> {
  return {
    poolSize: config.databasePoolSize,
    idleTimeoutMs: config.databaseIdleTimeoutMs,
    acquireTimeoutMs: config.databaseAcquireTimeoutMs,
    connectTimeoutMs: config.databaseConnectTimeoutMs,
    statementTimeoutMs: config.databaseStatementTimeoutMs,
  };
}

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
    const statementTimeoutMs = options.statementTimeoutMs ?? 0;
    return new DataSource({
      ...common,
      url: options.databaseUrl,
      poolSize: options.poolSize,
      driver: createPgDriver({
        connectTimeoutMs: options.connectTimeoutMs ?? 0,
        readTimeoutMs: statementTimeoutMs > 0 ? statementTimeoutMs + READ_TIMEOUT_GRACE_MS : 0,
      }),
      extra: {
        types: pgTypes,
        // pg-pool's connectionTimeoutMillis bounds the whole wait for a connection: queueing for a
        // free one, and opening a new one.
        connectionTimeoutMillis: options.acquireTimeoutMs ?? 0,
        // pg closes idle connections after 10 s by default: a server under steady load then keeps
        // opening new ones. Connections above the load's need still close after this time.
        idleTimeoutMillis: options.idleTimeoutMs ?? 300_000,
        ...(statementTimeoutMs > 0 ? { statement_timeout: statementTimeoutMs } : {}),
      },
    });
  }
  return new DataSource({
    ...common,
    // The adapter's wait for the single connection; TypeORM hands this over as connectionTimeoutMillis.
    connectTimeoutMS: options.acquireTimeoutMs ?? 0,
    driver: createPGliteDriver(() => openEmbedded(options.dataDir, options.embeddedTemplate ?? true)),
  });
}

/**
 * Runs `work` with the statement timeouts of this runner's connection lifted (migrations and
 * seeding may take longer than a request may), and puts them back afterwards.
 */
export async function withoutStatementTimeout<T>(runner: QueryRunner, work: () => Promise<T>): Promise<T> {
  const client: unknown = await runner.connect();
  if (!(client instanceof TimedClient)) return work();
  const readTimeoutMs = client.readTimeoutMs;
  client.readTimeoutMs = 0;
  await runner.query('SET statement_timeout = 0');
  try {
    return await work();
  } finally {
    client.readTimeoutMs = readTimeoutMs;
    // Back to the value the connection was opened with.
    if (!runner.isReleased) await runner.query('RESET statement_timeout');
  }
}

async function openEmbedded(dataDir: string, useTemplate: boolean): Promise<PGliteSession> {
  const lock = acquireDataDirLock(resolve(dataDir));
  try {
    if (useTemplate) await unpackEmbeddedTemplate(lock.dataDir);
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

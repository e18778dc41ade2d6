import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PGlite, protocol, types, type ParserOptions, type Results } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import pg from 'pg';
import type {
  BackendMessage,
  CommandCompleteMessage,
  DatabaseError,
  DataRowMessage,
  RowDescriptionMessage,
} from 'pg-protocol/dist/messages.js';
import { Parser as ProtocolParser } from 'pg-protocol/dist/parser.js';
import { DatabaseUnavailableError, UNABLE_TO_CONNECT } from './pg-driver.js';
import { rowFactory, type RowFactory } from './pg-types.js';

/**
 * A pg-compatible driver module over one embedded PGlite database, handed to TypeORM's
 * postgres driver as its `driver` option in place of the `pg` module.
 *
 * TypeORM (1.1, PostgresDriver / PostgresQueryRunner) uses exactly this of `pg`:
 * `new Pool(config)`, `pool.on('error')`, `pool.connect(cb(err, client, release))`,
 * `client.query(text, params)` as a promise and `client.query(text, cb)`,
 * `client.on/removeListener('error')`, `release(err?)` and `pool.end(cb)`;
 * `defaults` only when `parseInt8` is set, `native` only to detect pg-native.
 *
 * PGlite is a single session, so the pool has one connection and checkout is exclusive:
 * a client holds the pool's mutex from connect until release, and `pool.query` holds it
 * for one query. Concurrent transactions therefore run one after the other and cannot see
 * each other's uncommitted rows, as on PostgreSQL.
 */

const require = createRequire(import.meta.url);
/** pg's own parameter preparation, so values reach PGlite as they would reach PostgreSQL. */
const { prepareValue } = require('pg/lib/utils.js') as { prepareValue: (value: unknown) => unknown };

const INT8 = 20;
const BYTEA = 17;
const DATE = 1082;
const NUMERIC_ARRAY = 1231;

/**
 * PGlite's result parsers adjusted to give the JS shapes node-postgres gives (with the pg
 * type overrides in data-source.ts): int8 as string, date as 'YYYY-MM-DD', bytea as Buffer.
 * Everything else already matches (timestamps as Date, numeric as string, json parsed,
 * arrays as arrays of the element shape).
 */
export const pgCompatibleParsers: ParserOptions = {
  [INT8]: (value) => value,
  [DATE]: (value) => value,
  [BYTEA]: (value) => Buffer.from(value.slice(2), 'hex'),
};

/**
 * Server settings of the embedded database. PostgreSQL's default shared_buffers (128 MB) lives in
 * the server process's WebAssembly memory, which is touched at start and never shrinks; the demo
 * season and a small installation's data fit in a fraction of it, and a page not in the buffers
 * comes from the operating system's file cache.
 */
export const EMBEDDED_SETTINGS = { shared_buffers: '16MB', work_mem: '4MB', maintenance_work_mem: '16MB' } as const;

/** Opens a persistent PGlite database in `dataDir` with pg-compatible parsers and pgcrypto available. */
export async function createPGlite(dataDir: string): Promise<PGlite> {
  mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create({
    dataDir,
    // Loaded so that `CREATE EXTENSION pgcrypto` works as on PostgreSQL; not created here.
    extensions: { pgcrypto },
    parsers: pgCompatibleParsers,
    startParams: [
      ...PGlite.defaultStartParams,
      ...Object.entries(EMBEDDED_SETTINGS).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ],
  });
  // pg parses numeric[] into numbers (numeric itself stays a string). Set after start-up
  // because PGlite derives every array parser from its element parser while starting.
  db.parsers[NUMERIC_ARRAY] = (value) => types.arrayParser(value, parseFloat, NUMERIC_ARRAY) as number[];
  return db;
}

/** An open embedded database and how to close it (PGlite plus whatever guards its data dir). */
export interface PGliteSession {
  readonly db: PGlite;
  close(): Promise<void>;
}

/** The subset of pg's pool config the adapter honours; the rest (host, user, max, …) is ignored. */
export interface PGlitePoolConfig {
  /** Like pg: how long connect() waits for the (single) connection; 0 or undefined waits forever. */
  connectionTimeoutMillis?: number;
  [option: string]: unknown;
}

/** What `pool.query` / `client.query` resolve to: the fields of pg's `Result` that callers read. */
export interface PgCompatibleResult {
  command: string | null;
  rowCount: number | null;
  oid: number | null;
  // pg's QueryResult.rows, which TypeORM's driver reads.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  rows: any[];
  fields: Array<{ name: string; dataTypeID: number }>;
}

type QueryCallback = (err: Error | null, result?: PgCompatibleResult | PgCompatibleResult[]) => void;
type QueryConfig = { name?: string; text: string; values?: unknown[]; rowMode?: 'array' };
type ConnectCallback = (
  err: Error | undefined,
  client: PGlitePoolClient | undefined,
  release: (err?: Error | boolean) => void,
) => void;

/** Returns a module object that TypeORM can use as its `pg` driver. */
export function createPGliteDriver(openSession: () => Promise<PGliteSession>): {
  Pool: new (config?: PGlitePoolConfig) => PGlitePool;
} {
  class Pool extends PGlitePool {
    constructor(config: PGlitePoolConfig = {}) {
      super(openSession, config);
    }
  }
  return { Pool };
}

/** A pg.Pool look-alike with exactly one connection: the PGlite session, opened on first use. */
export class PGlitePool extends EventEmitter {
  private readonly mutex = new Mutex();
  private readonly connectionTimeoutMillis: number;
  private session: PGliteSession | undefined;
  private endPromise: Promise<void> | undefined;
  ended = false;

  constructor(
    private readonly openSession: () => Promise<PGliteSession>,
    config: PGlitePoolConfig = {},
  ) {
    super();
    this.connectionTimeoutMillis = Number(config.connectionTimeoutMillis ?? 0);
  }

  /** Connections opened (0 or 1), like pg.Pool#totalCount. */
  get totalCount(): number {
    return this.session && !this.ended ? 1 : 0;
  }

  /** Connections open and not checked out, like pg.Pool#idleCount. */
  get idleCount(): number {
    return this.totalCount === 1 && !this.mutex.locked ? 1 : 0;
  }

  /** Callers queued for the connection, like pg.Pool#waitingCount. */
  get waitingCount(): number {
    return this.mutex.waiting;
  }

  get ending(): boolean {
    return this.endPromise !== undefined;
  }

  connect(): Promise<PGlitePoolClient>;
  connect(callback: ConnectCallback): void;
  connect(callback?: ConnectCallback): Promise<PGlitePoolClient> | void {
    const promise = this.checkout();
    if (!callback) return promise;
    promise.then(
      (client) => callback(undefined, client, (err) => client.release(err)),
      (err: Error) => callback(err, undefined, () => undefined),
    );
  }

  query(text: string | QueryConfig, values?: unknown[]): Promise<PgCompatibleResult>;
  query(text: string | QueryConfig, callback: QueryCallback): void;
  query(text: string, values: unknown[] | undefined, callback: QueryCallback): void;
  query(
    textOrConfig: string | QueryConfig,
    valuesOrCallback?: unknown[] | QueryCallback,
    callback?: QueryCallback,
  ): Promise<PgCompatibleResult> | void {
    const { config, cb } = normalizeQueryArgs(textOrConfig, valuesOrCallback, callback);
    const promise = (async () => {
      const client = await this.checkout();
      try {
        return (await runQuery(client.db, config)) as PgCompatibleResult;
      } finally {
        client.release();
      }
    })();
    return settle(promise, cb) as Promise<PgCompatibleResult> | void;
  }

  /** Waits for the checked-out client (queued callers are refused), then closes PGlite. */
  end(): Promise<void>;
  end(callback: (err?: Error) => void): void;
  end(callback?: (err?: Error) => void): Promise<void> | void {
    this.endPromise ??= (async () => {
      this.mutex.rejectWaiting(new Error('Cannot use a pool after calling end on the pool'));
      await this.mutex.acquire();
      const session = this.session;
      this.session = undefined;
      this.ended = true;
      if (session) await session.close();
    })();
    if (!callback) return this.endPromise;
    this.endPromise.then(
      () => callback(),
      (err: Error) => callback(err),
    );
  }

  private async checkout(): Promise<PGlitePoolClient> {
    if (this.ending) throw new Error('Cannot use a pool after calling end on the pool');
    await this.mutex.acquire(this.connectionTimeoutMillis);
    try {
      this.session ??= await this.openSession();
    } catch (err) {
      this.mutex.release();
      throw err;
    }
    const client = new PGlitePoolClient(this.session.db, (c) => this.checkin(c));
    this.emit('acquire', client);
    return client;
  }

  private checkin(client: PGlitePoolClient): void {
    const db = client.db;
    // pg discards a connection released in a broken state; our only connection must be
    // reused, so a transaction left open by its holder is rolled back before the next one.
    if (!db.closed && db.isInTransaction()) {
      db.exec('ROLLBACK').then(
        () => this.handOver(client),
        (err: Error) => {
          if (this.listenerCount('error') > 0) this.emit('error', err, client);
          this.handOver(client);
        },
      );
      return;
    }
    this.handOver(client);
  }

  private handOver(client: PGlitePoolClient): void {
    this.emit('release', undefined, client);
    this.mutex.release();
  }
}

/** A pg.PoolClient look-alike; valid from checkout until release. */
export class PGlitePoolClient extends EventEmitter {
  private released = false;

  constructor(
    readonly db: PGlite,
    private readonly onRelease: (client: PGlitePoolClient) => void,
  ) {
    super();
  }

  query(text: string | QueryConfig, values?: unknown[]): Promise<PgCompatibleResult>;
  query(text: string | QueryConfig, callback: QueryCallback): void;
  query(text: string, values: unknown[] | undefined, callback: QueryCallback): void;
  query(
    textOrConfig: string | QueryConfig,
    valuesOrCallback?: unknown[] | QueryCallback,
    callback?: QueryCallback,
  ): Promise<PgCompatibleResult> | void {
    const { config, cb } = normalizeQueryArgs(textOrConfig, valuesOrCallback, callback);
    const promise = this.released
      ? Promise.reject(new Error('Client was released to the pool and can no longer run queries'))
      : (runQuery(this.db, config) as Promise<PgCompatibleResult>);
    return settle(promise, cb) as Promise<PgCompatibleResult> | void;
  }

  /** Returns the connection to the pool. The error argument pg accepts changes nothing here. */
  release(_err?: Error | boolean): void {
    if (this.released) throw new Error('Release called on client which has already been released to the pool.');
    this.released = true;
    this.onRelease(this);
  }
}

function normalizeQueryArgs(
  textOrConfig: string | QueryConfig,
  valuesOrCallback: unknown[] | QueryCallback | undefined,
  callback: QueryCallback | undefined,
): { config: QueryConfig; cb: QueryCallback | undefined } {
  const base: QueryConfig = typeof textOrConfig === 'string' ? { text: textOrConfig } : { ...textOrConfig };
  if (typeof valuesOrCallback === 'function') return { config: base, cb: valuesOrCallback };
  if (valuesOrCallback !== undefined) base.values = valuesOrCallback;
  return { config: base, cb: callback };
}

function settle<T>(promise: Promise<T>, cb: ((err: Error | null, result?: T) => void) | undefined): Promise<T> | void {
  if (!cb) return promise;
  promise.then(
    (result) => cb(null, result),
    (err: Error) => cb(err),
  );
}

/**
 * Like pg: without parameters the simple protocol (PGlite's exec), which allows several
 * statements and then yields one result per statement; with parameters the extended
 * protocol (PGlite's query), values prepared as pg prepares them.
 */
async function runQuery(db: PGlite, config: QueryConfig): Promise<PgCompatibleResult | PgCompatibleResult[]> {
  const options = config.rowMode ? { rowMode: config.rowMode } : undefined;
  try {
    if (config.name) {
      const values = (config.values ?? []).map((value) => prepareValue(value));
      if (values.every((value) => value === null || typeof value === 'string'))
        return toPgResult(await runNamed(db, config.name, config.text, values as (string | null)[], options));
    }
    if (!config.values || config.values.length === 0) {
      const results = (await db.exec(config.text, options)).map(toPgResult);
      return results.length === 1 ? results[0] : results;
    }
    return toPgResult(
      await db.query(
        config.text,
        config.values.map((value) => prepareValue(value)),
        options,
      ),
    );
  } catch (err) {
    throw toPgError(err);
  }
}

/** The statements prepared on each embedded database (its one session), by name. */
const preparedStatements = new WeakMap<PGlite, Set<string>>();

/** Protocol messages as one buffer, for one call into the database. */
function messages(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * A named prepared statement, as pg runs one on PostgreSQL: parsed (and after a few runs planned)
 * once per session, then each run is one call into the database with bind, describe, execute and
 * sync. PGlite's own query() parses, describes and binds the text anew every time, in five calls:
 * twice the database time of a theme page. Parameters are text as pg prepares them (pg's
 * prepareValue), which PostgreSQL reads by the statement's parameter types.
 */
async function runNamed(
  db: PGlite,
  name: string,
  text: string,
  values: (string | null)[],
  options: { rowMode?: 'array' } | undefined,
): Promise<Results> {
  return db.runExclusive(async () => {
    let prepared = preparedStatements.get(db);
    if (!prepared) preparedStatements.set(db, (prepared = new Set()));
    if (!prepared.has(name)) {
      // Alone, so that a statement that does not parse is not remembered, and one that does is.
      await db.execProtocol(messages(protocol.serialize.parse({ name, text }), protocol.serialize.sync()));
      prepared.add(name);
    }
    // The answer's bytes as PostgreSQL writes them, read with pg's own protocol parser: PGlite's
    // (execProtocol) copies every field into a new buffer before decoding it, most of a page's time.
    const answer: BackendMessage[] = [];
    const parser = new ProtocolParser();
    await db.execProtocolRawStream(
      messages(
        protocol.serialize.bind({ statement: name, values }),
        protocol.serialize.describe({ type: 'P' }),
        protocol.serialize.execute({}),
        protocol.serialize.sync(),
      ),
      // The chunk is the database's own memory, reused after the call: copied first.
      { onRawData: (chunk) => parser.parse(Buffer.from(chunk), (message) => answer.push(message)) },
    );
    return resultOf(answer, db.parsers, options);
  });
}

/** Commands whose row count PGlite reports as affectedRows. */
const AFFECTING_COMMANDS: ReadonlySet<string> = new Set(['INSERT', 'UPDATE', 'DELETE', 'COPY', 'MERGE']);

/**
 * One statement's result from its protocol messages, as PGlite's parseResults gives it (the same
 * parsers and row shapes); an ErrorResponse is thrown.
 */
function resultOf(
  answer: readonly BackendMessage[],
  parsers: ParserOptions,
  options: { rowMode?: 'array' } | undefined,
): Results {
  const fields: { name: string; dataTypeID: number }[] = [];
  let read: ((value: string) => unknown)[] = [];
  let rowOf: RowFactory | undefined;
  const rows: Results['rows'] = [];
  const result: Results = { rows, fields, affectedRows: 0 };
  for (const message of answer) {
    switch (message.name) {
      case 'error':
        throw message as DatabaseError;
      case 'rowDescription':
        for (const field of (message as RowDescriptionMessage).fields)
          fields.push({ name: field.name, dataTypeID: field.dataTypeID });
        read = fields.map(({ dataTypeID }) => {
          // PGlite hands parsers the type id too (its array parsers read it).
          const parser = parsers[dataTypeID] as ((value: string, typeId: number) => unknown) | undefined;
          return parser ? (value: string) => parser(value, dataTypeID) : (value: string) => value;
        });
        rowOf = rowFactory(fields.map((field) => field.name));
        break;
      case 'dataRow': {
        const values = (message as DataRowMessage).fields as (string | null)[];
        if (options?.rowMode === 'array') {
          rows.push(
            values.map((value, i) => (value === null ? null : read[i]!(value))) as unknown as Results['rows'][number],
          );
        } else if (rowOf) {
          rows.push(rowOf(values, read));
        } else {
          // A column named __proto__ (rowFactory leaves it out) or more column lists than it keeps.
          const row: Record<string, unknown> = {};
          for (let i = 0; i < values.length; i++)
            row[fields[i]!.name] = values[i] === null ? null : read[i]!(values[i]!);
          rows.push(row);
        }
        break;
      }
      case 'commandComplete': {
        const words = (message as CommandCompleteMessage).text.split(' ');
        const count = parseInt(words[words.length - 1]!, 10);
        result.command = words[0];
        if (AFFECTING_COMMANDS.has(words[0]!)) result.affectedRows = count;
        if (!Number.isNaN(count)) result.rowCount = count;
        break;
      }
    }
  }
  return result;
}

function toPgResult(result: Results): PgCompatibleResult {
  return {
    command: result.command ?? null,
    rowCount: result.rowCount ?? null,
    oid: null,
    rows: result.rows,
    fields: result.fields,
  };
}

const DATABASE_ERROR_FIELDS = [
  'severity',
  'code',
  'detail',
  'hint',
  'position',
  'internalPosition',
  'internalQuery',
  'where',
  'schema',
  'table',
  'column',
  'dataType',
  'constraint',
  'file',
  'line',
  'routine',
] as const;

/**
 * PGlite throws its own copy of pg-protocol's DatabaseError, with the query and params
 * attached. Re-create it as pg's DatabaseError so `instanceof`, the SQLSTATE `code`,
 * `constraint`, `detail`, `table` and `column` look the same on both routes.
 */
function toPgError(err: unknown): unknown {
  if (!(err instanceof Error) || err.name !== 'error' || !('severity' in err) || !('code' in err)) return err;
  const source = err as Error &
    Record<(typeof DATABASE_ERROR_FIELDS)[number], string | undefined> & { length?: number };
  const converted = new pg.DatabaseError(source.message, source.length ?? 0, 'error');
  for (const field of DATABASE_ERROR_FIELDS) {
    (converted as unknown as Record<string, unknown>)[field] = source[field];
  }
  return converted;
}

/** A FIFO mutex whose holder hands the lock straight to the next waiter. */
class Mutex {
  private held = false;
  private readonly waiters: Array<{ grant(): void; refuse(err: Error): void }> = [];

  get locked(): boolean {
    return this.held;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  acquire(timeoutMillis = 0): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const waiter = {
        grant: () => {
          if (timer) clearTimeout(timer);
          resolve();
        },
        refuse: (err: Error) => {
          if (timer) clearTimeout(timer);
          reject(err);
        },
      };
      if (timeoutMillis > 0) {
        timer = setTimeout(() => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          reject(
            new DatabaseUnavailableError(
              UNABLE_TO_CONNECT,
              'timeout exceeded when trying to connect: the embedded database has one connection, ' +
                'held too long (by a transaction waiting for this very query?)',
            ),
          );
        }, timeoutMillis);
      }
      this.waiters.push(waiter);
    });
  }

  release(): void {
    const next = this.waiters.shift();
    if (next) next.grant();
    else this.held = false;
  }

  rejectWaiting(err: Error): void {
    for (const waiter of this.waiters.splice(0)) waiter.refuse(err);
  }
}

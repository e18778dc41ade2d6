import pg from 'pg';

/**
 * The `pg` module as TypeORM gets it (its `driver` option), with two bounds pg itself does not
 * give in the form we need:
 *
 * - A client-side read timeout per statement. `statement_timeout` is enforced by PostgreSQL, so
 *   a server that is frozen, or a network that drops packets, never sends the cancellation.
 *   When a statement has had no answer for `readTimeoutMs`, the connection is destroyed: its
 *   statements fail with SQLSTATE 57014 (query_canceled) and the pool replaces it. (pg's own
 *   `query_timeout` leaves the stuck statement on the connection and hands it back to the pool.)
 * - Failures to get a connection (the acquire or connect timeout, a refused or reset TCP
 *   connection) become SQLSTATE 08001 (sqlclient_unable_to_establish_sqlconnection), and
 *   statements on a connection that broke 08006 (connection_failure), so that
 *   the one error map (shared/errors.ts) recognises an unreachable database by its SQLSTATE on
 *   PostgreSQL and on the embedded database alike.
 */

const QUERY_CANCELED = '57014';
export const UNABLE_TO_CONNECT = '08001';
const CONNECTION_FAILURE = '08006';
const SQLSTATE = /^[0-9A-Z]{5}$/;

/** The database did not answer in time or could not be reached; `code` is a SQLSTATE. */
export class DatabaseUnavailableError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
    this.code = code;
  }
}

/**
 * A failure to get a connection as DatabaseUnavailableError (08001), whatever its cause: a
 * timeout, a refused connection, or PostgreSQL refusing this database or user (the cause, kept
 * for the log, says which). For a client it is all the same: the database cannot be reached.
 */
export function asUnableToConnect(err: unknown): DatabaseUnavailableError {
  if (err instanceof DatabaseUnavailableError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new DatabaseUnavailableError(UNABLE_TO_CONNECT, `cannot get a database connection: ${message}`, {
    cause: err,
  });
}

export interface PgDriverOptions {
  /** Longest wait for PostgreSQL to accept a new connection (TCP and start-up); 0 waits forever. */
  connectTimeoutMs: number;
  /** Longest wait for the answer to one statement before the connection is given up; 0 waits forever. */
  readTimeoutMs: number;
}

type Callback = (...args: unknown[]) => void;

/** A statement of a TimedClient waiting for its answer, bounded by `ms`: given up at `deadline` (ms since the epoch). */
interface Pending {
  ms: number;
  deadline: number;
}

/** How often unanswered statements are checked: a statement is given up at most this late. */
const SWEEP_INTERVAL_MS = 250;

/** Clients with statements waiting for an answer that has a deadline. */
const watched = new Set<TimedClient>();
let sweeper: NodeJS.Timeout | undefined;

/** Gives up the connections whose oldest deadline has passed; stops when nothing is waiting. */
function sweep(): void {
  const now = Date.now();
  for (const client of watched) {
    for (const pending of client.pending) {
      if (pending.deadline > now) continue;
      client.pending.clear();
      watched.delete(client);
      client.abandon(pending.ms);
      break;
    }
  }
  if (watched.size === 0 && sweeper) {
    clearInterval(sweeper);
    sweeper = undefined;
  }
}

/**
 * A pg.Client whose statements are bounded by `readTimeoutMs`, and whose statements that fail
 * because the connection broke (PostgreSQL restarted, the network cut) carry SQLSTATE 08006.
 *
 * The bound is kept without a timer or a closure per statement: each statement records its
 * deadline, one interval for the whole process (every 250 ms, while any statement waits) gives up
 * a connection whose deadline has passed, and the answer reaches pg's caller through a bound
 * function. A timer and a closure made in every call of query() kept each answer's rows alive
 * through the next two minor garbage collections (V8 promoted them to the old generation: a
 * third of a theme page's allocation copied twice, then marked and swept); this way they die young.
 */
export class TimedClient extends pg.Client {
  /** Milliseconds one statement may go unanswered; 0 for none. Changeable per connection (migrations lift it). */
  readTimeoutMs: number;
  /** Statements sent and not yet answered, with their deadlines. */
  readonly pending = new Set<Pending>();

  constructor(config: pg.ClientConfig, options: PgDriverOptions) {
    super({ ...config, connectionTimeoutMillis: options.connectTimeoutMs });
    this.readTimeoutMs = options.readTimeoutMs;
  }

  // An override of pg's overloaded query() must answer every overload's return type: only `any` does.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: unknown[]): any {
    const first = args[0] as { submit?: unknown } | undefined;
    // Streams and cursors (submittables) are read at the caller's pace: not bounded here.
    if (typeof first?.submit === 'function') return (super.query as Callback).apply(this, args);
    const ms = this.readTimeoutMs;
    let pending: Pending | undefined;
    if (ms) {
      pending = { ms, deadline: Date.now() + ms };
      this.pending.add(pending);
      watched.add(this);
      sweeper ??= setInterval(sweep, SWEEP_INTERVAL_MS).unref();
    }
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      args[args.length - 1] = answered.bind(undefined, this, pending, last as Callback);
      return (super.query as Callback).apply(this, args);
    }
    return (super.query as (...a: unknown[]) => Promise<unknown>)
      .apply(this, args)
      .then(resolved.bind(undefined, this, pending), rejected.bind(undefined, this, pending));
  }

  /** The statement has its answer (or its error): no longer bounded. */
  settle(pending: Pending | undefined): void {
    if (!pending) return;
    this.pending.delete(pending);
    if (this.pending.size === 0) watched.delete(this);
  }

  /** A statement that failed because the connection broke (no SQLSTATE, connection unusable) as SQLSTATE 08006. */
  asUnavailable(err: unknown): unknown {
    const code = (err as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && SQLSTATE.test(code)) return err;
    // pg marks a client unusable on a socket error (_queryable) and after the server closed the
    // socket (_ended); a statement failing on either is a broken connection.
    const state = this as unknown as { _queryable?: boolean; _ended?: boolean };
    if (state._queryable !== false && state._ended !== true) return err;
    const message = err instanceof Error ? err.message : String(err);
    return new DatabaseUnavailableError(CONNECTION_FAILURE, `the database connection broke: ${message}`, {
      cause: err,
    });
  }

  abandon(ms: number): void {
    const error = new DatabaseUnavailableError(
      QUERY_CANCELED,
      `the database did not answer a statement within ${ms} ms`,
    );
    // Fails the statement and everything queued behind it, and makes the pool drop the connection.
    (this as unknown as { connection: { stream: { destroy(err: Error): void } } }).connection.stream.destroy(error);
  }
}

/** TimedClient's statement answered (callback style). */
function answered(
  client: TimedClient,
  pending: Pending | undefined,
  callback: Callback,
  err: unknown,
  ...results: unknown[]
): void {
  client.settle(pending);
  callback(err ? client.asUnavailable(err) : err, ...results);
}

/** TimedClient's statement answered (promise style). */
function resolved(client: TimedClient, pending: Pending | undefined, result: unknown): unknown {
  client.settle(pending);
  return result;
}

function rejected(client: TimedClient, pending: Pending | undefined, err: unknown): never {
  client.settle(pending);
  throw client.asUnavailable(err);
}

/** A pool statement's callback, with broken connections as DatabaseUnavailableError. */
function mappedBroken(callback: Callback, err: unknown, ...results: unknown[]): void {
  callback(err ? asBrokenConnection(err) : err, ...results);
}

function throwBroken(err: unknown): never {
  throw asBrokenConnection(err);
}

type ConnectCallback = (
  err: Error | undefined,
  client: pg.PoolClient | undefined,
  release: (e?: Error | boolean) => void,
) => void;

/** A pool checkout's callback, with a failure to connect as DatabaseUnavailableError. */
function mappedConnect(
  callback: ConnectCallback,
  err: Error | undefined,
  client: pg.PoolClient | undefined,
  release: (e?: Error | boolean) => void,
): void {
  callback(err ? asUnableToConnect(err) : err, client, release);
}

/** Errors pg raises for a connection that broke, which carry no SQLSTATE of their own. */
const BROKEN_CONNECTION_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'ETIMEDOUT']);
const BROKEN_CONNECTION_MESSAGE = /^Connection terminated|not queryable/;

/**
 * A statement's failure as DatabaseUnavailableError (08006) when the connection broke under it.
 * pg-pool's `query` reports a client's `error` event (the server closed the socket) straight to
 * the caller, past TimedClient's own mapping, so the pool maps it too.
 */
export function asBrokenConnection(err: unknown): unknown {
  if (err instanceof DatabaseUnavailableError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && SQLSTATE.test(code)) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (!(typeof code === 'string' && BROKEN_CONNECTION_CODES.has(code)) && !BROKEN_CONNECTION_MESSAGE.test(message))
    return err;
  return new DatabaseUnavailableError(CONNECTION_FAILURE, `the database connection broke: ${message}`, { cause: err });
}

/** The `pg` module with TimedClient and connection failures as DatabaseUnavailableError. */
export function createPgDriver(options: PgDriverOptions): typeof pg {
  class Client extends TimedClient {
    constructor(config: pg.ClientConfig = {}) {
      super(config, options);
    }
  }
  class Pool extends pg.Pool {
    constructor(config: pg.PoolConfig = {}) {
      super({ ...config, Client });
    }

    // As TimedClient.query(): an override of pg's overloaded query() returns `any`.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    override query(...args: unknown[]): any {
      const last = args[args.length - 1];
      if (typeof last === 'function') {
        // Bound, not a closure of this call (see TimedClient.query).
        args[args.length - 1] = mappedBroken.bind(undefined, last as Callback);
        return (super.query as Callback).apply(this, args);
      }
      return (super.query as (...a: unknown[]) => Promise<unknown>).apply(this, args).catch(throwBroken);
    }

    // As query(): the override of an overloaded method (promise or callback) returns `any`.
    override connect(
      callback?: (
        err: Error | undefined,
        client: pg.PoolClient | undefined,
        release: (e?: Error | boolean) => void,
      ) => void,
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
    ): any {
      if (callback) return super.connect(mappedConnect.bind(undefined, callback));
      return super.connect().catch((err: unknown) => {
        throw asUnableToConnect(err);
      });
    }
  }
  return { ...pg, Pool, Client } as typeof pg;
}

import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from 'pino';

export type Role = 'PARTNER' | 'LIBRARY_STAFF' | 'COORDINATOR';

/** Who is calling: anonymous (role null) or the holder of an API token. */
export interface Viewer {
  role: Role | null;
  tokenId: string | null;
  tokenName: string | null;
  /** Set for LIBRARY_STAFF: the one library the token may act for. */
  libraryId: string | null;
}

export const ANONYMOUS: Viewer = Object.freeze({ role: null, tokenId: null, tokenName: null, libraryId: null });

/**
 * Per-request DataLoaders, created lazily: a feature passes its loader factory and gets the
 * request's single instance. The factory's identity is the key, so `shared/` knows no feature.
 */
export class LoaderRegistry {
  private readonly instances = new Map<(ctx: RequestContext) => unknown, unknown>();
  constructor(private readonly ctx: () => RequestContext) {}

  get<T>(factory: (ctx: RequestContext) => T): T {
    let instance = this.instances.get(factory) as T | undefined;
    if (instance === undefined) {
      instance = factory(this.ctx());
      this.instances.set(factory, instance);
    }
    return instance;
  }

  /** Forgets every loader and what it cached (after a write, so that later reads see it). */
  clear(): void {
    this.instances.clear();
  }
}

/** Everything a service needs about the current request; services take it as first argument. */
export interface RequestContext {
  requestId: string;
  viewer: Viewer;
  db: DataSource;
  loaders: LoaderRegistry;
  log: Logger;
  /** Set inside a transaction: queries must go through it. */
  tx?: EntityManager;
  /** Set once a transaction of this request has committed: the request changed data. */
  committedWrite?: boolean;
}

export function createRequestContext(fields: Omit<RequestContext, 'loaders'>): RequestContext {
  return contextWith(fields, fields.tx);
}

/**
 * A request context with its own loaders, written out field by field: a copy by spread (`{ ...ctx }`)
 * followed by a new property gets a map of its own in V8 for every request, and every property
 * read of it then misses its inline cache.
 */
function contextWith(fields: Omit<RequestContext, 'loaders'>, tx: EntityManager | undefined): RequestContext {
  const ctx: RequestContext = {
    requestId: fields.requestId,
    viewer: fields.viewer,
    db: fields.db,
    loaders: undefined as unknown as LoaderRegistry,
    log: fields.log,
    tx,
    committedWrite: fields.committedWrite,
  };
  ctx.loaders = new LoaderRegistry(() => ctx);
  return ctx;
}

/**
 * Where a request's statements go: its transaction if it is inside one (see inTransaction),
 * otherwise the data source (its pool). The one place that makes this choice; use it rather than
 * `ctx.db` whenever a statement may run inside a transaction.
 */
export function database(ctx: RequestContext): DataSource | EntityManager {
  return ctx.tx ?? ctx.db;
}

/** The driver's pool (pg.Pool, or the embedded database's pg-compatible pool): TypeORM keeps it as `master`. */
interface StatementPool {
  query(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/** Names of prepared statements by SQL text; bounded, so that generated SQL cannot fill the server's memory. */
const statementNames = new Map<string, string>();
const MAX_NAMED_STATEMENTS = 2_000;

/** The prepared statement name of a SQL text (the same on every connection); undefined beyond the bound. */
function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `th_${createHash('sha1').update(text).digest('base64url')}`;
    statementNames.set(text, name);
  }
  return name;
}

/**
 * Runs a parameterised SQL statement and returns its rows: in the request's transaction if there
 * is one (through TypeORM), otherwise straight on the pool as a named prepared statement (parsed
 * and planned once per connection). Either way the statement is counted and logged by the data
 * source's logger. TypeORM answers UPDATE and DELETE with `[rows, affectedCount]`; that is
 * unwrapped here (rows are objects, never arrays, so the shape is unambiguous).
 */
export async function sql<Row = Record<string, unknown>>(
  ctx: RequestContext,
  text: string,
  params: unknown[] = [],
): Promise<Row[]> {
  const pool = ctx.tx ? undefined : (ctx.db.driver as unknown as { master?: StatementPool }).master;
  if (pool) {
    ctx.db.logger.logQuery(text, params);
    try {
      return (await pool.query({ name: statementName(text), text, values: params })).rows as Row[];
    } catch (err) {
      ctx.db.logger.logQueryError(err as Error, text, params);
      throw err;
    }
  }
  const result: unknown = await database(ctx).query(text, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number')
    return result[0] as Row[];
  return result as Row[];
}

/**
 * Runs `work` in one transaction; nested calls join the outer one. Inside, loaders are the
 * transaction's own (they read through it and see its writes); once it has committed, the
 * request's loaders are cleared, so that fields resolved afterwards read what was written.
 */
export async function inTransaction<T>(ctx: RequestContext, work: (ctx: RequestContext) => Promise<T>): Promise<T> {
  if (ctx.tx) return work(ctx);
  const result = await ctx.db.transaction(async (tx) => {
    return work(contextWith(ctx, tx));
  });
  ctx.committedWrite = true;
  ctx.loaders.clear();
  return result;
}

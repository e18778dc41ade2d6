import path from 'node:path';

/** The server's configuration, read from the environment once at start and validated. */
export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** PostgreSQL connection string; unset means the embedded database under dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  databasePoolSize: number;
  /**
   * GraphQL requests executing at once (the rest wait in arrival order). With GRAPHQL_CONCURRENCY
   * unset or 0: the pool size on PostgreSQL, so that every admitted request gets a connection at
   * once, and 2 on the embedded database or a pool of one (so that, when a transaction holds the
   * one connection, neither of two requests waits at the door and then again at the pool).
   */
  graphqlConcurrency: number;
  /** GraphQL requests that may wait to execute; beyond, 503 SERVICE_UNAVAILABLE. */
  graphqlQueueLimit: number;
  /**
   * How far V8 lets the heap grow past what survived the last full collection before the next
   * one, in percent (V8's --heap-growing-percent); 0 leaves V8's own factor (up to 4×).
   */
  heapGrowingPercent: number;
  /** PostgreSQL streaming replicas for anonymous reads (see db/read-replicas.ts); empty for none. */
  databaseReadUrls: string[];
  /** A replica further behind than this (seconds) is skipped until it catches up. */
  maxReplicaLagSeconds: number;
  /** Milliseconds an unused PostgreSQL connection stays open; 0 keeps it open. */
  databaseIdleTimeoutMs: number;
  /** Longest wait for a pooled connection (including opening one); 0 waits forever. */
  databaseAcquireTimeoutMs: number;
  /** Longest wait for PostgreSQL to accept a new connection; 0 waits forever. */
  databaseConnectTimeoutMs: number;
  /** PostgreSQL's statement_timeout for requests; 0 turns it off. */
  databaseStatementTimeoutMs: number;
  redisUrl: string | undefined;
  /** Prefix of every Redis key, so that several installations (or test runs) can share one Redis. */
  redisKeyPrefix: string;
  /** Cache anonymous, publicly cacheable GraphQL responses for their maxAge (in Redis when REDIS_URL is set). */
  responseCache: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Load the demo season at first start (always on for the embedded database). */
  seedDemo: boolean;
  /** off: any document; safelist: anonymous callers may only run the clients' persisted operations. */
  persistedOperations: 'off' | 'safelist';
  /** Seconds that in-flight requests get to finish on SIGTERM. */
  shutdownGraceSeconds: number;
  /** Largest accepted query cost (see app/complexity). */
  maxQueryComplexity: number;
  maxQueryDepth: number;
  /** Most tokens a GraphQL document may have (the parser stops there). */
  maxQueryTokens: number;
  /** Most fields a document may have with its fragment spreads expanded. */
  maxQueryFields: number;
  /** Most aliased fields a document may have. */
  maxQueryAliases: number;
  /** A separate port for GET /metrics (then not served on PORT); unset: /metrics on PORT. */
  metricsPort: number | undefined;
  /** When set, GET /metrics needs `Authorization: Bearer <token>`. */
  metricsToken: string | undefined;
  /** Requests per minute per client (token or IP). 0 turns rate limiting off. */
  rateLimitPerMinute: number;
  /** Comma-separated origins allowed by CORS; `*` for any. */
  corsOrigins: string[];
  /** Number of reverse proxies in front of the server (for the client IP in rate limits). */
  trustProxy: number;
  /** Event import: minutes between background runs of each source (0: off), hosts that may resolve to private addresses, the bound of a run's fetch (ms; unset: 10 s). */
  eventImport: { intervalMinutes: number; allowPrivateHosts: string[]; fetchTimeoutMs: number | undefined };
  /** Serve the self-hosted GraphiQL at /graphql to browsers (default: on except in production). */
  explorer: boolean;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return n;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  }
  return raw;
}

/** DATABASE_READ_URLS: comma-separated PostgreSQL URLs, only together with DATABASE_URL. */
function readUrls(env: Env): string[] {
  const list = (env.DATABASE_READ_URLS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (list.length && !env.DATABASE_URL)
    throw new ConfigError('DATABASE_READ_URLS needs DATABASE_URL: read replicas follow a PostgreSQL primary');
  return list.map((raw, i) =>
    url({ [`DATABASE_READ_URLS (entry ${i + 1})`]: raw }, `DATABASE_READ_URLS (entry ${i + 1})`, [
      'postgres:',
      'postgresql:',
    ])!,
  );
}

function metricsToken(env: Env): string | undefined {
  const raw = env.METRICS_TOKEN;
  if (raw === undefined || raw === '') return undefined;
  if (raw.length < 16 || !/^[\x21-\x7e]+$/.test(raw))
    throw new ConfigError('METRICS_TOKEN must be at least 16 printable characters without spaces');
  return raw;
}

/** Parses and validates the environment; throws ConfigError with a message naming the variable. */
export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const databasePoolSize = int(env, 'DATABASE_POOL_SIZE', 10, 1, 200);
  return {
    nodeEnv,
    port: int(env, 'PORT', 4000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    databaseUrl,
    dataDir: path.resolve(env.DATA_DIR || '.data'),
    databasePoolSize,
    graphqlConcurrency:
      int(env, 'GRAPHQL_CONCURRENCY', 0, 0, 10_000) || (databaseUrl ? Math.max(2, databasePoolSize) : 2),
    graphqlQueueLimit: int(env, 'GRAPHQL_QUEUE_LIMIT', 1_000, 0, 1_000_000),
    heapGrowingPercent: int(env, 'HEAP_GROWING_PERCENT', 100, 0, 1_000),
    databaseReadUrls: readUrls(env),
    maxReplicaLagSeconds: int(env, 'MAX_REPLICA_LAG_SECONDS', 5, 0, 3600),
    databaseIdleTimeoutMs: int(env, 'DATABASE_IDLE_TIMEOUT_MS', 300_000, 0, 86_400_000),
    databaseAcquireTimeoutMs: int(env, 'DATABASE_ACQUIRE_TIMEOUT_MS', 5_000, 0, 600_000),
    databaseConnectTimeoutMs: int(env, 'DATABASE_CONNECT_TIMEOUT_MS', 5_000, 0, 600_000),
    databaseStatementTimeoutMs: int(env, 'DATABASE_STATEMENT_TIMEOUT_MS', 5_000, 0, 3_600_000),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    redisKeyPrefix: env.REDIS_KEY_PREFIX || 'temahub:',
    responseCache: bool(env, 'RESPONSE_CACHE', true),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    seedDemo: bool(env, 'SEED_DEMO', true),
    persistedOperations: oneOf(env, 'PERSISTED_OPERATIONS', ['off', 'safelist'] as const, 'off'),
    shutdownGraceSeconds: int(env, 'SHUTDOWN_GRACE_SECONDS', 10, 0, 600),
    maxQueryComplexity: int(env, 'MAX_QUERY_COMPLEXITY', 5000, 10, 1_000_000),
    maxQueryDepth: int(env, 'MAX_QUERY_DEPTH', 12, 2, 100),
    maxQueryTokens: int(env, 'MAX_QUERY_TOKENS', 10_000, 100, 1_000_000),
    maxQueryFields: int(env, 'MAX_QUERY_FIELDS', 2000, 10, 100_000),
    maxQueryAliases: int(env, 'MAX_QUERY_ALIASES', 30, 0, 10_000),
    metricsPort:
      env.METRICS_PORT === undefined || env.METRICS_PORT === '' ? undefined : int(env, 'METRICS_PORT', 0, 0, 65535),
    metricsToken: metricsToken(env),
    rateLimitPerMinute: int(env, 'RATE_LIMIT_PER_MINUTE', 600, 0, 1_000_000),
    corsOrigins: (env.CORS_ORIGINS ?? '*')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    trustProxy: int(env, 'TRUST_PROXY', 0, 0, 10),
    eventImport: {
      intervalMinutes: int(env, 'IMPORT_INTERVAL_MINUTES', 60, 0, 10_080),
      // Unset: the import's own default (FETCH_TIMEOUT_MS, 10 s).
      fetchTimeoutMs: env.IMPORT_FETCH_TIMEOUT_MS ? int(env, 'IMPORT_FETCH_TIMEOUT_MS', 0, 100, 600_000) : undefined,
      allowPrivateHosts: (env.IMPORT_ALLOW_PRIVATE_HOSTS ?? '')
        .split(',')
        .map((s) =>
          s
            .trim()
            .toLowerCase()
            .replace(/^\[|\]$/g, ''),
        )
        .filter(Boolean),
    },
    explorer: bool(env, 'EXPLORER', nodeEnv !== 'production'),
  };
}

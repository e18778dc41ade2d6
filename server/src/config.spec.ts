import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

/** The ConfigError loadConfig throws for `env`; fails the test when it does not throw one. */
function configErrorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('gives working defaults for an empty environment: port 4000, embedded database in ./.data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 4000,
      host: '0.0.0.0',
      databaseUrl: undefined,
      dataDir: path.resolve('.data'),
      databasePoolSize: 10,
      graphqlConcurrency: 2,
      heapGrowingPercent: 100,
      databaseIdleTimeoutMs: 300_000,
      databaseAcquireTimeoutMs: 5_000,
      databaseConnectTimeoutMs: 5_000,
      databaseStatementTimeoutMs: 5_000,
      redisUrl: undefined,
      redisKeyPrefix: 'temahub:',
      responseCache: true,
      logLevel: 'info',
      seedDemo: true,
      persistedOperations: 'off',
      shutdownGraceSeconds: 10,
      corsOrigins: ['*'],
      trustProxy: 0,
    });
  });

  it('lets as many GraphQL requests execute at once as the pool has connections on PostgreSQL', () => {
    // More than the pool would make admitted requests wait for a connection between their
    // statements, holding their data meanwhile (admission.ts).
    expect(loadConfig({ DATABASE_URL: 'postgres://db/temahub' }).graphqlConcurrency).toBe(10);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/temahub', DATABASE_POOL_SIZE: '4' }).graphqlConcurrency).toBe(4);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/temahub', GRAPHQL_CONCURRENCY: '0' }).graphqlConcurrency).toBe(10);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/temahub', DATABASE_POOL_SIZE: '1' }).graphqlConcurrency).toBe(2);
    expect(loadConfig({ GRAPHQL_CONCURRENCY: '0' }).graphqlConcurrency).toBe(2);
  });

  it('treats an empty variable as unset', () => {
    const config = loadConfig({ PORT: '', DATABASE_URL: '', REDIS_URL: '', LOG_LEVEL: '', SEED_DEMO: '' });
    expect(config.port).toBe(4000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
    expect(config.logLevel).toBe('info');
    expect(config.seedDemo).toBe(true);
  });

  it('reads every variable it knows', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      PORT: '8080',
      HOST: '127.0.0.1',
      DATABASE_URL: 'postgres://temahub:hemmeligt@db:5432/temahub',
      DATA_DIR: '/var/lib/temahub',
      DATABASE_POOL_SIZE: '25',
      GRAPHQL_CONCURRENCY: '40',
      GRAPHQL_QUEUE_LIMIT: '500',
      HEAP_GROWING_PERCENT: '0',
      DATABASE_READ_URLS: 'postgres://temahub:hemmeligt@replica:5432/temahub',
      MAX_REPLICA_LAG_SECONDS: '3',
      DATABASE_IDLE_TIMEOUT_MS: '0',
      DATABASE_ACQUIRE_TIMEOUT_MS: '2000',
      DATABASE_CONNECT_TIMEOUT_MS: '3000',
      DATABASE_STATEMENT_TIMEOUT_MS: '10000',
      REDIS_URL: 'redis://cache:6379/0',
      REDIS_KEY_PREFIX: 'temahub-prod:',
      RESPONSE_CACHE: 'false',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      PERSISTED_OPERATIONS: 'safelist',
      SHUTDOWN_GRACE_SECONDS: '30',
      MAX_QUERY_COMPLEXITY: '2000',
      MAX_QUERY_DEPTH: '8',
      MAX_QUERY_TOKENS: '4000',
      MAX_QUERY_FIELDS: '500',
      MAX_QUERY_ALIASES: '10',
      METRICS_PORT: '9464',
      METRICS_TOKEN: 'scrape-me-0123456789',
      RATE_LIMIT_PER_MINUTE: '0',
      CORS_ORIGINS: 'https://bibliotek.dk, https://tema.example ,',
      TRUST_PROXY: '1',
      IMPORT_INTERVAL_MINUTES: '15',
      IMPORT_ALLOW_PRIVATE_HOSTS: 'Intranet.Example, [::1]',
      IMPORT_FETCH_TIMEOUT_MS: '1500',
      EXPLORER: 'true',
    });
    expect(config).toEqual({
      nodeEnv: 'production',
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: 'postgres://temahub:hemmeligt@db:5432/temahub',
      dataDir: '/var/lib/temahub',
      databasePoolSize: 25,
      graphqlConcurrency: 40,
      graphqlQueueLimit: 500,
      heapGrowingPercent: 0,
      databaseReadUrls: ['postgres://temahub:hemmeligt@replica:5432/temahub'],
      maxReplicaLagSeconds: 3,
      databaseIdleTimeoutMs: 0,
      databaseAcquireTimeoutMs: 2000,
      databaseConnectTimeoutMs: 3000,
      databaseStatementTimeoutMs: 10_000,
      redisUrl: 'redis://cache:6379/0',
      redisKeyPrefix: 'temahub-prod:',
      responseCache: false,
      logLevel: 'warn',
      seedDemo: false,
      persistedOperations: 'safelist',
      shutdownGraceSeconds: 30,
      maxQueryComplexity: 2000,
      maxQueryDepth: 8,
      maxQueryTokens: 4000,
      maxQueryFields: 500,
      maxQueryAliases: 10,
      metricsPort: 9464,
      metricsToken: 'scrape-me-0123456789',
      rateLimitPerMinute: 0,
      corsOrigins: ['https://bibliotek.dk', 'https://tema.example'],
      trustProxy: 1,
      eventImport: { intervalMinutes: 15, allowPrivateHosts: ['intranet.example', '::1'], fetchTimeoutMs: 1500 },
      explorer: true,
    });
  });

  it('resolves a relative DATA_DIR against the working directory', () => {
    expect(loadConfig({ DATA_DIR: 'data/here' }).dataDir).toBe(path.resolve('data/here'));
  });

  it('accepts the edges of the PORT range (0 asks the system for a free port)', () => {
    expect(loadConfig({ PORT: '0' }).port).toBe(0);
    expect(loadConfig({ PORT: '65535' }).port).toBe(65535);
  });

  it.each([['abc'], ['80.5'], ['-1'], ['65536'], ['4000x']])(
    'refuses PORT=%s with a message naming PORT and the value',
    (value) => {
      const error = configErrorOf({ PORT: value });
      expect(error.message).toMatch(/^PORT must be a whole number from 0 to 65535/);
      expect(error.message).toContain(`"${value}"`);
    },
  );

  it('refuses whole-number settings outside their range, naming the variable', () => {
    expect(configErrorOf({ DATABASE_POOL_SIZE: '0' }).message).toMatch(
      /^DATABASE_POOL_SIZE must be a whole number from 1 to 200/,
    );
    expect(configErrorOf({ SHUTDOWN_GRACE_SECONDS: 'ten' }).message).toMatch(/^SHUTDOWN_GRACE_SECONDS /);
    expect(configErrorOf({ MAX_QUERY_DEPTH: '1' }).message).toMatch(/^MAX_QUERY_DEPTH /);
    expect(configErrorOf({ TRUST_PROXY: '11' }).message).toMatch(/^TRUST_PROXY /);
    expect(configErrorOf({ DATABASE_STATEMENT_TIMEOUT_MS: '-1' }).message).toMatch(/^DATABASE_STATEMENT_TIMEOUT_MS /);
    expect(configErrorOf({ IMPORT_FETCH_TIMEOUT_MS: '50' }).message).toMatch(/^IMPORT_FETCH_TIMEOUT_MS /);
  });

  it('refuses a DATABASE_URL that is not a PostgreSQL URL, without echoing it (it may hold a password)', () => {
    const notUrl = configErrorOf({ DATABASE_URL: 'hemmeligt kodeord' });
    expect(notUrl.message).toBe('DATABASE_URL is not a valid URL');
    const wrongScheme = configErrorOf({ DATABASE_URL: 'mysql://root:hemmeligt@db/temahub' });
    expect(wrongScheme.message).toBe('DATABASE_URL must start with postgres:// or postgresql://');
    expect(wrongScheme.message).not.toContain('hemmeligt');
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/temahub' }).databaseUrl).toBe('postgresql://db/temahub');
  });

  it('refuses a REDIS_URL that is not a Redis URL', () => {
    expect(configErrorOf({ REDIS_URL: 'http://cache:6379' }).message).toBe(
      'REDIS_URL must start with redis:// or rediss://',
    );
    expect(loadConfig({ REDIS_URL: 'rediss://cache:6380' }).redisUrl).toBe('rediss://cache:6380');
  });

  it('refuses unknown choices, listing the allowed ones', () => {
    expect(configErrorOf({ LOG_LEVEL: 'verbose' }).message).toBe(
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "verbose"',
    );
    expect(configErrorOf({ NODE_ENV: 'staging' }).message).toMatch(
      /^NODE_ENV must be one of development, production, test/,
    );
    expect(configErrorOf({ PERSISTED_OPERATIONS: 'on' }).message).toMatch(
      /^PERSISTED_OPERATIONS must be one of off, safelist/,
    );
  });

  it('reads yes/no settings in the usual spellings and refuses others', () => {
    for (const yes of ['1', 'true', 'TRUE', 'yes', 'on']) expect(loadConfig({ SEED_DEMO: yes }).seedDemo).toBe(true);
    for (const no of ['0', 'false', 'No', 'off']) expect(loadConfig({ SEED_DEMO: no }).seedDemo).toBe(false);
    expect(configErrorOf({ SEED_DEMO: 'maybe' }).message).toBe('SEED_DEMO must be true or false, got "maybe"');
  });

  it('does not read process.env when given an environment', () => {
    const before = process.env.PORT;
    process.env.PORT = 'not a port';
    try {
      expect(loadConfig({}).port).toBe(4000);
    } finally {
      if (before === undefined) delete process.env.PORT;
      else process.env.PORT = before;
    }
  });
});

import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { createApp, type App } from '../../src/app/server.js';
import { entities } from '../../src/app/schema.js';
import { CountingLogger } from '../../src/app/statement-counter.js';
import { closeDatabase, openDatabase, poolOptionsOf } from '../../src/db/data-source.js';
import { prepareDatabase } from '../../src/db/prepare.js';
import { createTestDatabase, type TestDatabase } from './databases.js';
import type { TypedDocumentString } from '../__generated__/graphql.js';

export interface GraphQLResponse<T = unknown> {
  status: number;
  headers: Headers;
  data?: T;
  errors?: {
    message: string;
    path?: (string | number)[];
    extensions?: { code?: string; field?: string; [k: string]: unknown };
  }[];
}

export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
}

/**
 * A typed operation: write it as `graphql(\`query Name { … }\`)` (from ../__generated__/index.js)
 * and `npm run codegen` types its result and variables from the schema.
 */
export type Operation<Result, Variables> = TypedDocumentString<Result, Variables>;

/** Variables may be left out when the operation has none that are required. */
type VariablesArg<V> =
  Record<string, never> extends V
    ? [variables?: V, options?: RequestOptions]
    : [variables: V, options?: RequestOptions];

export interface TestServer {
  url: string;
  graphqlUrl: string;
  db: DataSource;
  config: Config;
  /** POSTs a typed operation; `token` becomes a bearer token. */
  gql<R, V>(operation: Operation<R, V>, ...args: VariablesArg<V>): Promise<GraphQLResponse<R>>;
  /** The same, for helpers generic in the operation (`V` not known yet). */
  gql<R, V>(operation: Operation<R, V>, variables: V, options?: RequestOptions): Promise<GraphQLResponse<R>>;
  /**
   * POSTs operation text that is not a typed operation (invalid on purpose, or built at run
   * time). Prefer a typed operation: this one's data is typed only by the caller's `T`.
   * @deprecated for valid, fixed operations: use graphql() and the typed overload.
   */
  gql<T = unknown>(
    query: string,
    variables?: Record<string, unknown>,
    options?: RequestOptions,
  ): Promise<GraphQLResponse<T>>;
  /** Like gql but fails the test when there are errors; returns data. */
  ok<R, V>(operation: Operation<R, V>, ...args: VariablesArg<V>): Promise<R>;
  ok<R, V>(operation: Operation<R, V>, variables: V, options?: RequestOptions): Promise<R>;
  /** @deprecated for valid, fixed operations: use graphql() and the typed overload. */
  ok<T = unknown>(query: string, variables?: Record<string, unknown>, options?: RequestOptions): Promise<T>;
  stop(): Promise<void>;
}

/**
 * Boots the real server on its own database (a seeded copy unless `empty`), listening on a
 * random port. Call stop() in afterAll.
 */
export async function startTestServer(
  options: {
    empty?: boolean;
    env?: Record<string, string>;
    logLines?: string[];
    /** Run on this database (stop() calls its drop()) instead of a fresh copy of the template. */
    database?: TestDatabase;
    /** e.g. to connect through a proxy */
    databaseUrl?: (url: string) => string;
  } = {},
): Promise<TestServer> {
  const database: TestDatabase =
    options.database ?? (await createTestDatabase(inject('testTemplate'), { empty: options.empty }));
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATA_DIR: database.dataDir,
    ...(database.databaseUrl
      ? { DATABASE_URL: options.databaseUrl?.(database.databaseUrl) ?? database.databaseUrl }
      : {}),
    // Off unless a test asks for them: suites make many requests and re-read what they changed.
    RATE_LIMIT_PER_MINUTE: '0',
    RESPONSE_CACHE: 'false',
    ...options.env,
  });
  // With `logLines`, the server's JSON log lines (info and up) are collected there for the test to read.
  const lines = options.logLines;
  const log = lines
    ? pino({ level: 'info' }, { write: (line: string) => void lines.push(line) })
    : pino({ level: config.logLevel });
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    ...poolOptionsOf(config),
    entities,
    logger: new CountingLogger(log),
  });
  await prepareDatabase(db, { seedDemo: config.seedDemo }, log);
  const app: App = await createApp(config, db, log);
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const port = (app.httpServer.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  const graphqlUrl = `${url}/graphql`;

  const request = async (
    query: string | Operation<unknown, unknown>,
    variables?: unknown,
    opts: RequestOptions = {},
  ): Promise<GraphQLResponse<never>> => {
    const res = await fetch(graphqlUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...opts.headers,
      },
      body: JSON.stringify({ query: String(query), variables }),
    });
    const body = (await res.json()) as { data?: never; errors?: GraphQLResponse['errors'] };
    return { status: res.status, headers: res.headers, data: body.data, errors: body.errors };
  };
  const gql = request as TestServer['gql'];

  return {
    url,
    graphqlUrl,
    db,
    config,
    gql,
    async ok(query: string | Operation<unknown, unknown>, variables?: unknown, opts?: RequestOptions) {
      const res = await request(query, variables, opts);
      if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
      return res.data;
    },
    async stop() {
      await app.stop();
      await closeDatabase(db);
      await database.drop();
    },
  };
}

import http from 'node:http';
import { randomUUID } from 'node:crypto';
import express, { type Request } from 'express';
import cors from 'cors';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageLocalDefault, ApolloServerPluginLandingPageProductionDefault } from '@apollo/server/plugin/landingPage/default';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { createRequestContext, type RequestContext, type Viewer } from '../shared/context.js';
import { DomainError, httpStatusOf } from '../shared/errors.js';
import { resolveViewer } from '../features/auth/index.js';
import { buildAppSchema } from './schema.js';
import { domainErrorBody, errorBody, isUnexpectedError, maskError, rejectBeforeExecution } from './errors.js';
import { statementCounter } from './statement-counter.js';
import { createMetrics } from './metrics.js';
import { serveMetrics } from './metrics-endpoint.js';
import { cachePolicyPlugin } from './cache-policy.js';
import { feedRoutes } from '../features/feeds/index.js';
import { reportRoutes } from '../features/report/index.js';
import { loadPersistedDocuments, persistedOperationsPlugin, persistedQueryNotFoundStatusPlugin, persistedQueryShape } from './persisted-operations.js';
import { MaxIntrospectionDepthRule, queryLimitsPlugin } from './query-limits.js';
import { connectRedis } from './redis.js';
import { ipKey, rateLimit, RateLimiter } from './rate-limit.js';
import { responseCachePlugins, SharedOrLocalCache } from './response-cache.js';
import { configureEventImport } from '../features/event-source/index.js';

export interface App {
  httpServer: http.Server;
  /** Stops accepting connections, lets in-flight requests finish, then resolves. */
  stop(): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** /readyz answers 503 rather than hang when the database does not answer within this time. */
const READINESS_TIMEOUT_MS = 2_000;

/** Resolves true when `SELECT 1` succeeds within the timeout (a full pool or a dead server both fail it). */
async function databaseAnswers(db: DataSource, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const probe = db.query('SELECT 1').then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function requestIdOf(req: Request): string {
  const given = req.header('x-request-id');
  return given && REQUEST_ID.test(given) ? given : randomUUID();
}

/** Builds the HTTP server with GraphQL and operational routes; does not listen. */
export async function createApp(config: Config, db: DataSource, log: Logger): Promise<App> {
  const schema = await buildAppSchema();
  // Optional: while Redis is unreachable, limits and cache are per process (see redis.ts).
  const redis = await connectRedis(config.redisUrl, config.redisKeyPrefix, log);
  const limiter = config.rateLimitPerMinute > 0 ? new RateLimiter(config.rateLimitPerMinute, redis) : undefined;
  const app = express();
  const httpServer = http.createServer(app);
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);

  app.use((req, res, next) => {
    const requestId = requestIdOf(req);
    res.locals.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    statementCounter.run(next);
  });
  const metrics = createMetrics(db, { poolMax: config.databaseUrl ? config.databasePoolSize : 1 });
  configureEventImport(db, config.eventImport, metrics.registry);
  app.use(metrics.observeRequests(log));
  let stopping = false;

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (stopping) {
      res.status(503).json({ status: 'unavailable', reason: 'shutting down' });
    } else if (await databaseAnswers(db, READINESS_TIMEOUT_MS)) {
      res.json({ status: 'ready' });
    } else {
      res.status(503).json({ status: 'unavailable', reason: 'database unreachable' });
    }
  });
  serveMetrics(app, httpServer, metrics, config, log);

  const logErrors: ApolloServerPlugin<RequestContext> = {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors }) {
          for (const error of errors) {
            if (!isUnexpectedError(error)) continue;
            contextValue?.log?.error({ err: error.originalError ?? error, path: error.path }, 'unexpected error');
          }
        },
      };
    },
  };

  // Tests pin the number of SQL statements of heavy queries through this header.
  const exposeStatementCount: ApolloServerPlugin<RequestContext> = {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const count = statementCounter.current();
          if (count !== undefined) response.http.headers.set('x-sql-statements', String(count));
        },
      };
    },
  };

  // Safelist mode: anonymous callers may run only the client SDKs' persisted operations.
  const persistedDocuments = config.persistedOperations === 'safelist' ? loadPersistedDocuments() : undefined;
  if (persistedDocuments) log.info({ operations: persistedDocuments.byHash.size, manifests: persistedDocuments.files.length }, 'persisted operations safelist loaded');

  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: true,
    // graphql's own rule: introspection lists (`fields { type { fields …`) nest at most 3 deep.
    validationRules: [MaxIntrospectionDepthRule],
    parseOptions: { maxTokens: config.maxQueryTokens },
    // Bearer tokens, no cookies: browser CSRF cannot borrow a credential, and partners need plain GET.
    csrfPrevention: false,
    includeStacktraceInErrorResponses: false,
    // main.ts owns SIGTERM/SIGINT: it stops Apollo (draining requests) and then closes the database.
    stopOnTerminationSignals: false,
    formatError: (formatted, error) => maskError(formatted, error, { hideSuggestions: config.nodeEnv === 'production' }).formatted,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      persistedQueryNotFoundStatusPlugin,
      ...(persistedDocuments ? [persistedOperationsPlugin(persistedDocuments)] : []),
      queryLimitsPlugin({ maxDepth: config.maxQueryDepth, maxComplexity: config.maxQueryComplexity, maxFields: config.maxQueryFields, maxAliases: config.maxQueryAliases }),
      metrics.graphqlPlugin,
      logErrors,
      cachePolicyPlugin,
      ...(config.responseCache ? responseCachePlugins(new SharedOrLocalCache(redis)) : []),
      ...(config.nodeEnv === 'test' ? [exposeStatementCount] : []),
      config.nodeEnv === 'production'
        ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
        : ApolloServerPluginLandingPageLocalDefault({ footer: false, embed: true }),
    ],
  });
  await apollo.start();

  if (limiter) app.use('/feeds', rateLimit(limiter, async (req) => ipKey(req)));
  app.use(feedRoutes(db, log));
  if (limiter) app.use('/reports', rateLimit(limiter, async (req) => ipKey(req)));
  app.use(reportRoutes(db, log));

  // Token holders are limited per token, anonymous callers per IP. The viewer resolved here is
  // handed to the context function, so that the token is looked up once per request.
  const graphqlClientKey = async (req: Request, res: express.Response): Promise<string> => {
    const viewer = resolveViewer(db, req.header('authorization'));
    res.locals.viewer = viewer;
    const resolved = await viewer.catch(() => undefined);
    return resolved?.tokenId ? `token:${resolved.tokenId}` : ipKey(req);
  };

  app.use(
    '/graphql',
    cors({
      origin: config.corsOrigins.includes('*') ? '*' : config.corsOrigins,
      exposedHeaders: ['X-Request-Id', 'X-Cache', 'Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'],
    }),
    ...(limiter ? [rateLimit(limiter, graphqlClientKey)] : []),
    express.json({ limit: '1mb' }),
    persistedQueryShape,
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const requestId = res.locals.requestId as string;
        const requestLog = log.child({ requestId });
        const viewer = await ((res.locals.viewer as Promise<Viewer> | undefined) ?? resolveViewer(db, req.header('authorization'))).catch(rejectBeforeExecution);
        return createRequestContext({ requestId, viewer, db, log: requestLog });
      },
    }),
  );

  // Authentication failures before execution still answer in GraphQL's error shape.
  app.use((err: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(err);
    if (err instanceof DomainError) {
      res.status(httpStatusOf(err)).json(domainErrorBody(err));
      return;
    }
    const status = (err as { status?: number }).status;
    if (status && status >= 400 && status < 500) {
      const message = status === 413 ? 'The request body is larger than 1 MB.' : 'The request body is not valid JSON.';
      res.status(status).json(errorBody('BAD_USER_INPUT', message));
      return;
    }
    log.error({ err, requestId: res.locals.requestId }, 'unhandled HTTP error');
    res.status(500).json(errorBody('INTERNAL_SERVER_ERROR', 'Internal server error.'));
  });

  return {
    httpServer,
    async stop() {
      stopping = true;
      await apollo.stop();
      await redis?.close();
    },
  };
}

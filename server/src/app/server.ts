import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import express, { type Request } from 'express';
import cors from 'cors';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from '@apollo/server/plugin/landingPage/default';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { createRequestContext, type RequestContext, type Viewer } from '../shared/context.js';
import { resolveViewer } from '../features/auth/index.js';
import { buildAppSchema } from './schema.js';
import { compiledExecution } from './compiled-execution.js';
import { apolloHandler } from './apollo-handler.js';
import { schemaToSdl } from './schema-sdl.js';
import {
  domainErrorBody,
  errorBody,
  httpErrorAnswer,
  isUnexpectedError,
  maskError,
  rejectBeforeExecution,
} from './errors.js';
import { Admission } from './admission.js';
import { statementCounter } from './statement-counter.js';
import { createMetrics } from './metrics.js';
import { serveMetrics } from './metrics-endpoint.js';
import { cachePolicyPlugin } from './cache-policy.js';
import { feedRoutes } from '../features/feeds/index.js';
import { faceRoutes } from './faces.js';
import { reportRoutes } from '../features/report/index.js';
import { backupRoutes } from '../db/backup.js';
import { openReadReplicas } from '../db/read-replicas.js';
import {
  loadPersistedDocuments,
  persistedOperationsPlugin,
  persistedQueryNotFoundStatusPlugin,
  persistedQueryShape,
} from './persisted-operations.js';
import { MaxIntrospectionDepthRule, queryLimitsPlugin } from './query-limits.js';
import { boundedApolloCaches } from './apollo-caches.js';
import { connectRedis } from './redis.js';
import { ipKey, rateLimit, RateLimiter } from './rate-limit.js';
import {
  type CachedResponse,
  isAnonymousRequest,
  requestKey,
  responseCacheInvalidation,
  ResponseStore,
  sendCached,
  storeWhenCacheable,
} from './response-cache.js';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth.js';
import { serviceUnavailablePlugin } from './service-unavailable.js';
import { configureEventImport } from '../features/event-source/index.js';
import { listenForContentChanges } from '../db/content-changes.js';

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

function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/** Largest GraphQL request body. */
const MAX_BODY_BYTES = 1024 * 1024;
const JSON_CONTENT_TYPE = /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i;

/** A request body refused before anything parses it; answered by the error handler below. */
class BodyRefusal extends Error {
  constructor(
    readonly httpStatus: number,
    message: string,
  ) {
    super(message);
  }
}

const TOO_DEEP = `The request's JSON is nested deeper than ${MAX_JSON_DEPTH} levels.`;

/** What the front door learned about a request before Express saw it. */
interface FrontDoorRequest extends IncomingMessage {
  requestId?: string;
  /** When the front door received it (process.hrtime), for cache hits' duration. */
  receivedAt?: bigint;
  bodyRefusal?: BodyRefusal;
  body?: unknown;
}

/** Paths Express routes to GraphQL (it matches case-insensitively, with or without more segments). */
function isGraphqlPath(url: string): boolean {
  const q = url.indexOf('?');
  const path = (q < 0 ? url : url.slice(0, q)).toLowerCase();
  return path === '/graphql' || path.startsWith('/graphql/');
}

/** The GET query string's variables/extensions nest too deeply (Apollo would JSON.parse them). */
function searchTooDeep(url: string): boolean {
  const q = url.indexOf('?');
  if (q < 0) return false;
  let search = url.slice(q + 1);
  try {
    search = decodeURIComponent(search.replace(/\+/g, ' '));
  } catch {
    // Left to Apollo, which refuses it.
  }
  return nestsDeeperThan(search);
}

/**
 * Reads a JSON request body as text (the cache key), refusing one above MAX_BODY_BYTES.
 * Calls back with undefined when the body is not for this reader (another content type, an
 * encoded body): Express's JSON parser then handles it.
 */
function readJsonBody(req: IncomingMessage, done: (text: string | undefined, refusal?: BodyRefusal) => void): void {
  const type = req.headers['content-type'];
  const encoding = req.headers['content-encoding'];
  const length = Number(req.headers['content-length'] ?? 0);
  if (
    !type ||
    !JSON_CONTENT_TYPE.test(type) ||
    (encoding && encoding.toLowerCase() !== 'identity') ||
    length > MAX_BODY_BYTES
  )
    return done(undefined);
  const chunks: Buffer[] = [];
  let size = 0;
  let finished = false;
  const onData = (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      finished = true;
      req.off('data', onData);
      req.resume();
      return done('', new BodyRefusal(413, 'The request body is larger than 1 MB.'));
    }
    chunks.push(chunk);
  };
  req.on('data', onData);
  req.on('end', () => {
    if (finished) return;
    finished = true;
    done(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8'));
  });
  req.on('error', () => {
    if (finished) return;
    finished = true;
    done('', new BodyRefusal(400, 'The request body could not be read.'));
  });
}

/** Parses a JSON body as Express's parser would (strict: an object or array; empty is {}). */
function parseJsonBody(text: string): { body?: unknown; refusal?: BodyRefusal } {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') return { body: {} };
  if (trimmed[0] !== '{' && trimmed[0] !== '[')
    return { refusal: new BodyRefusal(400, 'The request body is not valid JSON.') };
  try {
    return { body: JSON.parse(trimmed) };
  } catch {
    return { refusal: new BodyRefusal(400, 'The request body is not valid JSON.') };
  }
}

/**
 * Node's request and response classes with Express's prototypes (`app.request`, `app.response`)
 * from the start: subclasses of Node's whose prototypes take the place of Express's. Express
 * otherwise swaps the prototype of every request and response it handles (Object.setPrototypeOf),
 * and V8 then gives each of them maps of their own as their properties are added: every property
 * access on them missed its inline cache, about 200 misses through V8's runtime per GraphQL
 * request. With the prototype already in place, Express's swap changes nothing.
 */
function expressMessages(app: express.Express): http.ServerOptions {
  class ExpressRequest extends http.IncomingMessage {}
  class ExpressResponse extends http.ServerResponse<IncomingMessage> {}
  // Express's methods on top of Node's, and the `app` property Express gives its prototypes.
  for (const [ours, theirs] of [
    [ExpressRequest.prototype, app.request],
    [ExpressResponse.prototype, app.response],
  ] as const) {
    Object.setPrototypeOf(ours, Object.getPrototypeOf(theirs) as object);
    Object.defineProperties(ours, Object.getOwnPropertyDescriptors(theirs));
  }
  app.request = ExpressRequest.prototype as unknown as express.Request;
  app.response = ExpressResponse.prototype as unknown as express.Response;
  return { IncomingMessage: ExpressRequest, ServerResponse: ExpressResponse as typeof http.ServerResponse };
}

/** Builds the HTTP server with GraphQL and operational routes; does not listen. */
export async function createApp(config: Config, db: DataSource, log: Logger): Promise<App> {
  const schema = await buildAppSchema();
  // Optional: while Redis is unreachable, limits and cache are per process (see redis.ts).
  const redis = await connectRedis(config.redisUrl, config.redisKeyPrefix, log);
  const limiter = config.rateLimitPerMinute > 0 ? new RateLimiter(config.rateLimitPerMinute, redis) : undefined;
  const app = express();
  const store = config.responseCache ? new ResponseStore(redis) : undefined;
  const graphqlCors = cors({
    origin: config.corsOrigins.includes('*') ? '*' : config.corsOrigins,
    exposedHeaders: [
      'X-Request-Id',
      'X-Cache',
      'Retry-After',
      'RateLimit-Limit',
      'RateLimit-Remaining',
      'RateLimit-Reset',
    ],
  });
  const graphqlRateLimit = limiter ? rateLimit(limiter, (req, res) => graphqlClientKey(req, res)) : undefined;
  // GraphQL requests that execute at once; the others wait their turn (see admission.ts).
  const admission = new Admission(config.graphqlConcurrency, config.graphqlQueueLimit, config.databaseAcquireTimeoutMs);

  /**
   * Cache hits, answered on Node's own http layer before Express and GraphQL: the request id,
   * CORS and the rate limit still apply. Requests and responses have Express's prototypes from the
   * start (expressMessages); what Express's helpers read besides is set only when the rate limit
   * needs them.
   */
  const answerFromCache = (req: FrontDoorRequest, res: ServerResponse, entry: CachedResponse) => {
    metrics.observeCacheHit(log, req, res, req.receivedAt ?? process.hrtime.bigint(), entry.operation);
    const send = () => graphqlCors(req as Request, res as express.Response, () => sendCached(req, res, entry));
    if (!graphqlRateLimit) return send();
    Object.assign(req, { app, res });
    Object.assign(res, { app, req, locals: { requestId: req.requestId } });
    graphqlRateLimit(req as Request, res as express.Response, (err?: unknown) => {
      if (err) app(req, res);
      else send();
    });
  };

  /**
   * The front door of every request: the request id; for GraphQL the JSON body is read here, its
   * nesting checked before anything parses it, and an anonymous request whose exact bytes were
   * answered before (same cache generation, still fresh) is answered from the cache. Everything
   * else goes on to Express with the body parsed.
   */
  const frontDoor = (req: FrontDoorRequest, res: ServerResponse) => {
    const requestId = requestIdOf(req);
    req.requestId = requestId;
    req.receivedAt = process.hrtime.bigint();
    res.setHeader('X-Request-Id', requestId);
    if (!req.url || !isGraphqlPath(req.url) || (req.method !== 'POST' && req.method !== 'GET')) {
      app(req, res);
      return;
    }
    if (store) res.setHeader('X-Cache', 'MISS');
    if (req.method === 'GET') {
      if (searchTooDeep(req.url)) req.bodyRefusal = new BodyRefusal(400, TOO_DEEP);
      return lookUp(req, res, req.url);
    }
    readJsonBody(req, (text, refusal) => {
      if (refusal) req.bodyRefusal = refusal;
      else if (text !== undefined && nestsDeeperThan(text)) req.bodyRefusal = new BodyRefusal(400, TOO_DEEP);
      if (text === undefined || req.bodyRefusal) app(req, res);
      else lookUp(req, res, text);
    });
  };

  /** Cache look-up (anonymous callers only), then Express with the parsed body on a miss. */
  const lookUp = (req: FrontDoorRequest, res: ServerResponse, bodyOrUrl: string) => {
    const proceed = () => {
      if (req.method === 'POST' && !req.bodyRefusal) {
        const parsed = parseJsonBody(bodyOrUrl);
        if (parsed.refusal) req.bodyRefusal = parsed.refusal;
        else req.body = parsed.body;
      }
      app(req, res);
    };
    if (!store || req.bodyRefusal || !isAnonymousRequest(req)) return proceed();
    const key = requestKey(req.method!, req.headers.accept, bodyOrUrl);
    const withGeneration = (generation: string) => {
      const found = store.get(generation, key);
      const onEntry = (entry: CachedResponse | undefined) => {
        if (entry) return answerFromCache(req, res, entry);
        storeWhenCacheable(res, store, generation, key, () => metrics.operationOf(res));
        proceed();
      };
      if (found instanceof Promise) found.then(onEntry, () => onEntry(undefined));
      else onEntry(found);
    };
    const generation = store.generation();
    if (typeof generation === 'string') withGeneration(generation);
    else generation.then(withGeneration, () => proceed());
  };

  const httpServer = http.createServer(expressMessages(app), frontDoor);
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);

  app.use((req, res, next) => {
    const requestId = (req as FrontDoorRequest).requestId ?? requestIdOf(req);
    res.locals.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    // The per-request statement count is read only by tests (the x-sql-statements header).
    if (config.nodeEnv === 'test') statementCounter.run(next);
    else next();
  });
  const metrics = createMetrics(db, { poolMax: config.databaseUrl ? config.databasePoolSize : 1 });
  app.use(metrics.observeRequests(log));
  const replicas = await openReadReplicas(config, db, { log, registry: metrics.registry, redis });
  // Writes committed by other processes (another server without a shared Redis, the import and
  // seed commands) start a new cache generation here too; on PostgreSQL only (the embedded
  // database belongs to one process).
  const contentChanges =
    store && config.databaseUrl
      ? listenForContentChanges(config.databaseUrl, {
          connectTimeoutMs: config.databaseConnectTimeoutMs,
          log,
          changed: () => {
            // As after this process's own writes: reads that miss must not come from an older replica.
            void Promise.resolve(replicas?.recordWrite())
              .then(() => store.nextGeneration())
              .catch((err: unknown) => log.warn({ err }, 'could not start a new cache generation'));
          },
        })
      : undefined;
  /** This process committed a write: a new cache generation here and (NOTIFY) on the other processes. */
  const written =
    store &&
    (async () => {
      await store.nextGeneration();
      contentChanges?.announce();
    });
  configureEventImport(db, { ...config.eventImport, afterActivitiesChanged: written }, metrics.registry);
  let stopping = false;

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (stopping) {
      res.status(503).json({ status: 'unavailable', reason: 'shutting down' });
    } else if (await databaseAnswers(db, READINESS_TIMEOUT_MS)) {
      res.json({ status: 'ready', ...(replicas ? { replicas: replicas.status() } : {}) });
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
  if (persistedDocuments)
    log.info(
      { operations: persistedDocuments.byHash.size, manifests: persistedDocuments.files.length },
      'persisted operations safelist loaded',
    );

  const apollo = new ApolloServer<RequestContext>({
    // Compiled execution: Apollo's pipeline, graphql-jit's execution (see compiled-execution.ts).
    gateway: compiledExecution(schema, schemaToSdl(schema)),
    introspection: true,
    // graphql's own rule: introspection lists (`fields { type { fields …`) nest at most 3 deep.
    validationRules: [MaxIntrospectionDepthRule],
    parseOptions: { maxTokens: config.maxQueryTokens },
    ...boundedApolloCaches(),
    // Bearer tokens, no cookies: browser CSRF cannot borrow a credential, and partners need plain GET.
    csrfPrevention: false,
    includeStacktraceInErrorResponses: false,
    // main.ts owns SIGTERM/SIGINT: it stops Apollo (draining requests) and then closes the database.
    stopOnTerminationSignals: false,
    formatError: (formatted, error) =>
      maskError(formatted, error, { hideSuggestions: config.nodeEnv === 'production' }).formatted,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      persistedQueryNotFoundStatusPlugin,
      ...(persistedDocuments ? [persistedOperationsPlugin(persistedDocuments)] : []),
      queryLimitsPlugin({
        maxDepth: config.maxQueryDepth,
        maxComplexity: config.maxQueryComplexity,
        maxFields: config.maxQueryFields,
        maxAliases: config.maxQueryAliases,
      }),
      metrics.graphqlPlugin,
      ...(replicas ? [replicas.plugin()] : []),
      logErrors,
      serviceUnavailablePlugin,
      // Cache-Control comes from cachePolicyPlugin, computed once per document instead of per resolved field.
      ApolloServerPluginCacheControlDisabled(),
      cachePolicyPlugin,
      ...(written ? [responseCacheInvalidation(written)] : []),
      ...(config.nodeEnv === 'test' ? [exposeStatementCount] : []),
      config.explorer
        ? ApolloServerPluginLandingPageDisabled()
        : config.nodeEnv === 'production'
          ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
          : ApolloServerPluginLandingPageLocalDefault({ footer: false, embed: true }),
    ],
  });
  await apollo.start();

  app.use(faceRoutes(config, log));
  if (limiter)
    app.use(
      '/feeds',
      rateLimit(limiter, async (req) => ipKey(req)),
    );
  app.use(feedRoutes(db, log));
  if (limiter)
    app.use(
      '/reports',
      rateLimit(limiter, async (req) => ipKey(req)),
    );
  app.use(reportRoutes(db, log));
  app.use(backupRoutes(db, log));

  // Token holders are limited per token, anonymous callers per IP. The viewer resolved here is
  // handed to the context function, so that the token is looked up once per request.
  async function graphqlClientKey(req: Request, res: express.Response): Promise<string> {
    const viewer = resolveViewer(db, req.header('authorization'));
    res.locals.viewer = viewer;
    const resolved = await viewer.catch(() => undefined);
    return resolved?.tokenId ? `token:${resolved.tokenId}` : ipKey(req);
  }

  app.use(
    '/graphql',
    graphqlCors,
    ...(graphqlRateLimit ? [graphqlRateLimit] : []),
    admission.middleware(),
    // A body the front door refused is answered by the error handler, before anything parses it.
    (req: Request, _res: express.Response, next: express.NextFunction) => next((req as FrontDoorRequest).bodyRefusal),
    // Bodies the front door did not read (other encodings): the same nesting check before parsing.
    express.json({
      limit: '1mb',
      verify: (_req, _res, buf) => {
        if (nestsDeeperThan(buf.toString('utf8'))) throw new BodyRefusal(400, TOO_DEEP);
      },
    }),
    persistedQueryShape,
    apolloHandler(apollo, async ({ req, res }) => {
      const requestId = res.locals.requestId as string;
      const requestLog = log.child({ requestId });
      const viewer = await (
        (res.locals.viewer as Promise<Viewer> | undefined) ?? resolveViewer(db, req.header('authorization'))
      ).catch(rejectBeforeExecution);
      const context = createRequestContext({ requestId, viewer, db, log: requestLog });
      metrics.attach(context, res);
      return context;
    }),
  );

  // Authentication failures before execution still answer in GraphQL's error shape.
  app.use((err: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(err);
    if (err instanceof BodyRefusal) {
      res.status(err.httpStatus).json(errorBody('BAD_USER_INPUT', err.message));
      return;
    }
    const status = (err as { status?: number }).status;
    if (status && status >= 400 && status < 500) {
      const message = status === 413 ? 'The request body is larger than 1 MB.' : 'The request body is not valid JSON.';
      res.status(status).json(errorBody('BAD_USER_INPUT', message));
      return;
    }
    const answer = httpErrorAnswer(err);
    if (!answer.error) log.error({ err, requestId: res.locals.requestId }, 'unhandled HTTP error');
    res
      .status(answer.status)
      .set(Object.fromEntries(answer.headers))
      .json(
        answer.error ? domainErrorBody(answer.error) : errorBody('INTERNAL_SERVER_ERROR', 'Internal server error.'),
      );
  });

  return {
    httpServer,
    async stop() {
      stopping = true;
      await apollo.stop();
      await contentChanges?.close();
      await replicas?.close();
      await redis?.close();
    },
  };
}

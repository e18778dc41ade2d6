import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { poolStats } from '../db/data-source.js';
import { CountingLogger } from './statement-counter.js';
import { sdkOperationNames } from './persisted-operations.js';

/** Error codes are set by the server (app/errors.ts maskError), never by the client; checked anyway. */
const ERROR_CODE = /^[A-Z][A-Z0-9_]{0,39}$/;
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** What the HTTP layer learns from the GraphQL layer about one request (for the log line and metrics). */
interface RequestObservation {
  operation: string | undefined;
  /** Set once the GraphQL plugin has counted the request. */
  graphqlCounted: boolean;
}

/**
 * Where a request's GraphQL context carries its HTTP observation (see `Metrics.attach`): a symbol
 * property survives Apollo's shallow copy of the context. Not an AsyncLocalStorage, which turns on
 * promise hooks for every promise in the process.
 */
const OBSERVATION = Symbol('temahub.requestObservation');

/** Per-app Prometheus metrics: its own registry, so several servers in one process do not clash. */
export interface Metrics {
  readonly registry: Registry;
  /** Express middleware: times every request, counts it and writes its one log line. Mount after the request id is set. */
  observeRequests(log: Logger): (req: Request, res: Response, next: NextFunction) => void;
  /** Apollo plugin: counts GraphQL operations by name and outcome and times them. */
  readonly graphqlPlugin: ApolloServerPlugin<BaseContext>;
  /** Links a request's GraphQL context to its HTTP observation (call from the context function). */
  attach(context: object, res: Response): void;
  /**
   * Counts and logs a GraphQL request answered from the response cache before Express ran
   * (`operation` is the label stored with the cached answer).
   */
  observeCacheHit(
    log: Logger,
    req: IncomingMessage & { requestId?: string },
    res: ServerResponse,
    started: bigint,
    operation: string | undefined,
  ): void;
  /** The operation label of the request on `res` once GraphQL has answered it (stored with cached answers). */
  operationOf(res: ServerResponse): string | undefined;
  /** The Prometheus text exposition (for GET /metrics). */
  render(): Promise<{ contentType: string; body: string }>;
}

/**
 * Builds the metrics of one app instance over its data source. The operation label is the name
 * of a published SDK operation (`operationNames`, by default those of the client manifests),
 * `anonymous` without a name, and `other` for any other name: clients cannot grow the label
 * set, nor push the SDK's own operations out of it.
 */
export function createMetrics(
  db: DataSource,
  options: { poolMax?: number; operationNames?: ReadonlySet<string> } = {},
): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const published = options.operationNames ?? sdkOperationNames();
  const operationLabel = (name: string | null | undefined): string => {
    if (!name) return 'anonymous';
    return published.has(name) ? name : 'other';
  };

  const graphqlRequests = new Counter({
    name: 'temahub_graphql_requests_total',
    help: 'GraphQL requests by operation name (a published SDK operation, anonymous, or other) and outcome (success or the first error code).',
    labelNames: ['operation', 'outcome'] as const,
    registers: [registry],
  });
  const graphqlDuration = new Histogram({
    name: 'temahub_graphql_request_duration_seconds',
    help: 'Time from receiving a GraphQL request to sending its response, by operation name.',
    labelNames: ['operation'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const httpRequests = new Counter({
    name: 'temahub_http_requests_total',
    help: 'HTTP requests by route and status code.',
    labelNames: ['route', 'status'] as const,
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: 'temahub_http_request_duration_seconds',
    help: 'HTTP request duration by route.',
    labelNames: ['route'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });

  // Pool figures are read when Prometheus scrapes, not kept up to date on every checkout.
  new Gauge({
    name: 'temahub_db_pool_connections',
    help: 'Open database connections in the pool.',
    registers: [registry],
    collect() {
      this.set(poolStats(db).total);
    },
  });
  new Gauge({
    name: 'temahub_db_pool_idle_connections',
    help: 'Open database connections not in use.',
    registers: [registry],
    collect() {
      this.set(poolStats(db).idle);
    },
  });
  new Gauge({
    name: 'temahub_db_pool_waiting_requests',
    help: 'Requests waiting for a database connection (above zero for long: the pool is exhausted).',
    registers: [registry],
    collect() {
      this.set(poolStats(db).waiting);
    },
  });
  if (options.poolMax !== undefined) {
    const max = options.poolMax;
    new Gauge({
      name: 'temahub_db_pool_max_connections',
      help: 'Largest number of database connections the pool opens (DATABASE_POOL_SIZE; the embedded database has one).',
      registers: [registry],
      collect() {
        this.set(max);
      },
    });
  }
  // The data source's statement counter (CountingLogger) is cumulative; the counter follows it.
  let statementsSeen = 0;
  new Counter({
    name: 'temahub_db_statements_total',
    help: 'SQL statements sent to the database.',
    registers: [registry],
    collect() {
      const total = db.logger instanceof CountingLogger ? db.logger.statements : statementsSeen;
      if (total > statementsSeen) this.inc(total - statementsSeen);
      statementsSeen = total;
    },
  });

  const graphqlPlugin: ApolloServerPlugin<BaseContext> = {
    async requestDidStart({ request }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ response, operationName, contextValue }) {
          const operation = operationLabel(operationName ?? request.operationName);
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          const code = errors?.length ? errors[0].extensions?.code : undefined;
          const outcome = !errors?.length
            ? 'success'
            : typeof code === 'string' && ERROR_CODE.test(code)
              ? code
              : 'error';
          graphqlRequests.inc({ operation, outcome });
          graphqlDuration.observe({ operation }, Number(process.hrtime.bigint() - started) / 1e9);
          const seen = (contextValue as { [OBSERVATION]?: RequestObservation } | undefined)?.[OBSERVATION];
          if (seen) {
            seen.operation = operation;
            seen.graphqlCounted = true;
          }
        },
      };
    },
  };

  return {
    registry,
    graphqlPlugin,
    observeRequests(log) {
      return (req, res, next) => {
        const started = process.hrtime.bigint();
        const seen: RequestObservation = { operation: undefined, graphqlCounted: false };
        let done = false;
        const finish = (aborted: boolean) => {
          if (done) return;
          done = true;
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const route = routeOf(req, res);
          const status = aborted && !res.headersSent ? 499 : res.statusCode;
          httpRequests.inc({ route, status: String(status) });
          httpDuration.observe({ route }, seconds);
          if (route === '/graphql' && !seen.graphqlCounted && req.method !== 'OPTIONS') {
            // Refused before GraphQL ran (bad token, malformed body): still a GraphQL request.
            seen.operation = operationLabel(claimedOperationName(req));
            graphqlRequests.inc({ operation: seen.operation, outcome: `HTTP_${status}` });
          }
          const line = {
            requestId: res.locals.requestId as string | undefined,
            method: req.method,
            // The path only: query strings may carry documents or variables, headers credentials.
            path: req.originalUrl.split('?')[0],
            status,
            durationMs: Math.round(seconds * 1e4) / 10,
            ...(seen.operation ? { operation: seen.operation } : {}),
            ...(aborted ? { aborted: true } : {}),
          };
          if (status >= 500) log.error(line, 'request');
          else log.info(line, 'request');
        };
        res.on('finish', () => finish(false));
        res.on('close', () => finish(!res.writableFinished));
        res.locals.observation = seen;
        next();
      };
    },
    attach(context, res) {
      const seen = res.locals.observation as RequestObservation | undefined;
      if (seen) Object.defineProperty(context, OBSERVATION, { value: seen, enumerable: true });
    },
    observeCacheHit(log, req, res, started, operation) {
      res.once('finish', () => {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const status = res.statusCode;
        const label = operation ?? 'other';
        httpRequests.inc({ route: '/graphql', status: String(status) });
        httpDuration.observe({ route: '/graphql' }, seconds);
        graphqlRequests.inc({ operation: label, outcome: status === 200 ? 'success' : `HTTP_${status}` });
        graphqlDuration.observe({ operation: label }, seconds);
        log.info(
          {
            requestId: req.requestId,
            method: req.method,
            path: (req.url ?? '').split('?')[0],
            status,
            durationMs: Math.round(seconds * 1e4) / 10,
            operation: label,
            cache: 'HIT',
          },
          'request',
        );
      });
    },
    operationOf(res) {
      return ((res as Partial<Response>).locals?.observation as RequestObservation | undefined)?.operation;
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}

/** A route label of bounded cardinality: the matched route pattern, never the raw URL. */
function routeOf(req: Request, res: Response): string {
  const route = req.route as { path?: unknown } | undefined;
  if (typeof route?.path === 'string') return `${req.baseUrl}${route.path}`;
  if (
    req.originalUrl === '/graphql' ||
    req.originalUrl.startsWith('/graphql?') ||
    req.originalUrl.startsWith('/graphql/')
  )
    return '/graphql';
  return res.statusCode === 404 ? 'unmatched' : 'other';
}

function claimedOperationName(req: Request): string | undefined {
  const fromBody = (req.body as { operationName?: unknown } | undefined)?.operationName;
  if (typeof fromBody === 'string') return fromBody;
  const fromQuery = (req.query as Record<string, unknown> | undefined)?.operationName;
  return typeof fromQuery === 'string' ? fromQuery : undefined;
}

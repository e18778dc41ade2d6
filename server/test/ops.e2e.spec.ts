import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './__generated__/index.js';
import { startTestServer, type TestServer } from './support/server.js';
import { usesPostgres, withAdminClient } from './support/databases.js';

/**
 * Operations endpoints of a running server: /healthz, /readyz (also when the database is
 * busy or gone) and /metrics in Prometheus text. Request logs, SIGTERM and the first start
 * are proven on real processes in start.e2e.spec.ts.
 */

let server: TestServer;
beforeAll(async () => {
  // One connection, so that holding it is enough to exhaust the pool (the embedded database always has one).
  server = await startTestServer({ env: { DATABASE_POOL_SIZE: '1' } });
});
afterAll(async () => {
  await server?.stop();
});

/** GET with a bound: a probe that hangs fails the test instead of stalling it. */
function get(url: string): Promise<Response> {
  return fetch(url, { signal: AbortSignal.timeout(15_000) });
}

async function scrape(s: TestServer = server): Promise<string> {
  const res = await get(`${s.url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
}

/** The value of one sample, e.g. sample(text, 'temahub_http_requests_total', { route: '/healthz', status: '200' }). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return undefined;
}

async function post(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(server.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
}

describe('/healthz', () => {
  it('answers 200 while the process runs, without touching the database', async () => {
    const res = await get(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });
});

describe('/metrics', () => {
  it('counts GraphQL requests per operation and outcome and times them', async () => {
    const before = await scrape();
    const okBefore =
      sample(before, 'temahub_graphql_requests_total', { operation: 'Regions', outcome: 'success' }) ?? 0;

    await server.ok(`query Regions { regions { code } }`);
    await server.ok(`query Regions { regions { code } }`);
    await server.ok(`{ regions { code } }`);
    const invalid = await server.gql(`query Themes { themes(first: 1000) { totalCount } }`);
    expect(invalid.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const text = await scrape();
    expect(sample(text, 'temahub_graphql_requests_total', { operation: 'Regions', outcome: 'success' })).toBe(
      okBefore + 2,
    );
    expect(
      sample(text, 'temahub_graphql_requests_total', { operation: 'anonymous', outcome: 'success' }),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'temahub_graphql_requests_total', { operation: 'Themes', outcome: 'BAD_USER_INPUT' })).toBe(1);
    expect(text).toContain('# TYPE temahub_graphql_request_duration_seconds histogram');
    expect(sample(text, 'temahub_graphql_request_duration_seconds_count', { operation: 'Regions' })).toBe(okBefore + 2);
    expect(sample(text, 'temahub_graphql_request_duration_seconds_bucket', { operation: 'Regions', le: '+Inf' })).toBe(
      okBefore + 2,
    );
    expect(sample(text, 'temahub_graphql_request_duration_seconds_sum', { operation: 'Regions' })).toBeGreaterThan(0);
  });

  it('keeps the operation label bounded: odd or overlong names become "other" and never appear', async () => {
    const odd = 'drop table theme; --';
    const long = `Op${'x'.repeat(70)}`;
    const codes = new Set<string>();
    for (const operationName of [odd, long]) {
      // No operation of that name in the document: refused, but still counted.
      const res = await post({ query: `query Real { regions { code } }`, operationName });
      const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
      expect(body.errors?.[0]?.extensions?.code).toMatch(/^[A-Z_]+$/);
      codes.add(body.errors![0].extensions!.code!);
    }
    expect(codes.size).toBe(1);
    const [code] = codes;
    const text = await scrape();
    expect(text).not.toContain('drop table');
    expect(text).not.toContain(long);
    expect(sample(text, 'temahub_graphql_requests_total', { operation: 'other', outcome: code })).toBe(2);
  });

  it('counts requests refused before GraphQL runs (a bad token) under their claimed operation name', async () => {
    const res = await post(
      { query: `query CurrentTheme { regions { code } }`, operationName: 'CurrentTheme' },
      { authorization: 'Bearer thb_not-a-real-token' },
    );
    expect(res.status).toBe(401);
    const text = await scrape();
    expect(sample(text, 'temahub_graphql_requests_total', { operation: 'CurrentTheme', outcome: 'HTTP_401' })).toBe(1);
    expect(sample(text, 'temahub_http_requests_total', { route: '/graphql', status: '401' })).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain('not-a-real-token');
  });

  it('counts HTTP requests by route pattern and status, never by raw URL', async () => {
    await get(`${server.url}/healthz`);
    await get(`${server.url}/healthz?probe=1`);
    const missing = await get(`${server.url}/no/such/page/${'x'.repeat(20)}`);
    expect(missing.status).toBe(404);
    const text = await scrape();
    expect(sample(text, 'temahub_http_requests_total', { route: '/healthz', status: '200' })).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'temahub_http_requests_total', { route: '/graphql', status: '200' })).toBeGreaterThanOrEqual(3);
    expect(sample(text, 'temahub_http_requests_total', { route: 'unmatched', status: '404' })).toBeGreaterThanOrEqual(
      1,
    );
    expect(text).not.toContain('/no/such/page');
    expect(text).not.toContain('probe=1');
  });

  it('reports SQL statements and the connection pool, read when scraped', async () => {
    const before = sample(await scrape(), 'temahub_db_statements_total');
    expect(before).toBeGreaterThan(0);
    const res = await server.gql(
      graphql(`
        query OpsTheme {
          theme(slug: "vores-natur") {
            number
            partners {
              partner {
                name
              }
            }
          }
        }
      `),
    );
    expect(res.data!.theme!.number).toBe(11);
    const ran = Number(res.headers.get('x-sql-statements'));
    expect(ran).toBeGreaterThan(0);

    const text = await scrape();
    expect(sample(text, 'temahub_db_statements_total')).toBeGreaterThanOrEqual(before! + ran);
    expect(sample(text, 'temahub_db_pool_max_connections')).toBe(1);
    expect(sample(text, 'temahub_db_pool_connections')).toBe(1);
    expect(sample(text, 'temahub_db_pool_idle_connections')).toBe(1);
    expect(sample(text, 'temahub_db_pool_waiting_requests')).toBe(0);
  });

  it("includes the process's default metrics (CPU, memory, event loop)", async () => {
    const text = await scrape();
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(text).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
    expect(text).toContain('# TYPE nodejs_heap_size_used_bytes gauge');
  });

  it('keeps a registry per server: a second server in the same process starts from zero', async () => {
    const other = await startTestServer({ empty: true, env: { SEED_DEMO: 'false' } });
    try {
      await other.ok(`query Municipalities { regions { code } }`);
      const mine = await scrape();
      const theirs = await scrape(other);
      expect(
        sample(theirs, 'temahub_graphql_requests_total', { operation: 'Municipalities', outcome: 'success' }),
      ).toBe(1);
      expect(
        sample(mine, 'temahub_graphql_requests_total', { operation: 'Municipalities', outcome: 'success' }),
      ).toBeUndefined();
      expect(
        sample(theirs, 'temahub_graphql_requests_total', { operation: 'Regions', outcome: 'success' }),
      ).toBeUndefined();
    } finally {
      await other.stop();
    }
  });
});

describe('/readyz', () => {
  it('answers 200 when the database answers', async () => {
    const res = await get(`${server.url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready' });
  });

  it('answers 503 instead of hanging while every pooled connection is taken, and 200 again after', async () => {
    // The server's own data source: holding its only connection exhausts the pool.
    const runner = server.db.createQueryRunner();
    await runner.connect();
    await runner.query('SELECT 1');
    try {
      const res = await get(`${server.url}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'unavailable', reason: 'database unreachable' });

      // The probe's SELECT 1 still waits for the connection: the pool gauges show it.
      const text = await scrape();
      expect(sample(text, 'temahub_db_pool_idle_connections')).toBe(0);
      expect(sample(text, 'temahub_db_pool_waiting_requests')).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'temahub_http_requests_total', { route: '/readyz', status: '503' })).toBeGreaterThanOrEqual(
        1,
      );
    } finally {
      await runner.release();
    }
    const again = await get(`${server.url}/readyz`);
    expect(again.status).toBe(200);
  });

  it.skipIf(!usesPostgres)(
    'answers 503 while the PostgreSQL database refuses connections, and 200 once it is back',
    async () => {
      const other = await startTestServer({ empty: true, env: { SEED_DEMO: 'false' } });
      const name = new URL(other.config.databaseUrl!).pathname.slice(1);
      expect(name).toMatch(/^temahub_test_[0-9a-f]+$/);
      try {
        expect((await get(`${other.url}/readyz`)).status).toBe(200);
        await withAdminClient(async (c) => {
          await c.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false`);
          await c.query(
            'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
            [name],
          );
        });
        const down = await get(`${other.url}/readyz`);
        expect(down.status).toBe(503);
        expect(await down.json()).toEqual({ status: 'unavailable', reason: 'database unreachable' });
        // Liveness does not depend on the database: the process is fine, only not ready.
        expect((await get(`${other.url}/healthz`)).status).toBe(200);
        // A GraphQL request needing the database fails without internals reaching the client.
        const failed = await other.gql(`{ regions { code } }`);
        expect(failed.status).toBe(503);
        expect(failed.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
        expect(JSON.stringify(failed.errors)).not.toMatch(/temahub_test_|ALLOW_CONNECTIONS|connections|terminat/i);

        await withAdminClient((c) => c.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS true`));
        const up = await get(`${other.url}/readyz`);
        expect(up.status).toBe(200);
        expect((await other.ok<{ regions: unknown[] }>(`{ regions { code } }`)).regions).toHaveLength(5);
      } finally {
        await withAdminClient((c) => c.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS true`)).catch(
          () => undefined,
        );
        await other.stop();
      }
    },
  );
});

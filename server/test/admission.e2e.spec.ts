import { afterAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server.js';
import { usesPostgres } from './support/databases.js';

/*
 * GraphQL requests beyond GRAPHQL_CONCURRENCY wait their turn in arrival order; beyond
 * GRAPHQL_QUEUE_LIMIT waiting ones the server answers 503 SERVICE_UNAVAILABLE with Retry-After,
 * and cache hits and /healthz are not held up by either.
 */

const PAGE = `query Page { theme(slug: "vores-natur") { title activities(first: 50) { totalCount edges { node { id title library { name } partners { name } } } } } }`;

const servers: TestServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});

async function burst(server: TestServer, n: number): Promise<Response[]> {
  return Promise.all(
    Array.from({ length: n }, () =>
      fetch(server.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: PAGE }),
      }),
    ),
  );
}

describe('admission control', () => {
  it('answers every request of a burst when they may wait, one at a time', async () => {
    const server = await startTestServer({ env: { GRAPHQL_CONCURRENCY: '1', GRAPHQL_QUEUE_LIMIT: '100' } });
    servers.push(server);
    const responses = await burst(server, 30);
    expect(responses.map((r) => r.status)).toEqual(Array(30).fill(200));
    for (const r of responses) {
      const body = (await r.json()) as { data?: { theme: { title: string } } };
      expect(body.data?.theme.title).toBeTruthy();
    }
  });

  // The embedded database runs its queries in the server's own thread: requests barely overlap,
  // so a burst never fills the queue there (admission.spec covers the refusal itself).
  it.runIf(usesPostgres)(
    'answers 503 SERVICE_UNAVAILABLE with Retry-After beyond the queue, and keeps serving',
    async () => {
      const server = await startTestServer({ env: { GRAPHQL_CONCURRENCY: '1', GRAPHQL_QUEUE_LIMIT: '0' } });
      servers.push(server);
      const responses = await burst(server, 30);
      const refused = responses.filter((r) => r.status === 503);
      expect(refused.length).toBeGreaterThan(0);
      expect(responses.some((r) => r.status === 200)).toBe(true);
      for (const r of refused) {
        expect(r.headers.get('retry-after')).toMatch(/^\d+$/);
        const body = (await r.json()) as { errors: { message: string; extensions: { code: string } }[] };
        expect(body.errors[0]!.extensions.code).toBe('SERVICE_UNAVAILABLE');
        expect(body.errors[0]!.message).toMatch(/busy/);
      }
      // Once the burst is over, requests run again.
      const after = await server.gql<{ theme: { title: string } }>(`{ theme(slug: "vores-natur") { title } }`);
      expect(after.status).toBe(200);
      expect(after.data?.theme.title).toBeTruthy();
    },
  );
});

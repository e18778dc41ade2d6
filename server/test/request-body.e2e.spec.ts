import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './__generated__/index.js';
import { startTestServer, type TestServer } from './support/server.js';

/** Issue 9 item 4: deeply nested JSON is refused before anything parses it further. */

/** The issue's document: variables nested 5,000 levels deep. */
const DEEP_BODY = `{"query":"query Q($x: [[Int]]) { regions { code } }","variables":{"x":${'['.repeat(5000)}${']'.repeat(5000)}}}`;

describe('deeply nested JSON', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function healthzWithin(ms: number): Promise<number> {
    const started = Date.now();
    const res = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(ms) });
    expect(res.status).toBe(200);
    return Date.now() - started;
  }

  it('answers HTTP 400 BAD_USER_INPUT for variables nested 5,000 levels deep, and /healthz keeps answering', async () => {
    const refused = fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: DEEP_BODY,
      signal: AbortSignal.timeout(5_000),
    });
    await healthzWithin(2_000);
    const res = await refused;
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0]!.message).toMatch(/nested deeper than \d+ levels/);
    await healthzWithin(2_000);
  });

  it('refuses the same nesting in GET variables (1,000 levels: URLs are shorter) and in a gzip-encoded body', async () => {
    const get = await fetch(
      `${server.graphqlUrl}?query=${encodeURIComponent('{ regions { code } }')}&variables=${encodeURIComponent(`{"x":${'['.repeat(1000)}${']'.repeat(1000)}}`)}`,
    );
    expect(get.status).toBe(400);
    expect(((await get.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe(
      'BAD_USER_INPUT',
    );

    const { gzipSync } = await import('node:zlib');
    const gzipped = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(DEEP_BODY),
    });
    expect(gzipped.status).toBe(400);
    expect(((await gzipped.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('refuses an operation name the document does not have, instead of running its only operation', async () => {
    const res = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query Real { regions { code } }', operationName: 'Other' }),
    });
    const body = (await res.json()) as {
      data?: unknown;
      errors?: { message: string; extensions?: { code?: string } }[];
    };
    expect(res.status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.message).toMatch(/Unknown operation named "Other"/);
  });

  it('still answers ordinary requests, malformed JSON and oversized bodies as before', async () => {
    expect(
      (
        await server.ok(
          graphql(`
            query RequestBodyOrdinary($n: Int) {
              regions {
                code
              }
              libraries(first: $n) {
                totalCount
              }
            }
          `),
          { n: 1 },
        )
      ).regions.length,
    ).toBeGreaterThan(0);
    const malformed = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { errors: { message: string }[] }).errors[0]!.message).toBe(
      'The request body is not valid JSON.',
    );
    const big = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ regions { code } } #${'x'.repeat(1_100_000)}` }),
    });
    expect(big.status).toBe(413);
  });
});

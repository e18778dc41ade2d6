import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server.js';

/**
 * /metrics: a label set that clients cannot grow (only the published SDK operations' names),
 * METRICS_TOKEN and METRICS_PORT to keep it from the public.
 */

const TOKEN = 'metrics-test-token-0123456789';

/** A port that was free a moment ago (the listener is closed again before the server takes it). */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** GET with a bound, retried briefly while the listener is still opening. */
async function get(url: string, headers: Record<string, string> = {}): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetch(url, { headers, signal: AbortSignal.timeout(10_000) });
    } catch (err) {
      if (attempt >= 20) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

let withToken: TestServer;
let separate: TestServer;
let metricsPort: number;
beforeAll(async () => {
  metricsPort = await freePort();
  [withToken, separate] = await Promise.all([
    startTestServer({ env: { METRICS_TOKEN: TOKEN } }),
    startTestServer({ env: { METRICS_PORT: String(metricsPort), METRICS_TOKEN: TOKEN } }),
  ]);
});
afterAll(async () => {
  await Promise.all([withToken?.stop(), separate?.stop()]);
});

const auth = { authorization: `Bearer ${TOKEN}` };

describe('the operation label', () => {
  it('names only published SDK operations: 520 junk names first, and CurrentTheme is still counted as itself', async () => {
    for (let batch = 0; batch < 26; batch++) {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) => withToken.gql(`query Junk${batch * 20 + i} { __typename }`)),
      );
    }
    await withToken.ok('query CurrentTheme { currentTheme { title } }');
    await withToken.ok('{ currentTheme { title } }');
    const res = await get(`${withToken.url}/metrics`, auth);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('temahub_graphql_requests_total{operation="CurrentTheme",outcome="success"} 1');
    expect(text).toContain('temahub_graphql_requests_total{operation="other",outcome="success"} 520');
    expect(text).toContain('temahub_graphql_requests_total{operation="anonymous",outcome="success"} 1');
    expect(text).not.toContain('Junk');
    const labels = new Set([...text.matchAll(/operation="([^"]*)"/g)].map((m) => m[1]));
    expect([...labels].sort()).toEqual(['CurrentTheme', 'anonymous', 'other']);
  });
});

describe('METRICS_TOKEN', () => {
  it('answers 401 without the token or with another one, and the metrics with it', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong' }, { authorization: TOKEN }] as Record<
      string,
      string
    >[]) {
      const res = await get(`${withToken.url}/metrics`, headers);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(await res.text()).not.toContain('temahub_');
    }
    const res = await get(`${withToken.url}/metrics`, auth);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('# TYPE temahub_http_requests_total counter');
  });
});

describe('METRICS_PORT', () => {
  it('serves /metrics only on its own port (with the token), not on the public one', async () => {
    expect((await get(`${separate.url}/metrics`, auth)).status).toBe(404);
    const base = `http://127.0.0.1:${metricsPort}`;
    expect((await get(`${base}/metrics`)).status).toBe(401);
    const res = await get(`${base}/metrics`, auth);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await res.text()).toContain('process_resident_memory_bytes');
    expect((await get(`${base}/graphql`, auth)).status).toBe(404);
    // The public port still answers GraphQL and /healthz.
    expect((await get(`${separate.url}/healthz`)).status).toBe(200);
  });

  it('closes the metrics listener when the server stops', async () => {
    const port = await freePort();
    const other = await startTestServer({ env: { METRICS_PORT: String(port) } });
    expect((await get(`http://127.0.0.1:${port}/metrics`)).status).toBe(200);
    await other.stop();
    await expect(fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(5_000) })).rejects.toThrow();
  });
});

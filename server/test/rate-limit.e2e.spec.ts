import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server.js';
import { issueToken } from './support/tokens.js';

/** RATE_LIMIT_PER_MINUTE per token or IP, in process or shared through Redis. */

const QUERY = `{ regions { code } }`;
const REDIS_URL = process.env.REDIS_URL;

async function post(target: TestServer, headers: Record<string, string> = {}) {
  const res = await fetch(target.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: QUERY }),
  });
  return {
    status: res.status,
    headers: res.headers,
    body: (await res.json()) as {
      data?: { regions: unknown[] };
      errors?: { message: string; extensions?: { code?: string } }[];
    },
  };
}

function expectRateLimited(res: Awaited<ReturnType<typeof post>>, limit: number): void {
  expect(res.status).toBe(429);
  expect(res.body).toEqual({
    errors: [
      {
        message: expect.stringMatching(
          new RegExp(
            `^Too many requests: the limit is ${limit} per minute per API token \\(or per IP address without one\\)\\. Try again in \\d+ s`,
          ),
        ),
        extensions: { code: 'RATE_LIMITED' },
      },
    ],
  });
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(res.headers.get('ratelimit-remaining')).toBe('0');
}

describe('in process (no REDIS_URL)', () => {
  let server: TestServer;
  let behindProxy: TestServer;
  beforeAll(async () => {
    [server, behindProxy] = await Promise.all([
      startTestServer({ env: { RATE_LIMIT_PER_MINUTE: '5', REDIS_URL: '' } }),
      startTestServer({ env: { RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: '1', REDIS_URL: '' } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([server?.stop(), behindProxy?.stop()]);
  });

  it('answers 5 requests a minute with RateLimit headers, then 429 with Retry-After and RATE_LIMITED', async () => {
    for (let i = 1; i <= 5; i++) {
      const res = await post(server);
      expect(res.status).toBe(200);
      expect(res.body.data!.regions).toHaveLength(5);
      expect(res.headers.get('ratelimit-limit')).toBe('5');
      expect(res.headers.get('ratelimit-remaining')).toBe(String(5 - i));
    }
    const sixth = await post(server);
    expectRateLimited(sixth, 5);
    expect(sixth.headers.get('cache-control')).toBe('no-store');
    expect(sixth.headers.get('x-request-id')).toBeTruthy();
  });

  it('counts the iCalendar feed in the same budget; leaves /healthz, /readyz and /metrics alone', async () => {
    const feed = await fetch(`${server.url}/feeds/themes/vores-natur.ics`);
    expect(feed.status).toBe(429);
    expect(((await feed.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe(
      'RATE_LIMITED',
    );
    for (const path of ['/healthz', '/readyz', '/metrics']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('ratelimit-limit'), path).toBeNull();
    }
  });

  it('gives each token its own budget; an unknown token counts against the IP, so made-up tokens get no fresh budget', async () => {
    const { token } = await issueToken(server.db, 'PARTNER');
    for (let i = 1; i <= 5; i++) expect((await post(server, { authorization: `Bearer ${token}` })).status).toBe(200);
    expectRateLimited(await post(server, { authorization: `Bearer ${token}` }), 5);
    // The IP's budget is spent: a made-up token does not get a fresh one.
    expectRateLimited(await post(server, { authorization: `Bearer thb_${'0'.repeat(48)}` }), 5);
  });

  it('ignores X-Forwarded-For without TRUST_PROXY', async () => {
    expectRateLimited(await post(server, { 'x-forwarded-for': '203.0.113.7' }), 5);
  });

  it('with TRUST_PROXY=1, limits each client IP the proxy reports', async () => {
    const client = (ip: string) => post(behindProxy, { 'x-forwarded-for': ip });
    expect((await client('203.0.113.1')).status).toBe(200);
    expect((await client('203.0.113.1')).status).toBe(200);
    expectRateLimited(await client('203.0.113.1'), 2);
    expect((await client('203.0.113.2')).status).toBe(200);
  });
});

describe.skipIf(!REDIS_URL)('shared through Redis (REDIS_URL)', () => {
  const prefix = `temahub-test:${randomUUID()}:`;
  let one: TestServer;
  let two: TestServer;
  let redis: Redis;
  beforeAll(async () => {
    const env = { RATE_LIMIT_PER_MINUTE: '5', REDIS_URL: REDIS_URL!, REDIS_KEY_PREFIX: prefix };
    [one, two] = await Promise.all([startTestServer({ env }), startTestServer({ env })]);
    redis = new Redis(REDIS_URL!);
  });
  afterAll(async () => {
    await Promise.all([one?.stop(), two?.stop()]);
    if (redis) {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    }
  });

  it('two server processes share one budget per client', async () => {
    const remaining: string[] = [];
    for (const target of [one, two, one, two, one]) {
      const res = await post(target);
      expect(res.status).toBe(200);
      remaining.push(res.headers.get('ratelimit-remaining')!);
    }
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);
    expectRateLimited(await post(two), 5);
    expectRateLimited(await post(one), 5);

    const keys = await redis.keys(`${prefix}ratelimit:*`);
    expect(keys).toEqual([`${prefix}ratelimit:ip:127.0.0.1`]);
    expect(Number(await redis.get(keys[0]!))).toBe(7);
    const ttl = await redis.pttl(keys[0]!);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });
});

/** A TCP relay to Redis that the test can cut, to take Redis away from a running server. */
async function relayTo(target: URL): Promise<{ url: string; cut(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const relay = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 6379), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const port = (relay.address() as net.AddressInfo).port;
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    url: url.toString(),
    cut: () =>
      new Promise<void>((resolve) => {
        relay.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}

describe('Redis unreachable', () => {
  let unreachable: TestServer;
  beforeAll(async () => {
    // Nothing listens on port 1: Redis is down from the start.
    unreachable = await startTestServer({
      env: {
        RATE_LIMIT_PER_MINUTE: '3',
        REDIS_URL: 'redis://127.0.0.1:1',
        REDIS_KEY_PREFIX: `temahub-test:${randomUUID()}:`,
      },
    });
  });
  afterAll(async () => {
    await unreachable?.stop();
  });

  it('starts and serves without Redis, limiting in process; /readyz stays about the database', async () => {
    expect((await fetch(`${unreachable.url}/readyz`)).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await post(unreachable)).status).toBe(200);
    expectRateLimited(await post(unreachable), 3);
  });

  it.skipIf(!REDIS_URL)(
    'keeps serving when Redis goes away while running, and goes on limiting in process',
    async () => {
      const relay = await relayTo(new URL(REDIS_URL!));
      const prefix = `temahub-test:${randomUUID()}:`;
      const server = await startTestServer({
        env: { RATE_LIMIT_PER_MINUTE: '4', REDIS_URL: relay.url, REDIS_KEY_PREFIX: prefix },
      });
      const redis = new Redis(REDIS_URL!);
      try {
        expect((await post(server)).headers.get('ratelimit-remaining')).toBe('3');
        expect(await redis.get(`${prefix}ratelimit:ip:127.0.0.1`)).toBe('1');
        await relay.cut();
        // The shared count is out of reach: the process counts on its own from here.
        const during = [];
        for (let i = 0; i < 4; i++) during.push(await post(server));
        expect(during.map((r) => r.status)).toEqual([200, 200, 200, 200]);
        expect(during.map((r) => r.headers.get('ratelimit-remaining'))).toEqual(['3', '2', '1', '0']);
        expectRateLimited(await post(server), 4);
        expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
        expect(await redis.get(`${prefix}ratelimit:ip:127.0.0.1`)).toBe('1');
      } finally {
        await server.stop();
        await redis.del(`${prefix}ratelimit:ip:127.0.0.1`);
        await redis.quit();
      }
    },
  );
});

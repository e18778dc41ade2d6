import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './__generated__/index.js';
import { startTestServer, type Operation, type TestServer } from './support/server.js';
import { issueToken } from './support/tokens.js';

/** RESPONSE_CACHE: anonymous, publicly cacheable reads answered from a cache for their maxAge. */

const REDIS_URL = process.env.REDIS_URL;

// Named like the partner SDK's operation: the metrics below count under that name.
const THEME_PAGE = graphql(`
  query ThemePage($slug: String!) {
    theme(slug: $slug) {
      id
      title
      partners {
        role
        partner {
          name
        }
      }
      activities(first: 10) {
        totalCount
        edges {
          node {
            id
            title
            startsAt
            library {
              name
              municipality {
                name
              }
            }
            partners {
              name
            }
          }
        }
      }
    }
  }
`);
const RENAME = graphql(`
  mutation ResponseCacheRename($id: ID!, $title: String!) {
    updateTheme(id: $id, input: { title: $title }) {
      id
      title
    }
  }
`);
const OTHER = graphql(`
  query ResponseCacheOther($slug: String!) {
    theme(slug: $slug) {
      title
    }
  }
`);

/** POSTs an operation as it is; a typed one types the answer's data, text is typed by the caller's `T`. */
async function read<T = unknown>(
  target: TestServer,
  query: string | Operation<T, never>,
  variables?: Record<string, unknown>,
  options: { token?: string; operationName?: string } = {},
) {
  const res = await fetch(target.graphqlUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: JSON.stringify({ query: String(query), variables, operationName: options.operationName }),
  });
  const text = await res.text();
  return {
    status: res.status,
    xCache: res.headers.get('x-cache'),
    statements: Number(res.headers.get('x-sql-statements')),
    cacheControl: res.headers.get('cache-control'),
    age: res.headers.get('age'),
    text,
    body: JSON.parse(text) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] },
  };
}

describe('in process (no REDIS_URL)', () => {
  let server: TestServer;
  let coordinatorToken: string;
  let partnerToken: string;
  beforeAll(async () => {
    server = await startTestServer({ env: { RESPONSE_CACHE: 'true' } });
    coordinatorToken = (await issueToken(server.db, 'COORDINATOR')).token;
    partnerToken = (await issueToken(server.db, 'PARTNER')).token;
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('answers the second identical anonymous query from the cache: same body, no SQL, X-Cache: HIT', async () => {
    const first = await read(server, THEME_PAGE, { slug: 'vores-natur' });
    expect(first.body.errors).toBeUndefined();
    expect(first.xCache).toBe('MISS');
    expect(first.statements).toBeGreaterThan(0);
    expect(first.cacheControl).toBe('max-age=60, public');

    const second = await read(server, THEME_PAGE, { slug: 'vores-natur' });
    expect(second.xCache).toBe('HIT');
    expect(second.statements).toBe(0);
    expect(second.text).toBe(first.text);
    expect(second.cacheControl).toBe('max-age=60, public');
    expect(Number(second.age)).toBeGreaterThanOrEqual(0);
  });

  it('answers a GET hit whose If-None-Match holds its ETag with 304 and no body, as Express answers a miss', async () => {
    const url = new URL(server.graphqlUrl);
    url.searchParams.set('query', '{ regions { name } }');
    // fetch adds Cache-Control: no-cache to a conditional request unless it has one (as a browser's
    // reload does): a revalidating cache sends none, or max-age=0.
    const get = async (headers: Record<string, string> = {}) => {
      const res = await fetch(url, { headers: { 'cache-control': 'max-age=0', ...headers } });
      return {
        status: res.status,
        xCache: res.headers.get('x-cache'),
        etag: res.headers.get('etag'),
        res,
        text: await res.text(),
      };
    };
    const miss = await get();
    expect(miss.xCache).toBe('MISS');
    const etag = miss.etag!;
    expect(etag).toMatch(/^(W\/)?"/);
    const hit = await get();
    expect(hit).toMatchObject({ status: 200, xCache: 'HIT', etag, text: miss.text });

    const revalidated = await get({ 'if-none-match': etag });
    expect(revalidated).toMatchObject({ status: 304, xCache: 'HIT', etag, text: '' });
    expect(revalidated.res.headers.get('content-type')).toBeNull();
    expect(revalidated.res.headers.get('cache-control')).toBe('max-age=3600, public');
    // Weak comparison, lists, and any answer at all.
    expect((await get({ 'if-none-match': etag.replace(/^W\//, '') })).status).toBe(304);
    expect((await get({ 'if-none-match': `"other", ${etag}` })).status).toBe(304);
    expect((await get({ 'if-none-match': '*' })).status).toBe(304);
    // Another ETag, or a client that asks for the body (no-cache), gets it.
    expect(await get({ 'if-none-match': '"other"' })).toMatchObject({ status: 200, xCache: 'HIT', text: miss.text });
    expect(await get({ 'if-none-match': etag, 'cache-control': 'no-cache' })).toMatchObject({
      status: 200,
      xCache: 'HIT',
      text: miss.text,
    });
    // A POST has no ETag to revalidate: the body, always (the second one is a hit).
    for (const expected of ['MISS', 'HIT']) {
      const post = await fetch(server.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'if-none-match': '*' },
        body: JSON.stringify({ query: '{ regions { name } }' }),
      });
      expect({ status: post.status, xCache: post.headers.get('x-cache'), text: await post.text() }).toEqual({
        status: 200,
        xCache: expected,
        text: miss.text,
      });
    }
  });

  it('keys by the whole request: other variables, another operation name or another document miss', async () => {
    const document = `query A($code: Int) { municipalities { code name } region: regions { code } libraries(filter: { municipalityCode: $code }, first: 2) { totalCount } }
      query B { regions { code } }`;
    expect((await read(server, document, { code: 851 }, { operationName: 'A' })).xCache).toBe('MISS');
    expect((await read(server, document, { code: 851 }, { operationName: 'A' })).xCache).toBe('HIT');
    expect((await read(server, document, { code: 101 }, { operationName: 'A' })).xCache).toBe('MISS');
    expect((await read(server, document, undefined, { operationName: 'B' })).xCache).toBe('MISS');
    expect((await read(server, document, undefined, { operationName: 'B' })).xCache).toBe('HIT');
    expect((await read(server, `{ regions { code name } }`)).xCache).toBe('MISS');
  });

  it('never answers a token holder from the cache, nor stores their responses', async () => {
    const anonymous = await read(server, THEME_PAGE, { slug: 'vores-natur' });
    expect(anonymous.xCache).toBe('HIT');
    for (const token of [partnerToken, partnerToken, coordinatorToken]) {
      const res = await read(server, THEME_PAGE, { slug: 'vores-natur' }, { token });
      expect(res.body.errors).toBeUndefined();
      expect(res.xCache).toBe('MISS');
      expect(res.statements).toBeGreaterThan(0);
      expect(res.cacheControl).toBe('no-store');
    }
  });

  it('never stores responses with errors', async () => {
    const query = `{ regions { code } activities(first: 101) { totalCount } }`;
    for (let i = 0; i < 2; i++) {
      const res = await read(server, query);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.xCache).toBe('MISS');
    }
  });

  it('never stores responses without a public cache hint (the viewer)', async () => {
    for (let i = 0; i < 2; i++) expect((await read(server, `{ viewer { role } }`)).xCache).toBe('MISS');
  });

  it('starts afresh after a successful mutation: anonymous readers see the change at once', async () => {
    const before = await read(server, THEME_PAGE, { slug: 'vores-natur' });
    expect(before.xCache).toBe('HIT');
    const { id, title } = before.body.data!.theme!;

    const renamed = `${title} (ny titel)`;
    for (let i = 0; i < 2; i++) {
      const res = await read(server, RENAME, { id, title: renamed }, { token: coordinatorToken });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.updateTheme.title).toBe(renamed);
      expect(res.xCache).toBe('MISS');
    }

    // The cached anonymous answer is gone with the write; the new one is cached again.
    const fresh = await read(server, THEME_PAGE, { slug: 'vores-natur' });
    expect(fresh.xCache).toBe('MISS');
    expect(fresh.body.data!.theme!.title).toBe(renamed);
    expect(fresh.body.data!.theme!.title).not.toBe(title);
    expect((await read(server, THEME_PAGE, { slug: 'vores-natur' })).xCache).toBe('HIT');
    // A failed mutation changes nothing and keeps the cache.
    const failed = await read(server, RENAME, { id: 'not-an-id', title: 'x' }, { token: coordinatorToken });
    expect(failed.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await read(server, THEME_PAGE, { slug: 'vores-natur' })).xCache).toBe('HIT');
    // One of two mutations fails, the other commits: that is a write, and the cache starts afresh.
    const partly = await read(
      server,
      `mutation Both($id: ID!, $title: String!) { ok: updateTheme(id: $id, input: { title: $title }) { title } bad: updateTheme(id: "not-an-id", input: { title: "x" }) { title } }`,
      { id, title: renamed },
      { token: coordinatorToken },
    );
    // Both fields are non-null, so the failed one nulls the data; the first update still committed.
    expect(partly.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const afterPartly = await read(server, THEME_PAGE, { slug: 'vores-natur' });
    expect(afterPartly.xCache).toBe('MISS');
    expect(afterPartly.body.data!.theme!.title).toBe(renamed);
    // Any other anonymous request is read fresh.
    const other = await read(server, OTHER, { slug: 'vores-natur' });
    expect(other.xCache).toBe('MISS');
    expect(other.body.data!.theme!.title).toBe(renamed);
  });
});

describe('cache hits on the http layer', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { RESPONSE_CACHE: 'true', RATE_LIMIT_PER_MINUTE: '3' } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('still applies the request id, CORS and the rate limit to hits, and keys by the raw bytes', async () => {
    const body = JSON.stringify({ query: String(THEME_PAGE), variables: { slug: 'vores-natur' } });
    const post = (requestId: string, text = body) =>
      fetch(server.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': requestId, origin: 'https://partner.example' },
        body: text,
      });
    const miss = await post('req-miss');
    expect(miss.headers.get('x-cache')).toBe('MISS');
    const hit = await post('req-hit');
    expect(hit.headers.get('x-cache')).toBe('HIT');
    expect(hit.headers.get('x-request-id')).toBe('req-hit');
    expect(hit.headers.get('access-control-allow-origin')).toBe('*');
    expect(hit.headers.get('ratelimit-remaining')).toBe('1');
    expect(await hit.text()).toBe(await miss.text());
    // The same request with other whitespace is another key: a miss (and the last allowed request).
    expect((await post('req-spaced', ` ${body}`)).headers.get('x-cache')).toBe('MISS');
    const limited = await post('req-limited');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-request-id')).toBe('req-limited');
    expect(((await limited.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe(
      'RATE_LIMITED',
    );
  });
});

describe('cache hits are observed', () => {
  let server: TestServer;
  const logLines: string[] = [];
  beforeAll(async () => {
    server = await startTestServer({ env: { RESPONSE_CACHE: 'true' }, logLines });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('counts a hit in /metrics under the operation that produced it and writes its request log line', async () => {
    const body = JSON.stringify({
      query: String(THEME_PAGE),
      variables: { slug: 'vores-natur' },
      operationName: 'ThemePage',
    });
    const post = (requestId: string) =>
      fetch(server.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': requestId },
        body,
      });
    expect((await post('observed-miss')).headers.get('x-cache')).toBe('MISS');
    const hit = await post('observed-hit');
    expect(hit.headers.get('x-cache')).toBe('HIT');
    await hit.text();
    const metrics = await (await fetch(new URL('/metrics', server.graphqlUrl))).text();
    // ThemePage is the partner SDK's operation name: the miss and the hit both count under it.
    expect(metrics).toMatch(/temahub_graphql_requests_total\{operation="ThemePage",outcome="success"\} 2/);
    expect(metrics).toMatch(/temahub_http_requests_total\{route="\/graphql",status="200"\} 2/);
    const lines = logLines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((e) => e.msg === 'request');
    expect(lines.find((e) => e.requestId === 'observed-hit')).toMatchObject({
      status: 200,
      path: '/graphql',
      operation: 'ThemePage',
      cache: 'HIT',
    });
    expect(lines.find((e) => e.requestId === 'observed-miss')).toMatchObject({ status: 200, operation: 'ThemePage' });
  });
});

describe('RESPONSE_CACHE=false', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { RESPONSE_CACHE: 'false' } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('runs every request and sends no X-Cache header', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await read(server, `{ regions { code } }`);
      expect(res.xCache).toBeNull();
      expect(res.statements).toBeGreaterThan(0);
    }
  });
});

describe.skipIf(!REDIS_URL)('shared through Redis (REDIS_URL)', () => {
  const prefix = `temahub-test:${randomUUID()}:`;
  let one: TestServer;
  let two: TestServer;
  let redis: Redis;
  beforeAll(async () => {
    const env = { RESPONSE_CACHE: 'true', REDIS_URL: REDIS_URL!, REDIS_KEY_PREFIX: prefix };
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

  it('a response cached by one server process answers the same request on another, for its maxAge', async () => {
    const miss = await read(one, THEME_PAGE, { slug: 'vores-natur' });
    expect(miss.xCache).toBe('MISS');
    const hit = await read(two, THEME_PAGE, { slug: 'vores-natur' });
    expect(hit.xCache).toBe('HIT');
    expect(hit.statements).toBe(0);
    expect(hit.text).toBe(miss.text);

    const keys = await redis.keys(`${prefix}response:*`);
    expect(keys).toHaveLength(1);
    const ttl = await redis.ttl(keys[0]!);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60);
  });

  it('a mutation on one process makes the next anonymous read on the other run afresh', async () => {
    const query = `query Notices { activeNotices { title } }`;
    await read(one, query);
    expect((await read(two, query)).xCache).toBe('HIT');
    const coordinator = (await issueToken(one.db, 'COORDINATOR')).token;
    const created = await read(
      one,
      `mutation { createNotice(input: { title: "Ny besked", body: "Tekst", validFrom: "2026-01-01T00:00:00Z" }) { id } }`,
      {},
      { token: coordinator },
    );
    expect(created.body.errors).toBeUndefined();
    const after = await read(two, query);
    expect(after.xCache).toBe('MISS');
  });
});

describe('Redis unreachable', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { RESPONSE_CACHE: 'true', REDIS_URL: 'redis://127.0.0.1:1' } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('caches in process instead', async () => {
    expect((await read(server, `{ regions { code } }`)).xCache).toBe('MISS');
    const hit = await read<{ regions: unknown[] }>(server, `{ regions { code } }`);
    expect(hit.xCache).toBe('HIT');
    expect(hit.body.data!.regions).toHaveLength(5);
  });
});

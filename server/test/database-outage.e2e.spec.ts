import net from 'node:net';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { QueryRunner } from 'typeorm';
import { startTestServer, type TestServer } from './support/server.js';
import { issueToken } from './support/tokens.js';
import { usesPostgres } from './support/databases.js';

/**
 * A database that hangs must not hang us (issue 9, item 5): when the database cannot be reached
 * in time or a statement times out, the whole answer is HTTP 503 with Retry-After and
 * SERVICE_UNAVAILABLE, for anonymous callers and token holders alike, within about a second or
 * two beyond the timeout, and /healthz keeps answering meanwhile. Real parts only: PostgreSQL
 * frozen behind a TCP proxy that stops forwarding, a table lock that makes PostgreSQL's own
 * statement_timeout fire, and a connection held by another transaction (the embedded database's
 * only one, or a PostgreSQL pool of one).
 */

const THEME_PAGE =
  '{ theme(slug: "vores-natur") { title participantCount activities(first: 5) { totalCount edges { node { title } } } } }';
const VIEWER = '{ viewer { role } theme(slug: "vores-natur") { title } }';
/** A generous bound for /healthz while requests wait for the database (a busy CI machine). */
const HEALTHZ_BOUND_MS = 500;

interface Answer {
  status: number;
  ms: number;
  retryAfter: string | null;
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
}

async function post(server: TestServer, query: string, token?: string): Promise<Answer> {
  const started = performance.now();
  const res = await fetch(server.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  const body = (await res.json()) as Answer['body'];
  return { status: res.status, ms: performance.now() - started, retryAfter: res.headers.get('retry-after'), body };
}

/**
 * /healthz's answer time while `pending` (requests waiting for the database) is unsettled: the
 * best of three probes, so that one scheduling hiccup of a busy machine does not count.
 */
async function healthzWhile(server: TestServer, pending: Promise<unknown>): Promise<number> {
  let settled = false;
  void pending.finally(() => (settled = true));
  const times: number[] = [];
  for (let probe = 0; probe < 3; probe++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    times.push(performance.now() - started);
  }
  expect(settled, 'the database requests were still waiting while /healthz was asked').toBe(false);
  return Math.min(...times);
}

function expectUnavailable(answer: Answer, withinMs: number): void {
  expect(answer.status, JSON.stringify(answer.body)).toBe(503);
  expect(Number(answer.retryAfter)).toBeGreaterThan(0);
  expect(answer.body.data).toBeUndefined();
  expect(answer.body.errors).toEqual([
    { message: expect.stringMatching(/temporarily unavailable/), extensions: { code: 'SERVICE_UNAVAILABLE' } },
  ]);
  expect(answer.ms).toBeLessThan(withinMs);
}

/** A TCP proxy to PostgreSQL that can stop forwarding in both directions (a frozen server). */
class FreezableProxy {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private readonly waiting: (() => void)[] = [];
  private frozen = false;
  private port = 0;

  constructor(private readonly target: { host: string; port: number }) {
    this.server = net.createServer((client) => this.accept(client));
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this.port;
  }

  /** A database that is gone: open connections break, new ones are refused. */
  async goAway(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  freeze(): void {
    this.frozen = true;
    for (const socket of this.sockets) socket.pause();
  }

  thaw(): void {
    this.frozen = false;
    for (const socket of this.sockets) socket.resume();
    for (const connect of this.waiting.splice(0)) connect();
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    if (this.server.listening) await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: net.Socket): void {
    this.track(client);
    if (this.frozen) client.pause();
    const connect = () => {
      const upstream = net.connect(this.target);
      this.track(upstream);
      client.pipe(upstream);
      upstream.pipe(client);
      const end = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('close', end).on('error', end);
      upstream.on('close', end).on('error', end);
    };
    // A frozen server accepts the TCP connection and then says nothing.
    if (this.frozen) this.waiting.push(connect);
    else connect();
  }

  private track(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
  }
}

describe.runIf(usesPostgres)('PostgreSQL that stops answering', () => {
  const STATEMENT_TIMEOUT_MS = 2_000;
  let proxy: FreezableProxy;
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    const target = new URL(process.env.DATABASE_URL!);
    proxy = new FreezableProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const proxyPort = await proxy.listen();
    server = await startTestServer({
      env: {
        DATABASE_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
        DATABASE_ACQUIRE_TIMEOUT_MS: '1000',
        DATABASE_CONNECT_TIMEOUT_MS: '1000',
      },
      databaseUrl: (url) => {
        const viaProxy = new URL(url);
        viaProxy.hostname = '127.0.0.1';
        viaProxy.port = String(proxyPort);
        return viaProxy.toString();
      },
    });
    token = (await issueToken(server.db, 'COORDINATOR', { name: 'outage test' })).token;
  });

  afterEach(() => proxy.thaw());

  afterAll(async () => {
    proxy?.thaw();
    await server?.stop();
    await proxy?.close();
  });

  it('answers 503 with Retry-After to anonymous callers and token holders while PostgreSQL is frozen, and recovers after', async () => {
    expect((await post(server, THEME_PAGE)).status).toBe(200);
    expect((await post(server, VIEWER, token)).status).toBe(200);

    proxy.freeze();
    const answers = Promise.all([post(server, THEME_PAGE), post(server, VIEWER, token)]);
    expect(await healthzWhile(server, answers)).toBeLessThan(HEALTHZ_BOUND_MS);
    const [anonymous, tokenHolder] = await answers;
    // The statement timeout, the client's grace second for a server that sends nothing, and slack.
    expectUnavailable(anonymous, STATEMENT_TIMEOUT_MS + 1_000 + 1_500);
    expectUnavailable(tokenHolder, STATEMENT_TIMEOUT_MS + 1_000 + 1_500);

    proxy.thaw();
    const after = await post(server, THEME_PAGE);
    expect(after.status).toBe(200);
    expect(after.body.errors).toBeUndefined();
    expect((await post(server, VIEWER, token)).body).toMatchObject({ data: { viewer: { role: 'COORDINATOR' } } });
  });

  it('answers 503 at once while PostgreSQL refuses connections, and recovers when it is back', async () => {
    expect((await post(server, THEME_PAGE)).status).toBe(200);
    await proxy.goAway();
    try {
      const [anonymous, tokenHolder] = await Promise.all([post(server, THEME_PAGE), post(server, VIEWER, token)]);
      expectUnavailable(anonymous, 1_500);
      expectUnavailable(tokenHolder, 1_500);
      // The iCalendar feed and the report download answer the same way (app/errors.ts httpErrorAnswer).
      const feed = await fetch(new URL('/feeds/themes/vores-natur.ics', server.graphqlUrl));
      expect(feed.status).toBe(503);
      expect(Number(feed.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await feed.text()).toMatch(/temporarily unavailable/);
      const report = await fetch(
        new URL('/reports/themes/00000000-0000-4000-8000-000000000000.csv', server.graphqlUrl),
        { headers: { authorization: `Bearer ${token}` } },
      );
      expect(report.status).toBe(503);
      expect(Number(report.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(report.headers.get('cache-control')).toBe('no-store');
      expect(await report.text()).toMatch(/temporarily unavailable/);
    } finally {
      await proxy.listen();
    }
    expect((await post(server, THEME_PAGE)).status).toBe(200);
  });

  it("answers 503 when PostgreSQL's statement_timeout cancels a statement stuck behind a lock", async () => {
    // Straight to PostgreSQL, not through the proxy.
    const direct = new URL(server.config.databaseUrl!);
    const target = new URL(process.env.DATABASE_URL!);
    direct.host = target.host;
    const locker = new pg.Client({ connectionString: direct.toString() });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE theme IN ACCESS EXCLUSIVE MODE');
      const answers = Promise.all([post(server, THEME_PAGE), post(server, VIEWER, token)]);
      expect(await healthzWhile(server, answers)).toBeLessThan(HEALTHZ_BOUND_MS);
      const [anonymous, tokenHolder] = await answers;
      // PostgreSQL cancels at the statement timeout, before the client-side bound.
      expectUnavailable(anonymous, STATEMENT_TIMEOUT_MS + 1_000);
      expectUnavailable(tokenHolder, STATEMENT_TIMEOUT_MS + 1_000);
    } finally {
      await locker.query('ROLLBACK').catch(() => undefined);
      await locker.end();
    }
    expect((await post(server, THEME_PAGE)).status).toBe(200);
  });
});

describe('a connection held by another transaction', () => {
  const ACQUIRE_TIMEOUT_MS = 2_000;
  let server: TestServer;
  let token: string;
  let holder: QueryRunner | undefined;

  beforeAll(async () => {
    // The embedded database has one connection; on PostgreSQL a pool of one behaves alike.
    server = await startTestServer({
      env: { DATABASE_ACQUIRE_TIMEOUT_MS: String(ACQUIRE_TIMEOUT_MS), DATABASE_POOL_SIZE: '1' },
    });
    token = (await issueToken(server.db, 'COORDINATOR', { name: 'outage test' })).token;
  });

  afterAll(async () => {
    if (holder && !holder.isReleased) await holder.release();
    await server?.stop();
  });

  it('answers 503 once the acquire timeout has passed, to anonymous callers and token holders, and serves again when the connection is free', async () => {
    holder = server.db.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    const answers = Promise.all([post(server, THEME_PAGE), post(server, VIEWER, token)]);
    expect(await healthzWhile(server, answers)).toBeLessThan(HEALTHZ_BOUND_MS);
    const [anonymous, tokenHolder] = await answers;
    expectUnavailable(anonymous, ACQUIRE_TIMEOUT_MS + 1_500);
    expectUnavailable(tokenHolder, ACQUIRE_TIMEOUT_MS + 1_500);

    await holder.rollbackTransaction();
    await holder.release();
    expect((await post(server, THEME_PAGE)).status).toBe(200);
    expect((await post(server, VIEWER, token)).body).toMatchObject({ data: { viewer: { role: 'COORDINATOR' } } });
  });
});

import { createHash } from 'node:crypto';
import fresh from 'fresh';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../shared/context.js';
import type { RedisConnection } from './redis.js';

/** Bound of the in-process cache (bytes of cached bodies); the oldest entries go first. */
export const LOCAL_CACHE_MAX_BYTES = 32 * 1024 * 1024;

/** A stored answer: the exact bytes and the headers that describe them. */
export interface CachedResponse {
  body: Buffer;
  /** Content-Type, Cache-Control, Vary, ETag as the GraphQL pipeline sent them (absent ones left out). */
  headers: [string, string][];
  /** When it was stored (ms since the epoch): the Age header. */
  storedAt: number;
  expiresAt: number;
  /** The metrics' operation label of the request that produced it (hits are counted under it). */
  operation?: string;
}

/** The response headers a cached answer repeats; the others (request id, rate limits, CORS) are per request. */
const KEPT_HEADERS = ['content-type', 'cache-control', 'vary', 'etag'];
/** Apollo's header for a publicly cacheable answer (cache-policy.ts); anything else is not stored. */
const PUBLIC_POLICY = /^max-age=(\d+), public$/;

/**
 * Where cached answers live: in Redis when it is up (shared by every process), else in process
 * (oldest entries evicted first beyond LOCAL_CACHE_MAX_BYTES). A Redis outage costs cache hits,
 * never requests.
 *
 * The cache's generation is part of every key and is bumped by every committed write, so one
 * write makes every cached answer unreachable at once. Shared through Redis when it is up; per
 * process otherwise (a write seen while Redis was away still bumps the shared one afterwards).
 */
export class ResponseStore {
  private readonly local = new Map<string, CachedResponse>();
  private localBytes = 0;
  private localGeneration = 0;
  private missedShared = false;

  constructor(
    private readonly redis?: RedisConnection,
    private readonly maxBytes = LOCAL_CACHE_MAX_BYTES,
  ) {}

  /** True when answers and generations go through Redis (every call is then asynchronous). */
  get shared(): boolean {
    return this.redis?.ready === true;
  }

  /** The current generation: synchronous while nothing is shared. */
  generation(): string | Promise<string> {
    return this.shared ? this.sharedGeneration() : String(this.localGeneration);
  }

  /** The answer stored for `key` in `generation`, if it has not expired. */
  get(
    generation: string,
    key: string,
    now = Date.now(),
  ): CachedResponse | undefined | Promise<CachedResponse | undefined> {
    if (this.shared) return this.sharedGet(generation, key, now);
    const id = `${generation}|${key}`;
    const entry = this.local.get(id);
    if (entry && entry.expiresAt <= now) {
      this.dropLocal(id, entry);
      return undefined;
    }
    return entry;
  }

  async set(generation: string, key: string, entry: CachedResponse): Promise<void> {
    if (this.shared) {
      try {
        const ttl = Math.max(1, Math.ceil((entry.expiresAt - entry.storedAt) / 1000));
        await this.redis!.client.set(this.redisKey(generation, key), encode(entry), 'EX', ttl);
        return;
      } catch (err) {
        this.redis!.outage(err as Error);
      }
    }
    const id = `${generation}|${key}`;
    const old = this.local.get(id);
    if (old) this.dropLocal(id, old);
    if (entry.body.length > this.maxBytes) return;
    this.local.set(id, entry);
    this.localBytes += entry.body.length;
    for (const [oldest, e] of this.local) {
      if (this.localBytes <= this.maxBytes) break;
      this.dropLocal(oldest, e);
    }
  }

  /** Starts a new generation (after a committed write). */
  async nextGeneration(): Promise<void> {
    this.localGeneration++;
    // Earlier generations are unreachable: free their memory at once.
    this.local.clear();
    this.localBytes = 0;
    if (!this.redis) return;
    if (this.redis.ready) {
      try {
        await this.redis.client.incr(this.generationKey());
        return;
      } catch (err) {
        this.redis.outage(err as Error);
      }
    }
    this.missedShared = true;
  }

  private dropLocal(id: string, entry: CachedResponse): void {
    this.local.delete(id);
    this.localBytes -= entry.body.length;
  }

  private async sharedGeneration(): Promise<string> {
    try {
      // A write seen while Redis was away must still retire what was cached before it.
      if (this.missedShared) {
        await this.redis!.client.incr(this.generationKey());
        this.missedShared = false;
      }
      return (await this.redis!.client.get(this.generationKey())) ?? '0';
    } catch (err) {
      this.redis!.outage(err as Error);
      return String(this.localGeneration);
    }
  }

  private async sharedGet(generation: string, key: string, now: number): Promise<CachedResponse | undefined> {
    try {
      const raw = await this.redis!.client.getBuffer(this.redisKey(generation, key));
      const entry = raw ? decode(raw) : undefined;
      return entry && entry.expiresAt > now ? entry : undefined;
    } catch (err) {
      this.redis!.outage(err as Error);
      return undefined;
    }
  }

  private generationKey(): string {
    return `${this.redis!.keyPrefix}response-generation`;
  }

  private redisKey(generation: string, key: string): string {
    return `${this.redis!.keyPrefix}response:${createHash('sha256').update(generation).update('|').update(key).digest('base64url')}`;
  }
}

/** Redis value: one JSON line of metadata, then the body bytes. */
function encode(entry: CachedResponse): Buffer {
  const meta = JSON.stringify({ h: entry.headers, s: entry.storedAt, e: entry.expiresAt, o: entry.operation });
  return Buffer.concat([Buffer.from(`${meta}\n`), entry.body]);
}

function decode(raw: Buffer): CachedResponse | undefined {
  const newline = raw.indexOf(10);
  if (newline < 0) return undefined;
  const meta = JSON.parse(raw.subarray(0, newline).toString('utf8')) as {
    h: [string, string][];
    s: number;
    e: number;
    o?: string;
  };
  return { headers: meta.h, storedAt: meta.s, expiresAt: meta.e, operation: meta.o, body: raw.subarray(newline + 1) };
}

/**
 * The key of a GraphQL request as it arrived: method, Accept (it chooses the response's content
 * type) and the raw body bytes (POST) or the URL (GET). Requests that mean the same but are spelled
 * differently only miss; nothing is parsed to compute it.
 */
export function requestKey(method: string, accept: string | undefined, bodyOrUrl: string): string {
  return `${method}\n${accept ?? ''}\n${bodyOrUrl}`;
}

/**
 * Writes a cached answer with `X-Cache: HIT` and its Age; to a GET whose `If-None-Match` holds the
 * answer's ETag, `304 Not Modified` without the body (as an uncached GET gets from Express).
 */
export function sendCached(req: IncomingMessage, res: ServerResponse, entry: CachedResponse, now = Date.now()): void {
  for (const [name, value] of entry.headers) res.setHeader(name, value);
  res.setHeader('Age', String(Math.max(0, Math.floor((now - entry.storedAt) / 1000))));
  res.setHeader('X-Cache', 'HIT');
  // Express's own rule for its answers (`req.fresh`): If-None-Match against the ETag, no-cache wins.
  const etag = req.method === 'GET' ? entry.headers.find(([name]) => name === 'etag')?.[1] : undefined;
  if (etag && fresh(req.headers, { etag })) {
    res.statusCode = 304;
    // A 304 carries no body and none of the headers that describe one.
    res.removeHeader('content-type');
    res.end();
    return;
  }
  res.statusCode = 200;
  res.setHeader('Content-Length', entry.body.length);
  res.end(entry.body);
}

/**
 * Stores the answer the GraphQL pipeline is about to send on `res` when it is a publicly cacheable
 * 200 (Apollo's cache-control plugin decides: no errors, every field hinted, anonymous caller; see
 * cache-policy.ts), for its max-age, under the generation read before the request ran.
 */
export function storeWhenCacheable(
  res: ServerResponse,
  store: ResponseStore,
  generation: string,
  key: string,
  operation?: () => string | undefined,
): void {
  const end = res.end.bind(res) as (...a: unknown[]) => ServerResponse;
  res.end = function endAndStore(this: ServerResponse, ...args: unknown[]) {
    const chunk = args[0];
    const policy = res.statusCode === 200 ? PUBLIC_POLICY.exec(String(res.getHeader('cache-control') ?? '')) : null;
    const maxAge = policy ? Number(policy[1]) : 0;
    if (maxAge > 0 && (typeof chunk === 'string' || Buffer.isBuffer(chunk))) {
      const storedAt = Date.now();
      const headers: [string, string][] = [];
      for (const name of KEPT_HEADERS) {
        const value = res.getHeader(name);
        if (value !== undefined) headers.push([name, String(value)]);
      }
      const body = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      void store.set(generation, key, {
        body,
        headers,
        storedAt,
        expiresAt: storedAt + maxAge * 1000,
        operation: operation?.(),
      });
    }
    return end(...args);
  } as typeof res.end;
}

/** Whether a request may use the shared cache: anonymous callers only (no Authorization header at all). */
export function isAnonymousRequest(req: IncomingMessage): boolean {
  return req.headers.authorization === undefined;
}

/**
 * The GraphQL side of the response cache: a request that committed a write starts a new cache
 * generation before its answer is sent, so the next anonymous read runs afresh (on every process
 * sharing the Redis, and on the others through PostgreSQL's NOTIFY: `written`, see server.ts).
 * Decided where data changes (a committed transaction), not from the
 * response: a write counts even when another field of the same request failed.
 * Browsers and CDNs may still keep an answer for its max-age.
 */
export function responseCacheInvalidation(written: () => Promise<void>): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue }) {
          if (contextValue.committedWrite) await written();
        },
      };
    },
  };
}

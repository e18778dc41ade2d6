import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { RedisConnection } from './redis.js';
import { RateLimitedError } from '../shared/errors.js';
import { domainErrorBody } from './errors.js';

/** What one request did to its client's budget. */
export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  /** Requests left in the current window (0 when refused). */
  remaining: number;
  /** Seconds until the window ends and the budget is full again (at least 1). */
  resetSeconds: number;
}

export const WINDOW_MS = 60_000;

/** Drop expired windows at most this often (the in-process map would otherwise keep every client seen). */
const SWEEP_INTERVAL_MS = 60_000;

/**
 * In-process fixed windows: a client's window starts with its first request and lasts a minute.
 * Used without Redis and while Redis is unreachable.
 */
export class LocalWindows {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();
  private nextSweep = 0;

  /** Counts a request of `key` at `now`; returns the count in its window and when that ends. */
  hit(key: string, now: number, windowMs: number): { count: number; endsAt: number } {
    if (now >= this.nextSweep) {
      for (const [k, w] of this.windows) if (w.endsAt <= now) this.windows.delete(k);
      this.nextSweep = now + SWEEP_INTERVAL_MS;
    }
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      window = { count: 0, endsAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    return { count: window.count, endsAt: window.endsAt };
  }
}

/** Atomically counts a request in the window of KEYS[1] (which expires with the window); returns the count and ms left. */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
`;

/**
 * `limit` requests per client key per minute, in fixed windows. With Redis the windows are
 * shared by every server process (one atomic script per request); without Redis, or while it is
 * unreachable, each process counts on its own.
 */
export class RateLimiter {
  private readonly local = new LocalWindows();

  constructor(
    readonly limit: number,
    private readonly redis?: RedisConnection,
    private readonly windowMs = WINDOW_MS,
    private readonly now: () => number = Date.now,
  ) {}

  async hit(clientKey: string): Promise<RateLimitDecision> {
    const { count, msLeft } = (await this.sharedHit(clientKey)) ?? this.localHit(clientKey);
    return {
      allowed: count <= this.limit,
      limit: this.limit,
      remaining: Math.max(0, this.limit - count),
      resetSeconds: Math.max(1, Math.ceil(msLeft / 1000)),
    };
  }

  private localHit(clientKey: string): { count: number; msLeft: number } {
    const now = this.now();
    const { count, endsAt } = this.local.hit(clientKey, now, this.windowMs);
    return { count, msLeft: endsAt - now };
  }

  /** undefined when there is no Redis or it did not answer. */
  private async sharedHit(clientKey: string): Promise<{ count: number; msLeft: number } | undefined> {
    if (!this.redis?.ready) return undefined;
    try {
      const [count, msLeft] = (await this.redis.client.eval(
        HIT_SCRIPT,
        1,
        `${this.redis.keyPrefix}ratelimit:${clientKey}`,
        this.windowMs,
      )) as [number, number];
      return { count, msLeft };
    } catch (err) {
      this.redis.outage(err as Error);
      return undefined;
    }
  }
}

/** The 429 body, in GraphQL's error shape for all limited routes (feeds included) so clients handle one format. */
export function rateLimitedBody(decision: RateLimitDecision): ReturnType<typeof domainErrorBody> {
  const message = `Too many requests: the limit is ${decision.limit} per minute per API token (or per IP address without one). Try again in ${decision.resetSeconds} s (see the Retry-After header).`;
  return domainErrorBody(new RateLimitedError(message, decision.resetSeconds));
}

/**
 * Express middleware: counts the request against its client's budget (the key from `clientKey`),
 * sends `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset`, and answers 429 with
 * `Retry-After` once the budget is spent.
 */
export function rateLimit(
  limiter: RateLimiter,
  clientKey: (req: Request, res: Response) => Promise<string>,
): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    void (async () => {
      const decision = await limiter.hit(await clientKey(req, res));
      res.setHeader('RateLimit-Limit', String(decision.limit));
      res.setHeader('RateLimit-Remaining', String(decision.remaining));
      res.setHeader('RateLimit-Reset', String(decision.resetSeconds));
      if (decision.allowed) return next();
      res.status(429).setHeader('Retry-After', String(decision.resetSeconds));
      res.setHeader('Cache-Control', 'no-store');
      res.json(rateLimitedBody(decision));
    })().catch(next);
  };
}

/** The client's IP address as express sees it (honouring TRUST_PROXY), as a rate-limit key. */
export function ipKey(req: Request): string {
  return `ip:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;
}

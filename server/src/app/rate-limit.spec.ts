import { afterAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { RateLimiter, rateLimitedBody } from './rate-limit.js';
import { RedisConnection } from './redis.js';

/** A clock the test moves by hand. */
function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('RateLimiter in process', () => {
  it('allows `limit` requests per key per window, then refuses until the window ends', async () => {
    const time = clock();
    const limiter = new RateLimiter(3, undefined, 60_000, time.now);
    const decisions = [];
    for (let i = 0; i < 4; i++) decisions.push(await limiter.hit('ip:1'));
    expect(decisions.map((d) => [d.allowed, d.remaining])).toEqual([
      [true, 2],
      [true, 1],
      [true, 0],
      [false, 0],
    ]);
    expect(decisions[3]).toMatchObject({ limit: 3, resetSeconds: 60 });

    time.advance(45_500);
    expect(await limiter.hit('ip:1')).toMatchObject({ allowed: false, resetSeconds: 15 });
    expect(await limiter.hit('ip:2')).toMatchObject({ allowed: true, remaining: 2, resetSeconds: 60 });

    time.advance(14_500);
    expect(await limiter.hit('ip:1')).toMatchObject({ allowed: true, remaining: 2, resetSeconds: 60 });
  });

  it('never tells a client to wait less than a second', async () => {
    const time = clock();
    const limiter = new RateLimiter(1, undefined, 60_000, time.now);
    await limiter.hit('k');
    time.advance(59_999);
    expect(await limiter.hit('k')).toMatchObject({ allowed: false, resetSeconds: 1 });
  });

  it('words the 429 body for people, in GraphQL`s error shape', () => {
    expect(rateLimitedBody({ allowed: false, limit: 600, remaining: 0, resetSeconds: 12 })).toEqual({
      errors: [
        {
          message:
            'Too many requests: the limit is 600 per minute per API token (or per IP address without one). Try again in 12 s (see the Retry-After header).',
          extensions: { code: 'RATE_LIMITED' },
        },
      ],
    });
  });
});

describe('RateLimiter with Redis unreachable', () => {
  const lines: string[] = [];
  const log = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
  // Nothing listens on port 1.
  const redis = new RedisConnection('redis://127.0.0.1:1', 'test:', log);
  afterAll(() => redis.close());

  it('connects without throwing, logs one warning, and counts in process', async () => {
    await redis.connect();
    expect(redis.ready).toBe(false);
    const limiter = new RateLimiter(2, redis);
    expect((await Promise.all([limiter.hit('a'), limiter.hit('a'), limiter.hit('a')])).map((d) => d.allowed)).toEqual([
      true,
      true,
      false,
    ]);
    const warnings = lines.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => l.level === 40);
    expect(warnings.map((w) => w.msg)).toEqual([
      'Redis is unreachable: using in-process rate limits and response cache until it answers',
    ]);
  });
});

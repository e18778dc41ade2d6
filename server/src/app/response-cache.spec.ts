import { afterAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { RedisConnection } from './redis.js';
import { ResponseStore, type CachedResponse } from './response-cache.js';

const entry = (body: string, maxAgeMs = 60_000): CachedResponse => ({
  body: Buffer.from(body),
  headers: [['content-type', 'application/json; charset=utf-8']],
  storedAt: Date.now(),
  expiresAt: Date.now() + maxAgeMs,
});

describe('ResponseStore', () => {
  const redis = new RedisConnection('redis://127.0.0.1:1', 'test:', pino({ level: 'silent' }));
  afterAll(() => redis.close());

  it('keeps entries in process without Redis, and while Redis is unreachable; a new generation hides them', async () => {
    await redis.connect();
    for (const store of [new ResponseStore(), new ResponseStore(redis)]) {
      const generation = await store.generation();
      expect(await store.get(generation, 'k')).toBeUndefined();
      await store.set(generation, 'k', entry('{"data":1}'));
      expect((await store.get(generation, 'k'))?.body.toString()).toBe('{"data":1}');
      await store.nextGeneration();
      const next = await store.generation();
      expect(next).not.toBe(generation);
      expect(await store.get(next, 'k')).toBeUndefined();
    }
  });

  it('forgets expired entries and evicts the oldest beyond its byte bound', async () => {
    const store = new ResponseStore(undefined, 10);
    await store.set('0', 'old', entry('12345'));
    await store.set('0', 'gone', entry('1', -1));
    expect(store.get('0', 'gone')).toBeUndefined();
    await store.set('0', 'new', entry('123456'));
    expect(store.get('0', 'old')).toBeUndefined();
    expect((store.get('0', 'new') as CachedResponse).body.toString()).toBe('123456');
  });
});

import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { RedisConnection } from './redis.js';
import { ResponseStore, storeWhenCacheable, type CachedResponse } from './response-cache.js';

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

  it('counts its bound in bytes, not characters: æøå take two bytes each in UTF-8', async () => {
    const store = new ResponseStore(undefined, 12);
    await store.set('0', 'danish', entry('æøåæøå')); // 6 characters, 12 bytes: just fits
    expect((store.get('0', 'danish') as CachedResponse).body.toString()).toBe('æøåæøå');
    await store.set('0', 'more', entry('ø')); // 14 bytes in all: the oldest goes
    expect(store.get('0', 'danish')).toBeUndefined();
    expect((store.get('0', 'more') as CachedResponse).body.toString()).toBe('ø');
    await store.set('0', 'too-big', entry('æøåæøåæ')); // 7 characters, 14 bytes: never stored
    expect(store.get('0', 'too-big')).toBeUndefined();
    expect(store.get('0', 'more')).toBeDefined();
  });

  it('stores the bytes of an answer written as a string, so multi-byte text counts in bytes', async () => {
    const store = new ResponseStore(undefined, 12);
    const answer = (key: string, text: string) => {
      const res = new ServerResponse(new IncomingMessage(new Socket()));
      res.statusCode = 200;
      res.setHeader('cache-control', 'max-age=60, public');
      storeWhenCacheable(res, store, '0', key);
      res.end(text);
    };
    answer('ascii', '{"a":"abcd"}'); // 12 characters, 12 bytes
    expect((store.get('0', 'ascii') as CachedResponse).body.byteLength).toBe(12);
    answer('danish', '{"a":"æøå"}'); // 11 characters, 14 bytes: over the bound
    expect(store.get('0', 'danish')).toBeUndefined();
    expect(store.get('0', 'ascii')).toBeDefined();
  });
});

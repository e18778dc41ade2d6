import { afterAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { RedisConnection } from './redis.js';
import { SharedOrLocalCache } from './response-cache.js';

describe('SharedOrLocalCache', () => {
  const redis = new RedisConnection('redis://127.0.0.1:1', 'test:', pino({ level: 'silent' }));
  afterAll(() => redis.close());

  it('keeps entries in process without Redis, and while Redis is unreachable', async () => {
    await redis.connect();
    for (const cache of [new SharedOrLocalCache(), new SharedOrLocalCache(redis)]) {
      expect(await cache.get('k')).toBeUndefined();
      await cache.set('k', '{"data":1}', { ttl: 60 });
      expect(await cache.get('k')).toBe('{"data":1}');
      expect(await cache.delete('k')).toBe(true);
      expect(await cache.get('k')).toBeUndefined();
    }
  });
});

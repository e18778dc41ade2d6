import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import ApolloServerPluginResponseCache from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache, type KeyValueCache, type KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { RequestContext } from '../shared/context.js';
import type { RedisConnection } from './redis.js';

/** Bound of the in-process cache (approximate bytes of cached JSON). */
export const LOCAL_CACHE_MAX_BYTES = 32 * 1024 * 1024;

/**
 * A key-value cache in Redis that falls back to an in-process LRU while Redis is unreachable
 * (or when there is none): a Redis outage costs cache hits, never requests.
 */
export class SharedOrLocalCache implements KeyValueCache<string> {
  private readonly local = new InMemoryLRUCache<string>({ maxSize: LOCAL_CACHE_MAX_BYTES });

  constructor(private readonly redis?: RedisConnection) {}

  async get(key: string): Promise<string | undefined> {
    if (this.redis?.ready) {
      try {
        return (await this.redis.client.get(this.redisKey(key))) ?? undefined;
      } catch (err) {
        this.redis.outage(err as Error);
      }
    }
    return this.local.get(key);
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    const ttl = options?.ttl ?? undefined;
    if (this.redis?.ready) {
      try {
        if (ttl) await this.redis.client.set(this.redisKey(key), value, 'EX', ttl);
        else await this.redis.client.set(this.redisKey(key), value);
        return;
      } catch (err) {
        this.redis.outage(err as Error);
      }
    }
    await this.local.set(key, value, options);
  }

  async delete(key: string): Promise<boolean> {
    const local = await this.local.delete(key);
    if (!this.redis?.ready) return local;
    try {
      return (await this.redis.client.del(this.redisKey(key))) > 0 || local;
    } catch (err) {
      this.redis.outage(err as Error);
      return local;
    }
  }

  /**
   * The cache's generation: part of every key, and bumped by every successful mutation, so one
   * write makes all cached answers unreachable at once (they expire on their own). Shared through
   * Redis when it is up; per process otherwise.
   */
  async generation(): Promise<string> {
    if (this.redis?.ready) {
      try {
        // A write seen while Redis was away must still retire what was cached before it.
        if (this.missedShared) {
          await this.redis.client.incr(this.generationKey());
          this.missedShared = false;
        }
        return (await this.redis.client.get(this.generationKey())) ?? '0';
      } catch (err) {
        this.redis.outage(err as Error);
      }
    }
    return String(this.localGeneration);
  }

  async nextGeneration(): Promise<void> {
    this.localGeneration++;
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

  private localGeneration = 0;
  private missedShared = false;

  private generationKey(): string {
    return `${this.redis!.keyPrefix}response-generation`;
  }

  private redisKey(key: string): string {
    return `${this.redis!.keyPrefix}response:${key}`;
  }
}

function isAnonymous(requestContext: GraphQLRequestContext<RequestContext>): boolean {
  return requestContext.contextValue.viewer.role === null;
}

/**
 * The shared response cache: an anonymous query whose response is publicly cacheable (every
 * field has a cache hint; see cache-policy.ts) is stored for its maxAge under the full request
 * (document, operation name, variables) and answered from the cache until then, without running
 * a resolver. Token holders' requests are neither read from nor written to it, responses with
 * errors are never stored, and mutations never touch it. Every GraphQL response says
 * `X-Cache: HIT` or `X-Cache: MISS`.
 *
 * A request that committed a write starts a new cache generation, so the next anonymous read runs afresh
 * (on every process sharing the Redis). Browsers and CDNs may still keep an answer for its maxAge.
 */
export function responseCachePlugins(cache: SharedOrLocalCache): ApolloServerPlugin<RequestContext>[] {
  const xCacheAndInvalidation: ApolloServerPlugin<RequestContext> = {
    async requestDidStart() {
      return {
        async willSendResponse({ response, metrics, contextValue }) {
          response.http.headers.set('x-cache', metrics.responseCacheHit ? 'HIT' : 'MISS');
          // Decided where data changes (a committed transaction), not from the response: a write
          // counts even when another field of the same request failed.
          if (contextValue.committedWrite) await cache.nextGeneration();
        },
      };
    },
  };
  return [
    ApolloServerPluginResponseCache<RequestContext>({
      cache,
      // Only anonymous requests use the cache: token holders skip the generation look-up.
      extraCacheKeyData: async (requestContext) => (isAnonymous(requestContext) ? cache.generation() : null),
      shouldReadFromCache: async (requestContext) => isAnonymous(requestContext),
      shouldWriteToCache: async (requestContext) => isAnonymous(requestContext),
    }),
    xCacheAndInvalidation,
  ];
}

import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** How often, at most, an outage is logged again while it lasts. */
const OUTAGE_LOG_INTERVAL_MS = 60_000;

/**
 * The server's one Redis connection, shared by the rate limiter and the response cache, and
 * optional: while Redis is unreachable (at start or later) `ready` is false, commands fail at
 * once instead of queueing, and the users fall back to in-process limits and cache. ioredis
 * keeps reconnecting in the background; when Redis answers again the shared state is used again.
 */
export class RedisConnection {
  readonly client: Redis;
  private lastOutageLog = 0;
  private closing = false;

  constructor(
    url: string,
    /** Put before every key, so that installations and test runs can share one Redis. */
    readonly keyPrefix: string,
    private readonly log: Logger,
  ) {
    this.client = new Redis(url, {
      lazyConnect: true,
      // Fail fast rather than hold requests while Redis is away: callers degrade instead.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      commandTimeout: 1_000,
      retryStrategy: (attempt) => Math.min(attempt * 250, 5_000),
    });
    this.client.on('error', (err: Error) => this.outage(err));
    this.client.on('ready', () => {
      if (this.lastOutageLog !== 0)
        log.info('Redis answers again: rate limits and the response cache are shared again');
      this.lastOutageLog = 0;
    });
  }

  /** Connects; an unreachable Redis is logged and retried in the background, never fatal. */
  async connect(): Promise<void> {
    try {
      await this.client.connect();
      this.log.info('connected to Redis: rate limits and the response cache are shared across server processes');
    } catch (err) {
      this.outage(err as Error);
    }
  }

  /** True while commands can be sent. */
  get ready(): boolean {
    return this.client.status === 'ready';
  }

  /**
   * For callers whose command failed: logs (at most once a minute while the outage lasts) that
   * the server runs on in-process limits and cache.
   */
  outage(err: Error): void {
    if (this.closing) return;
    const now = Date.now();
    if (now - this.lastOutageLog < OUTAGE_LOG_INTERVAL_MS) return;
    this.lastOutageLog = now;
    this.log.warn(
      { err: { message: err.message } },
      'Redis is unreachable: using in-process rate limits and response cache until it answers',
    );
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.client.status === 'ready') {
      await this.client.quit().catch(() => this.client.disconnect());
    } else {
      this.client.disconnect();
    }
  }
}

/** Connects to Redis when a URL is configured; undefined otherwise. */
export async function connectRedis(
  url: string | undefined,
  keyPrefix: string,
  log: Logger,
): Promise<RedisConnection | undefined> {
  if (!url) return undefined;
  const connection = new RedisConnection(url, keyPrefix, log);
  await connection.connect();
  return connection;
}

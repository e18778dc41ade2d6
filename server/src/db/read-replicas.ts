import type { Class } from '../shared/feature.js';
import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { OperationTypeNode } from 'graphql';
import type { Logger } from 'pino';
import type { RedisConnection } from '../app/redis.js';
import type { RequestContext } from '../shared/context.js';
import { createDataSource } from './data-source.js';

/**
 * Read replicas (DATABASE_READ_URLS): PostgreSQL streaming replicas that answer anonymous
 * GraphQL queries, round robin over the healthy ones. Mutations (and every read inside them) and
 * token holders' requests use the primary, so staff read their own writes.
 *
 * Health: every second each replica is asked for its replay position. It is `healthy` when it
 * has replayed everything the primary had written at the start of the round, or when its last
 * replayed transaction is at most MAX_REPLICA_LAG_SECONDS old; `lagging` beyond that; `down`
 * when it does not answer (or is not a standby). Unhealthy replicas are skipped until a later
 * round finds them healthy again; with none healthy, reads use the primary.
 *
 * Reading one's own writes and the response cache: after a request that wrote, the primary's
 * WAL position (pg_current_wal_insert_lsn: with asynchronous commit the written position may
 * still be before the commit) is recorded as the lowest position a replica must have
 * replayed to answer reads; it is recorded when execution ends, before the response cache
 * starts its new generation (willSendResponse), and kept in Redis so every process sees it. A
 * read is routed after the response cache has looked up its generation; so a read that misses
 * the cache because of a write goes to a replica known (from the last round) to have replayed
 * that write, or to the primary. No answer older than a write is cached after it.
 */

/** How often replicas are checked. */
export const REPLICA_CHECK_INTERVAL_MS = 1_000;
/** A check that takes longer counts the replica as down. */
const CHECK_TIMEOUT_MS = 2_000;

export type ReplicaState = 'starting' | 'healthy' | 'lagging' | 'down';

/** What /readyz reports per replica. */
export interface ReplicaStatus {
  /** replica-1, replica-2, … in the order of DATABASE_READ_URLS (also the metrics label). */
  name: string;
  /** host:port/database, without credentials. */
  address: string;
  state: ReplicaState;
  /** Seconds since its last replayed transaction, 0 when it has replayed all the primary had; null when unknown. */
  lagSeconds: number | null;
}

interface Replica extends ReplicaStatus {
  url: string;
  db: DataSource | undefined;
  /** Replay position at the last check (0 when unknown). */
  replayLsn: bigint;
}

export interface ReadReplicaOptions {
  urls: string[];
  maxLagSeconds: number;
  primary: DataSource;
  entities: readonly Class[];
  poolSize: number;
  log: Logger;
  /** Registry of the app's /metrics. */
  registry: Registry;
  /** Shares the read-your-writes position across server processes. */
  redis?: RedisConnection;
}

/** PostgreSQL's text form of an LSN ('16/B374D848') as a number. */
export function parseLsn(text: string | null | undefined): bigint {
  if (!text) return 0n;
  const [high, low] = text.split('/');
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

function addressOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return '(unparsable URL)';
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export class ReadReplicas {
  private readonly replicas: Replica[];
  private next = 0;
  /** Highest write position this process knows of (Redis has the shared one). */
  private localMinLsn = 0n;
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;
  private closed = false;
  private readonly reads: Counter<'target'>;
  private readonly minLsnKey: string | undefined;

  constructor(private readonly options: ReadReplicaOptions) {
    this.replicas = options.urls.map((url, i) => ({
      name: `replica-${i + 1}`,
      address: addressOf(url),
      url,
      state: 'starting',
      lagSeconds: null,
      db: undefined,
      replayLsn: 0n,
    }));
    this.reads = new Counter({
      name: 'temahub_database_reads_total',
      help: 'GraphQL operations by the database that answered them: primary, or replica-N (DATABASE_READ_URLS order).',
      labelNames: ['target'] as const,
      registers: [options.registry],
    });
    this.reads.inc({ target: 'primary' }, 0);
    for (const r of this.replicas) this.reads.inc({ target: r.name }, 0);
    this.minLsnKey = options.redis ? `${options.redis.keyPrefix}replica-min-lsn` : undefined;
  }

  /** Checks every replica once (so that the first requests can use them), then every second. */
  async start(): Promise<void> {
    await this.check();
    this.timer = setInterval(() => void this.check(), REPLICA_CHECK_INTERVAL_MS);
    this.timer.unref();
  }

  status(): ReplicaStatus[] {
    return this.replicas.map(({ name, address, state, lagSeconds }) => ({ name, address, state, lagSeconds }));
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.checking;
    for (const r of this.replicas) if (r.db?.isInitialized) await r.db.destroy().catch(() => undefined);
  }

  /** The Apollo plugin that records write positions and routes anonymous queries. */
  plugin(): ApolloServerPlugin<RequestContext> {
    return {
      requestDidStart: async () => ({
        // After the response cache's look-up (responseForOperation), before any resolver runs.
        executionDidStart: async ({ operation, contextValue }) => {
          const anonymousQuery =
            operation.operation === OperationTypeNode.QUERY && contextValue.viewer.role === null && !contextValue.tx;
          const replica = anonymousQuery ? await this.pickReplica() : undefined;
          if (replica) contextValue.db = replica.db!;
          this.reads.inc({ target: replica?.name ?? 'primary' });
          return {
            // Before willSendResponse, where the response cache starts a new generation.
            executionDidEnd: async () => {
              if (operation.operation === OperationTypeNode.MUTATION || contextValue.committedWrite)
                await this.recordWrite();
            },
          };
        },
      }),
    };
  }

  /** A healthy replica that has replayed every recorded write, round robin; undefined means the primary. */
  private async pickReplica(): Promise<Replica | undefined> {
    const healthy = this.replicas.filter((r) => r.state === 'healthy');
    if (healthy.length === 0) return undefined;
    const minLsn = await this.minLsn();
    if (minLsn === undefined) return undefined;
    const current = healthy.filter((r) => r.replayLsn >= minLsn);
    if (current.length === 0) return undefined;
    return current[this.next++ % current.length];
  }

  /** The position replicas must have replayed; undefined (use the primary) when Redis cannot say. */
  private async minLsn(): Promise<bigint | undefined> {
    const redis = this.options.redis;
    if (!redis || !this.minLsnKey) return this.localMinLsn;
    try {
      const shared = await redis.client.get(this.minLsnKey);
      const lsn = shared ? BigInt(`0x${shared}`) : 0n;
      return lsn > this.localMinLsn ? lsn : this.localMinLsn;
    } catch (err) {
      redis.outage(err as Error);
      return undefined;
    }
  }

  /**
   * Records the primary's current WAL position as one that anonymous reads must have seen: after
   * this process's writes, and after a write announced by another process (content-changes.ts).
   */
  async recordWrite(): Promise<void> {
    try {
      const [row] = (await this.options.primary.query('SELECT pg_current_wal_insert_lsn()::text AS lsn')) as {
        lsn: string;
      }[];
      const lsn = parseLsn(row?.lsn);
      if (lsn > this.localMinLsn) this.localMinLsn = lsn;
      const redis = this.options.redis;
      if (redis && this.minLsnKey) {
        // Only ever raised: fixed-width hex compares like the number.
        await redis.client.eval(
          `local c = redis.call('GET', KEYS[1]) if (not c) or c < ARGV[1] then redis.call('SET', KEYS[1], ARGV[1]) end return 1`,
          1,
          this.minLsnKey,
          lsn.toString(16).padStart(16, '0'),
        );
      }
    } catch (err) {
      // Without the shared position other processes might read an older replica: send this
      // process's anonymous reads to the primary until the replicas have passed a fresh position.
      this.options.log.warn(
        { err: { message: (err as Error).message } },
        'could not record the write position for read replicas',
      );
      this.localMinLsn = 1n << 62n;
      void this.options.primary.query('SELECT pg_current_wal_insert_lsn()::text AS lsn').then(
        ([row]: { lsn: string }[]) => (this.localMinLsn = parseLsn(row?.lsn)),
        () => undefined,
      );
    }
  }

  private check(): Promise<void> {
    if (this.checking || this.closed) return this.checking ?? Promise.resolve();
    this.checking = this.checkAll().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async checkAll(): Promise<void> {
    let primaryLsn: bigint | undefined;
    try {
      const [row] = (await withTimeout(
        this.options.primary.query('SELECT pg_current_wal_insert_lsn()::text AS lsn'),
        CHECK_TIMEOUT_MS,
      )) as { lsn: string }[];
      primaryLsn = parseLsn(row?.lsn);
    } catch {
      primaryLsn = undefined; // then the replay age alone decides
    }
    await Promise.all(this.replicas.map((r) => this.checkOne(r, primaryLsn)));
  }

  private async checkOne(r: Replica, primaryLsn: bigint | undefined): Promise<void> {
    const before = r.state;
    try {
      if (!r.db?.isInitialized) {
        r.db = createDataSource({
          databaseUrl: r.url,
          dataDir: '',
          entities: this.options.entities,
          poolSize: this.options.poolSize,
        });
        await withTimeout(r.db.initialize(), CHECK_TIMEOUT_MS * 2);
      }
      const [row] = (await withTimeout(
        r.db.query(
          `SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn()::text AS replay,
                  extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8 AS age`,
        ),
        CHECK_TIMEOUT_MS,
      )) as { standby: boolean; replay: string | null; age: number | null }[];
      if (!row?.standby) throw new Error('not a standby (pg_is_in_recovery() is false)');
      r.replayLsn = parseLsn(row.replay);
      const caughtUp = primaryLsn !== undefined && r.replayLsn >= primaryLsn;
      r.lagSeconds = caughtUp ? 0 : row.age === null ? null : Math.max(0, Math.round(row.age * 10) / 10);
      r.state =
        caughtUp || (r.lagSeconds !== null && r.lagSeconds <= this.options.maxLagSeconds) ? 'healthy' : 'lagging';
    } catch (err) {
      r.state = 'down';
      r.lagSeconds = null;
      r.replayLsn = 0n;
      if (r.db && !r.db.isInitialized) {
        // A failed initialize() leaves its pool open.
        await (r.db.driver as unknown as { master?: { end(): Promise<void> } }).master?.end().catch(() => undefined);
        r.db = undefined;
      }
      if (before !== 'down')
        this.options.log.warn(
          { replica: r.name, address: r.address, err: { message: (err as Error).message } },
          'read replica is down: reads skip it',
        );
      return;
    }
    if (before !== r.state)
      this.options.log.info(
        { replica: r.name, address: r.address, state: r.state, lagSeconds: r.lagSeconds },
        `read replica is ${r.state}`,
      );
  }
}

/** The replicas of DATABASE_READ_URLS, checked once and then every second; undefined without any. */
export async function openReadReplicas(
  config: { databaseReadUrls: string[]; maxReplicaLagSeconds: number; databasePoolSize: number },
  primary: DataSource,
  context: { log: Logger; registry: Registry; redis?: RedisConnection },
): Promise<ReadReplicas | undefined> {
  if (config.databaseReadUrls.length === 0) return undefined;
  const { entities } = await import('../app/schema.js');
  const replicas = new ReadReplicas({
    urls: config.databaseReadUrls,
    maxLagSeconds: config.maxReplicaLagSeconds,
    primary,
    entities,
    poolSize: config.databasePoolSize,
    ...context,
  });
  await replicas.start();
  return replicas;
}

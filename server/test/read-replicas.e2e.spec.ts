import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './__generated__/index.js';
import { usesPostgres, type TestDatabase } from './support/databases.js';
import { startTestServer, type TestServer } from './support/server.js';
import { issueToken } from './support/tokens.js';
import { canRunPostgres, startReplication, type Replication } from './support/replication.js';

/**
 * Read replicas with a real primary and a real streaming replica (started by the test): anonymous
 * reads reach the replica, writes and token holders the primary; a stopped or lagging replica is
 * skipped and comes back; and after a write no anonymous read (cached or not) is older than it.
 * Runs in the PostgreSQL pass of the suite.
 */
describe.skipIf(!usesPostgres || !canRunPostgres)('read replicas (DATABASE_READ_URLS)', () => {
  let cluster: Replication;
  /** Replicas may lag up to a minute: only the write position keeps reads current. */
  let patient: TestServer;
  /** MAX_REPLICA_LAG_SECONDS=1: a paused replica is soon lagging. */
  let strict: TestServer;
  let coordinator: string;

  const on = (url: string): TestDatabase => ({
    databaseUrl: url,
    dataDir: '/nonexistent',
    drop: async () => undefined,
  });
  const redisEnv: Record<string, string> = process.env.REDIS_URL
    ? { REDIS_URL: process.env.REDIS_URL, REDIS_KEY_PREFIX: `temahub-replicas-${process.pid}:` }
    : {};

  beforeAll(async () => {
    cluster = await startReplication();
    patient = await startTestServer({
      database: on(cluster.primaryUrl),
      env: {
        DATABASE_READ_URLS: cluster.replicaUrl,
        MAX_REPLICA_LAG_SECONDS: '60',
        RESPONSE_CACHE: 'true',
        ...redisEnv,
      },
    });
    strict = await startTestServer({
      database: on(cluster.primaryUrl),
      env: { DATABASE_READ_URLS: cluster.replicaUrl, MAX_REPLICA_LAG_SECONDS: '1' },
    });
    coordinator = (await issueToken(patient.db, 'COORDINATOR', { name: 'Koordinator' })).token;
  });
  afterAll(async () => {
    await patient?.stop();
    await strict?.stop();
    await cluster?.destroy();
  });

  /** GraphQL operations per database, from /metrics. */
  async function reads(server: TestServer): Promise<{ primary: number; replica: number }> {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    const count = (target: string) =>
      Number(new RegExp(`^temahub_database_reads_total\\{target="${target}"\\} (\\d+)`, 'm').exec(text)?.[1] ?? NaN);
    return { primary: count('primary'), replica: count('replica-1') };
  }
  /** /readyz's answer: the server's state and each replica's. */
  interface Readiness {
    status: string;
    replicas?: { name: string; state: string; address: string; lagSeconds: number | null }[];
  }
  async function readiness(server: TestServer): Promise<{ status: number; body: Readiness }> {
    const res = await fetch(`${server.url}/readyz`);
    return { status: res.status, body: (await res.json()) as Readiness };
  }
  async function replicaState(server: TestServer, state: string): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { body } = await readiness(server);
      if (body.replicas?.[0]?.state === state) return;
      if (Date.now() > deadline) throw new Error(`replica not ${state}: ${JSON.stringify(body)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  async function replayed(): Promise<void> {
    const [{ lsn }] = (await cluster.query<{ lsn: string }>('primary', `SELECT pg_current_wal_lsn()::text AS lsn`)) as [
      { lsn: string },
    ];
    const deadline = Date.now() + 30_000;
    while (
      !(
        await cluster.query<{ ok: boolean }>('replica', `SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok`, [lsn])
      )[0]!.ok
    ) {
      if (Date.now() > deadline) throw new Error('the replica did not catch up');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  /** The title of Tema 11, as an anonymous caller or a token holder sees it. */
  const title = async (server: TestServer, token?: string, alias = 't') =>
    (
      await server.ok<Record<string, { title: string }>>(
        `{ ${alias}: theme(slug: "vores-natur") { title } }`,
        {},
        { token },
      )
    )[alias]!.title;

  it('sends anonymous reads to the replica, and writes and token holders to the primary', async () => {
    await replicaState(patient, 'healthy');
    const ready = await readiness(patient);
    expect(ready).toMatchObject({
      status: 200,
      body: { status: 'ready', replicas: [{ name: 'replica-1', state: 'healthy' }] },
    });
    expect(ready.body.replicas![0]!.address).toMatch(/^127\.0\.0\.1:\d+\/postgres$/);

    // Proof from the data itself: with replay paused, a change made on the primary is visible to
    // the token holder (primary) but not to the anonymous caller (replica). First the replica
    // catches up with everything written so far (the seeded database), so that it has the theme.
    await replayed();
    await cluster.query('replica', `SELECT pg_wal_replay_pause()`);
    try {
      await cluster.query('primary', `UPDATE theme SET title = 'Vores natur (ændret på primæren)' WHERE number = 11`);
      const before = await reads(patient);
      expect(await title(patient, undefined, 'anonymous1')).toBe('Vores natur');
      expect(await title(patient, coordinator, 'staff1')).toBe('Vores natur (ændret på primæren)');
      const after = await reads(patient);
      expect(after).toEqual({ primary: before.primary + 1, replica: before.replica + 1 });
    } finally {
      await cluster.query('replica', `SELECT pg_wal_replay_resume()`);
    }
    await replayed();
    await new Promise((r) => setTimeout(r, 1_500)); // the next check sees it caught up
    expect(await title(patient, undefined, 'anonymous2')).toBe('Vores natur (ændret på primæren)');

    const before = await reads(patient);
    await patient.ok(
      graphql(`
        mutation ReadReplicasCreatePartner {
          createPartner(input: { name: "Replikamuseet", kind: MUSEUM, scope: NATIONAL }) {
            id
          }
        }
      `),
      {},
      { token: coordinator },
    );
    expect((await reads(patient)).primary).toBe(before.primary + 1);
  });

  it('never answers an anonymous read with data older than a write, cached or not', async () => {
    const PARTNERS = graphql(`
      query ReadReplicasPartners {
        partners(kind: MEDIA) {
          name
        }
      }
    `);
    await replayed();
    await new Promise((r) => setTimeout(r, 1_500));
    const first = await patient.gql(PARTNERS);
    const second = await patient.gql(PARTNERS);
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(second.data).toEqual(first.data);

    // The replica stops replaying but stays "healthy" (it may lag 60 s here).
    await cluster.query('replica', `SELECT pg_wal_replay_pause()`);
    try {
      await patient.ok(
        graphql(`
          mutation ReadReplicasCreatePartnerAgain {
            createPartner(input: { name: "Aaaa Avisen", kind: MEDIA, scope: NATIONAL }) {
              id
            }
          }
        `),
        {},
        { token: coordinator },
      );
      const before = await reads(patient);
      const after = await patient.gql(PARTNERS);
      expect(after.headers.get('x-cache')).toBe('MISS');
      expect(after.data!.partners.map((p) => p.name)).toContain('Aaaa Avisen');
      // Answered by the primary: the replica has not replayed the write.
      expect(await reads(patient)).toEqual({ primary: before.primary + 1, replica: before.replica });
      expect((await readiness(patient)).body.replicas![0]!.state).toBe('healthy');
    } finally {
      await cluster.query('replica', `SELECT pg_wal_replay_resume()`);
    }
    // Once the replica has replayed the write, anonymous reads go back to it.
    await replayed();
    await new Promise((r) => setTimeout(r, 1_500));
    const before = await reads(patient);
    expect(await title(patient, undefined, 'anonymous3')).toBe('Vores natur (ændret på primæren)');
    expect((await reads(patient)).replica).toBe(before.replica + 1);
  });

  it('skips a replica that lags more than MAX_REPLICA_LAG_SECONDS until it catches up', async () => {
    await replicaState(strict, 'healthy');
    await cluster.query('replica', `SELECT pg_wal_replay_pause()`);
    try {
      await cluster.query('primary', `UPDATE theme SET summary = summary || ' ' WHERE number = 11`);
      await replicaState(strict, 'lagging');
      const ready = await readiness(strict);
      expect(ready.status).toBe(200);
      expect(ready.body.replicas![0]!.lagSeconds).toBeGreaterThan(1);
      const before = await reads(strict);
      expect(await title(strict, undefined, 'lagging')).toBe('Vores natur (ændret på primæren)');
      expect(await reads(strict)).toEqual({ primary: before.primary + 1, replica: before.replica });
    } finally {
      await cluster.query('replica', `SELECT pg_wal_replay_resume()`);
    }
    await replicaState(strict, 'healthy');
    const before = await reads(strict);
    await title(strict, undefined, 'caughtUp');
    expect((await reads(strict)).replica).toBe(before.replica + 1);
  });

  it('keeps reads working on the primary while the replica is down, and uses it again when it is back', async () => {
    await cluster.stopReplica();
    await replicaState(strict, 'down');
    const ready = await readiness(strict);
    expect(ready).toMatchObject({
      status: 200,
      body: { status: 'ready', replicas: [{ state: 'down', lagSeconds: null }] },
    });
    const before = await reads(strict);
    for (let i = 0; i < 3; i++)
      expect(await title(strict, undefined, `down${i}`)).toBe('Vores natur (ændret på primæren)');
    expect(await reads(strict)).toEqual({ primary: before.primary + 3, replica: before.replica });

    await cluster.startReplica();
    await replicaState(strict, 'healthy');
    const back = await reads(strict);
    await title(strict, undefined, 'back');
    expect((await reads(strict)).replica).toBe(back.replica + 1);
  });
});

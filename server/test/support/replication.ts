import { execFile } from 'node:child_process';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
const BIN = process.env.PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin';

/** Whether this machine can start PostgreSQL servers for a test (the binaries are there). */
export const canRunPostgres = existsSync(path.join(BIN, 'initdb'));

/**
 * A real PostgreSQL primary and a streaming replica of it (initdb, pg_basebackup -R), each in
 * a temporary directory on a free port on 127.0.0.1, run as the `postgres` user when the test
 * runs as root (PostgreSQL refuses to run as root).
 */
export interface Replication {
  primaryUrl: string;
  replicaUrl: string;
  /** Runs SQL on the primary or the replica and returns the rows (of the shape the caller names). */
  query<Row = Record<string, unknown>>(on: 'primary' | 'replica', text: string, params?: unknown[]): Promise<Row[]>;
  stopReplica(): Promise<void>;
  startReplica(): Promise<void>;
  destroy(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function postgresUser(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const { stdout } = await run('id', ['-u', 'postgres']);
  const { stdout: gid } = await run('id', ['-g', 'postgres']);
  return { uid: Number(stdout.trim()), gid: Number(gid.trim()) };
}

export async function startReplication(): Promise<Replication> {
  const user = await postgresUser();
  const as = (tool: string, args: string[]) =>
    user ? run('runuser', ['-u', 'postgres', '--', path.join(BIN, tool), ...args]) : run(path.join(BIN, tool), args);
  const root = await mkdtemp(path.join(os.tmpdir(), 'temahub-replication-'));
  if (user) await chown(root, user.uid, user.gid);
  const primaryDir = path.join(root, 'primary');
  const replicaDir = path.join(root, 'replica');
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const start = (dir: string, port: number) =>
    as('pg_ctl', [
      '-D',
      dir,
      '-l',
      `${dir}.log`,
      '-w',
      '-t',
      '60',
      '-o',
      `-p ${port} -c listen_addresses=127.0.0.1 -k ${root} -c fsync=off -c synchronous_commit=off`,
      'start',
    ]);
  const stop = (dir: string) => as('pg_ctl', ['-D', dir, '-w', '-m', 'fast', 'stop']).then(() => undefined);

  await as('initdb', ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  await start(primaryDir, primaryPort);
  let replicaRunning = false;
  try {
    await as('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(primaryPort),
      '-U',
      'postgres',
      '-D',
      replicaDir,
      '-R',
      '-X',
      'stream',
      '--no-sync',
    ]);
    await start(replicaDir, replicaPort);
    replicaRunning = true;
  } catch (err) {
    await stop(primaryDir).catch(() => undefined);
    await rm(root, { recursive: true, force: true });
    throw err;
  }
  const primaryUrl = `postgres://postgres@127.0.0.1:${primaryPort}/postgres`;
  const replicaUrl = `postgres://postgres@127.0.0.1:${replicaPort}/postgres`;
  return {
    primaryUrl,
    replicaUrl,
    async query<Row>(on: 'primary' | 'replica', text: string, params?: unknown[]): Promise<Row[]> {
      const client = new pg.Client({ connectionString: on === 'primary' ? primaryUrl : replicaUrl });
      await client.connect();
      try {
        return (await client.query(text, params)).rows as Row[];
      } finally {
        await client.end();
      }
    },
    async stopReplica() {
      await stop(replicaDir);
      replicaRunning = false;
    },
    async startReplica() {
      await start(replicaDir, replicaPort);
      replicaRunning = true;
    },
    async destroy() {
      if (replicaRunning) await stop(replicaDir).catch(() => undefined);
      await stop(primaryDir).catch(() => undefined);
      await rm(root, { recursive: true, force: true });
    },
  };
}

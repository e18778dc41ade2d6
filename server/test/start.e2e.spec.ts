import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../src/db/data-source.js';
import { graphql } from './__generated__/index.js';
import { databaseUrlFor, usesPostgres, withAdminClient } from './support/databases.js';
import type { Operation } from './support/server.js';

/**
 * The server as deployers run it: real `node` processes on server/src/main.ts (compiled on the
 * fly by SWC, with decorator metadata), on an empty embedded data directory and on an empty
 * PostgreSQL database. Proves the first start (migrations, reference data, demo season), a
 * restart without duplicates, graceful shutdown on SIGTERM, the data-directory lock, config
 * errors, request logs and two replicas sharing one PostgreSQL database.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const READY = /Temahub is ready at (http:\/\/localhost:(\d+)\/graphql)/;
/** Bounds for one process: start (migrate + seed on an empty database) and exit. */
const START_TIMEOUT_MS = 120_000;
const EXIT_TIMEOUT_MS = 30_000;

interface ServerProcess {
  child: ChildProcess;
  /** Everything written so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the base URL when the ready line is printed; rejects if the process exits first. */
  ready: Promise<string>;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Resolves when a stdout line matches. */
  waitForOutput(pattern: RegExp): Promise<void>;
}

const started: ServerProcess[] = [];

let processCount = 0;

/** Starts `node server/src/main.ts` with a clean environment plus `env` (no DATABASE_URL unless given). */
function startProcess(env: Record<string, string>): ServerProcess {
  const { DATABASE_URL: _omit, NODE_ENV: _mode, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'server/src/main.ts'], {
    cwd: ROOT,
    // A Redis key prefix of its own: parallel runs on one Redis must not share cached answers.
    env: {
      ...inherited,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      REDIS_KEY_PREFIX: `temahub-start-${process.pid}-${++processCount}:`,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const watchers: { pattern: RegExp; resolve: () => void }[] = [];
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    for (const w of [...watchers]) {
      if (w.pattern.test(out)) {
        watchers.splice(watchers.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const bounded = <T>(what: string, promise: Promise<T>, ms: number): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${what} took over ${ms} ms\nstdout:\n${out}\nstderr:\n${err}`)),
        ms,
      );
      promise.then(
        (v) => (clearTimeout(timer), resolve(v)),
        (e) => (clearTimeout(timer), reject(e)),
      );
    });
  const waitForOutput = (pattern: RegExp): Promise<void> =>
    bounded(
      `waiting for ${pattern}`,
      new Promise<void>((resolve, reject) => {
        if (pattern.test(out)) return resolve();
        watchers.push({ pattern, resolve });
        void exited.then((code) =>
          reject(new Error(`process exited (${code}) before printing ${pattern}\nstdout:\n${out}\nstderr:\n${err}`)),
        );
      }),
      START_TIMEOUT_MS,
    );
  const ready = waitForOutput(READY).then(() => `http://127.0.0.1:${READY.exec(out)![2]}`);
  ready.catch(() => undefined);
  const proc: ServerProcess = {
    child,
    stdout: () => out,
    stderr: () => err,
    ready,
    exited: bounded('exit', exited, START_TIMEOUT_MS + EXIT_TIMEOUT_MS),
    waitForOutput,
  };
  proc.exited.catch(() => undefined);
  started.push(proc);
  return proc;
}

/** SIGTERM and the exit code, bounded in time. */
async function stopProcess(proc: ServerProcess): Promise<number | null> {
  proc.child.kill('SIGTERM');
  return proc.exited;
}

afterAll(async () => {
  for (const proc of started) {
    if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill('SIGKILL');
  }
});

/** POSTs an operation to a started server; a typed one types the answer's data. */
async function post<T = unknown>(
  base: string,
  query: string | Operation<T, never>,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: String(query), variables }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  return { status: res.status, ...body };
}

const FIRST_START = graphql(`
  query FirstStart {
    theme(slug: "vores-natur") {
      number
      startsOn
      endsOn
      status
      partners {
        partner {
          name
        }
      }
    }
    municipalities {
      code
    }
    regions {
      code
    }
    themes(first: 100) {
      totalCount
    }
  }
`);

/** The Done-when checks of issue 2 on a freshly started server. */
async function expectDemoSeason(base: string): Promise<void> {
  const res = await post(base, FIRST_START);
  expect(res.errors).toBeUndefined();
  expect(res.data!.theme).toMatchObject({ number: 11, startsOn: '2020-04-13', endsOn: '2020-05-17', status: 'ENDED' });
  expect(res.data!.theme!.partners.map((p) => p.partner.name)).toContain('DR');
  expect(res.data!.municipalities).toHaveLength(98);
  expect(res.data!.regions).toHaveLength(5);
  expect(res.data!.themes.totalCount).toBeGreaterThan(1);
}

const COUNTED_TABLES = [
  'region',
  'municipality',
  'library',
  'theme',
  'partner',
  'theme_partner',
  'material',
  'theme_material',
  'activity',
  'activity_partner',
  'activity_material',
  'registration',
  'notice',
] as const;

type Counts = Record<(typeof COUNTED_TABLES)[number], number>;

const COUNT_SQL = `SELECT ${COUNTED_TABLES.map((t) => `(SELECT count(*)::int FROM ${t}) AS ${t}`).join(', ')}`;

/** Row counts of the seeded tables in an embedded data directory (no process may hold it). */
async function embeddedCounts(dataDir: string): Promise<Counts> {
  const db = await openDatabase({ dataDir });
  try {
    const [row] = (await db.query(COUNT_SQL)) as Counts[];
    return row;
  } finally {
    await closeDatabase(db);
  }
}

async function postgresCounts(databaseUrl: string): Promise<Counts> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<Counts>(COUNT_SQL)).rows[0];
  } finally {
    await client.end();
  }
}

function expectSeeded(counts: Counts): void {
  expect(counts.region).toBe(5);
  expect(counts.municipality).toBe(98);
  expect(counts.library).toBeGreaterThanOrEqual(98);
  expect(counts.activity).toBeGreaterThanOrEqual(150);
  for (const table of COUNTED_TABLES) expect(counts[table], table).toBeGreaterThan(0);
}

/**
 * Sends a GraphQL request in two halves: the headers and part of the body now, the rest when
 * `finish` is called. Between the two the request is in flight on the server.
 */
function requestInTwoHalves(
  base: string,
  query: string,
): { finish(): void; response: Promise<{ status: number; body: string }> } {
  const payload = Buffer.from(JSON.stringify({ query }));
  const split = Math.floor(payload.length / 2);
  const url = new URL(`${base}/graphql`);
  let req!: http.ClientRequest;
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': payload.length, connection: 'close' },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
  });
  req.flushHeaders();
  req.write(payload.subarray(0, split));
  return { finish: () => req.end(payload.subarray(split)), response };
}

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('configuration errors', () => {
  it('exits 1 with one line naming PORT when PORT is not a number', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'temahub-start-'));
    try {
      const proc = startProcess({ PORT: 'abc', DATA_DIR: dataDir });
      expect(await proc.exited).toBe(1);
      expect(proc.stderr()).toBe(
        'temahub: configuration error: PORT must be a whole number from 0 to 65535, got "abc"\n',
      );
      expect(proc.stdout()).toBe('');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('first start, restart and shutdown on the embedded database', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'temahub-start-'));
  });
  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  let firstCounts: Counts;

  it('loads the schema, the reference data and the demo season into an empty data directory', async () => {
    const proc = startProcess({ DATA_DIR: dataDir });
    const base = await proc.ready;
    expect(proc.stdout()).toContain(`(embedded PostgreSQL in ${dataDir})`);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    await expectDemoSeason(base);
    expect(await stopProcess(proc)).toBe(0);
    expect(proc.stderr()).toBe('');

    firstCounts = await embeddedCounts(dataDir);
    expectSeeded(firstCounts);
  });

  it('writes one JSON log line per request with its id, and never the token', async () => {
    const proc = startProcess({ DATA_DIR: dataDir });
    const base = await proc.ready;
    const secret = `thb_${randomBytes(24).toString('hex')}`;
    const withToken = await post(
      base,
      `
        query LoggedWithToken {
          regions {
            code
          }
        }
      `,
      undefined,
      {
        authorization: `Bearer ${secret}`,
        'x-request-id': 'start-e2e-token',
      },
    );
    expect(withToken.status).toBe(401);
    await post(
      base,
      `
        query LoggedRegions {
          regions {
            code
          }
        }
      `,
      undefined,
      { 'x-request-id': 'start-e2e-ok' },
    );
    expect(await stopProcess(proc)).toBe(0);

    const lines = proc
      .stdout()
      .split('\n')
      .filter((l) => l.startsWith('{'));
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const ok = entries.filter((e) => e.requestId === 'start-e2e-ok');
    expect(ok).toHaveLength(1);
    // The log line carries the metrics' operation label: SDK operation names as they are, others as `other`.
    expect(ok[0]).toMatchObject({
      msg: 'request',
      method: 'POST',
      path: '/graphql',
      status: 200,
      operation: 'other',
      service: 'temahub',
    });
    expect(typeof ok[0].durationMs).toBe('number');
    expect(typeof ok[0].time).toBe('string');
    const refused = entries.filter((e) => e.requestId === 'start-e2e-token');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ msg: 'request', method: 'POST', path: '/graphql', status: 401 });
    expect(proc.stdout()).not.toContain(secret);
    expect(proc.stderr()).not.toContain(secret);
    expect(proc.stdout().toLowerCase()).not.toContain('bearer');
    expect(entries.some((e) => e.msg === 'stopped')).toBe(true);
  });

  it('restarts on the same data directory with the data kept and nothing duplicated; a second process is refused', async () => {
    const proc = startProcess({ DATA_DIR: dataDir });
    const base = await proc.ready;
    await expectDemoSeason(base);

    const intruder = startProcess({ DATA_DIR: dataDir, PORT: '0' });
    expect(await intruder.exited).not.toBe(0);
    expect(intruder.stderr()).toMatch(
      /^temahub: Data directory .+ is in use by process \d+ \(lock file .+temahub\.lock\)\. Stop the other process, or set DATA_DIR to another directory\.\n$/,
    );
    expect(intruder.stderr()).toContain(dataDir);
    expect(intruder.stdout()).not.toMatch(READY);
    // The refused process left the running one and its lock alone.
    expect((await fetch(`${base}/readyz`)).status).toBe(200);

    expect(await stopProcess(proc)).toBe(0);
    expect(await embeddedCounts(dataDir)).toEqual(firstCounts);
  });

  it('lets an in-flight request finish on SIGTERM, then exits 0', async () => {
    const proc = startProcess({ DATA_DIR: dataDir });
    const base = await proc.ready;
    const inFlight = requestInTwoHalves(
      base,
      `query InFlight { theme(slug: "vores-natur") { number title } regions { code } }`,
    );
    // Let the server read the request head, so that the request is in flight when SIGTERM lands.
    await delay(500);
    proc.child.kill('SIGTERM');
    await proc.waitForOutput(/shutting down/);
    inFlight.finish();
    const res = await inFlight.response;
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body);
    expect(body.errors).toBeUndefined();
    expect(body.data.theme).toEqual({ number: 11, title: 'Vores natur' });
    expect(body.data.regions).toHaveLength(5);
    expect(await proc.exited).toBe(0);
    expect(proc.stdout()).toMatch(/"msg":"stopped"/);
    expect(proc.stderr()).toBe('');
    // The lock was released: the directory opens again.
    expect(await embeddedCounts(dataDir)).toEqual(firstCounts);
  });
});

describe.skipIf(!usesPostgres)('first start and replicas on PostgreSQL', () => {
  const databases: string[] = [];
  async function freshDatabase(): Promise<string> {
    const name = `temahub_start_${randomBytes(6).toString('hex')}`;
    await withAdminClient((c) => c.query(`CREATE DATABASE ${name}`));
    databases.push(name);
    return databaseUrlFor(name);
  }
  afterAll(async () => {
    for (const proc of started) {
      if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill('SIGKILL');
    }
    await Promise.all(started.map((p) => p.exited.catch(() => undefined)));
    for (const name of databases) await withAdminClient((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  });

  let firstCounts: Counts;

  it('loads everything into an empty database, and a restart duplicates nothing', async () => {
    const databaseUrl = await freshDatabase();
    const dataDir = path.join(os.tmpdir(), `temahub-unused-${randomBytes(4).toString('hex')}`);
    const first = startProcess({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir });
    const base = await first.ready;
    expect(first.stdout()).toContain('(PostgreSQL)');
    await expectDemoSeason(base);
    expect(await stopProcess(first)).toBe(0);
    firstCounts = await postgresCounts(databaseUrl);
    expectSeeded(firstCounts);

    const second = startProcess({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir });
    await expectDemoSeason(await second.ready);
    expect(await stopProcess(second)).toBe(0);
    expect(await postgresCounts(databaseUrl)).toEqual(firstCounts);
  });

  it('runs two replicas started together on one empty database: migrations and seed run once, both serve the same data', async () => {
    const databaseUrl = await freshDatabase();
    const dataDir = path.join(os.tmpdir(), `temahub-unused-${randomBytes(4).toString('hex')}`);
    const replicas = [
      startProcess({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir }),
      startProcess({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir }),
    ];
    const bases = await Promise.all(replicas.map((r) => r.ready));
    expect(new Set(bases).size).toBe(2);

    const answers = [];
    for (const base of bases) {
      await expectDemoSeason(base);
      answers.push(await post(base, FIRST_START));
    }
    expect(answers[0].data).toEqual(answers[1].data);
    // Exactly one of them applied the migrations and loaded the demo season.
    const loaded = replicas.filter((r) => r.stdout().includes('"msg":"demo season loaded"'));
    const migrated = replicas.filter((r) => r.stdout().includes('"msg":"migrations applied"'));
    expect(loaded).toHaveLength(1);
    expect(migrated).toHaveLength(1);

    expect(await postgresCounts(databaseUrl)).toEqual(firstCounts);
    expect(await Promise.all(replicas.map(stopProcess))).toEqual([0, 0]);
  });
});

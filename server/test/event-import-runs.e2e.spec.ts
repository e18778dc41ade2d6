import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { graphql } from './__generated__/index.js';
import { entities } from '../src/app/schema.js';
import { closeDatabase, openDatabase } from '../src/db/data-source.js';
import { configureEventImport, runDueImports } from '../src/features/event-source/index.js';
import { CONTENT_CHANNEL } from '../src/db/content-changes.js';
import { createTestDatabase, usesPostgres } from './support/databases.js';
import { dplEvent, startFixtureSite, type FixtureSite } from './support/event-fixtures.js';
import { startTestServer, type TestServer } from './support/server.js';
import { issueToken, mainLibraryId } from './support/tokens.js';

/**
 * Event import runs that overlap or happen without a request: the same source run several times
 * at once (in one process, and on PostgreSQL in two real server processes), the background job
 * queue with retries and back-off, metrics, and `npm run import`.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RUN = graphql(`
  mutation EventImportRunsRun($id: ID!) {
    runEventSource(id: $id) {
      id
      outcome
      created
      updated
      cancelled
      unchanged
      skipped
      error
    }
  }
`);
/** Tests that start node processes (compiled on the fly) get more time on a busy machine. */
const SPAWN_TIMEOUT_MS = 240_000;
const IMPORT_ENV = { IMPORT_ALLOW_PRIVATE_HOSTS: '127.0.0.1', IMPORT_INTERVAL_MINUTES: '0' };

let server: TestServer;
let site: FixtureSite;
let coordinator: string;
let libraryId: string;
const silent = pino({ level: 'silent' });

/** A theme in 2027 weeks 30–31 with the library signed up, and `count` theme events on the fixture site at `path`. */
async function themeWithEvents(
  db: { query: (q: string, p?: unknown[]) => Promise<{ id: string }[]> },
  number: number,
  library: string,
  path: string,
  count: number,
): Promise<void> {
  const slug = `samtidig-${number}`;
  const [theme] = await db.query(
    `INSERT INTO theme (number, slug, title, summary, description, year, start_week, end_week) VALUES ($1, $2, $2, 's', 'd', 2027, 30, 31) RETURNING id`,
    [number, slug],
  );
  await db.query(
    `INSERT INTO registration (theme_id, library_id, contact_name, contact_email) VALUES ($1, $2, 'Ane', 'ane@bibliotek.example')`,
    [theme.id, library],
  );
  const events = Array.from({ length: count }, (_, i) =>
    dplEvent({
      uuid: `${slug}-${i}`,
      title: `Arrangement ${i}`,
      tags: [slug],
      date_time: { start: `2027-07-28T1${i % 10}:00:00+02:00`, end: `2027-07-28T1${i % 10}:45:00+02:00` },
    }),
  );
  // A slow website: concurrent runs are all fetching before the first one writes.
  site.set(`${path}/api/v1/events`, () => ({ type: 'application/json', body: JSON.stringify(events), delayMs: 300 }));
}

async function addSource(url: string, extra: Record<string, unknown> = {}): Promise<string> {
  const data = await server.ok(
    graphql(`
      mutation EventImportRunsAddEventSource($input: AddEventSourceInput!) {
        addEventSource(input: $input) {
          id
        }
      }
    `),
    { input: { libraryId, kind: 'DPL_CMS', url, publishImmediately: true, ...extra } },
    { token: coordinator },
  );
  return data.addEventSource.id;
}

const linkCount = async (sourceId: string) =>
  (await server.db.query(`SELECT count(*)::int AS n FROM activity_source WHERE source_id = $1`, [sourceId]))[0]
    .n as number;

beforeAll(async () => {
  // The interval only sets due times here: test servers run no background worker.
  server = await startTestServer({ env: { ...IMPORT_ENV, IMPORT_INTERVAL_MINUTES: '60' } });
  site = await startFixtureSite();
  coordinator = (await issueToken(server.db, 'COORDINATOR')).token;
  libraryId = await mainLibraryId(server.db, 101);
});
afterAll(async () => {
  await site?.close();
  await server?.stop();
});

describe('the same source run several times at once', () => {
  it('imports every event once: one run creates, the others find them unchanged', async () => {
    await themeWithEvents(server.db, 201, libraryId, '/samtidig', 8);
    const id = await addSource(`${site.origin}/samtidig`);
    const results = await Promise.all([1, 2, 3].map(() => server.ok(RUN, { id }, { token: coordinator })));
    const runs = results.map((r) => r.runEventSource);
    expect(runs.map((r) => r.outcome)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
    expect(runs.reduce((n, r) => n + r.created, 0)).toBe(8);
    expect(runs.reduce((n, r) => n + r.unchanged, 0)).toBe(16);
    expect(await linkCount(id)).toBe(8);
  });

  it.runIf(usesPostgres)(
    'two server processes on one database run the same source at once: no duplicates',
    async () => {
      await themeWithEvents(server.db, 202, libraryId, '/to-processer', 6);
      const id = await addSource(`${site.origin}/to-processer`);
      const processes = [0, 1].map(() =>
        spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'server/src/main.ts'], {
          cwd: ROOT,
          env: {
            ...process.env,
            ...IMPORT_ENV,
            DATABASE_URL: server.config.databaseUrl!,
            PORT: '0',
            HOST: '127.0.0.1',
            LOG_LEVEL: 'warn',
            RATE_LIMIT_PER_MINUTE: '0',
            REDIS_URL: '',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        }),
      );
      try {
        const urls = await Promise.all(
          processes.map(
            (child) =>
              new Promise<string>((resolve, reject) => {
                let out = '';
                child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
                  out += chunk;
                  const m = /ready at http:\/\/localhost:(\d+)\/graphql/.exec(out);
                  if (m) resolve(`http://127.0.0.1:${m[1]}/graphql`);
                });
                child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
              }),
          ),
        );
        const answers = await Promise.all(
          urls.map((url) =>
            fetch(url, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${coordinator}` },
              body: JSON.stringify({ query: RUN, variables: { id } }),
            }).then(
              (r) =>
                r.json() as Promise<{
                  data: { runEventSource: { outcome: string; created: number; unchanged: number } };
                }>,
            ),
          ),
        );
        const runs = answers.map((a) => a.data.runEventSource);
        expect(runs.map((r) => r.outcome)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
        expect(runs.map((r) => r.created).sort()).toEqual([0, 6]);
        expect(runs.map((r) => r.unchanged).sort()).toEqual([0, 6]);
        expect(await linkCount(id)).toBe(6);
      } finally {
        for (const child of processes) child.kill('SIGTERM');
        await Promise.all(
          processes.map((child) =>
            child.exitCode === null ? new Promise((resolve) => child.on('exit', resolve)) : undefined,
          ),
        );
      }
    },
    SPAWN_TIMEOUT_MS,
  );
});

describe('background imports through the job queue', () => {
  it('runs every due source once, retries a failing one with back-off and does not let it block the others', async () => {
    await server.db.query(`DELETE FROM event_source`);
    await themeWithEvents(server.db, 203, libraryId, '/hinten', 3);
    site.set('/nede/api/v1/events', { status: 503, type: 'text/plain', body: 'nede' });
    const failing = await addSource(`${site.origin}/nede`);
    const good = await addSource(`${site.origin}/hinten`);
    // Two workers at once (on PostgreSQL each with its own connections, as two processes have).
    const second = usesPostgres
      ? await openDatabase({ databaseUrl: server.config.databaseUrl, dataDir: server.config.dataDir, entities })
      : server.db;
    if (second !== server.db) configureEventImport(second, server.config.eventImport);
    try {
      const ran = await Promise.all([runDueImports(server.db, silent), runDueImports(second, silent)]);
      expect(ran[0] + ran[1]).toBe(2);
    } finally {
      if (second !== server.db) await closeDatabase(second);
    }
    const runs = await server.db.query(
      `SELECT source_id::text AS source, outcome, error FROM event_source_run ORDER BY started_at`,
    );
    expect(runs).toHaveLength(2);
    expect(runs.find((r: { source: string }) => r.source === failing)).toMatchObject({
      outcome: 'FAILED',
      error: expect.stringMatching(/HTTP 503/),
    });
    expect(runs.find((r: { source: string }) => r.source === good)).toMatchObject({ outcome: 'SUCCEEDED' });
    expect(await linkCount(good)).toBe(3);

    const jobs = async () =>
      Object.fromEntries(
        (
          await server.db.query(
            `SELECT source_id::text AS source, attempts, last_error, locked_until, round(extract(epoch FROM due_at - now()) / 60)::int AS due_in_minutes FROM event_source_job`,
          )
        ).map((j: { source: string }) => [j.source, j]),
      );
    let state = await jobs();
    expect(state[failing]).toMatchObject({
      attempts: 1,
      due_in_minutes: 1,
      locked_until: null,
      last_error: expect.stringMatching(/HTTP 503/),
    });
    expect(state[good]).toMatchObject({ attempts: 0, due_in_minutes: 60, locked_until: null, last_error: null });

    // Nothing is due now; once the failing source is due again its back-off doubles.
    expect(await runDueImports(server.db, silent)).toBe(0);
    await server.db.query(`UPDATE event_source_job SET due_at = now() WHERE source_id = $1`, [failing]);
    expect(await runDueImports(server.db, silent)).toBe(1);
    state = await jobs();
    expect(state[failing]).toMatchObject({ attempts: 2, due_in_minutes: 2 });

    // When the website answers again, the source recovers and is due an interval later.
    site.set('/nede/api/v1/events', { type: 'application/json', body: '[]' });
    await server.db.query(`UPDATE event_source_job SET due_at = now() WHERE source_id = $1`, [failing]);
    expect(await runDueImports(server.db, silent)).toBe(1);
    expect((await jobs())[failing]).toMatchObject({ attempts: 0, due_in_minutes: 60, last_error: null });
  });

  it('counts runs, events and durations in /metrics', async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toMatch(/temahub_import_runs_total\{outcome="FAILED"\} [1-9]/);
    expect(text).toMatch(/temahub_import_runs_total\{outcome="SUCCEEDED"\} [1-9]/);
    expect(text).toMatch(/temahub_import_events_total\{outcome="created"\} [1-9]/);
    expect(text).toMatch(/temahub_import_run_duration_seconds_count\{kind="DPL_CMS"\} [1-9]/);
  });
});

describe('a background import and the response cache', () => {
  it('starts a new cache generation when it changes activities: the next anonymous read sees the change', async () => {
    const cached = await startTestServer({
      env: { ...IMPORT_ENV, IMPORT_INTERVAL_MINUTES: '60', RESPONSE_CACHE: 'true' },
    });
    try {
      const library = await mainLibraryId(cached.db, 101);
      await themeWithEvents(cached.db, 204, library, '/cache', 1);
      const token = (await issueToken(cached.db, 'COORDINATOR')).token;
      await cached.ok(
        graphql(`
          mutation EventImportRunsAddEventSourceAgain($input: AddEventSourceInput!) {
            addEventSource(input: $input) {
              id
            }
          }
        `),
        { input: { libraryId: library, kind: 'DPL_CMS', url: `${site.origin}/cache`, publishImmediately: true } },
        { token },
      );
      expect(await runDueImports(cached.db, silent)).toBe(1);

      const query = '{ theme(slug: "samtidig-204") { activities(first: 5) { edges { node { title } } } } }';
      const read = async () => {
        const res = await fetch(cached.graphqlUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        });
        const body = (await res.json()) as {
          data: { theme: { activities: { edges: { node: { title: string } }[] } } };
        };
        return {
          xCache: res.headers.get('x-cache'),
          titles: body.data.theme.activities.edges.map((e) => e.node.title),
        };
      };
      expect(await read()).toEqual({ xCache: 'MISS', titles: ['Arrangement 0'] });
      expect(await read()).toEqual({ xCache: 'HIT', titles: ['Arrangement 0'] });

      // The website renames the event; the job is due; the worker's run updates the activity.
      const renamed = dplEvent({
        uuid: 'samtidig-204-0',
        title: 'Omdøbt arrangement',
        tags: ['samtidig-204'],
        date_time: { start: '2027-07-28T10:00:00+02:00', end: '2027-07-28T10:45:00+02:00' },
      });
      site.set('/cache/api/v1/events', () => ({ type: 'application/json', body: JSON.stringify([renamed]) }));
      await cached.db.query(`UPDATE event_source_job SET due_at = now()`);
      expect(await runDueImports(cached.db, silent)).toBe(1);
      expect(
        (await cached.db.query(`SELECT updated FROM event_source_run ORDER BY started_at DESC LIMIT 1`))[0],
      ).toEqual({ updated: 1 });

      expect(await read()).toEqual({ xCache: 'MISS', titles: ['Omdøbt arrangement'] });
    } finally {
      await cached.stop();
    }
  });
});

describe('npm run import -- --source <id>', () => {
  it(
    'runs one source from the command line on a stopped database and reports the run',
    async () => {
      const database = await createTestDatabase(inject('testTemplate'));
      try {
        const db = await openDatabase({ databaseUrl: database.databaseUrl, dataDir: database.dataDir, entities });
        const library = await mainLibraryId(db, 851);
        await themeWithEvents(db, 204, library, '/cli', 2);
        const [good] = await db.query(
          `INSERT INTO event_source (library_id, kind, url, publish_immediately) VALUES ($1, 'DPL_CMS', $2, true) RETURNING id`,
          [library, `${site.origin}/cli`],
        );
        const [bad] = await db.query(
          `INSERT INTO event_source (library_id, kind, url) VALUES ($1, 'DPL_CMS', 'http://10.0.0.1/') RETURNING id`,
          [library],
        );
        await closeDatabase(db);
        const cli = (id: string) =>
          new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
            const child = spawn(
              process.execPath,
              ['--import', '@swc-node/register/esm-register', 'server/src/cli/import.ts', '--source', id],
              {
                cwd: ROOT,
                env: {
                  ...process.env,
                  ...IMPORT_ENV,
                  DATA_DIR: database.dataDir,
                  DATABASE_URL: database.databaseUrl ?? '',
                  LOG_LEVEL: 'silent',
                },
                stdio: ['ignore', 'pipe', 'pipe'],
              },
            );
            let out = '';
            let err = '';
            child.stdout!.setEncoding('utf8').on('data', (c: string) => (out += c));
            child.stderr!.setEncoding('utf8').on('data', (c: string) => (err += c));
            child.on('exit', (code) => resolve({ code, out, err }));
          });
        // On PostgreSQL, running servers hear that the run changed activities (their response caches start afresh).
        const listener = database.databaseUrl ? new pg.Client({ connectionString: database.databaseUrl }) : undefined;
        const heard: string[] = [];
        if (listener) {
          listener.on('error', () => undefined);
          await listener.connect();
          listener.on('notification', (n) => heard.push(n.channel));
          await listener.query(`LISTEN ${CONTENT_CHANNEL}`);
        }
        const ok = await cli(good.id);
        expect(ok.code, ok.err).toBe(0);
        expect(ok.out).toMatch(/SUCCEEDED; created 2, updated 0, cancelled 0, unchanged 0, skipped 0/);
        if (listener) {
          for (let i = 0; i < 50 && heard.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
          expect(heard).toEqual([CONTENT_CHANNEL]);
          // A run that changed nothing announces nothing.
          const again = await cli(good.id);
          expect(again.out).toMatch(/SUCCEEDED; created 0, updated 0, cancelled 0, unchanged 2, skipped 0/);
          await new Promise((r) => setTimeout(r, 200));
          expect(heard).toEqual([CONTENT_CHANNEL]);
          await listener.end();
        }
        const failed = await cli(bad.id);
        expect(failed.code).toBe(1);
        expect(failed.out).toMatch(
          /FAILED.*\n.*error: Refused to fetch http:\/\/10\.0\.0\.1: .*private network address/,
        );
        const usage = await cli('nope');
        expect(usage.code).toBe(1);
        expect(usage.err).toMatch(/usage: npm run import -- --source <event source id>/);
        const reopened = await openDatabase({ databaseUrl: database.databaseUrl, dataDir: database.dataDir, entities });
        const [{ n }] = await reopened.query(`SELECT count(*)::int AS n FROM activity_source WHERE source_id = $1`, [
          good.id,
        ]);
        await closeDatabase(reopened);
        expect(n).toBe(2);
      } finally {
        await database.drop();
      }
    },
    SPAWN_TIMEOUT_MS,
  );
});

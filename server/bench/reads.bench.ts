import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import pino from 'pino';
import { closeDatabase, openDatabase } from '../src/db/data-source.js';
import { prepareDatabase } from '../src/db/prepare.js';
import { startServerProcess, type ServerProcess } from './server-process.js';

/**
 * Read-path benchmark, every part in its own process: Temahub as `npm start` runs it (T: response
 * cache off, so every request runs its SQL; T2: cache on, repeats are hits), a hand-written
 * node `http` + `pg` server on the same data for the theme page (C, hand-written-server.ts), and
 * wrk (Debian's `wrk`) as the load generator. Measured: the theme page (50 activities, and one
 * municipality's), the activity search with filters, a library page and the iCalendar feed, so
 * that "no other read gets slower" can be checked. For each case and concurrency it prints
 * requests/s, p50 and p99 latency and the server's CPU time per request (from /proc), then the
 * ratios T/C and T2/T; with BENCH_BASELINE=<results.json of an earlier run> also now/before.
 *
 * Needs PostgreSQL: BENCH_DATABASE_URL or DATABASE_URL names the server; a database
 * `temahub_bench` is created there with the project's migrations and seed plus BENCH_ACTIVITIES
 * (100 000) activities in one theme, and kept, so a second run skips the data generation.
 * Knobs: BENCH_DURATION (5 s per point), BENCH_WARMUP (2 s), BENCH_CONCURRENCY ("1 10"),
 * BENCH_PORT_T / _T2 / _C (5201–5203), BENCH_OUT (where results.json goes), BENCH_MAIN.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
/** BENCH_MAIN: another build's main.js, e.g. to measure the code before a change. */
const MAIN = process.env.BENCH_MAIN ?? path.resolve(here, '../src/main.js');
const HAND_WRITTEN_SERVER = path.resolve(here, 'hand-written-server.js');
const ACTIVITIES = Number(process.env.BENCH_ACTIVITIES ?? 100_000);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 5);
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 2);
const CONCURRENCIES = (process.env.BENCH_CONCURRENCY ?? '1 10')
  .split(/[\s,]+/)
  .filter(Boolean)
  .map(Number);
const PORTS = {
  T: Number(process.env.BENCH_PORT_T ?? 5201),
  T2: Number(process.env.BENCH_PORT_T2 ?? 5202),
  C: Number(process.env.BENCH_PORT_C ?? 5203),
};
const serverUrl =
  process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BENCH_DB = 'temahub_bench';
const BENCH_THEME = 'bench-tema';

function urlFor(database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

const THEME_PAGE = /* GraphQL */ `
  query ThemePage($slug: String!, $first: Int, $after: String, $filter: ActivityFilter) {
    theme(slug: $slug) {
      id
      number
      title
      startsOn
      endsOn
      status
      participantCount
      partners {
        role
        partner {
          name
          kind
        }
      }
      materials {
        title
        kind
      }
      activities(first: $first, after: $after, filter: $filter) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            title
            startsAt
            endsAt
            format
            channel
            audiences
            status
            venue {
              name
              city
              location {
                latitude
                longitude
              }
            }
            library {
              name
              municipality {
                code
                name
                region
              }
            }
            partners {
              name
              kind
            }
            materials {
              title
            }
          }
        }
      }
    }
  }
`;

async function ensureDatabase(): Promise<void> {
  const admin = new pg.Client({ connectionString: urlFor('postgres') });
  await admin.connect();
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [BENCH_DB]);
  if (!exists.rowCount) await admin.query(`CREATE DATABASE ${BENCH_DB}`);
  await admin.end();
}

/** Generates the bench theme's activities set-based, once. */
async function generate(client: pg.Client): Promise<void> {
  const { rows } = await client.query(
    `SELECT count(*)::int AS n FROM activity a JOIN theme t ON t.id = a.theme_id WHERE t.slug = $1`,
    [BENCH_THEME],
  );
  if (rows[0].n >= ACTIVITIES) return;
  process.stdout.write(`generating ${ACTIVITIES} activities …\n`);
  await client.query('BEGIN');
  await client.query(`DELETE FROM activity WHERE theme_id IN (SELECT id FROM theme WHERE slug = $1)`, [BENCH_THEME]);
  await client.query(`DELETE FROM registration WHERE theme_id IN (SELECT id FROM theme WHERE slug = $1)`, [
    BENCH_THEME,
  ]);
  await client.query(`DELETE FROM theme_partner WHERE theme_id IN (SELECT id FROM theme WHERE slug = $1)`, [
    BENCH_THEME,
  ]);
  await client.query(`DELETE FROM theme WHERE slug = $1`, [BENCH_THEME]);
  await client.query(
    `
    INSERT INTO theme (number, slug, title, summary, description, year, start_week, end_week, focus_areas, is_demo)
    VALUES (999, $1, 'Benchmark-tema', 'Til målinger', 'Genereret til benchmark.', 2020, 10, 30,
            ARRAY['PARTNERSHIPS','DIGITAL_OUTREACH'], true)`,
    [BENCH_THEME],
  );
  await client.query(
    `
    INSERT INTO theme_partner (theme_id, partner_id, role, position)
    SELECT t.id, p.id, 'partner', row_number() OVER (ORDER BY p.name)
      FROM theme t, (SELECT * FROM partner WHERE scope = 'NATIONAL' ORDER BY name LIMIT 5) p WHERE t.slug = $1`,
    [BENCH_THEME],
  );
  await client.query(
    `
    INSERT INTO registration (theme_id, library_id, contact_name, contact_email, is_demo)
    SELECT t.id, l.id, 'Bench', 'bench@example.dk', true FROM theme t, library l WHERE t.slug = $1`,
    [BENCH_THEME],
  );
  await client.query(
    `
    WITH libs AS (SELECT id, latitude, longitude, row_number() OVER (ORDER BY id) - 1 AS i FROM library),
         n AS (SELECT count(*) AS c FROM libs),
         t AS (SELECT id, starts_on FROM theme WHERE slug = $1)
    INSERT INTO activity (theme_id, library_id, title, description, audiences, format, channel, venue_name,
                          venue_city, latitude, longitude, starts_at, ends_at, status, cancellation_reason, published_at, is_demo)
    SELECT t.id, l.id,
           (ARRAY['Fuglene i skoven','Naturvandring','Svampetur','Havet omkring os','Insekternes verden','Træer og skove'])[1 + g % 6] || ' #' || g,
           'Genereret aktivitet nummer ' || g || ' om natur, fugle, træer og havet.',
           ARRAY[(ARRAY['CHILDREN','YOUTH','ADULTS','FAMILIES','SENIORS','SCHOOL_CLASSES','EVERYONE'])[1 + g % 7]],
           (ARRAY['TALK','READING','WALK','WORKSHOP','EXHIBITION','DEBATE','SCHOOL_PROGRAM','DIGITAL','OTHER'])[1 + g % 9],
           (ARRAY['LIBRARY','OUTDOORS','PARTNER_VENUE','WEB','SOCIAL_MEDIA'])[1 + g % 5],
           'Biblioteket', 'By', l.latitude, l.longitude,
           t.starts_on + ((g % 140) || ' days')::interval + ((8 + g % 12) || ' hours')::interval,
           t.starts_on + ((g % 140) || ' days')::interval + ((10 + g % 12) || ' hours')::interval,
           CASE WHEN g % 50 = 0 THEN 'DRAFT' WHEN g % 40 = 0 THEN 'CANCELLED' ELSE 'PUBLISHED' END,
           CASE WHEN g % 50 <> 0 AND g % 40 = 0 THEN 'Aflyst' END,
           now(), true
      FROM generate_series(1, $2::int) g, n, t, libs l
     WHERE l.i = g % n.c`,
    [BENCH_THEME, ACTIVITIES],
  );
  await client.query(
    `
    INSERT INTO activity_partner (activity_id, partner_id)
    SELECT a.id, p.id FROM activity a JOIN theme t ON t.id = a.theme_id AND t.slug = $1
      JOIN LATERAL (SELECT id FROM partner ORDER BY md5(a.id::text || id::text) LIMIT 1 + (abs(hashtext(a.id::text)) % 3)) p ON true`,
    [BENCH_THEME],
  );
  await client.query(
    `
    INSERT INTO activity_material (activity_id, material_id)
    SELECT a.id, m.id FROM activity a JOIN theme t ON t.id = a.theme_id AND t.slug = $1
      JOIN LATERAL (SELECT id FROM material ORDER BY md5(a.id::text || id::text) LIMIT 2) m ON true`,
    [BENCH_THEME],
  );
  await client.query('COMMIT');
  await client.query('VACUUM ANALYZE activity');
}

/** The activity search a partner site runs: several filters and full-text search. */
const ACTIVITY_SEARCH = /* GraphQL */ `
  query ActivitySearch($filter: ActivityFilter, $first: Int) {
    activities(filter: $filter, first: $first) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          title
          startsAt
          endsAt
          format
          channel
          audiences
          status
          venue {
            name
            city
          }
          library {
            name
          }
        }
      }
    }
  }
`;

/** A library's page: the library, its municipality, its sign-ups and its next activities. */
const LIBRARY_PAGE = /* GraphQL */ `
  query LibraryPage($id: ID!) {
    library(id: $id) {
      id
      name
      isil
      address
      postalCode
      city
      website
      isCentralLibrary
      municipality {
        code
        name
        region
      }
      location {
        latitude
        longitude
      }
      activities(first: 20) {
        totalCount
        edges {
          node {
            id
            title
            startsAt
            format
            channel
            status
            theme {
              title
            }
          }
        }
      }
    }
  }
`;

type System = 'T' | 'T2' | 'C';

interface Case {
  name: string;
  systems: System[];
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

interface Point {
  case: string;
  system: System;
  concurrency: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  cpuMsPerRequest: number;
}

interface Server extends ServerProcess {
  name: System;
}

async function startServer(name: System, args: string[], env: Record<string, string>, ready: RegExp): Promise<Server> {
  return (await startServerProcess(name, args, { ...process.env, ...env }, ready)) as Server;
}

/** User plus system CPU time of a process so far, in ms. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / CLOCK_TICKS;
}

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim() || 100);

const WRK_SCRIPT = `
local f = os.getenv("BENCH_BODY")
if f and f ~= "" then
  local h = assert(io.open(f, "rb")); wrk.body = h:read("*a"); h:close()
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRKJSON {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"errors":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.status + e.timeout))
end
`;

function wrk(
  url: string,
  concurrency: number,
  seconds: number,
  script: string,
  bodyFile: string | undefined,
  warmUp = false,
): { requests: number; durationUs: number; p50Us: number; p99Us: number } {
  const run = spawnSync(
    'wrk',
    [
      '-t',
      String(Math.min(2, concurrency)),
      '-c',
      String(concurrency),
      '-d',
      `${seconds}s`,
      '--timeout',
      '30s',
      '-s',
      script,
      url,
    ],
    {
      encoding: 'utf8',
      env: { ...process.env, BENCH_BODY: bodyFile ?? '' },
    },
  );
  if (run.error) throw new Error(`cannot run wrk (apt-get install -y wrk): ${run.error.message}`);
  const line = /WRKJSON (\{.*\})/.exec(run.stdout)?.[1];
  if (!line) throw new Error(`wrk gave no summary:\n${run.stdout}\n${run.stderr}`);
  const r = JSON.parse(line) as {
    requests: number;
    duration_us: number;
    p50_us: number;
    p99_us: number;
    errors: number;
  };
  if (r.requests === 0 && !warmUp) throw new Error(`${url}: no request finished in ${seconds} s`);
  if (r.errors > 0)
    throw new Error(`${url}: ${r.errors} failed requests (errors or non-2xx answers) out of ${r.requests}`);
  return { requests: r.requests, durationUs: r.duration_us, p50Us: r.p50_us, p99Us: r.p99_us };
}

/** One request on a connection of its own (no keep-alive socket that the server may have closed meanwhile). */
function fetchJson(url: string, c: Case): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: c.method, agent: false, headers: { 'content-type': 'application/json' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) reject(new Error(`${c.name}: HTTP ${res.statusCode} from ${url}: ${text}`));
          else resolve(c.method === 'GET' ? text : JSON.parse(text));
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(c.body);
  });
}

/** The parts of Temahub's theme page that checkContent compares. */
interface TemahubPage {
  errors?: unknown[];
  data: { theme: { activities: { totalCount: number; edges: { node: { id: string } }[] } } };
}

/** The same parts of the hand-written server's answer. */
interface HandWrittenPage {
  theme: { totalCount: number | string };
  activities: { id: string }[];
}

/** Before anything is measured: Temahub and the hand-written server give the same theme page. */
async function checkContent(c: Case): Promise<void> {
  const t = (await fetchJson(`http://127.0.0.1:${PORTS.T}${c.path}`, c)) as TemahubPage;
  if (t.errors) throw new Error(`${c.name}: GraphQL errors ${JSON.stringify(t.errors)}`);
  if (!c.systems.includes('C')) return;
  const h = (await fetchJson(`http://127.0.0.1:${PORTS.C}/`, c)) as HandWrittenPage;
  const connection = t.data.theme.activities;
  const ids = (xs: { id: string }[]) => xs.map((x) => x.id).join(',');
  if (
    connection.totalCount !== Number(h.theme.totalCount) ||
    ids(connection.edges.map((e) => e.node)) !== ids(h.activities)
  ) {
    throw new Error(
      `${c.name}: Temahub and the hand-written server disagree (totalCount ${connection.totalCount} vs ${h.theme.totalCount}, or the activities)`,
    );
  }
}

async function main(): Promise<void> {
  await ensureDatabase();
  const databaseUrl = urlFor(BENCH_DB);
  const log = pino({ level: 'warn' });
  const db = await openDatabase({ databaseUrl, dataDir: 'unused' });
  await prepareDatabase(db, { seedDemo: true }, log);
  await closeDatabase(db);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await generate(client);
  const [{ n }] = (await client.query(`SELECT count(*)::int AS n FROM activity`)).rows;
  // The library with the most activities, and a municipality of the bench theme.
  const [{ library }] = (
    await client.query(
      `SELECT library_id AS library FROM activity GROUP BY library_id ORDER BY count(*) DESC, library_id LIMIT 1`,
    )
  ).rows;
  await client.end();

  const temahubEnv = {
    DATABASE_URL: databaseUrl,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '0',
    DATABASE_POOL_SIZE: '10',
    HOST: '127.0.0.1',
  };
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'temahub-bench-'));
  const servers: Server[] = [];
  try {
    const ready = /Temahub is ready/;
    servers.push(
      await startServer('T', [MAIN], { ...temahubEnv, PORT: String(PORTS.T), RESPONSE_CACHE: 'false' }, ready),
    );
    servers.push(
      await startServer('T2', [MAIN], { ...temahubEnv, PORT: String(PORTS.T2), RESPONSE_CACHE: 'true' }, ready),
    );
    servers.push(
      await startServer('C', [HAND_WRITTEN_SERVER], { DATABASE_URL: databaseUrl, PORT: String(PORTS.C) }, /ready/),
    );

    const gql = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });
    const cases: Case[] = [
      {
        name: 'theme page, first 50',
        systems: ['T', 'T2', 'C'],
        method: 'POST',
        path: '/graphql',
        body: gql(THEME_PAGE, { slug: BENCH_THEME, first: 50 }),
      },
      {
        name: 'theme page, one municipality',
        systems: ['T', 'C'],
        method: 'POST',
        path: '/graphql',
        body: gql(THEME_PAGE, { slug: BENCH_THEME, first: 50, filter: { municipalityCode: 851 } }),
      },
      {
        name: 'activity search with filters',
        systems: ['T'],
        method: 'POST',
        path: '/graphql',
        body: gql(ACTIVITY_SEARCH, {
          first: 20,
          filter: {
            themeSlug: BENCH_THEME,
            region: 'NORDJYLLAND',
            formats: ['WALK', 'TALK', 'WORKSHOP'],
            audiences: ['FAMILIES', 'CHILDREN'],
            search: 'fugle',
          },
        }),
      },
      {
        name: 'library page',
        systems: ['T'],
        method: 'POST',
        path: '/graphql',
        body: gql(LIBRARY_PAGE, { id: library }),
      },
      { name: 'iCalendar feed, Tema 11', systems: ['T'], method: 'GET', path: '/feeds/themes/vores-natur.ics' },
    ];
    const script = path.join(tmp, 'bench.lua');
    writeFileSync(script, WRK_SCRIPT);
    const points: Point[] = [];
    for (const c of cases) {
      await checkContent(c);
      const bodyFile = c.body ? path.join(tmp, 'body.json') : undefined;
      if (bodyFile) writeFileSync(bodyFile, c.body!);
      for (const system of c.systems) {
        const server = servers.find((s) => s.name === system)!;
        const url = `http://127.0.0.1:${PORTS[system]}${system === 'C' ? '/' : c.path}`;
        for (const concurrency of CONCURRENCIES) {
          wrk(url, concurrency, WARMUP_S, script, bodyFile, true);
          const cpuBefore = cpuMs(server.child.pid!);
          const r = wrk(url, concurrency, DURATION_S, script, bodyFile);
          const cpu = cpuMs(server.child.pid!) - cpuBefore;
          const point = {
            case: c.name,
            system,
            concurrency,
            perSecond: r.requests / (r.durationUs / 1e6),
            p50Ms: r.p50Us / 1000,
            p99Ms: r.p99Us / 1000,
            cpuMsPerRequest: cpu / r.requests,
          };
          points.push(point);
          process.stderr.write(
            `${c.name.padEnd(30)} ${system.padEnd(3)} c=${String(concurrency).padEnd(3)} ${point.perSecond.toFixed(0)} req/s\n`,
          );
        }
      }
    }
    report(points, n);
  } finally {
    for (const server of servers) server.child.kill('SIGTERM');
    await Promise.all(servers.map((s) => s.exited));
    await rm(tmp, { recursive: true, force: true });
  }
}

function report(points: Point[], activities: number): void {
  const out = process.env.BENCH_OUT ?? path.join(os.tmpdir(), `temahub-bench-${Date.now()}.json`);
  writeFileSync(out, `${JSON.stringify({ activities, durationSeconds: DURATION_S, points }, null, 2)}\n`);
  const w = (s: string) => process.stdout.write(s);
  w(
    `\n${activities} activities; wrk, ${DURATION_S} s per point after ${WARMUP_S} s of warm-up. T: Temahub, cache off; T2: cache on; C: hand-written http + pg.\n\n`,
  );
  w(
    `${'case'.padEnd(30)} ${'sys'.padEnd(4)} ${'c'.padStart(3)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'CPU ms/req'.padStart(11)}\n`,
  );
  for (const p of points) {
    w(
      `${p.case.padEnd(30)} ${p.system.padEnd(4)} ${String(p.concurrency).padStart(3)} ${p.perSecond.toFixed(0).padStart(8)} ${p.p50Ms.toFixed(1).padStart(8)} ${p.p99Ms.toFixed(1).padStart(8)} ${p.cpuMsPerRequest.toFixed(2).padStart(11)}\n`,
    );
  }
  const find = (c: string, s: System, n: number) =>
    points.find((p) => p.case === c && p.system === s && p.concurrency === n);
  w('\nratios in req/s\n');
  for (const p of points.filter((x) => x.system === 'T')) {
    const c = find(p.case, 'C', p.concurrency);
    const t2 = find(p.case, 'T2', p.concurrency);
    if (c)
      w(`${p.case.padEnd(30)} c=${String(p.concurrency).padEnd(3)} T/C  ${(p.perSecond / c.perSecond).toFixed(2)}\n`);
    if (t2)
      w(`${p.case.padEnd(30)} c=${String(p.concurrency).padEnd(3)} T2/T ${(t2.perSecond / p.perSecond).toFixed(2)}\n`);
  }
  const baselineFile = process.env.BENCH_BASELINE;
  if (baselineFile) {
    const before = (JSON.parse(readFileSync(baselineFile, 'utf8')) as { points: Point[] }).points;
    w(`\nnow/before (${baselineFile}), req/s and CPU ms per request\n`);
    for (const p of points) {
      const b = before.find((x) => x.case === p.case && x.system === p.system && x.concurrency === p.concurrency);
      if (b)
        w(
          `${p.case.padEnd(30)} ${p.system.padEnd(4)} c=${String(p.concurrency).padEnd(3)} req/s ${(p.perSecond / b.perSecond).toFixed(2)}  CPU ${(p.cpuMsPerRequest / b.cpuMsPerRequest).toFixed(2)}\n`,
        );
    }
  }
  w(`\nresults: ${out}\n`);
}

main().catch((err) => {
  const cause = err instanceof Error && err.cause ? `\ncaused by: ${String(err.cause)}` : '';
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}${cause}\n`);
  process.exit(1);
});

import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import pino from 'pino';
import { loadConfig } from '../src/config.js';
import { createApp } from '../src/app/server.js';
import { entities } from '../src/app/schema.js';
import { CountingLogger } from '../src/app/statement-counter.js';
import { closeDatabase, openDatabase } from '../src/db/data-source.js';
import { prepareDatabase } from '../src/db/prepare.js';

/**
 * The theme page on 100 000 activities: Temahub over HTTP against one hand-written SQL
 * statement that builds the same JSON in PostgreSQL. Needs PostgreSQL: BENCH_DATABASE_URL or
 * DATABASE_URL names the server (a database `temahub_bench` is created there and kept, so a
 * second run skips the data generation). BENCH_ACTIVITIES and BENCH_ITERATIONS adjust the size.
 * Temahub runs with the response cache off (every request runs its SQL) and, as a third line, on.
 */
const ACTIVITIES = Number(process.env.BENCH_ACTIVITIES ?? 100_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
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
      id number title startsOn endsOn status participantCount
      partners { role partner { name kind } }
      materials { title kind }
      activities(first: $first, after: $after, filter: $filter) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { node {
          id title startsAt endsAt format channel audiences status
          venue { name city location { latitude longitude } }
          library { name municipality { code name region } }
          partners { name kind }
          materials { title }
        } }
      }
    }
  }
`;

/** The same page as one statement: what a hand-tuned endpoint would run. */
const HAND_WRITTEN = `
  WITH t AS (SELECT * FROM theme WHERE slug = $1),
  page AS (
    SELECT a.* FROM activity a, t
     WHERE a.theme_id = t.id AND a.status IN ('PUBLISHED', 'CANCELLED')
       AND ($3::int IS NULL OR EXISTS (SELECT 1 FROM library l WHERE l.id = a.library_id AND l.municipality_code = $3))
     ORDER BY a.starts_at, a.id LIMIT $2)
  SELECT json_build_object(
    'theme', (SELECT json_build_object('id', t.id, 'number', t.number, 'title', t.title,
       'participantCount', (SELECT count(*) FROM registration r WHERE r.theme_id = t.id AND r.status = 'REGISTERED'),
       'partners', (SELECT json_agg(json_build_object('role', tp.role, 'name', p.name, 'kind', p.kind) ORDER BY tp.position)
                      FROM theme_partner tp JOIN partner p ON p.id = tp.partner_id WHERE tp.theme_id = t.id),
       'materials', (SELECT json_agg(json_build_object('title', m.title, 'kind', m.kind) ORDER BY tm.position)
                      FROM theme_material tm JOIN material m ON m.id = tm.material_id WHERE tm.theme_id = t.id),
       'totalCount', (SELECT count(*) FROM activity a WHERE a.theme_id = t.id AND a.status IN ('PUBLISHED', 'CANCELLED')
                        AND ($3::int IS NULL OR EXISTS (SELECT 1 FROM library l WHERE l.id = a.library_id AND l.municipality_code = $3))))
       FROM t),
    'activities', (SELECT json_agg(json_build_object(
        'id', a.id, 'title', a.title, 'startsAt', a.starts_at, 'endsAt', a.ends_at, 'format', a.format,
        'channel', a.channel, 'audiences', a.audiences, 'status', a.status,
        'venue', json_build_object('name', a.venue_name, 'city', a.venue_city, 'latitude', a.latitude, 'longitude', a.longitude),
        'library', json_build_object('name', l.name, 'municipality', json_build_object('code', m.code, 'name', m.name, 'region', m.region_code)),
        'partners', (SELECT coalesce(json_agg(json_build_object('name', p.name, 'kind', p.kind)), '[]') FROM activity_partner ap JOIN partner p ON p.id = ap.partner_id WHERE ap.activity_id = a.id),
        'materials', (SELECT coalesce(json_agg(json_build_object('title', mt.title)), '[]') FROM activity_material am JOIN material mt ON mt.id = am.material_id WHERE am.activity_id = a.id)
      ) ORDER BY a.starts_at, a.id)
      FROM page a JOIN library l ON l.id = a.library_id JOIN municipality m ON m.code = l.municipality_code)
  ) AS page`;

async function ensureDatabase(): Promise<void> {
  const admin = new pg.Client({ connectionString: urlFor('postgres') });
  await admin.connect();
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [BENCH_DB]);
  if (!exists.rowCount) await admin.query(`CREATE DATABASE ${BENCH_DB}`);
  await admin.end();
}

/** Generates the bench theme's activities set-based, once. */
async function generate(client: pg.Client): Promise<void> {
  const { rows } = await client.query(`SELECT count(*)::int AS n FROM activity a JOIN theme t ON t.id = a.theme_id WHERE t.slug = $1`, [BENCH_THEME]);
  if (rows[0].n >= ACTIVITIES) return;
  process.stdout.write(`generating ${ACTIVITIES} activities …\n`);
  await client.query('BEGIN');
  await client.query(`DELETE FROM activity WHERE theme_id IN (SELECT id FROM theme WHERE slug = $1)`, [BENCH_THEME]);
  await client.query(`DELETE FROM registration WHERE theme_id IN (SELECT id FROM theme WHERE slug = $1)`, [BENCH_THEME]);
  await client.query(`DELETE FROM theme_partner WHERE theme_id IN (SELECT id FROM theme WHERE slug = $1)`, [BENCH_THEME]);
  await client.query(`DELETE FROM theme WHERE slug = $1`, [BENCH_THEME]);
  await client.query(`
    INSERT INTO theme (number, slug, title, summary, description, year, start_week, end_week, focus_areas, is_demo)
    VALUES (999, $1, 'Benchmark-tema', 'Til målinger', 'Genereret til benchmark.', 2020, 10, 30,
            ARRAY['PARTNERSHIPS','DIGITAL_OUTREACH'], true)`, [BENCH_THEME]);
  await client.query(`
    INSERT INTO theme_partner (theme_id, partner_id, role, position)
    SELECT t.id, p.id, 'partner', row_number() OVER (ORDER BY p.name)
      FROM theme t, (SELECT * FROM partner WHERE scope = 'NATIONAL' ORDER BY name LIMIT 5) p WHERE t.slug = $1`, [BENCH_THEME]);
  await client.query(`
    INSERT INTO registration (theme_id, library_id, contact_name, contact_email, is_demo)
    SELECT t.id, l.id, 'Bench', 'bench@example.dk', true FROM theme t, library l WHERE t.slug = $1`, [BENCH_THEME]);
  await client.query(`
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
     WHERE l.i = g % n.c`, [BENCH_THEME, ACTIVITIES]);
  await client.query(`
    INSERT INTO activity_partner (activity_id, partner_id)
    SELECT a.id, p.id FROM activity a JOIN theme t ON t.id = a.theme_id AND t.slug = $1
      JOIN LATERAL (SELECT id FROM partner ORDER BY md5(a.id::text || id::text) LIMIT 1 + (abs(hashtext(a.id::text)) % 3)) p ON true`, [BENCH_THEME]);
  await client.query(`
    INSERT INTO activity_material (activity_id, material_id)
    SELECT a.id, m.id FROM activity a JOIN theme t ON t.id = a.theme_id AND t.slug = $1
      JOIN LATERAL (SELECT id FROM material ORDER BY md5(a.id::text || id::text) LIMIT 2) m ON true`, [BENCH_THEME]);
  await client.query('COMMIT');
  await client.query('VACUUM ANALYZE activity');
}

interface Stats {
  label: string;
  n: number;
  mean: number;
  p50: number;
  p95: number;
  perSecond: number;
}

async function measure(label: string, work: () => Promise<void>): Promise<Stats> {
  for (let i = 0; i < 10; i++) await work();
  const times: number[] = [];
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < ITERATIONS) {
        next++;
        const t0 = performance.now();
        await work();
        times.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const pick = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { label, n: times.length, mean: times.reduce((a, b) => a + b, 0) / times.length, p50: pick(0.5), p95: pick(0.95), perSecond: times.length / elapsed };
}

async function main(): Promise<void> {
  await ensureDatabase();
  const log = pino({ level: 'warn' });
  const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'warn', DATABASE_URL: urlFor(BENCH_DB), RATE_LIMIT_PER_MINUTE: '0', RESPONSE_CACHE: 'false', DATABASE_POOL_SIZE: '10' });
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize, entities, logger: new CountingLogger(log) });
  await prepareDatabase(db, { seedDemo: true }, log);
  const client = new pg.Client({ connectionString: urlFor(BENCH_DB) });
  await client.connect();
  await generate(client);

  const app = await createApp(config, db, log);
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const graphqlUrl = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}/graphql`;
  // The same server with the response cache on (the default): repeated anonymous reads.
  const cachedApp = await createApp({ ...config, responseCache: true }, db, log);
  await new Promise<void>((resolve) => cachedApp.httpServer.listen(0, '127.0.0.1', resolve));
  const cachedUrl = `http://127.0.0.1:${(cachedApp.httpServer.address() as AddressInfo).port}/graphql`;

  const pool = new pg.Pool({ connectionString: urlFor(BENCH_DB), max: 10 });
  const cases: { name: string; variables: Record<string, unknown>; municipality: number | null }[] = [
    { name: 'theme page, first 50', variables: { slug: BENCH_THEME, first: 50 }, municipality: null },
    { name: 'theme page, one municipality', variables: { slug: BENCH_THEME, first: 50, filter: { municipalityCode: 851 } }, municipality: 851 },
  ];
  const results: Stats[] = [];
  for (const c of cases) {
    const body = JSON.stringify({ query: THEME_PAGE, variables: c.variables });
    const check = (await (await fetch(graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).json()) as {
      errors?: unknown[];
      data: { theme: { activities: { totalCount: number } } };
    };
    if (check.errors) throw new Error(`GraphQL errors: ${JSON.stringify(check.errors)}`);
    const sqlPage = (await pool.query(HAND_WRITTEN, [BENCH_THEME, 50, c.municipality])).rows[0].page;
    if (check.data.theme.activities.totalCount !== Number(sqlPage.theme.totalCount)) {
      throw new Error(`totals differ: API ${check.data.theme.activities.totalCount}, SQL ${sqlPage.theme.totalCount}`);
    }
    results.push(
      await measure(`Temahub HTTP   ${c.name}`, async () => {
        const res = await fetch(graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        await res.arrayBuffer();
      }),
    );
    results.push(
      await measure(`Temahub, cached ${c.name}`, async () => {
        const res = await fetch(cachedUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        await res.arrayBuffer();
      }),
    );
    results.push(
      await measure(`hand-written SQL ${c.name}`, async () => {
        await pool.query(HAND_WRITTEN, [BENCH_THEME, 50, c.municipality]);
      }),
    );
  }
  const [{ n }] = (await client.query(`SELECT count(*)::int AS n FROM activity`)).rows;
  process.stdout.write(`\n${n} activities in the database; ${ITERATIONS} requests per case, ${CONCURRENCY} at a time\n\n`);
  process.stdout.write(`${'case'.padEnd(48)} ${'mean ms'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'req/s'.padStart(8)}\n`);
  for (const r of results) {
    process.stdout.write(`${r.label.padEnd(48)} ${r.mean.toFixed(1).padStart(8)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.perSecond.toFixed(0).padStart(8)}\n`);
  }
  await pool.end();
  await client.end();
  await app.stop();
  await cachedApp.stop();
  await closeDatabase(db);
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});

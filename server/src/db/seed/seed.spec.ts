import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InitialSchema1764000000000 } from '../../../../migrations/1764000000000-initial-schema.js';
import { buildDemoDataset, seed, seedId, type SeedSummary } from './index.js';

/**
 * Runs on PostgreSQL: the server of DATABASE_URL, else the local one at 127.0.0.1:5432; only
 * when neither answers, on an in-memory embedded database (PGlite), so `npm test` works anywhere.
 */
function adminUrl(): string {
  if (!process.env.DATABASE_URL) return 'postgres://postgres@127.0.0.1:5432/postgres';
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = '/postgres';
  return url.toString();
}

const TABLES = [
  'region',
  'municipality',
  'library',
  'theme',
  'partner',
  'theme_partner',
  'material',
  'theme_material',
  'registration',
  'activity',
  'activity_partner',
  'activity_material',
  'notice',
] as const;
/** How each table's rows are identified when fingerprinting. */
const ROW_KEY: Record<(typeof TABLES)[number], string> = {
  region: 'code',
  municipality: 'code::text',
  library: 'id::text',
  theme: 'id::text',
  partner: 'id::text',
  theme_partner: "theme_id || ':' || partner_id",
  material: 'id::text',
  theme_material: "theme_id || ':' || material_id",
  registration: 'id::text',
  activity: 'id::text',
  activity_partner: "activity_id || ':' || partner_id",
  activity_material: "activity_id || ':' || material_id",
  notice: 'id::text',
};

interface TestDb {
  kind: 'postgres' | 'pglite';
  /** Answers `{ rows }`, as pg and PGlite both do. */
  client: { query(sql: string, params?: unknown[]): Promise<{ rows: any[] }> };
  /** Runs a script of several statements. */
  exec(sql: string): Promise<unknown>;
  drop(): Promise<void>;
}

async function openTestDb(): Promise<TestDb> {
  const admin = new pg.Client({ connectionString: adminUrl(), connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    if (process.env.DATABASE_URL) throw error;
    const lite = await PGlite.create();
    return { kind: 'pglite', client: lite, exec: (sql) => lite.exec(sql), drop: () => lite.close() };
  }
  const name = `temahub_seedspec_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return {
    kind: 'postgres',
    client,
    exec: (sql) => client.query(sql),
    drop: async () => {
      await client.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

let db: TestDb;
let client: TestDb['client'];

/** Count, md5 of the ordered ids, and md5 of the ordered whole rows, per table. */
async function fingerprint(): Promise<Record<string, { count: number; ids: string; rows: string }>> {
  const out: Record<string, { count: number; ids: string; rows: string }> = {};
  for (const table of TABLES) {
    const key = ROW_KEY[table];
    const { rows } = await client.query(
      `SELECT count(*)::int AS count,
              md5(coalesce(string_agg(${key}, ',' ORDER BY ${key}), '')) AS ids,
              md5(coalesce(string_agg(t::text, ',' ORDER BY ${key}), '')) AS rows
         FROM ${table} t`,
    );
    out[table] = rows[0];
  }
  return out;
}

async function one<T = Record<string, any>>(sql: string, params: unknown[] = []): Promise<T> {
  const { rows } = await client.query(sql, params);
  return rows[0] as T;
}

const TEMA_11 = seedId('theme', 11);
let firstRun: SeedSummary;
let secondRun: SeedSummary;
let firstPrint: Awaited<ReturnType<typeof fingerprint>>;
let secondPrint: Awaited<ReturnType<typeof fingerprint>>;
let seedMillis = 0;

beforeAll(async () => {
  db = await openTestDb();
  client = db.client;
  await new InitialSchema1764000000000().up({ query: (sql: string) => db.exec(sql) } as any);

  // First run the way TypeORM's DataSource.query answers (the rows array), in one transaction.
  await client.query('BEGIN');
  const started = performance.now();
  firstRun = await seed({ query: async (sql, params) => (await client.query(sql, params)).rows });
  seedMillis = performance.now() - started;
  await client.query('COMMIT');
  firstPrint = await fingerprint();
  // Second run with the driver's own client, which answers { rows }.
  secondRun = await seed(client);
  secondPrint = await fingerprint();
});

afterAll(async () => {
  await db?.drop();
});

describe(`seed`, () => {
  it('is idempotent: same rows, same ids, same values after a second run', () => {
    expect(seedMillis).toBeLessThan(15_000);
    expect(secondRun).toEqual(firstRun);
    expect(secondPrint).toEqual(firstPrint);
    for (const table of TABLES) expect(firstPrint[table]!.count, table).toBeGreaterThan(0);
  });

  it('writes every row of the data set (nothing skipped on an empty database)', () => {
    const data = buildDemoDataset();
    expect(firstRun).toMatchObject({
      regions: 5,
      municipalities: 98,
      libraries: data.libraries.length,
      themes: data.themes.length,
      partners: data.partners.length,
      themePartners: data.themePartners.length,
      materials: data.materials.length,
      themeMaterials: data.themeMaterials.length,
      registrations: data.registrations.length,
      activities: data.activities.length,
      activityPartners: data.activityPartners.length,
      activityMaterials: data.activityMaterials.length,
      notices: data.notices.length,
    });
    expect(firstPrint.activity!.count).toBe(data.activities.length);
  });

  it('builds the same data set every time', () => {
    expect(JSON.stringify(buildDemoDataset())).toBe(JSON.stringify(buildDemoDataset()));
  });

  it('loads the reference data', async () => {
    expect(firstPrint.region!.count).toBe(5);
    expect(firstPrint.municipality!.count).toBe(98);
    const { rows } = await client.query(
      `SELECT region_code, count(*)::int AS n FROM municipality GROUP BY region_code ORDER BY region_code`,
    );
    expect(rows).toEqual([
      { region_code: 'HOVEDSTADEN', n: 29 },
      { region_code: 'MIDTJYLLAND', n: 19 },
      { region_code: 'NORDJYLLAND', n: 11 },
      { region_code: 'SJAELLAND', n: 17 },
      { region_code: 'SYDDANMARK', n: 22 },
    ]);
    expect(await one(`SELECT name, region_code FROM municipality WHERE code = 851`)).toEqual({
      name: 'Aalborg',
      region_code: 'NORDJYLLAND',
    });
    expect(await one(`SELECT official_code FROM region WHERE code = 'SJAELLAND'`)).toEqual({ official_code: 1085 });
  });

  it('gives every municipality one main library with the right ISIL', async () => {
    const row = await one(`
      SELECT count(*)::int AS municipalities,
             count(*) FILTER (WHERE n = 1)::int AS with_one_main
        FROM (SELECT m.code, count(l.id) AS n FROM municipality m
                LEFT JOIN library l ON l.municipality_code = m.code
                 AND l.isil = 'DK-7' || lpad(m.code::text, 3, '0') || '00'
               GROUP BY m.code) s`);
    expect(row).toEqual({ municipalities: 98, with_one_main: 98 });
    expect(await one(`SELECT name FROM library WHERE isil = 'DK-775100'`)).toEqual({
      name: 'Aarhus Kommunes Biblioteker',
    });
    const branches = await one(`SELECT count(*)::int AS n FROM library WHERE isil !~ '00$'`);
    expect(branches.n).toBeGreaterThanOrEqual(10);
    const invalid = await one(`
      SELECT count(*)::int AS n FROM library
       WHERE substr(isil, 5, 3)::int <> municipality_code OR latitude IS NULL OR postal_code IS NULL
          OR website IS NULL OR email IS NULL OR NOT is_demo`);
    expect(invalid.n).toBe(0);
    // Roughly inside Denmark.
    const outside = await one(`SELECT count(*)::int AS n FROM library
      WHERE latitude NOT BETWEEN 54.5 AND 57.8 OR longitude NOT BETWEEN 8.0 AND 15.2`);
    expect(outside.n).toBe(0);
  });

  it('flags the six central libraries', async () => {
    const { rows } = await client.query(
      `SELECT municipality_code FROM library WHERE is_central_library ORDER BY municipality_code`,
    );
    expect(rows.map((r) => r.municipality_code)).toEqual([157, 265, 461, 630, 657, 851]);
    const { rows: isils } = await client.query(`SELECT isil FROM library WHERE is_central_library`);
    expect(isils.every((r) => r.isil.endsWith('00'))).toBe(true);
  });

  it('has Tema 11 "Vores natur" with its weeks, focus areas, image and sign-up window', async () => {
    const t = await one(`SELECT * FROM theme WHERE slug = 'vores-natur'`);
    expect(t).toMatchObject({
      id: TEMA_11,
      number: 11,
      title: 'Vores natur',
      year: 2020,
      start_week: 16,
      end_week: 20,
    });
    expect([...t.focus_areas].sort()).toEqual([
      'ACTIVITIES_CHILDREN_ADULTS',
      'DIGITAL_OUTREACH',
      'INSPIRATION_KNOWLEDGE_LITERATURE',
      'PARTNERSHIPS',
      'PUBLIC_DEBATE',
      'SCHOOLS_MUSEUMS_ARCHIVES',
    ]);
    expect(t.image_url).toMatch(/^https:\/\//);
    expect(t.image_alt).toMatch(/[æøå]/);
    expect(t.registration_opens_at.toISOString()).toBe('2020-01-06T08:00:00.000Z');
    expect(t.registration_closes_at.toISOString()).toBe('2020-03-31T22:00:00.000Z');
    expect(t.description.length).toBeGreaterThan(400);
  });

  it('has the history and two upcoming 2027 themes, one open for sign-up now', async () => {
    const { rows } = await client.query(`SELECT number, slug, year, start_week, end_week FROM theme ORDER BY number`);
    const byNumber = new Map(rows.map((r) => [r.number, r]));
    expect(byNumber.get(7)).toMatchObject({ year: 2018, start_week: 7, end_week: 10 });
    expect(byNumber.get(8)).toMatchObject({ year: 2018, start_week: 39, end_week: 42 });
    expect(byNumber.get(10)).toMatchObject({ slug: 'de-store-forfattere', year: 2019 });
    expect(byNumber.get(12)).toMatchObject({ year: 2020, start_week: 37, end_week: 42 });
    const upcoming = await client.query(`
      SELECT number, registration_opens_at <= '2026-11-25T12:00:00+01:00'
                 AND registration_closes_at > '2026-11-25T12:00:00+01:00' AS open_now
        FROM theme WHERE year = 2027 AND is_demo ORDER BY number`);
    expect(upcoming.rows.length).toBeGreaterThanOrEqual(2);
    expect(upcoming.rows.filter((r) => r.open_now)).toHaveLength(1);
  });

  it('has DR as media partner of Tema 11, and local partners of every kind', async () => {
    const dr = await one(
      `
      SELECT p.kind, p.scope, tp.role FROM theme_partner tp JOIN partner p ON p.id = tp.partner_id
       WHERE tp.theme_id = $1 AND p.name = 'DR'`,
      [TEMA_11],
    );
    expect(dr).toEqual({ kind: 'MEDIA', scope: 'NATIONAL', role: 'mediepartner' });
    const { rows } = await client.query(
      `SELECT p.name, p.kind FROM theme_partner tp
      JOIN partner p ON p.id = tp.partner_id WHERE tp.theme_id = $1`,
      [TEMA_11],
    );
    expect(rows.map((r) => r.kind)).toEqual(expect.arrayContaining(['MEDIA', 'ASSOCIATION', 'AUTHORITY', 'MUSEUM']));
    const local = await client.query(
      `SELECT DISTINCT kind FROM partner WHERE scope = 'LOCAL' AND is_demo ORDER BY kind`,
    );
    expect(local.rows.map((r) => r.kind)).toEqual([
      'ARCHIVE',
      'ASSOCIATION',
      'AUTHORITY',
      'BUSINESS',
      'MEDIA',
      'MUSEUM',
      'OTHER',
      'SCHOOL',
    ]);
    const municipalities = await one(
      `SELECT count(DISTINCT municipality_code)::int AS n FROM partner WHERE scope = 'LOCAL'`,
    );
    expect(municipalities.n).toBeGreaterThanOrEqual(5);
  });

  it('links materials of every kind to Tema 11, books without invented ISBNs', async () => {
    const { rows } = await client.query(
      `SELECT DISTINCT m.kind FROM theme_material tm
      JOIN material m ON m.id = tm.material_id WHERE tm.theme_id = $1 ORDER BY m.kind`,
      [TEMA_11],
    );
    expect(rows.map((r) => r.kind)).toEqual(['ARTICLE', 'BOOK', 'BOOK_LIST', 'CAMPAIGN_MATERIAL', 'PODCAST', 'VIDEO']);
    expect((await one(`SELECT count(*)::int AS n FROM material WHERE isbn IS NOT NULL`)).n).toBe(0);
    const positions = await one(
      `SELECT count(DISTINCT position)::int AS distinct, count(*)::int AS total,
      max(position) AS max FROM theme_material WHERE theme_id = $1`,
      [TEMA_11],
    );
    expect(positions.distinct).toBe(positions.total);
    expect(positions.max).toBe(positions.total - 1);
    expect((await one(`SELECT count(*)::int AS n FROM activity_material`)).n).toBeGreaterThan(0);
  });

  it('has 76 registered libraries for Tema 11 in all regions, some withdrawn, some municipalities missing', async () => {
    const r = await one(
      `
      SELECT count(*) FILTER (WHERE r.status = 'REGISTERED')::int AS registered,
             count(*) FILTER (WHERE r.status = 'WITHDRAWN' AND r.withdrawn_at IS NOT NULL)::int AS withdrawn,
             count(DISTINCT m.region_code) FILTER (WHERE r.status = 'REGISTERED')::int AS regions,
             count(DISTINCT m.code) FILTER (WHERE r.status = 'REGISTERED')::int AS municipalities,
             bool_and(r.is_demo) AS demo
        FROM registration r JOIN library l ON l.id = r.library_id JOIN municipality m ON m.code = l.municipality_code
       WHERE r.theme_id = $1`,
      [TEMA_11],
    );
    expect(r).toMatchObject({ registered: 76, regions: 5, demo: true });
    expect(r.withdrawn).toBeGreaterThanOrEqual(2);
    expect(r.municipalities).toBeLessThan(98);
    for (const n of [12, 25]) {
      const other = await one(`SELECT count(*)::int AS n FROM registration WHERE theme_id = $1`, [seedId('theme', n)]);
      expect(other.n, `Tema ${n}`).toBeGreaterThan(0);
    }
  });

  it('has at least 150 published Tema 11 activities covering the whole theme', async () => {
    const a = await one(
      `
      SELECT count(*)::int AS published,
             min(starts_at AT TIME ZONE 'Europe/Copenhagen')::text AS first,
             max(ends_at AT TIME ZONE 'Europe/Copenhagen')::text AS last,
             count(DISTINCT m.region_code)::int AS regions,
             count(DISTINCT extract(week FROM a.starts_at AT TIME ZONE 'Europe/Copenhagen'))::int AS weeks,
             count(DISTINCT a.format)::int AS formats,
             count(DISTINCT a.channel)::int AS channels,
             count(*) FILTER (WHERE a.published_at IS NOT NULL AND a.published_at < a.starts_at)::int AS with_published_at,
             count(*) FILTER (WHERE a.attendance IS NOT NULL)::int AS with_attendance,
             count(*) FILTER (WHERE a.capacity IS NOT NULL)::int AS with_capacity,
             count(*) FILTER (WHERE a.signup_url IS NOT NULL)::int AS with_signup,
             count(*) FILTER (WHERE a.price_dkk > 0)::int AS with_price,
             count(*) FILTER (WHERE cardinality(a.accessibility) > 0)::int AS with_accessibility,
             count(*) FILTER (WHERE a.venue_name IS NOT NULL)::int AS with_venue,
             count(*) FILTER (WHERE EXISTS (SELECT 1 FROM activity_partner ap WHERE ap.activity_id = a.id))::int AS with_partner,
             bool_and(a.is_demo) AS demo,
             bool_and(to_char(a.starts_at AT TIME ZONE 'Europe/Copenhagen', 'YYYY-MM-DD')
                      BETWEEN '2020-04-13' AND '2020-05-17'
                  AND to_char(a.ends_at AT TIME ZONE 'Europe/Copenhagen', 'YYYY-MM-DD')
                      BETWEEN '2020-04-13' AND '2020-05-17') AS inside
        FROM activity a JOIN library l ON l.id = a.library_id JOIN municipality m ON m.code = l.municipality_code
       WHERE a.theme_id = $1 AND a.status = 'PUBLISHED'`,
      [TEMA_11],
    );
    expect(a.published).toBeGreaterThanOrEqual(150);
    expect(a).toMatchObject({ regions: 5, weeks: 5, formats: 9, channels: 5, inside: true, demo: true });
    expect(a.first >= '2020-04-13').toBe(true);
    expect(a.last < '2020-05-18').toBe(true);
    expect(a.with_published_at).toBe(a.published);
    expect(a.with_attendance).toBeGreaterThan(a.published / 2);
    expect(a.with_partner).toBeGreaterThan(a.published / 3);
    expect(a.with_capacity).toBeGreaterThan(0);
    expect(a.with_signup).toBeGreaterThan(0);
    expect(a.with_accessibility).toBeGreaterThan(0);
    expect(a.with_price).toBeGreaterThan(0);
    expect(a.with_price).toBeLessThan(a.published / 5);
    expect(a.with_venue).toBeGreaterThan(a.published / 3);

    const { rows } = await client.query(
      `SELECT DISTINCT unnest(audiences) AS audience FROM activity
      WHERE theme_id = $1 AND status = 'PUBLISHED' ORDER BY 1`,
      [TEMA_11],
    );
    expect(rows.map((r) => r.audience)).toEqual([
      'ADULTS',
      'CHILDREN',
      'EVERYONE',
      'FAMILIES',
      'SCHOOL_CLASSES',
      'SENIORS',
      'YOUTH',
    ]);
    // CEST in the period: every stored instant carries the +02:00 wall clock.
    const offsets = await one(
      `SELECT count(*)::int AS n FROM activity WHERE theme_id = $1
      AND extract(minute FROM starts_at AT TIME ZONE 'Europe/Copenhagen') NOT IN (0, 30)`,
      [TEMA_11],
    );
    expect(offsets.n).toBe(0);
  });

  it('organises activities only at libraries registered for the theme', async () => {
    const orphan = await one(`SELECT count(*)::int AS n FROM activity a WHERE NOT EXISTS (
      SELECT 1 FROM registration r WHERE r.theme_id = a.theme_id AND r.library_id = a.library_id
         AND r.status = 'REGISTERED')`);
    expect(orphan.n).toBe(0);
    const idle = await one(
      `SELECT count(*)::int AS n FROM registration r WHERE r.theme_id = $1
      AND r.status = 'REGISTERED' AND NOT EXISTS (SELECT 1 FROM activity a WHERE a.library_id = r.library_id
      AND a.theme_id = r.theme_id AND a.status = 'PUBLISHED')`,
      [TEMA_11],
    );
    expect(idle.n).toBeGreaterThan(0);
  });

  it('has drafts and cancelled activities, cancellations with a reason', async () => {
    const s = await one(
      `SELECT count(*) FILTER (WHERE status = 'DRAFT')::int AS drafts,
        count(*) FILTER (WHERE status = 'DRAFT' AND published_at IS NULL)::int AS unpublished_drafts,
        count(*) FILTER (WHERE status = 'CANCELLED')::int AS cancelled,
        count(*) FILTER (WHERE status = 'CANCELLED' AND cancellation_reason LIKE '%covid-19%')::int AS covid
      FROM activity WHERE theme_id = $1`,
      [TEMA_11],
    );
    expect(s.drafts).toBeGreaterThanOrEqual(5);
    expect(s.unpublished_drafts).toBe(s.drafts);
    expect(s.cancelled).toBeGreaterThanOrEqual(3);
    expect(s.covid).toBeGreaterThan(0);
    const tema12 = await one(`SELECT count(*)::int AS n FROM activity WHERE theme_id = $1 AND status = 'PUBLISHED'`, [
      seedId('theme', 12),
    ]);
    expect(tema12.n).toBeGreaterThan(0);
  });

  it('makes Danish full-text search meaningful', async () => {
    const hits = async (words: string) =>
      (
        await one(
          `SELECT count(*)::int AS n FROM activity
      WHERE theme_id = $1 AND search_vector @@ plainto_tsquery('danish', $2)`,
          [TEMA_11, words],
        )
      ).n;
    expect(await hits('fugle')).toBeGreaterThan(0);
    expect(await hits('Fuglene i skoven')).toBeGreaterThan(0);
    for (const word of ['træer', 'svampe', 'havet', 'insekter']) expect(await hits(word), word).toBeGreaterThan(0);
    // Stemming: 'fugle' finds the titles that say 'Fuglene'.
    const stemmed = await one(
      `SELECT count(*)::int AS n FROM activity WHERE theme_id = $1
      AND title LIKE 'Fuglene i skoven%' AND search_vector @@ plainto_tsquery('danish', 'fugle')`,
      [TEMA_11],
    );
    expect(stemmed.n).toBeGreaterThan(0);
  });

  it('has the Facebook notice of 2020 and a notice valid today', async () => {
    const fb = await one(`SELECT * FROM notice WHERE title = 'Spørgsmål til temaet stilles i vores Facebook-gruppe'`);
    expect(fb.link).toMatch(/^https:\/\//);
    expect(fb.valid_from.toISOString().slice(0, 10)).toBe('2020-01-06');
    expect(fb.valid_until.toISOString().slice(0, 10)).toBe('2020-03-30');
    const active = await one(`SELECT count(*)::int AS n FROM notice WHERE valid_from <= '2026-11-25T12:00:00+01:00'
      AND (valid_until IS NULL OR valid_until > '2026-11-25T12:00:00+01:00')`);
    expect(active.n).toBeGreaterThanOrEqual(1);
  });

  it('loads only reference data with demo: false', async () => {
    const summary = await seed(client, { demo: false });
    expect(summary).toMatchObject({ regions: 5, municipalities: 98, libraries: 0, activities: 0, notices: 0 });
    expect(await fingerprint()).toEqual(firstPrint);
  });

  it('leaves rows created outside the seed alone and skips seed rows that would collide', async () => {
    const seededId = seedId('library', 'DK-781000');
    const data = buildDemoDataset();
    await client.query('BEGIN');
    try {
      // A library created through the API already holds a seeded ISIL: the seed skips its own
      // row and every row that depends on it, and leaves the other library alone.
      await client.query(`DELETE FROM activity WHERE library_id = $1`, [seededId]);
      await client.query(`DELETE FROM registration WHERE library_id = $1`, [seededId]);
      await client.query(`DELETE FROM library WHERE id = $1`, [seededId]);
      await client.query(
        `INSERT INTO library (name, municipality_code, isil) VALUES ('Brønderslev Bibliotek', 810, 'DK-781000')`,
      );
      const summary = await seed(client);
      expect(summary.libraries).toBe(data.libraries.length - 1);
      expect(summary.registrations).toBe(data.registrations.filter((r) => r.library_id !== seededId).length);
      expect(summary.activities).toBe(data.activities.filter((a) => a.library_id !== seededId).length);
      const lib = await one(`SELECT id <> $1 AS foreign_id, is_demo, address FROM library WHERE isil = 'DK-781000'`, [
        seededId,
      ]);
      expect(lib).toEqual({ foreign_id: true, is_demo: false, address: null });
    } finally {
      await client.query('ROLLBACK');
    }
  });
});

import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { DataSource } from 'typeorm';
import { closeDatabase, openDatabase } from '../src/db/data-source.js';
import { createTestDatabase, type TestDatabase } from './support/databases.js';

/**
 * Integrity lives in the database: every constraint of the migrations is proven here by an
 * insert or update that breaks it and fails with the expected SQLSTATE, on whichever database
 * the suite runs (PostgreSQL or the embedded one).
 */
let database: TestDatabase;
let db: DataSource;
let ids: {
  theme: string;
  library: string;
  otherLibrary: string;
  registeredLibrary: string;
  partner: string;
  material: string;
  activity: string;
};

beforeAll(async () => {
  database = await createTestDatabase(inject('testTemplate'));
  db = await openDatabase({ databaseUrl: database.databaseUrl, dataDir: database.dataDir });
  const [row] = await db.query(`
    SELECT (SELECT id FROM theme WHERE slug = 'vores-natur') AS theme,
           (SELECT id FROM library WHERE isil = 'DK-785100') AS library,
           (SELECT id FROM library l WHERE NOT EXISTS (
              SELECT 1 FROM registration r WHERE r.library_id = l.id AND r.theme_id = (SELECT id FROM theme WHERE slug = 'vores-natur'))
            ORDER BY isil LIMIT 1) AS "otherLibrary",
           (SELECT library_id FROM registration WHERE theme_id = (SELECT id FROM theme WHERE slug = 'vores-natur') LIMIT 1) AS "registeredLibrary",
           (SELECT id FROM partner ORDER BY name LIMIT 1) AS partner,
           (SELECT id FROM material ORDER BY title LIMIT 1) AS material,
           (SELECT id FROM activity ORDER BY id LIMIT 1) AS activity`);
  ids = row;
});
afterAll(async () => {
  await closeDatabase(db);
  await database.drop();
});

type Row = Record<string, unknown>;

const base = {
  library: (): Row => ({ name: 'Testbibliotek', municipality_code: 851 }),
  theme: (): Row => ({
    number: 900,
    slug: 'test-tema',
    title: 'Test',
    summary: 's',
    description: 'd',
    year: 2027,
    start_week: 10,
    end_week: 12,
  }),
  partner: (): Row => ({ name: 'Testpartner', kind: 'MUSEUM', scope: 'NATIONAL' }),
  material: (): Row => ({ kind: 'BOOK', title: 'En testbog' }),
  activity: (): Row => ({
    theme_id: ids.theme,
    library_id: ids.library,
    title: 'Fugletur',
    description: 'Vi går en tur',
    audiences: ['ADULTS'],
    format: 'WALK',
    channel: 'OUTDOORS',
    starts_at: '2020-04-14T08:00:00Z',
    ends_at: '2020-04-14T10:00:00Z',
  }),
  registration: (): Row => ({
    theme_id: ids.theme,
    library_id: ids.otherLibrary,
    contact_name: 'Mette',
    contact_email: 'mette@example.dk',
  }),
  notice: (): Row => ({ title: 'Besked', body: 'Tekst', valid_from: '2026-01-01T00:00:00Z' }),
  api_token: (): Row => ({ name: 'token', role: 'COORDINATOR', token_hash: 'a'.repeat(64) }),
};

/** Inserts one row inside a transaction that is always rolled back; returns the SQLSTATE or 'ok'. */
async function attempt(table: string, row: Row): Promise<string> {
  const columns = Object.keys(row);
  const values = Object.values(row);
  const text = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`;
  return run(text, values);
}

async function run(text: string, values: unknown[] = []): Promise<string> {
  const runner = db.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  try {
    await runner.query(text, values);
    return 'ok';
  } catch (e) {
    return String(
      (e as { code?: string }).code ?? (e as { driverError?: { code?: string } }).driverError?.code ?? 'unknown',
    );
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
}

const CHECK = '23514';
const UNIQUE = '23505';
const FOREIGN_KEY = '23503';
const NOT_NULL = '23502';

describe('valid base rows are accepted (so each failure below is the one broken rule)', () => {
  it.each(Object.keys(base))('%s', async (table) => {
    expect(await attempt(table, base[table as keyof typeof base]())).toBe('ok');
  });
});

const cases: [string, string, () => Row, string][] = [
  // table, rule, row, expected SQLSTATE
  [
    'municipality',
    'code is a three-digit official code',
    () => ({ code: 42, name: 'X', region_code: 'NORDJYLLAND' }),
    CHECK,
  ],
  ['municipality', 'region exists', () => ({ code: 999, name: 'X', region_code: 'ATLANTIS' }), FOREIGN_KEY],
  ['municipality', 'name is unique', () => ({ code: 998, name: 'Aalborg', region_code: 'NORDJYLLAND' }), UNIQUE],
  ['library', 'municipality exists', () => ({ ...base.library(), municipality_code: 998 }), FOREIGN_KEY],
  ['library', 'name is not blank', () => ({ ...base.library(), name: '   ' }), CHECK],
  ['library', 'ISIL is unique', () => ({ ...base.library(), isil: 'DK-785100' }), UNIQUE],
  ['library', 'ISIL has the DK-7xxxxx form', () => ({ ...base.library(), isil: 'DK-85100' }), CHECK],
  ['library', 'postal code has four digits', () => ({ ...base.library(), postal_code: '90000' }), CHECK],
  ['library', 'latitude is within ±90', () => ({ ...base.library(), latitude: 91, longitude: 10 }), CHECK],
  ['library', 'longitude is within ±180', () => ({ ...base.library(), latitude: 57, longitude: 181 }), CHECK],
  ['library', 'latitude and longitude come together', () => ({ ...base.library(), latitude: 57 }), CHECK],
  ['theme', 'number is unique', () => ({ ...base.theme(), number: 11 }), UNIQUE],
  ['theme', 'slug is unique', () => ({ ...base.theme(), slug: 'vores-natur' }), UNIQUE],
  ['theme', 'slug is lower-case words with hyphens', () => ({ ...base.theme(), slug: 'Vores Natur' }), CHECK],
  ['theme', 'start week is at least 1', () => ({ ...base.theme(), start_week: 0 }), CHECK],
  ['theme', 'end week is at most 53', () => ({ ...base.theme(), end_week: 54 }), CHECK],
  ['theme', 'end week is not before start week', () => ({ ...base.theme(), start_week: 12, end_week: 10 }), CHECK],
  [
    'theme',
    'week 53 only in years that have it (2027 has 52)',
    () => ({ ...base.theme(), start_week: 50, end_week: 53 }),
    CHECK,
  ],
  [
    'theme',
    'sign-up closes after it opens',
    () => ({
      ...base.theme(),
      registration_opens_at: '2027-01-10T00:00:00Z',
      registration_closes_at: '2027-01-01T00:00:00Z',
    }),
    CHECK,
  ],
  ['theme', 'an image has alternative text', () => ({ ...base.theme(), image_url: 'https://example.dk/a.jpg' }), CHECK],
  ['theme', 'focus areas are known', () => ({ ...base.theme(), focus_areas: ['GARDENING'] }), CHECK],
  ['partner', 'kind is known', () => ({ ...base.partner(), kind: 'CHURCH' }), CHECK],
  ['partner', 'scope is known', () => ({ ...base.partner(), scope: 'GLOBAL' }), CHECK],
  ['partner', 'a local partner has a municipality', () => ({ ...base.partner(), scope: 'LOCAL' }), CHECK],
  [
    'partner',
    'municipality exists',
    () => ({ ...base.partner(), scope: 'LOCAL', municipality_code: 998 }),
    FOREIGN_KEY,
  ],
  ['partner', 'name is unique per municipality', () => ({ ...base.partner(), name: 'DR', kind: 'MEDIA' }), UNIQUE],
  ['material', 'kind is known', () => ({ ...base.material(), kind: 'VINYL' }), CHECK],
  ['material', 'ISBN has 10 or 13 digits', () => ({ ...base.material(), isbn: '12345' }), CHECK],
  ['material', 'audiences are known', () => ({ ...base.material(), audiences: ['ROBOTS'] }), CHECK],
  [
    'activity',
    'theme exists',
    () => ({ ...base.activity(), theme_id: '00000000-0000-4000-8000-000000000000' }),
    FOREIGN_KEY,
  ],
  [
    'activity',
    'library exists',
    () => ({ ...base.activity(), library_id: '00000000-0000-4000-8000-000000000000' }),
    FOREIGN_KEY,
  ],
  ['activity', 'ends after it starts', () => ({ ...base.activity(), ends_at: '2020-04-14T08:00:00Z' }), CHECK],
  ['activity', 'has at least one audience', () => ({ ...base.activity(), audiences: [] }), CHECK],
  ['activity', 'audiences are known', () => ({ ...base.activity(), audiences: ['ADULTS', 'ALIENS'] }), CHECK],
  ['activity', 'format is known', () => ({ ...base.activity(), format: 'PARTY' }), CHECK],
  ['activity', 'channel is known', () => ({ ...base.activity(), channel: 'TV' }), CHECK],
  ['activity', 'accessibility features are known', () => ({ ...base.activity(), accessibility: ['ESCALATOR'] }), CHECK],
  ['activity', 'capacity is positive', () => ({ ...base.activity(), capacity: 0 }), CHECK],
  ['activity', 'price is not negative', () => ({ ...base.activity(), price_dkk: -1 }), CHECK],
  ['activity', 'attendance is not negative', () => ({ ...base.activity(), attendance: -1 }), CHECK],
  [
    'activity',
    'latitude is within ±90',
    () => ({ ...base.activity(), venue_name: 'Skoven', latitude: -91, longitude: 10 }),
    CHECK,
  ],
  [
    'activity',
    'longitude is within ±180',
    () => ({ ...base.activity(), venue_name: 'Skoven', latitude: 56, longitude: 200 }),
    CHECK,
  ],
  ['activity', 'a position needs a venue', () => ({ ...base.activity(), latitude: 56, longitude: 10 }), CHECK],
  ['activity', 'status is known', () => ({ ...base.activity(), status: 'ARCHIVED' }), CHECK],
  ['activity', 'a cancelled activity has a reason', () => ({ ...base.activity(), status: 'CANCELLED' }), CHECK],
  ['activity', 'version starts at 1', () => ({ ...base.activity(), version: 0 }), CHECK],
  ['activity', 'title is required', () => ({ ...base.activity(), title: null }), NOT_NULL],
  [
    'registration',
    'one per library and theme',
    () => ({ ...base.registration(), library_id: ids.registeredLibrary }),
    UNIQUE,
  ],
  ['registration', 'status is known', () => ({ ...base.registration(), status: 'MAYBE' }), CHECK],
  [
    'registration',
    'contact e-mail looks like one',
    () => ({ ...base.registration(), contact_email: 'mette at example' }),
    CHECK,
  ],
  [
    'registration',
    'library exists',
    () => ({ ...base.registration(), library_id: '00000000-0000-4000-8000-000000000000' }),
    FOREIGN_KEY,
  ],
  ['notice', 'ends after it starts', () => ({ ...base.notice(), valid_until: '2025-12-31T00:00:00Z' }), CHECK],
  ['api_token', 'role is known', () => ({ ...base.api_token(), role: 'ROOT' }), CHECK],
  ['api_token', 'library staff tokens name a library', () => ({ ...base.api_token(), role: 'LIBRARY_STAFF' }), CHECK],
  [
    'api_token',
    'only library staff tokens name a library',
    () => ({ ...base.api_token(), library_id: ids.library }),
    CHECK,
  ],
  ['api_token', 'only a SHA-256 hash is stored', () => ({ ...base.api_token(), token_hash: 'th_plaintext' }), CHECK],
];

describe('each constraint rejects a violating row', () => {
  it.each(cases)('%s: %s', async (table, _rule, row, code) => {
    expect(await attempt(table, row())).toBe(code);
  });

  it('theme partner, activity partner and activity material links need existing rows and are unique', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expect(await attempt('theme_partner', { theme_id: ids.theme, partner_id: missing, role: 'x' })).toBe(FOREIGN_KEY);
    expect(await attempt('activity_partner', { activity_id: ids.activity, partner_id: missing })).toBe(FOREIGN_KEY);
    expect(await attempt('activity_material', { activity_id: ids.activity, material_id: missing })).toBe(FOREIGN_KEY);
    expect(
      await run(
        `INSERT INTO theme_partner (theme_id, partner_id, role) SELECT theme_id, partner_id, role FROM theme_partner LIMIT 1`,
      ),
    ).toBe(UNIQUE);
    expect(await attempt('theme_partner', { theme_id: ids.theme, partner_id: ids.partner, role: ' ' })).toBe(CHECK);
  });

  it('a library with activities cannot be deleted', async () => {
    expect(await run(`DELETE FROM library WHERE id = (SELECT library_id FROM activity LIMIT 1)`)).toBe(FOREIGN_KEY);
  });
});

describe('migrations', () => {
  it('are recorded and leave nothing pending', async () => {
    const applied = await db.query(`SELECT name FROM migrations ORDER BY id`);
    expect(applied.map((r: { name: string }) => r.name)).toContain('InitialSchema1764000000000');
    expect(await db.showMigrations()).toBe(false);
  });

  it('index every ActivityFilter field, including Danish full text', async () => {
    const indexes: { indexdef: string }[] = await db.query(
      `SELECT indexdef FROM pg_indexes WHERE tablename = 'activity'`,
    );
    const defs = indexes.map((i) => i.indexdef).join('\n');
    for (const column of [
      'theme_id',
      'library_id',
      'starts_at',
      'ends_at',
      'status',
      'format',
      'channel',
      'audiences',
      'search_vector',
      'latitude',
    ]) {
      expect(defs).toContain(column);
    }
    expect(defs).toMatch(/gin \(search_vector\)/);
    const [{ config }] = await db.query(`SELECT to_tsvector('danish', 'Fuglene i skoven')::text AS config`);
    expect(config).toBe(`'fugl':1 'skov':3`);
  });
});

import type { DataSource } from 'typeorm';
import type { CreateActivityInput } from '../__generated__/graphql.js';
import { issueToken } from './tokens.js';

/** Test data for the write API, made with direct SQL so that each test starts from a known state. */

export const THEME_11_SLUG = 'vores-natur';

export async function themeId(db: DataSource, number: number): Promise<string> {
  const [row] = (await db.query(`SELECT id FROM theme WHERE number = $1`, [number])) as { id: string }[];
  if (!row) throw new Error(`no theme ${number}`);
  return row.id;
}

/** Libraries signed up (REGISTERED) for a theme, by ISIL. */
export async function registeredLibraries(db: DataSource, theme: string, count: number): Promise<string[]> {
  const rows = (await db.query(
    `SELECT r.library_id FROM registration r JOIN library l ON l.id = r.library_id
      WHERE r.theme_id = $1 AND r.status = 'REGISTERED' ORDER BY l.isil LIMIT $2`,
    [theme, count],
  )) as { library_id: string }[];
  return rows.map((r) => r.library_id);
}

/** A library that is not signed up for the theme. */
export async function unregisteredLibrary(db: DataSource, theme: string, offset = 0): Promise<string> {
  const [row] = (await db.query(
    `SELECT id FROM library l WHERE NOT EXISTS (SELECT 1 FROM registration r WHERE r.theme_id = $1 AND r.library_id = l.id)
      ORDER BY isil NULLS LAST, id OFFSET $2 LIMIT 1`,
    [theme, offset],
  )) as { id: string }[];
  return row!.id;
}

/** A published theme next year whose sign-up is open now (for staff sign-up tests). */
export async function createOpenTheme(
  db: DataSource,
  number: number,
): Promise<{ id: string; startsOn: string; endsOn: string }> {
  const year = new Date().getUTCFullYear() + 1;
  const [row] = (await db.query(
    `INSERT INTO theme (number, slug, title, summary, description, year, start_week, end_week, registration_opens_at, registration_closes_at, focus_areas)
     VALUES ($1, $2, $3, 'Test', 'Test', $4, 10, 12, now() - interval '1 day', now() + interval '30 days', '{PARTNERSHIPS}')
     RETURNING id, starts_on::text AS "startsOn", ends_on::text AS "endsOn"`,
    [number, `test-tema-${number}`, `Testtema ${number} – æøå`, year],
  )) as { id: string; startsOn: string; endsOn: string }[];
  return row!;
}

export async function register(db: DataSource, theme: string, library: string): Promise<void> {
  await db.query(
    `INSERT INTO registration (theme_id, library_id, contact_name, contact_email) VALUES ($1, $2, 'Test Kontakt', 'kontakt@bibliotek.example')
     ON CONFLICT (theme_id, library_id) DO UPDATE SET status = 'REGISTERED', withdrawn_at = NULL`,
    [theme, library],
  );
}

export interface ActivityFixture {
  id: string;
  version: number;
}

/** An activity of Tema 11 (spring 2020, so it has started), with the given status. */
export async function insertActivity(
  db: DataSource,
  theme: string,
  library: string,
  options: {
    status?: 'DRAFT' | 'PUBLISHED' | 'CANCELLED';
    attendance?: number | null;
    startsAt?: string;
    endsAt?: string;
  } = {},
): Promise<ActivityFixture> {
  const status = options.status ?? 'PUBLISHED';
  const [row] = (await db.query(
    `INSERT INTO activity (theme_id, library_id, title, description, audiences, format, channel, starts_at, ends_at, status,
                           published_at, cancellation_reason, attendance)
     VALUES ($1, $2, 'Testaktivitet i skoven', 'Vi går en tur.', '{ADULTS}', 'WALK', 'OUTDOORS', $3, $4, $5,
             CASE WHEN $5 <> 'DRAFT' THEN now() END, CASE WHEN $5 = 'CANCELLED' THEN 'Aflyst' END, $6)
     RETURNING id, version`,
    [
      theme,
      library,
      options.startsAt ?? '2020-04-21T10:00:00+02:00',
      options.endsAt ?? '2020-04-21T12:00:00+02:00',
      status,
      options.attendance ?? null,
    ],
  )) as ActivityFixture[];
  return row!;
}

export type Caller = 'anonymous' | 'partner' | 'ownStaff' | 'otherStaff' | 'coordinator';
export const CALLERS: Caller[] = ['anonymous', 'partner', 'ownStaff', 'otherStaff', 'coordinator'];

/** One token per kind of caller; "own" and "other" are two libraries signed up for the theme. */
export async function callerTokens(
  db: DataSource,
  ownLibrary: string,
  otherLibrary: string,
): Promise<Record<Caller, string | undefined>> {
  return {
    anonymous: undefined,
    partner: (await issueToken(db, 'PARTNER', { name: 'DR' })).token,
    ownStaff: (await issueToken(db, 'LIBRARY_STAFF', { libraryId: ownLibrary, name: 'own library' })).token,
    otherStaff: (await issueToken(db, 'LIBRARY_STAFF', { libraryId: otherLibrary, name: 'other library' })).token,
    coordinator: (await issueToken(db, 'COORDINATOR', { name: 'koordinator' })).token,
  };
}

/** A valid createActivity input for Tema 11. */
export function activityInput(
  theme: string,
  library: string,
  overrides: Partial<CreateActivityInput> = {},
): CreateActivityInput {
  return {
    themeId: theme,
    libraryId: library,
    title: 'Fuglenes forår – morgentur ved søen',
    description: 'Vi lytter efter forårets trækfugle sammen med en lokal ornitolog. Kikkerter kan lånes.',
    audiences: ['ADULTS', 'FAMILIES'],
    format: 'WALK',
    channel: 'OUTDOORS',
    venue: {
      name: 'P-pladsen ved søen',
      address: 'Søvej 1',
      postalCode: '8000',
      city: 'Aarhus C',
      latitude: 56.15,
      longitude: 10.2,
    },
    accessibility: ['STEP_FREE_ACCESS'],
    image: { url: 'https://bibliotek.example/fugle.jpg', alt: 'En solsort synger i et birketræ', credit: 'Foto: Test' },
    startsAt: '2020-04-22T07:00:00+02:00',
    endsAt: '2020-04-22T09:00:00+02:00',
    capacity: 25,
    signupUrl: 'https://bibliotek.example/tilmeld',
    priceDkk: 0,
    ...overrides,
  };
}

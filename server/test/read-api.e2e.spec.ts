import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './__generated__/index.js';
import type {
  ActivityFilter,
  LibrariesPageQuery,
  LibraryActivitiesInThreesQuery,
  LibraryFilter,
  RelevancePageQuery,
  WalkQuery,
} from './__generated__/graphql.js';
import { startTestServer, type TestServer } from './support/server.js';
import { issueToken, mainLibraryId } from './support/tokens.js';

/**
 * The partner read API against counts computed independently: every activity row is read once
 * with plain SQL and each filter is re-implemented in JS over those rows.
 */

let server: TestServer;

interface Row {
  id: string;
  themeId: string;
  slug: string;
  themePublished: boolean;
  libraryId: string;
  municipalityCode: number;
  region: string;
  audiences: string[];
  format: string;
  channel: string;
  startsAt: number;
  endsAt: number;
  latitude: number | null;
  longitude: number | null;
  status: string;
  partnerIds: string[];
  title: string;
  description: string;
  attendance: number | null;
}

let rows: Row[] = [];
let tema11: { id: string };

async function loadRows(): Promise<Row[]> {
  const raw = (await server.db.query(`
    SELECT a.id, a.theme_id, t.slug, t.is_published, a.library_id, l.municipality_code, m.region_code,
           a.audiences, a.format, a.channel, a.starts_at, a.ends_at, a.latitude, a.longitude, a.status,
           a.title, a.description, a.attendance,
           coalesce((SELECT array_agg(ap.partner_id::text) FROM activity_partner ap WHERE ap.activity_id = a.id), '{}') AS partner_ids
      FROM activity a JOIN theme t ON t.id = a.theme_id JOIN library l ON l.id = a.library_id
      JOIN municipality m ON m.code = l.municipality_code`)) as {
    id: string;
    theme_id: string;
    slug: string;
    is_published: boolean;
    library_id: string;
    municipality_code: number;
    region_code: string;
    audiences: string[];
    format: string;
    channel: string;
    starts_at: string | Date;
    ends_at: string | Date;
    latitude: number | null;
    longitude: number | null;
    status: string;
    title: string;
    description: string;
    attendance: number | null;
    partner_ids: string[];
  }[];
  return raw.map((r) => ({
    id: r.id,
    themeId: r.theme_id,
    slug: r.slug,
    themePublished: r.is_published,
    libraryId: r.library_id,
    municipalityCode: r.municipality_code,
    region: r.region_code,
    audiences: r.audiences,
    format: r.format,
    channel: r.channel,
    startsAt: new Date(r.starts_at).getTime(),
    endsAt: new Date(r.ends_at).getTime(),
    latitude: r.latitude,
    longitude: r.longitude,
    status: r.status,
    partnerIds: r.partner_ids,
    title: r.title,
    description: r.description,
    attendance: r.attendance,
  }));
}

const byStart = (a: Row, b: Row) => a.startsAt - b.startsAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const publicRows = () => rows.filter((r) => r.themePublished && r.status !== 'DRAFT');

function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** The ActivityFilter re-implemented in JS over the rows. */
function matches(r: Row, f: ActivityFilter): boolean {
  if (f.themeId && r.themeId !== f.themeId) return false;
  if (f.themeSlug && r.slug !== f.themeSlug) return false;
  if (f.libraryId && r.libraryId !== f.libraryId) return false;
  if (f.municipalityCode && r.municipalityCode !== f.municipalityCode) return false;
  if (f.region && r.region !== f.region) return false;
  if (f.audiences && !r.audiences.some((a) => f.audiences!.includes(a as never))) return false;
  if (f.formats && !f.formats.includes(r.format as never)) return false;
  if (f.channels && !f.channels.includes(r.channel as never)) return false;
  if (f.partnerId && !r.partnerIds.includes(String(f.partnerId))) return false;
  if (f.from && r.endsAt < Date.parse(f.from as string)) return false;
  if (f.to && r.startsAt >= Date.parse(f.to as string)) return false;
  if (f.statuses && !f.statuses.includes(r.status as never)) return false;
  if (f.near) {
    if (r.latitude === null || r.longitude === null) return false;
    if (haversineKm(f.near.latitude, f.near.longitude, r.latitude, r.longitude) > f.near.radiusKm) return false;
  }
  return true;
}

const WALK = graphql(`
  query Walk($filter: ActivityFilter, $first: Int, $after: String) {
    activities(filter: $filter, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          startsAt
          status
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** Every page of `activities(filter)`, checking totalCount on each page. */
async function walk(
  filter: ActivityFilter | null,
  options: { first?: number; token?: string } = {},
): Promise<{ ids: string[]; totalCount: number }> {
  const ids: string[] = [];
  let after: string | null = null;
  let totalCount = -1;
  for (let pages = 0; pages < 200; pages++) {
    const data: WalkQuery = await server.ok(
      WALK,
      { filter, first: options.first ?? 100, after },
      { token: options.token },
    );
    const conn = data.activities;
    if (totalCount === -1) totalCount = conn.totalCount;
    expect(conn.totalCount).toBe(totalCount);
    ids.push(...conn.edges.map((e) => e.node.id));
    if (!conn.pageInfo.hasNextPage) return { ids, totalCount };
    expect(conn.pageInfo.endCursor).toBe(conn.edges[conn.edges.length - 1]!.cursor);
    after = conn.pageInfo.endCursor;
  }
  throw new Error('too many pages');
}

function expectedIds(filter: ActivityFilter, visible: Row[] = publicRows()): string[] {
  return visible
    .filter((r) => matches(r, filter))
    .sort(byStart)
    .map((r) => r.id);
}

beforeAll(async () => {
  server = await startTestServer();
  rows = await loadRows();
  [tema11] = (await server.db.query(`SELECT id FROM theme WHERE slug = 'vores-natur'`)) as { id: string }[];
});
afterAll(async () => {
  await server?.stop();
});

describe('the demo data this file relies on', () => {
  it('has Tema 11 with many published, some cancelled and some draft activities', () => {
    const t11 = rows.filter((r) => r.themeId === tema11!.id);
    expect(t11.filter((r) => r.status === 'PUBLISHED').length).toBeGreaterThan(150);
    expect(t11.some((r) => r.status === 'CANCELLED')).toBe(true);
    expect(t11.some((r) => r.status === 'DRAFT')).toBe(true);
  });
});

describe('pagination', () => {
  it('walks all of Tema 11 in pages of 7: every visible activity exactly once, by start time then id', async () => {
    const { ids, totalCount } = await walk({ themeSlug: 'vores-natur' }, { first: 7 });
    const expected = expectedIds({ themeSlug: 'vores-natur' });
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expected);
    expect(totalCount).toBe(expected.length);
  });

  it('pages through Theme.activities and Library.activities the same way', async () => {
    const aalborg = await mainLibraryId(server.db, 851);
    const collected: string[] = [];
    let after: string | null = null;
    for (;;) {
      const data: LibraryActivitiesInThreesQuery = await server.ok(
        graphql(`
          query LibraryActivitiesInThrees($after: String, $id: ID!) {
            library(id: $id) {
              activities(first: 3, after: $after) {
                totalCount
                edges {
                  node {
                    id
                  }
                }
                pageInfo {
                  hasNextPage
                  endCursor
                }
              }
            }
          }
        `),
        { after, id: aalborg },
      );
      const conn = data.library!.activities;
      collected.push(...conn.edges.map((e) => e.node.id));
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(collected).toEqual(expectedIds({ libraryId: aalborg }));
    expect(collected.length).toBeGreaterThan(0);

    const theme = await server.ok(
      graphql(`
        query ThemeActivitiesFirstFive {
          theme(slug: "vores-natur") {
            activities(first: 5) {
              totalCount
              edges {
                node {
                  id
                }
              }
            }
          }
        }
      `),
    );
    expect(theme.theme!.activities.edges.map((e) => e.node.id)).toEqual(
      expectedIds({ themeSlug: 'vores-natur' }).slice(0, 5),
    );
    expect(theme.theme!.activities.totalCount).toBe(expectedIds({ themeSlug: 'vores-natur' }).length);
  });

  it('answers aliased connections with different arguments on the same parent each with its own page and count', async () => {
    const aalborg = await mainLibraryId(server.db, 851);
    const data = await server.ok(
      graphql(`
        query AliasedActivityConnections($lib: ID!) {
          theme(slug: "vores-natur") {
            all: activities(first: 3) {
              totalCount
              edges {
                node {
                  id
                }
              }
            }
            seniors: activities(first: 3, filter: { audiences: [SENIORS] }) {
              totalCount
              edges {
                node {
                  id
                }
              }
            }
            next: activities(first: 2, after: null, filter: { formats: [WALK] }) {
              totalCount
              edges {
                node {
                  id
                }
              }
            }
          }
          library(id: $lib) {
            all: activities(first: 4) {
              totalCount
              edges {
                node {
                  id
                }
              }
            }
            walks: activities(first: 4, filter: { formats: [WALK] }) {
              totalCount
              edges {
                node {
                  id
                }
              }
            }
          }
        }
      `),
      { lib: aalborg },
    );
    type Connection = { totalCount: number; edges: { node: { id: string } }[] };
    const check = (conn: Connection, filter: ActivityFilter, first: number) => {
      const ids = expectedIds(filter);
      expect(conn.edges.map((e) => e.node.id)).toEqual(ids.slice(0, first));
      expect(conn.totalCount).toBe(ids.length);
    };
    const { theme, library } = { theme: data.theme!, library: data.library! };
    check(theme.all, { themeSlug: 'vores-natur' }, 3);
    check(theme.seniors, { themeSlug: 'vores-natur', audiences: ['SENIORS'] }, 3);
    check(theme.next, { themeSlug: 'vores-natur', formats: ['WALK'] }, 2);
    check(library.all, { libraryId: aalborg }, 4);
    check(library.walks, { libraryId: aalborg, formats: ['WALK'] }, 4);
    expect(theme.all.totalCount).not.toBe(theme.seniors.totalCount);
  });

  it('defaults to 20, accepts 100, rejects 101 and negative sizes, and rejects foreign or malformed cursors', async () => {
    const d = await server.ok(
      graphql(`
        query DefaultActivityPage {
          activities {
            edges {
              node {
                id
              }
            }
          }
        }
      `),
    );
    expect(d.activities.edges).toHaveLength(20);
    const big = await server.ok(
      graphql(`
        query LargestActivityPage {
          activities(first: 100) {
            edges {
              node {
                id
              }
            }
          }
        }
      `),
    );
    expect(big.activities.edges).toHaveLength(100);
    for (const first of [101, -1]) {
      const res = await server.gql(`query($first: Int) { activities(first: $first) { totalCount } }`, { first });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    }
    const libraries = await server.ok(
      graphql(`
        query FirstLibraryCursor {
          libraries(first: 1) {
            pageInfo {
              endCursor
            }
          }
        }
      `),
    );
    const foreign = libraries.libraries.pageInfo.endCursor;
    for (const after of [
      'bm90LWEtY3Vyc29y',
      'not a cursor!',
      foreign,
      Buffer.from('c1:["2020-04-14T10:00:00.000000Z","x"]').toString('base64url'),
    ]) {
      const res = await server.gql(`query($after: String) { activities(after: $after) { totalCount } }`, { after });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
      expect(res.errors?.[0]?.message).toMatch(/cursor/);
    }
  });
});

describe('filters', () => {
  let aalborg: string;
  let partnerId: string;
  let partnerFormat: string;

  beforeAll(async () => {
    aalborg = await mainLibraryId(server.db, 851);
    // The partner that co-organises most visible activities, and the format it is most used with.
    const counts = new Map<string, number>();
    for (const r of publicRows()) for (const p of r.partnerIds) counts.set(p, (counts.get(p) ?? 0) + 1);
    partnerId = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    partnerFormat = publicRows().find((r) => r.partnerIds.includes(partnerId))!.format;
  });

  const cases: [string, () => ActivityFilter][] = [
    ['themeId', () => ({ themeId: tema11.id })],
    ['themeSlug', () => ({ themeSlug: 'vores-natur' })],
    ['libraryId', () => ({ libraryId: aalborg })],
    ['municipalityCode', () => ({ municipalityCode: 851 })],
    ['region', () => ({ region: 'NORDJYLLAND' })],
    ['audiences (any of)', () => ({ audiences: ['CHILDREN', 'FAMILIES'] })],
    ['formats', () => ({ formats: ['WALK', 'TALK'] })],
    ['channels', () => ({ channels: ['WEB', 'SOCIAL_MEDIA'] })],
    ['partnerId', () => ({ partnerId })],
    ['from (ends at or after)', () => ({ from: '2020-05-01T00:00:00+02:00' })],
    ['to (starts before)', () => ({ to: '2020-04-20T00:00:00+02:00' })],
    ['statuses', () => ({ statuses: ['CANCELLED'] })],
    ['near', () => ({ near: { latitude: 57.048, longitude: 9.919, radiusKm: 60 } })],
    ['theme + region + audiences', () => ({ themeSlug: 'vores-natur', region: 'HOVEDSTADEN', audiences: ['ADULTS'] })],
    [
      'municipality + channels + time window',
      () => ({
        municipalityCode: 751,
        channels: ['LIBRARY', 'OUTDOORS'],
        from: '2020-04-15T00:00:00Z',
        to: '2020-05-10T00:00:00Z',
      }),
    ],
    ['partner + format + theme', () => ({ partnerId, formats: [partnerFormat], themeId: tema11.id })],
    [
      'near + audiences + statuses',
      () => ({
        near: { latitude: 55.676, longitude: 12.568, radiusKm: 25 },
        audiences: ['CHILDREN'],
        statuses: ['PUBLISHED'],
      }),
    ],
    [
      'region + formats + to',
      () => ({ region: 'MIDTJYLLAND', formats: ['WORKSHOP', 'READING', 'SCHOOL_PROGRAM'], to: '2020-05-01T00:00:00Z' }),
    ],
  ];

  for (const [name, filterOf] of cases) {
    it(`${name}: the same activities as computed from the table`, async () => {
      const filter = filterOf();
      const expected = expectedIds(filter);
      const { ids, totalCount } = await walk(filter);
      expect(ids).toEqual(expected);
      expect(totalCount).toBe(expected.length);
      // Every case, combined ones too, must match something, or it could pass vacuously.
      expect(expected.length).toBeGreaterThan(0);
    });
  }

  it('empty lists mean no restriction', async () => {
    const { ids, totalCount } = await walk({ audiences: [], formats: [], channels: [], statuses: [] });
    expect(totalCount).toBe(publicRows().length);
    expect(ids).toEqual(expectedIds({}));
  });

  it('finds "Fuglene i skoven" when searching "fugl" (Danish stemming), and only relevant activities', async () => {
    const { ids } = await walk({ search: 'fugl' });
    const titles = rows.filter((r) => ids.includes(r.id)).map((r) => r.title);
    expect(titles.some((t) => t.startsWith('Fuglene i skoven'))).toBe(true);
    for (const r of rows.filter((row) => ids.includes(row.id))) {
      expect(`${r.title} ${r.description}`.toLowerCase()).toContain('fugl');
      expect(r.status).not.toBe('DRAFT');
    }
    const plural = await server.ok(
      graphql(`
        query PluralSearch {
          activities(filter: { search: "fuglene" }) {
            totalCount
          }
        }
      `),
    );
    expect(plural.activities.totalCount).toBe(ids.length);
    const combined = await walk({ search: 'fugl', region: 'NORDJYLLAND' });
    expect(combined.ids).toEqual(ids.filter((id) => rows.find((r) => r.id === id)!.region === 'NORDJYLLAND'));
  });

  it('orders search results by relevance on request, page by page, with the same results as by start time', async () => {
    const query = graphql(`
      query RelevancePage($f: ActivityFilter, $after: String) {
        activities(filter: $f, first: 4, after: $after, orderBy: RELEVANCE) {
          totalCount
          edges {
            node {
              id
              title
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    `);
    const walked: { id: string; title: string }[] = [];
    let after: string | null = null;
    for (;;) {
      const data: RelevancePageQuery = await server.ok(query, { f: { search: 'fugl' }, after });
      walked.push(...data.activities.edges.map((e) => e.node));
      if (!data.activities.pageInfo.hasNextPage) break;
      after = data.activities.pageInfo.endCursor;
    }
    const byTime = await walk({ search: 'fugl' });
    expect(walked.map((n) => n.id).sort()).toEqual([...byTime.ids].sort());
    expect(new Set(walked.map((n) => n.id)).size).toBe(walked.length);
    // The title weighs more than the description: the best match has the word in its title, and
    // on average title matches come first.
    const inTitle = walked.map((n) => /fugl/i.test(n.title));
    expect(inTitle[0]).toBe(true);
    const meanPosition = (flag: boolean) => {
      const positions = inTitle.flatMap((t, i) => (t === flag ? [i] : []));
      return positions.reduce((a, b) => a + b, 0) / positions.length;
    };
    expect(meanPosition(true)).toBeLessThan(meanPosition(false));
    const ranks = (await server.db.query(
      `SELECT a.id, ts_rank(a.search_vector, websearch_to_tsquery('danish', 'fugl')) AS r, a.starts_at FROM activity a WHERE a.id = ANY($1::uuid[])`,
      [walked.map((n) => n.id)],
    )) as { id: string; r: number; starts_at: Date }[];
    const rankOf = new Map(ranks.map((r) => [r.id, Number(r.r)]));
    for (let i = 1; i < walked.length; i++)
      expect(rankOf.get(walked[i]!.id)!).toBeLessThanOrEqual(rankOf.get(walked[i - 1]!.id)! + 1e-6);

    const noSearch = await server.gql(`{ activities(orderBy: RELEVANCE) { totalCount } }`);
    expect(noSearch.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'orderBy' });
    const timeCursor = await server.ok(
      graphql(`
        query FirstActivityCursor {
          activities(first: 1) {
            pageInfo {
              endCursor
            }
          }
        }
      `),
    );
    const mixed = await server.gql(query, { f: { search: 'fugl' }, after: timeCursor.activities.pageInfo.endCursor });
    expect(mixed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('never fails on odd search input: quotes, %, backslashes, SQL, æøå, operators, very long strings', async () => {
    const before = (await server.db.query(`SELECT count(*)::int AS n FROM activity`)) as { n: number }[];
    const inputs = [
      'æøå',
      'Ærø og Øresund',
      '"skov',
      "'; DROP TABLE activity; --",
      '100%',
      '%',
      '_',
      '\\',
      'back\\slash',
      'a & b | !c',
      ':*',
      '<->',
      '(((',
      '"" -',
      'or',
      '-',
      '   ',
      '\u0000null\u0007',
      '🦉 ugle',
      'x'.repeat(200),
    ];
    for (const search of inputs) {
      const res = await server.gql(
        `query($f: ActivityFilter) { activities(filter: $f) { totalCount edges { node { id } } } }`,
        { f: { search } },
      );
      expect(res.errors, `search ${JSON.stringify(search.slice(0, 30))}`).toBeUndefined();
    }
    for (const search of ['x'.repeat(201), 'æ'.repeat(10_000), "' OR 1=1 --".repeat(1000)]) {
      const res = await server.gql(`query($f: ActivityFilter) { activities(filter: $f) { totalCount } }`, {
        f: { search },
      });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.search' });
      expect(res.errors?.[0]?.message).toMatch(/200 characters/);
    }
    const after = (await server.db.query(`SELECT count(*)::int AS n FROM activity`)) as { n: number }[];
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('includes an activity 5 km away at radius 10 and excludes it at radius 2', async () => {
    const target = publicRows().find((r) => r.latitude !== null)!;
    // 5 km due north: one degree of latitude is 111.195 km on the mean sphere.
    const centre = { latitude: target.latitude! + 5 / 111.195, longitude: target.longitude! };
    expect(haversineKm(centre.latitude, centre.longitude, target.latitude!, target.longitude!)).toBeCloseTo(5, 2);
    const wide = await walk({ near: { ...centre, radiusKm: 10 } });
    expect(wide.ids).toContain(target.id);
    expect(wide.ids).toEqual(expectedIds({ near: { ...centre, radiusKm: 10 } }));
    const narrow = await walk({ near: { ...centre, radiusKm: 2 } });
    expect(narrow.ids).not.toContain(target.id);
    expect(narrow.ids).toEqual(expectedIds({ near: { ...centre, radiusKm: 2 } }));
  });

  it('rejects malformed ids and out-of-range positions with BAD_USER_INPUT naming the field', async () => {
    const bad: [ActivityFilter, string][] = [
      [{ themeId: 'tema-11' }, 'filter.themeId'],
      [{ libraryId: "1' OR '1'='1" }, 'filter.libraryId'],
      [{ partnerId: '' }, 'filter.partnerId'],
      [{ near: { latitude: 91, longitude: 10, radiusKm: 5 } }, 'filter.near.latitude'],
      [{ near: { latitude: 56, longitude: -181, radiusKm: 5 } }, 'filter.near.longitude'],
      [{ near: { latitude: 56, longitude: 10, radiusKm: 0 } }, 'filter.near.radiusKm'],
      [{ near: { latitude: 56, longitude: 10, radiusKm: 501 } }, 'filter.near.radiusKm'],
    ];
    for (const [filter, field] of bad) {
      const res = await server.gql(`query($f: ActivityFilter) { activities(filter: $f) { totalCount } }`, {
        f: filter,
      });
      expect(res.errors?.[0]?.extensions, JSON.stringify(filter)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const res = await server.gql(`{ activity(id: "abc") { id } }`);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const unknown = await server.ok(
      graphql(`
        query UnknownActivity {
          activity(id: "00000000-0000-4000-8000-000000000000") {
            id
          }
        }
      `),
    );
    expect(unknown.activity).toBeNull();
    const wrongDate = await server.gql(`query($f: ActivityFilter) { activities(filter: $f) { totalCount } }`, {
      f: { from: 'yesterday' },
    });
    expect(wrongDate.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(wrongDate.errors?.[0]?.message).toMatch(/RFC 3339/);
  });
});

describe('visibility', () => {
  let draft: Row;
  let hiddenThemeActivity: string;

  beforeAll(async () => {
    draft = rows.find((r) => r.status === 'DRAFT' && r.themeId === tema11.id)!;
    // An unpublished theme with a published activity: invisible to everyone but coordinators.
    const [theme] = (await server.db.query(
      `INSERT INTO theme (number, slug, title, summary, description, year, start_week, end_week, is_published)
       VALUES (99, 'hemmeligt-tema', 'Hemmeligt tema', 'Ikke offentligt endnu.', 'Under forberedelse.', 2030, 10, 12, false) RETURNING id`,
    )) as { id: string }[];
    const [activity] = (await server.db.query(
      `INSERT INTO activity (theme_id, library_id, title, description, audiences, format, channel, starts_at, ends_at, status)
       VALUES ($1, $2, 'Hemmelig tur', 'Endnu ikke offentlig.', '{ADULTS}', 'WALK', 'OUTDOORS', '2030-03-05T10:00:00Z', '2030-03-05T12:00:00Z', 'PUBLISHED')
       RETURNING id`,
      [theme!.id, draft.libraryId],
    )) as { id: string }[];
    hiddenThemeActivity = activity!.id;
  });

  const DETAIL = graphql(`
    query ActivityVisibility($id: ID!) {
      activity(id: $id) {
        id
        status
        attendance
        library {
          id
        }
      }
    }
  `);

  it('hides drafts and unpublished themes from anonymous callers and partner tokens everywhere', async () => {
    const partner = await issueToken(server.db, 'PARTNER');
    for (const token of [undefined, partner.token]) {
      for (const id of [draft.id, hiddenThemeActivity]) {
        const res = await server.ok(DETAIL, { id }, { token });
        expect(res.activity).toBeNull();
      }
      const drafts = await server.ok(
        graphql(`
          query DraftActivities {
            activities(filter: { statuses: [DRAFT] }) {
              totalCount
              edges {
                node {
                  id
                }
              }
            }
          }
        `),
        {},
        { token },
      );
      expect(drafts.activities).toEqual({ totalCount: 0, edges: [] });
      const lib = await server.ok(
        graphql(`
          query LibraryActivitiesVisible($id: ID!) {
            library(id: $id) {
              activities(first: 100) {
                totalCount
                edges {
                  node {
                    id
                    status
                  }
                }
              }
            }
          }
        `),
        { id: draft.libraryId },
        { token },
      );
      const libIds = lib.library!.activities.edges.map((e) => e.node.id);
      expect(libIds).not.toContain(draft.id);
      expect(libIds).not.toContain(hiddenThemeActivity);
      expect(lib.library!.activities.totalCount).toBe(expectedIds({ libraryId: draft.libraryId }).length);
      const all = await walk(null, { token });
      expect(all.totalCount).toBe(publicRows().length);
      expect(all.ids).not.toContain(hiddenThemeActivity);
    }
  });

  it("shows library staff their own library's drafts only, and coordinators everything", async () => {
    const own = await issueToken(server.db, 'LIBRARY_STAFF', { libraryId: draft.libraryId });
    const otherLibrary = rows.find((r) => r.libraryId !== draft.libraryId && r.status === 'DRAFT')!;
    const other = await issueToken(server.db, 'LIBRARY_STAFF', { libraryId: otherLibrary.libraryId });
    const coordinator = await issueToken(server.db, 'COORDINATOR');

    expect((await server.ok(DETAIL, { id: draft.id }, { token: own.token })).activity).toMatchObject({
      id: draft.id,
      status: 'DRAFT',
    });
    expect((await server.ok(DETAIL, { id: draft.id }, { token: other.token })).activity).toBeNull();
    expect((await server.ok(DETAIL, { id: draft.id }, { token: coordinator.token })).activity).toMatchObject({
      id: draft.id,
    });
    expect((await server.ok(DETAIL, { id: hiddenThemeActivity }, { token: coordinator.token })).activity).toMatchObject(
      { id: hiddenThemeActivity },
    );
    expect((await server.ok(DETAIL, { id: hiddenThemeActivity }, { token: own.token })).activity).toBeNull();

    const staffVisible = rows.filter(
      (r) => r.themePublished && (r.status !== 'DRAFT' || r.libraryId === draft.libraryId),
    );
    const staffDrafts = await walk({ statuses: ['DRAFT'] }, { token: own.token });
    expect(staffDrafts.ids).toEqual(expectedIds({ statuses: ['DRAFT'] }, staffVisible));
    expect(staffDrafts.ids.length).toBeGreaterThan(0);
    const coordinatorAll = await walk({ themeId: tema11.id }, { token: coordinator.token });
    expect(coordinatorAll.ids).toEqual(expectedIds({ themeId: tema11.id }, rows));
  });

  it("shows attendance to the organising library's staff and coordinators only", async () => {
    const reported = rows.find((r) => r.attendance !== null && r.status === 'PUBLISHED')!;
    expect(reported).toBeDefined();
    const own = await issueToken(server.db, 'LIBRARY_STAFF', { libraryId: reported.libraryId });
    const otherLibraryId = rows.find((r) => r.libraryId !== reported.libraryId)!.libraryId;
    const other = await issueToken(server.db, 'LIBRARY_STAFF', { libraryId: otherLibraryId });
    const partner = await issueToken(server.db, 'PARTNER');
    const coordinator = await issueToken(server.db, 'COORDINATOR');
    const seen = async (token?: string) =>
      (await server.ok(DETAIL, { id: reported.id }, { token })).activity!.attendance;
    expect(await seen()).toBeNull();
    expect(await seen(partner.token)).toBeNull();
    expect(await seen(other.token)).toBeNull();
    expect(await seen(own.token)).toBe(reported.attendance);
    expect(await seen(coordinator.token)).toBe(reported.attendance);
  });
});

describe('activity details and JSON-LD', () => {
  const DETAIL = graphql(`
    query ActivityDetail($id: ID!) {
      activity(id: $id) {
        id
        title
        description
        audiences
        format
        channel
        startsAt
        endsAt
        capacity
        signupUrl
        priceDkk
        status
        cancellationReason
        accessibility
        version
        createdAt
        updatedAt
        image {
          url
          alt
        }
        venue {
          name
          address
          postalCode
          city
          location {
            latitude
            longitude
          }
        }
        theme {
          slug
        }
        library {
          id
          name
          website
          municipality {
            code
            name
            region
          }
        }
        partners {
          id
          name
        }
        materials {
          id
          title
        }
        jsonLd
      }
    }
  `);

  it('serves an in-person activity with venue, relations and a schema.org Event', async () => {
    const [row] = (await server.db.query(
      `SELECT a.id FROM activity a WHERE a.status = 'PUBLISHED' AND a.latitude IS NOT NULL AND a.venue_address IS NOT NULL
          AND a.channel IN ('LIBRARY','OUTDOORS','PARTNER_VENUE') ORDER BY a.price_dkk DESC NULLS LAST, a.id LIMIT 1`,
    )) as { id: string }[];
    const a = (await server.ok(DETAIL, { id: row!.id })).activity!;
    expect(a.theme.slug).toBe('vores-natur');
    expect(a.library.municipality.code).toBeGreaterThan(100);
    const ld = a.jsonLd as { isAccessibleForFree?: boolean; offers?: unknown; audience: unknown[] };
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Event',
      name: a.title,
      description: a.description,
      startDate: a.startsAt,
      endDate: a.endsAt,
      eventStatus: 'https://schema.org/EventScheduled',
      eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
      location: {
        '@type': 'Place',
        name: a.venue!.name,
        address: { '@type': 'PostalAddress', streetAddress: a.venue!.address, addressCountry: 'DK' },
        geo: {
          '@type': 'GeoCoordinates',
          latitude: a.venue!.location!.latitude,
          longitude: a.venue!.location!.longitude,
        },
      },
      organizer: { '@type': 'Library', name: a.library.name },
    });
    expect(ld.isAccessibleForFree).toBe(a.priceDkk === null || a.priceDkk === 0);
    if (a.priceDkk)
      expect(ld.offers).toMatchObject({ '@type': 'Offer', priceCurrency: 'DKK', price: a.priceDkk.toFixed(2) });
    expect(ld.audience.length).toBe(a.audiences.length);
  });

  it('marks web activities as online events and cancelled ones as EventCancelled', async () => {
    const online = publicRows().find((r) => r.channel === 'WEB' || r.channel === 'SOCIAL_MEDIA')!;
    const o = (await server.ok(DETAIL, { id: online.id })).activity!;
    expect(o.jsonLd).toMatchObject({
      eventAttendanceMode: 'https://schema.org/OnlineEventAttendanceMode',
      location: { '@type': 'VirtualLocation' },
    });
    const cancelled = publicRows().find((r) => r.status === 'CANCELLED')!;
    const c = (await server.ok(DETAIL, { id: cancelled.id })).activity!;
    expect(c.status).toBe('CANCELLED');
    expect(c.cancellationReason).toBeTruthy();
    expect(c.jsonLd).toMatchObject({ eventStatus: 'https://schema.org/EventCancelled' });
  });
});

describe('libraries', () => {
  const LIBS = graphql(`
    query LibrariesPage($filter: LibraryFilter, $first: Int, $after: String) {
      libraries(filter: $filter, first: $first, after: $after) {
        totalCount
        edges {
          node {
            id
            name
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  `);

  async function walkLibraries(
    filter: LibraryFilter | null,
    first = 100,
  ): Promise<{ ids: string[]; totalCount: number }> {
    const ids: string[] = [];
    let after: string | null = null;
    let totalCount = 0;
    for (;;) {
      const data: LibrariesPageQuery = await server.ok(LIBS, { filter, first, after });
      totalCount = data.libraries.totalCount;
      ids.push(...data.libraries.edges.map((e) => e.node.id));
      if (!data.libraries.pageInfo.hasNextPage) return { ids, totalCount };
      after = data.libraries.pageInfo.endCursor;
    }
  }

  const sqlIds = async (where: string, params: unknown[] = []) =>
    (
      (await server.db.query(
        `SELECT l.id FROM library l JOIN municipality m ON m.code = l.municipality_code WHERE ${where} ORDER BY l.name, l.id`,
        params,
      )) as { id: string }[]
    ).map((r) => r.id);

  it('lists all libraries by name in pages, each once', async () => {
    const { ids, totalCount } = await walkLibraries(null, 9);
    expect(ids).toEqual(await sqlIds('true'));
    expect(totalCount).toBe(ids.length);
  });

  it('filters by municipality, region, participation and search, alone and combined', async () => {
    const cases: [LibraryFilter, string, unknown[]][] = [
      [{ municipalityCode: 851 }, 'l.municipality_code = 851', []],
      [{ region: 'SYDDANMARK' }, "m.region_code = 'SYDDANMARK'", []],
      [
        { participatingInThemeId: tema11.id },
        "EXISTS (SELECT 1 FROM registration r WHERE r.library_id = l.id AND r.theme_id = $1 AND r.status = 'REGISTERED')",
        [tema11.id],
      ],
      [{ search: 'aarhus' }, "(l.name ILIKE '%aarhus%' OR l.city ILIKE '%aarhus%' OR l.isil ILIKE '%aarhus%')", []],
      [
        { region: 'MIDTJYLLAND', participatingInThemeId: tema11.id },
        "m.region_code = 'MIDTJYLLAND' AND EXISTS (SELECT 1 FROM registration r WHERE r.library_id = l.id AND r.theme_id = $1 AND r.status = 'REGISTERED')",
        [tema11.id],
      ],
    ];
    for (const [filter, where, params] of cases) {
      const expected = await sqlIds(where, params);
      const { ids, totalCount } = await walkLibraries(filter, 10);
      expect(ids, JSON.stringify(filter)).toEqual(expected);
      expect(totalCount).toBe(expected.length);
      expect(expected.length).toBeGreaterThan(0);
    }
    for (const search of ['%', '_', '\\', "'; DROP TABLE library; --", 'æøå']) {
      const res = await server.gql(LIBS, { filter: { search } });
      expect(res.errors).toBeUndefined();
    }
    expect((await server.gql(LIBS, { filter: { search: '%' } })).data?.libraries.totalCount).toBe(0);
    const bad = await server.gql(LIBS, { filter: { participatingInThemeId: 'vores-natur' } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.participatingInThemeId',
    });
  });

  it('gives a theme its participating libraries and their number', async () => {
    const expected = await sqlIds(
      "EXISTS (SELECT 1 FROM registration r WHERE r.library_id = l.id AND r.theme_id = $1 AND r.status = 'REGISTERED')",
      [tema11.id],
    );
    const { theme } = await server.ok(
      graphql(`
        query ThemeParticipants {
          theme(slug: "vores-natur") {
            participantCount
            participatingLibraries(first: 100) {
              totalCount
              edges {
                node {
                  id
                }
              }
            }
          }
        }
      `),
    );
    expect(theme!.participantCount).toBe(expected.length);
    expect(theme!.participantCount).toBeGreaterThanOrEqual(76);
    expect(theme!.participatingLibraries.totalCount).toBe(expected.length);
    expect(theme!.participatingLibraries.edges.map((e) => e.node.id)).toEqual(expected);
    const withdrawn = (await server.db.query(
      `SELECT count(*)::int AS n FROM registration WHERE theme_id = $1 AND status = 'WITHDRAWN'`,
      [tema11.id],
    )) as { n: number }[];
    const all = (await server.db.query(`SELECT count(*)::int AS n FROM registration WHERE theme_id = $1`, [
      tema11.id,
    ])) as { n: number }[];
    expect(theme!.participantCount).toBe(all[0]!.n - withdrawn[0]!.n);
  });

  it('answers aliased participatingLibraries with different arguments on the same theme each with its own page and count', async () => {
    const REGISTERED =
      "EXISTS (SELECT 1 FROM registration r WHERE r.library_id = l.id AND r.theme_id = $1 AND r.status = 'REGISTERED')";
    const tema11Ids = await sqlIds(REGISTERED, [tema11.id]);
    const third = tema11Ids[2]!;
    const after = (
      await server.ok(
        graphql(`
          query ThirdParticipantCursor {
            theme(slug: "vores-natur") {
              participatingLibraries(first: 3) {
                pageInfo {
                  endCursor
                }
              }
            }
          }
        `),
      )
    ).theme!.participatingLibraries.pageInfo.endCursor;
    const ALIASES = `
      a: participatingLibraries(first: 2) { totalCount edges { node { id } } }
      b: participatingLibraries(first: 5) { totalCount edges { node { id } } }
      c: participatingLibraries(first: 2, after: $after) { totalCount edges { node { id } } }`;
    type Page = { totalCount: number; edges: { node: { id: string } }[] };
    type AliasedTheme = { id: string; a: Page; b: Page; c: Page };
    const check = async (theme: AliasedTheme) => {
      const ids = await sqlIds(REGISTERED, [theme.id]);
      const later = await sqlIds(
        `${REGISTERED} AND (l.name, l.id) > (SELECT c.name, c.id FROM library c WHERE c.id = $2)`,
        [theme.id, third],
      );
      expect(theme.a.edges.map((e) => e.node.id)).toEqual(ids.slice(0, 2));
      expect(theme.b.edges.map((e) => e.node.id)).toEqual(ids.slice(0, 5));
      expect(theme.c.edges.map((e) => e.node.id)).toEqual(later.slice(0, 2));
      for (const alias of ['a', 'b', 'c'] as const) expect(theme[alias].totalCount).toBe(ids.length);
    };
    // One parent (a plain LIMIT per alias) ...
    // The aliases are spliced into two documents, so these are typed by hand.
    const one = await server.ok<{ theme: AliasedTheme }>(
      `query($after: String) { theme(slug: "vores-natur") { id ${ALIASES} } }`,
      { after },
    );
    await check(one.theme);
    expect(one.theme.c.edges.map((e) => e.node.id)).toEqual(tema11Ids.slice(3, 5));
    // ... and many parents (one statement per alias for all themes), next to a filtered top-level list.
    const many = await server.ok<{ themes: { edges: { node: AliasedTheme }[] }; libraries: Page }>(
      `query($after: String, $theme: ID) {
        themes(first: 50) { edges { node { id ${ALIASES} } } }
        libraries(first: 3, filter: { participatingInThemeId: $theme, region: MIDTJYLLAND }) { totalCount edges { node { id } } }
      }`,
      { after, theme: tema11.id },
    );
    const themes = many.themes.edges.map((e) => e.node);
    expect(themes.filter((t) => t.a.totalCount > 5).length).toBeGreaterThan(1);
    for (const theme of themes) await check(theme);
    const midt = await sqlIds(`m.region_code = 'MIDTJYLLAND' AND ${REGISTERED}`, [tema11.id]);
    expect(many.libraries.edges.map((e) => e.node.id)).toEqual(midt.slice(0, 3));
    expect(many.libraries.totalCount).toBe(midt.length);
  });

  it('finds a library by id; null for an unknown id; BAD_USER_INPUT for a malformed one', async () => {
    const id = await mainLibraryId(server.db, 101);
    const data = await server.ok(
      graphql(`
        query LibraryById($id: ID!) {
          library(id: $id) {
            id
            isil
            name
            municipality {
              code
            }
          }
        }
      `),
      { id },
    );
    expect(data.library).toMatchObject({ id, isil: 'DK-710100', municipality: { code: 101 } });
    expect(
      (
        await server.ok(
          graphql(`
            query UnknownLibrary {
              library(id: "00000000-0000-4000-8000-000000000000") {
                id
              }
            }
          `),
        )
      ).library,
    ).toBeNull();
    const bad = await server.gql(`{ library(id: "DK-710100") { id } }`);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });
});

describe('docs/partner-queries.md', () => {
  it('shows queries that run without errors', async () => {
    const doc = readFileSync(new URL('../../docs/partner-queries.md', import.meta.url), 'utf8');
    const blocks = [...doc.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    const someActivity = publicRows()[0]!.id;
    const variables: Record<string, Record<string, unknown>> = {
      ThemePage: { slug: 'vores-natur' },
      NearMe: { near: { latitude: 57.048, longitude: 9.919, radiusKm: 15 } },
      Event: { id: someActivity },
    };
    for (const query of blocks) {
      const name = /^query (\w+)/m.exec(query)?.[1];
      const res = await server.gql(query, name ? variables[name] : undefined);
      expect(res.errors, query.slice(0, 60)).toBeUndefined();
    }
  });
});

// Input hygiene: URLs are absolute http(s) without quotes or spaces; text is stored in NFC; a
// title of invisible characters only, or with bidirectional overrides, and a lone surrogate are
// BAD_USER_INPUT naming the field, and change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './__generated__/index.js';
import { startTestServer, type TestServer } from './support/server.js';
import { issueToken } from './support/tokens.js';
import { activityInput, insertActivity, registeredLibraries, themeId } from './support/fixtures.js';

const CREATE = graphql(`
  mutation InputHygieneCreate($input: CreateActivityInput!) {
    createActivity(input: $input) {
      id
      title
      description
      venue {
        name
      }
    }
  }
`);

let server: TestServer;
let theme11: string;
let library: string;
let staff: string;

beforeAll(async () => {
  server = await startTestServer();
  theme11 = await themeId(server.db, 11);
  [library] = (await registeredLibraries(server.db, theme11, 1)) as [string];
  staff = (await issueToken(server.db, 'LIBRARY_STAFF', { libraryId: library })).token;
});
afterAll(async () => {
  await server?.stop();
});

const activityCount = async () =>
  ((await server.db.query(`SELECT count(*)::int AS n FROM activity`)) as { n: number }[])[0]!.n;

describe('createActivity refuses unclean input, naming the field, and stores nothing', () => {
  const image = (url: string) => ({ url, alt: 'En solsort', credit: null });
  const CASES: [string, Record<string, unknown>, string][] = [
    [
      'an image URL with a double quote',
      { image: image('https://bibliotek.example/a.jpg"onerror="alert(1)') },
      'input.image.url',
    ],
    ['an image URL with a single quote', { image: image("https://bibliotek.example/a'.jpg") }, 'input.image.url'],
    ['an image URL with a space', { image: image('https://bibliotek.example/a b.jpg') }, 'input.image.url'],
    ['a relative image URL', { image: image('/billeder/a.jpg') }, 'input.image.url'],
    ['a javascript: sign-up URL', { signupUrl: 'javascript:alert(1)' }, 'input.signupUrl'],
    ['a sign-up URL with a backtick', { signupUrl: 'https://bibliotek.example/`x`' }, 'input.signupUrl'],
    [
      'a sign-up URL with a zero-width space',
      { signupUrl: 'https://bibliotek.example/\u200Btilmeld' },
      'input.signupUrl',
    ],
    ['a title of zero-width spaces only', { title: '\u200B\u200B\u200B' }, 'input.title'],
    ['a title of a byte-order mark and white space', { title: ' \uFEFF ' }, 'input.title'],
    ['a title with a right-to-left override', { title: 'Fugletur \u202Egpj.exe' }, 'input.title'],
    ['a venue name with a left-to-right isolate', { venue: { name: 'Skoven \u2066x\u2069' } }, 'input.venue.name'],
    [
      'an image alt text of invisible characters',
      { image: { url: 'https://bibliotek.example/a.jpg', alt: '\u200B\u2060' } },
      'input.image.alt',
    ],
    ['a lone high surrogate in the title', { title: 'Fugle \uD800 tur' }, 'input.title'],
    ['a lone low surrogate in the description', { description: 'Vi g\uDC00r en tur.' }, 'input.description'],
    ['a lone surrogate in the venue name', { venue: { name: '\uDBFF' } }, 'input.venue.name'],
  ];

  it.each(CASES)('%s', async (_name, overrides, field) => {
    const before = await activityCount();
    const res = await server.gql(CREATE, { input: activityInput(theme11, library, overrides) }, { token: staff });
    expect(res.status).toBe(200);
    expect(res.data).toBeNull();
    expect(res.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['BAD_USER_INPUT', field]]);
    expect(res.errors?.[0]?.message).not.toMatch(/\uFFFD/);
    expect(await activityCount()).toBe(before);
  });

  it('accepts percent-encoded URLs and right-to-left marks (U+200F)', async () => {
    const res = await server.gql(
      CREATE,
      {
        input: activityInput(theme11, library, {
          title: 'Fugletur \u200Fמקום',
          image: image('https://bibliotek.example/fugle%20i%20skoven.jpg?a=1&b=%22x%22'),
        }),
      },
      { token: staff },
    );
    expect(res.errors).toBeUndefined();
  });
});

describe('lone surrogates in other arguments', () => {
  it('are BAD_USER_INPUT in a scalar argument (cancel reason) and change nothing', async () => {
    const activity = await insertActivity(server.db, theme11, library, { status: 'PUBLISHED' });
    const res = await server.gql(
      graphql(`
        mutation InputHygieneCancelActivity($id: ID!, $r: String!) {
          cancelActivity(id: $id, reason: $r) {
            id
            status
          }
        }
      `),
      { id: activity.id, r: 'Syg\uD83D' },
      { token: staff },
    );
    expect(res.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['BAD_USER_INPUT', 'reason']]);
    const [row] = (await server.db.query(`SELECT status, cancellation_reason FROM activity WHERE id = $1`, [
      activity.id,
    ])) as { status: string; cancellation_reason: string | null }[];
    expect(row).toEqual({ status: 'PUBLISHED', cancellation_reason: null });
  });

  it('are BAD_USER_INPUT in a search filter, for anonymous callers too', async () => {
    const res = await server.gql(
      graphql(`
        query InputHygieneActivities($f: ActivityFilter) {
          activities(filter: $f, first: 1) {
            totalCount
          }
        }
      `),
      {
        f: { search: 'fugl\uDE00' },
      },
    );
    expect(res.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([
      ['BAD_USER_INPUT', 'filter.search'],
    ]);
  });

  it('in a document literal are refused before execution', async () => {
    // Text, not a typed document: the parser must refuse it.
    const res = await server.gql(`{ activities(filter: { search: "fugl\\ud800" }, first: 1) { totalCount } }`);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });
});

describe('text is stored in NFC', () => {
  it('composes decomposed letters (A + ring above is Å) in titles, texts and venue names', async () => {
    const decomposed = 'A\u030Arhus: fugle ved S\u00F8en og a\u0308bler';
    const composed = '\u00C5rhus: fugle ved S\u00F8en og \u00E4bler';
    expect(decomposed.normalize('NFC')).toBe(composed);
    const created = await server.ok(
      CREATE,
      {
        input: activityInput(theme11, library, {
          title: decomposed,
          description: decomposed,
          venue: { name: decomposed },
        }),
      },
      { token: staff },
    );
    expect(created.createActivity).toMatchObject({ title: composed, description: composed, venue: { name: composed } });
    const [row] = (await server.db.query(`SELECT title, description, venue_name FROM activity WHERE id = $1`, [
      created.createActivity.id,
    ])) as Record<string, string>[];
    expect(row).toEqual({ title: composed, description: composed, venue_name: composed });
    // A search typed decomposed finds it as well.
    const found = await server.ok(
      graphql(`
        query InputHygieneActivitiesAgain($f: ActivityFilter) {
          activities(filter: $f, first: 5) {
            edges {
              node {
                id
              }
            }
          }
        }
      `),
      {
        f: { search: '"A\u030Arhus: fugle"', libraryId: library, statuses: ['DRAFT'] },
      },
      { token: staff },
    );
    expect(found.activities.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(created.createActivity.id);
  });
});

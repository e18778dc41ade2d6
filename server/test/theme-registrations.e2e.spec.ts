import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './__generated__/index.js';
import type { ThemeRegistrationsPageQuery } from './__generated__/graphql.js';

/** A sign-up as PAGE reads it. */
type RegistrationNode = NonNullable<
  NonNullable<ThemeRegistrationsPageQuery['theme']>['registrations']
>['edges'][number]['node'];
import { startTestServer, type GraphQLResponse, type TestServer } from './support/server.js';
import { issueToken } from './support/tokens.js';
import { themeId } from './support/fixtures.js';

/** Theme.registrations: coordinators' paged list of a theme's sign-ups, batched over themes. */

let server: TestServer;
let coordinator: string;
let theme11: string;

interface RawRegistration {
  id: string;
  theme_id: string;
  status: string;
  contact_email: string;
}

/** Every registration, in the field's order, read with a plain SELECT. */
let raw: RawRegistration[];

beforeAll(async () => {
  server = await startTestServer();
  coordinator = (await issueToken(server.db, 'COORDINATOR')).token;
  theme11 = await themeId(server.db, 11);
  raw = await server.db.query(
    `SELECT id, theme_id, status, contact_email FROM registration ORDER BY theme_id, registered_at, id`,
  );
});
afterAll(async () => {
  await server?.stop();
});

const PAGE = graphql(`
  query ThemeRegistrationsPage($status: RegistrationStatus, $first: Int, $after: String) {
    theme(slug: "vores-natur") {
      registrations(status: $status, first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          cursor
          node {
            id
            status
            contactEmail
            registeredAt
            library {
              id
            }
            theme {
              id
            }
          }
        }
      }
    }
  }
`);

const ALL_THEMES = graphql(`
  query ThemeRegistrationsAllThemes($first: Int, $regs: Int) {
    themes(first: $first) {
      edges {
        node {
          id
          number
          registrations(first: $regs) {
            totalCount
            edges {
              node {
                id
              }
            }
          }
        }
      }
    }
  }
`);

const ALL_THEMES_WITHOUT = graphql(`
  query ThemeRegistrationsAllThemesWithout($first: Int) {
    themes(first: $first) {
      edges {
        node {
          id
          number
        }
      }
    }
  }
`);

async function statements(res: GraphQLResponse): Promise<number> {
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  const header = res.headers.get('x-sql-statements');
  expect(header).not.toBeNull();
  return Number(header);
}

describe('Theme.registrations', () => {
  it('pages through all sign-ups of "Vores natur" oldest first, each once, with contact data', async () => {
    const expected = raw.filter((r) => r.theme_id === theme11);
    const seen: RegistrationNode[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const data: ThemeRegistrationsPageQuery = await server.ok(PAGE, { first: 30, after }, { token: coordinator });
      const connection = data.theme!.registrations!;
      expect(connection.totalCount).toBe(expected.length);
      seen.push(...connection.edges.map((e) => e.node));
      pages++;
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(pages).toBe(Math.ceil(expected.length / 30));
    expect(seen.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    expect(seen.map((r) => r.contactEmail)).toEqual(expected.map((r) => r.contact_email));
    expect(seen.every((r) => r.theme.id === theme11)).toBe(true);
  });

  it('filters by status, counts lazily and totalCount follows the filter', async () => {
    const withdrawn = raw.filter((r) => r.theme_id === theme11 && r.status === 'WITHDRAWN');
    expect(withdrawn.length).toBeGreaterThan(0);
    const data = await server.ok(PAGE, { status: 'WITHDRAWN' }, { token: coordinator });
    expect(data.theme!.registrations!.totalCount).toBe(withdrawn.length);
    expect(data.theme!.registrations!.edges.map((e) => e.node.id)).toEqual(withdrawn.map((r) => r.id));

    // Without totalCount in the selection, no count runs: one statement fewer.
    const withCount = await statements(
      await server.gql(
        graphql(`
          query ThemeRegistrationsTheme {
            theme(slug: "vores-natur") {
              registrations(first: 5) {
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
        {},
        { token: coordinator },
      ),
    );
    const withoutCount = await statements(
      await server.gql(
        graphql(`
          query ThemeRegistrationsThemeAgain {
            theme(slug: "vores-natur") {
              registrations(first: 5) {
                edges {
                  node {
                    id
                  }
                }
              }
            }
          }
        `),
        {},
        { token: coordinator },
      ),
    );
    expect(withCount - withoutCount).toBe(1);
  });

  it('first: 0 gives only the count; a bad cursor or page size is BAD_USER_INPUT naming the argument', async () => {
    const data = await server.ok(PAGE, { first: 0 }, { token: coordinator });
    expect(data.theme!.registrations!.edges).toEqual([]);
    expect(data.theme!.registrations!.pageInfo.hasNextPage).toBe(true);
    expect(data.theme!.registrations!.totalCount).toBe(raw.filter((r) => r.theme_id === theme11).length);

    const badCursor = await server.gql(PAGE, { after: 'not-a-cursor' }, { token: coordinator });
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const tooBig = await server.gql(PAGE, { first: 101 }, { token: coordinator });
    expect(tooBig.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('lists every theme with its first registrations in a fixed number of statements', async () => {
    const [{ themes }] = await server.db.query(`SELECT count(*)::int AS themes FROM theme`);
    expect(themes).toBeGreaterThan(3);
    // The token's last-use stamp is written at most once a minute: let this request take it.
    await server.gql(ALL_THEMES_WITHOUT, { first: 100 }, { token: coordinator });

    const two = await server.gql(ALL_THEMES, { first: 2, regs: 3 }, { token: coordinator });
    const all = await server.gql(ALL_THEMES, { first: 100, regs: 3 }, { token: coordinator });
    const without = await server.gql(ALL_THEMES_WITHOUT, { first: 100 }, { token: coordinator });
    const [twoCount, allCount, withoutCount] = [
      await statements(two),
      await statements(all),
      await statements(without),
    ];
    expect(allCount).toBe(twoCount);
    // One page statement and one count statement for all themes together.
    expect(allCount - withoutCount).toBe(2);

    const edges = all.data!.themes.edges;
    expect(edges).toHaveLength(themes);
    for (const { node } of edges) {
      const mine = raw.filter((r) => r.theme_id === node.id);
      expect(node.registrations!.totalCount, `Tema ${node.number}`).toBe(mine.length);
      expect(node.registrations!.edges.map((e) => e.node.id)).toEqual(mine.slice(0, 3).map((r) => r.id));
    }
    expect(edges.filter((e) => e.node.registrations!.totalCount > 0).length).toBeGreaterThan(1);
  });

  it('different arguments on aliases get their own statement each, and the right pages', async () => {
    const res = await server.gql(
      graphql(`
        query ThemeRegistrationsThemes {
          themes(first: 100) {
            edges {
              node {
                id
                a: registrations(first: 2) {
                  edges {
                    node {
                      id
                    }
                  }
                }
                b: registrations(first: 2, status: REGISTERED) {
                  totalCount
                  edges {
                    node {
                      id
                      status
                    }
                  }
                }
                c: registrations(first: 2) {
                  edges {
                    node {
                      id
                    }
                  }
                }
              }
            }
          }
        }
      `),
      {},
      { token: coordinator },
    );
    await statements(res);
    for (const { node } of res.data!.themes.edges) {
      const mine = raw.filter((r) => r.theme_id === node.id);
      const registered = mine.filter((r) => r.status === 'REGISTERED');
      expect(node.a!.edges.map((e) => e.node.id)).toEqual(mine.slice(0, 2).map((r) => r.id));
      expect(node.c).toEqual(node.a);
      expect(node.b!.totalCount).toBe(registered.length);
      expect(node.b!.edges.map((e) => e.node.id)).toEqual(registered.slice(0, 2).map((r) => r.id));
    }
  });

  it('is for coordinators only: library staff and partners get FORBIDDEN, anonymous callers UNAUTHENTICATED', async () => {
    const [{ id: libraryId }] = await server.db.query(
      `SELECT library_id AS id FROM registration WHERE theme_id = $1 LIMIT 1`,
      [theme11],
    );
    const staff = (await issueToken(server.db, 'LIBRARY_STAFF', { libraryId })).token;
    const partner = (await issueToken(server.db, 'PARTNER')).token;
    for (const [token, code] of [
      [staff, 'FORBIDDEN'],
      [partner, 'FORBIDDEN'],
      [undefined, 'UNAUTHENTICATED'],
    ] as const) {
      const res = await server.gql(PAGE, {}, { token });
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual([code]);
      // The field is nullable: only it is withheld, the rest of the theme arrives.
      expect(res.data?.theme).not.toBeNull();
      expect(res.data?.theme?.registrations ?? null).toBeNull();
    }
  });
});

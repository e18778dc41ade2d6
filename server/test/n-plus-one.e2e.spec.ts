import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './__generated__/index.js';
import { startTestServer, type Operation, type TestServer } from './support/server.js';

/** The heaviest public queries run a fixed number of SQL statements, whatever the page size. */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

async function statements<R>(
  query: Operation<R, { first?: number | null }>,
  variables: { first: number },
): Promise<{ count: number; data: R }> {
  const res = await server.gql(query, variables);
  expect(res.errors).toBeUndefined();
  const header = res.headers.get('x-sql-statements');
  expect(header).not.toBeNull();
  if (!res.data) throw new Error('no data');
  return { count: Number(header), data: res.data };
}

const THEME_PAGE = graphql(`
  query HeaviestThemePage($first: Int) {
    theme(slug: "vores-natur") {
      id
      title
      status
      participantCount
      partners {
        role
        partner {
          name
        }
      }
      materials {
        title
      }
      activities(first: $first) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          cursor
          node {
            id
            title
            startsAt
            endsAt
            status
            venue {
              name
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
              name
              municipality {
                name
                region
              }
            }
            partners {
              name
            }
            materials {
              title
            }
            jsonLd
          }
        }
      }
    }
  }
`);

/**
 * theme by slug (which reads ahead participantCount), its partner links with their partners, its materials, the page
 * of activities (which reads ahead totalCount, libraries with their municipalities and activity
 * partners) and activity materials: 5 statements (Activity.theme is the theme already read; jsonLd
 * reuses the library loader).
 */
const THEME_PAGE_STATEMENTS = 5;

describe('statement bounds', () => {
  it('runs the theme page with 10, 50 or 100 activities in the same, fixed number of statements', async () => {
    const small = await statements(THEME_PAGE, { first: 10 });
    const medium = await statements(THEME_PAGE, { first: 50 });
    const large = await statements(THEME_PAGE, { first: 100 });
    expect(small.data.theme?.activities.edges).toHaveLength(10);
    expect(medium.data.theme?.activities.edges).toHaveLength(50);
    expect(large.data.theme?.activities.edges).toHaveLength(100);
    // The page really has the relations the bound is about.
    const nodes = large.data.theme!.activities.edges.map((e) => e.node);
    expect(new Set(nodes.map((n) => n.library.name)).size).toBeGreaterThan(20);
    expect(nodes.some((n) => n.partners.length > 0)).toBe(true);
    expect(nodes.some((n) => n.materials.length > 0)).toBe(true);
    expect(small.count).toBe(THEME_PAGE_STATEMENTS);
    expect(medium.count).toBe(THEME_PAGE_STATEMENTS);
    expect(large.count).toBe(THEME_PAGE_STATEMENTS);
  });

  it('batches nested connections: libraries with their activities cost the same for 5 or 60 libraries', async () => {
    const query = graphql(`
      query LibrariesWithActivities($first: Int) {
        libraries(first: $first) {
          totalCount
          edges {
            node {
              name
              municipality {
                name
              }
              activities(first: 3, filter: { themeSlug: "vores-natur" }) {
                totalCount
                edges {
                  node {
                    title
                    library {
                      name
                    }
                    partners {
                      name
                    }
                  }
                }
              }
            }
          }
        }
      }
    `);
    const few = await statements(query, { first: 5 });
    const many = await statements(query, { first: 60 });
    expect(many.data.libraries.edges).toHaveLength(60);
    const withActivities = many.data.libraries.edges.filter((e) => e.node.activities.edges.length > 0);
    expect(withActivities.length).toBeGreaterThan(5);
    for (const e of many.data.libraries.edges) expect(e.node.activities.edges.length).toBeLessThanOrEqual(3);
    expect(many.count).toBe(few.count);
    // libraries page, totalCount, municipalities, activity pages, their counts, activity partners.
    expect(many.count).toBe(6);
  });

  it('batches themes with their activities, participants and participating libraries', async () => {
    const query = graphql(`
      query ThemesWithParticipants($first: Int) {
        themes(first: $first) {
          edges {
            node {
              number
              participantCount
              participatingLibraries(first: 2) {
                totalCount
                edges {
                  node {
                    name
                  }
                }
              }
              activities(first: 2) {
                totalCount
                edges {
                  node {
                    title
                  }
                }
              }
            }
          }
        }
      }
    `);
    const few = await statements(query, { first: 2 });
    const many = await statements(query, { first: 12 });
    expect(many.data.themes.edges.length).toBeGreaterThan(5);
    const tema11 = many.data.themes.edges.find((e) => e.node.number === 11)!.node;
    expect(tema11.participantCount).toBe(tema11.participatingLibraries.totalCount);
    expect(tema11.activities.edges).toHaveLength(2);
    expect(many.count).toBe(few.count);
  });
});

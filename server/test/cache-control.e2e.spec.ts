import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './__generated__/index.js';
import { startTestServer, type GraphQLResponse, type Operation, type TestServer } from './support/server.js';
import { issueToken } from './support/tokens.js';

/** Cache-Control over GraphQL-over-HTTP GET, as partner sites and CDNs see it. */

let server: TestServer;
let partnerToken: string;
beforeAll(async () => {
  server = await startTestServer();
  partnerToken = (await issueToken(server.db, 'PARTNER')).token;
});
afterAll(async () => {
  await server?.stop();
});

/** GETs an operation; a typed one types the answer's data, text is typed by the caller's `T`. */
async function get<T = unknown>(
  query: string | Operation<T, never>,
  options: { variables?: Record<string, unknown>; token?: string } = {},
) {
  const url = new URL(server.graphqlUrl);
  url.searchParams.set('query', String(query));
  if (options.variables) url.searchParams.set('variables', JSON.stringify(options.variables));
  const res = await fetch(url, { headers: options.token ? { authorization: `Bearer ${options.token}` } : {} });
  const body = (await res.json()) as { data?: T; errors?: GraphQLResponse['errors'] };
  return { status: res.status, cacheControl: res.headers.get('cache-control'), vary: res.headers.get('vary'), body };
}

const THEME_PAGE = graphql(`
  query CacheControlThemePage {
    theme(slug: "vores-natur") {
      title
      image {
        url
        alt
      }
      partners {
        role
        partner {
          name
        }
      }
      materials {
        title
      }
      participantCount
      activities(first: 5) {
        totalCount
        pageInfo {
          hasNextPage
        }
        edges {
          node {
            title
            startsAt
            venue {
              name
              location {
                latitude
              }
            }
            library {
              name
              municipality {
                name
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

describe('Cache-Control', () => {
  it('lets shared caches keep anonymous reads for the smallest max-age of what they contain', async () => {
    const page = await get(THEME_PAGE);
    expect(page.status).toBe(200);
    expect(page.body.errors).toBeUndefined();
    expect(page.body.data!.theme!.activities.edges).toHaveLength(5);
    expect(page.cacheControl).toBe('max-age=60, public');

    const catalogue = await get(
      `{ theme(slug: "vores-natur") { title partners { partner { name } } materials { title } } libraries(first: 3) { totalCount edges { node { name location { latitude } } } } }`,
    );
    expect(catalogue.cacheControl).toBe('max-age=300, public');

    const reference = await get(`{ municipalities(region: NORDJYLLAND) { code name } regions { code name } }`);
    expect(reference.cacheControl).toBe('max-age=3600, public');

    const search = await get(
      `query($f: ActivityFilter) { activities(filter: $f, first: 3) { totalCount edges { node { id } } } }`,
      {
        variables: { f: { search: 'fugl', near: { latitude: 57.05, longitude: 9.92, radiusKm: 50 } } },
      },
    );
    expect(search.body.errors).toBeUndefined();
    expect(search.cacheControl).toBe('max-age=60, public');
  });

  it("never lets anything cache a token holder's response, and varies by Authorization", async () => {
    const res = await get(THEME_PAGE, { token: partnerToken });
    expect(res.body.errors).toBeUndefined();
    expect(res.cacheControl).toBe('no-store');
    expect(res.vary?.toLowerCase()).toContain('authorization');
    const anonymous = await get(`{ regions { code } }`);
    expect(anonymous.vary?.toLowerCase()).toContain('authorization');
  });

  it('sends no-store with errors', async () => {
    const badInput = await get(`{ activities(first: 101) { totalCount } }`);
    expect(badInput.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(badInput.cacheControl).toBe('no-store');
    const partial = await get<{ regions: unknown[] }>(`{ regions { code } activity(id: "not-an-id") { id } }`);
    expect(partial.body.data!.regions).toHaveLength(5);
    expect(partial.cacheControl).toBe('no-store');
  });

  it('sends no-store for mutations and refuses them over GET', async () => {
    const post = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { __typename }' }),
    });
    expect(post.headers.get('cache-control')).toBe('no-store');
    const viaGet = await get('mutation { __typename }');
    expect(viaGet.status).toBeGreaterThanOrEqual(400);
    expect(viaGet.cacheControl ?? 'no-store').toBe('no-store');
  });

  it('answers a POST with its exact length in bytes and no ETag (no cache revalidates a POST)', async () => {
    const url = new URL(server.graphqlUrl);
    url.searchParams.set('query', '{ regions { code name } }');
    // Danish names: the length is counted in bytes, not characters.
    const post = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ regions { code name } }' }),
    });
    const bytes = Buffer.from(await post.arrayBuffer());
    expect(post.status).toBe(200);
    expect(post.headers.get('etag')).toBeNull();
    expect(Number(post.headers.get('content-length'))).toBe(bytes.length);
    expect(bytes.toString('utf8')).toBe(await (await fetch(url)).text());
    expect(bytes.toString('utf8')).toMatch(/Sjælland/);
  });
});

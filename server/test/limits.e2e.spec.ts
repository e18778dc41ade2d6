import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server.js';
import { issueToken } from './support/tokens.js';

/** MAX_QUERY_DEPTH and MAX_QUERY_COMPLEXITY: refused before anything executes. */

let server: TestServer;
let strict: TestServer;
let coordinatorToken: string;
beforeAll(async () => {
  [server, strict] = await Promise.all([startTestServer(), startTestServer({ env: { MAX_QUERY_DEPTH: '4', MAX_QUERY_COMPLEXITY: '100' } })]);
  coordinatorToken = (await issueToken(server.db, 'COORDINATOR')).token;
});
afterAll(async () => {
  await Promise.all([server?.stop(), strict?.stop()]);
});

const NESTED_ABUSE = `{
  themes(first: 100) { edges { node {
    activities(first: 100) { edges { node {
      library { activities(first: 100) { edges { node { id title } } } }
    } } }
  } } }
}`;

const THEME_PAGE = `query ThemePage($slug: String!) {
  theme(slug: $slug) {
    title summary
    partners { role partner { name } }
    activities(first: 50) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id title startsAt library { name municipality { name } } partners { name } } }
    }
  }
}`;

/** 14 fields deep, through fragments. */
const TOO_DEEP = `
  query Deep { activities(first: 1) { ...Page } }
  fragment Page on ActivityConnection { edges { node { library { municipality { libraries { ...LibraryActivities } } } } } }
  fragment LibraryActivities on Library { activities(first: 1) { edges { node { theme { activities(first: 1) { edges { node { id } } } } } } } }`;

describe('query complexity', () => {
  it('refuses nested connections that multiply, with QUERY_TOO_COMPLEX, HTTP 400, the limit and the figure, before running any SQL', async () => {
    const res = await server.gql(NESTED_ABUSE);
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions).toEqual({ code: 'QUERY_TOO_COMPLEX' });
    expect(res.errors![0].message).toMatch(/^The query costs 2040301; the limit is 5000\. /);
    expect(res.headers.get('x-sql-statements')).toBe('0');
  });

  it('refuses token holders too: the limits protect the server, not the data', async () => {
    const res = await server.gql(NESTED_ABUSE, {}, { token: coordinatorToken });
    expect(res.status).toBe(400);
    expect(res.errors![0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('answers a theme page with 50 activities and their library and partners', async () => {
    const res = await server.gql(THEME_PAGE, { slug: 'vores-natur' });
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(res.data.theme.activities.edges).toHaveLength(50);
    expect(res.data.theme.activities.edges[0].node.library.municipality.name).toEqual(expect.any(String));
  });

  it('counts `first` given as a variable', async () => {
    const query = `query ($first: Int) { themes(first: $first) { edges { node { activities(first: $first) { edges { node { library { name } } } } } } } }`;
    // connection + first × (edge + node + connection + first × (edge + node + library))
    const ok = await server.gql(query, { first: 20 });
    expect(ok.errors).toBeUndefined();
    const refused = await server.gql(query, { first: 100 });
    expect(refused.status).toBe(400);
    expect(refused.errors![0].message).toContain(`costs ${1 + 100 * (1 + 1 + 1 + 100 * 3)}; the limit is 5000`);
  });

  it('leaves first over 100 to the resolver, whose BAD_USER_INPUT says what is allowed', async () => {
    const res = await server.gql(`{ activities(first: 1000) { edges { node { id } } } }`);
    expect(res.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('honours MAX_QUERY_COMPLEXITY', async () => {
    const query = `{ activities(first: 60) { edges { node { id title } } } }`; // 1 + 60 × (edge + node) = 121
    expect((await server.gql(query)).errors).toBeUndefined();
    const res = await strict.gql(query);
    expect(res.status).toBe(400);
    expect(res.errors![0]).toMatchObject({ message: expect.stringMatching(/^The query costs 121; the limit is 100\. /), extensions: { code: 'QUERY_TOO_COMPLEX' } });
    expect((await strict.gql(`{ activities(first: 30) { edges { node { id title } } } }`)).errors).toBeUndefined();
  });
});

describe('query depth', () => {
  it('refuses documents deeper than MAX_QUERY_DEPTH (12), following fragments', async () => {
    const res = await server.gql(TOO_DEEP);
    expect(res.status).toBe(400);
    expect(res.errors).toEqual([
      { message: 'The query is 14 fields deep; the limit is 12. Ask for nested objects in a separate query (e.g. by id).', extensions: { code: 'QUERY_TOO_COMPLEX' } },
    ]);
  });

  it('honours MAX_QUERY_DEPTH, also for GET requests', async () => {
    const query = `{ activities(first: 1) { edges { node { library { name } } } } }`; // 5 deep
    expect((await server.gql(query)).errors).toBeUndefined();
    const url = new URL(strict.graphqlUrl);
    url.searchParams.set('query', query);
    const res = await fetch(url);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]).toEqual({ message: 'The query is 5 fields deep; the limit is 4. Ask for nested objects in a separate query (e.g. by id).', extensions: { code: 'QUERY_TOO_COMPLEX' } });
  });

  it('lets introspection through whatever its depth (GraphiQL, codegen), also on the strict server', async () => {
    for (const target of [server, strict]) {
      const res = await target.gql(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, inputValueDeprecation: true }));
      expect(res.status).toBe(200);
      expect(res.errors).toBeUndefined();
      expect(res.data.__schema.queryType.name).toBe('Query');
      expect(res.data.__schema.types.length).toBeGreaterThan(50);
    }
  });
});

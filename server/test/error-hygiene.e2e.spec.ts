import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './__generated__/index.js';
import { startTestServer, type TestServer } from './support/server.js';
import { issueToken } from './support/tokens.js';
import { activityInput, registeredLibraries, themeId } from './support/fixtures.js';

/**
 * Nothing internal reaches a client: bad input of every kind is sent to the write API and the
 * raw response bodies are searched for SQL, constraint and table names and stack traces.
 */
let server: TestServer;
let coordinator: string;
let staff: string;
let theme11: string;
let library: string;
beforeAll(async () => {
  server = await startTestServer();
  theme11 = await themeId(server.db, 11);
  [library] = (await registeredLibraries(server.db, theme11, 1)) as [string];
  coordinator = (await issueToken(server.db, 'COORDINATOR')).token;
  staff = (await issueToken(server.db, 'LIBRARY_STAFF', { libraryId: library })).token;
});
afterAll(async () => {
  await server?.stop();
});

const INTERNAL = [
  /\bSELECT\b/,
  /\bINSERT\b/,
  /\bUPDATE\b/,
  /\bDELETE\b/,
  /constraint/i,
  /violates/i,
  /relation "/,
  /SQLSTATE/,
  /QueryFailedError/,
  /\bapi_token\b/,
  /\baudit_event\b/,
  /\bactivity_partner\b/,
  /\bactivity_material\b/,
  /\btheme_partner\b/,
  /\bregistration_/,
  /\bprice_dkk\b/,
  /\bstarts_at\b/,
  /token_hash/,
  /\n\s+at /,
  /\bat .*\.(ts|js):\d+/,
  /node_modules/,
  /stacktrace/i,
];

async function rawPost(body: string, token?: string) {
  const res = await fetch(server.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  return res.text();
}

const post = (query: string, variables: Record<string, unknown>, token?: string) =>
  rawPost(JSON.stringify({ query, variables }), token);

describe('error responses', () => {
  it('never contain SQL, table or constraint names, or stack traces', async () => {
    const unknownId = '00000000-0000-4000-8000-000000000000';
    const bodies = await Promise.all([
      post(
        `mutation($input: CreateActivityInput!) { createActivity(input: $input) { id } }`,
        { input: activityInput(theme11, library, { partnerIds: [unknownId] }) },
        staff,
      ),
      post(
        `mutation($input: CreateActivityInput!) { createActivity(input: $input) { id } }`,
        { input: activityInput(theme11, library, { partnerIds: ["1'; DROP TABLE activity; --"] }) },
        staff,
      ),
      post(
        `mutation($input: CreateActivityInput!) { createActivity(input: $input) { id } }`,
        { input: activityInput(theme11, library, { priceDkk: 1e12, capacity: 2 ** 31 }) },
        staff,
      ),
      post(
        `mutation($input: CreateActivityInput!) { createActivity(input: $input) { id } }`,
        { input: activityInput("' OR 1=1 --", library) },
        staff,
      ),
      post(`mutation { createActivity(input: { themeId: 1, libraryId: 2 }) { id } }`, {}, staff),
      post(
        `mutation($id: ID!) { updateActivity(id: $id, version: 99, input: { title: "x" }) { id } }`,
        { id: "x'::uuid" },
        staff,
      ),
      post(`mutation($id: ID!) { publishActivity(id: $id) { id } }`, { id: unknownId }, staff),
      post(`mutation($id: ID!) { reportAttendance(id: $id, attendance: -5) { id } }`, { id: unknownId }, staff),
      post(
        `mutation { registerLibraryForTheme(input: { themeId: "${theme11}", libraryId: "${library}", contactName: "x", contactEmail: "a@b" }) { id } }`,
        {},
        staff,
      ),
      post(
        `mutation($input: CreateThemeInput!) { createTheme(input: $input) { id } }`,
        {
          input: {
            number: 11,
            slug: 'vores-natur',
            title: 'x',
            summary: 'x',
            description: 'x',
            year: 2020,
            startWeek: 16,
            endWeek: 20,
            focusAreas: [],
          },
        },
        coordinator,
      ),
      post(
        `mutation($input: CreateThemeInput!) { createTheme(input: $input) { id } }`,
        {
          input: {
            number: 900,
            slug: 'x',
            title: 'x',
            summary: 'x',
            description: 'x',
            year: 2021,
            startWeek: 50,
            endWeek: 53,
            focusAreas: [],
          },
        },
        coordinator,
      ),
      post(
        `mutation { createLibrary(input: { name: "x", municipalityCode: 751, isil: "DK-775100" }) { id } }`,
        {},
        coordinator,
      ),
      post(`mutation { createPartner(input: { name: "DR", kind: MEDIA, scope: NATIONAL }) { id } }`, {}, coordinator),
      post(
        `mutation { createApiToken(input: { name: "x", role: LIBRARY_STAFF, libraryId: "not-a-uuid" }) { id } }`,
        {},
        coordinator,
      ),
      post(`mutation { revokeApiToken(id: "'; --") }`, {}, coordinator),
      post(
        `mutation { addThemePartner(themeId: "${theme11}", partnerId: "${unknownId}", role: "x") { id } }`,
        {},
        coordinator,
      ),
      post(`query { themeReport(themeId: "'; SELECT 1; --") { csv } }`, {}, coordinator),
      post(`query { auditEvents(after: "eyJ4IjoxfQ") { totalCount } }`, {}, coordinator),
      post(
        `mutation { createNotice(input: { title: "x", body: "x", validFrom: "yesterday" }) { id } }`,
        {},
        coordinator,
      ),
      rawPost('{"query": "mutation { createTheme(', coordinator),
      rawPost('not json at all', coordinator),
    ]);
    for (const body of bodies) {
      const json = JSON.parse(body) as { errors?: { message: string; extensions?: { code?: string } }[] };
      expect(json.errors?.length, body).toBeGreaterThan(0);
      for (const e of json.errors!) expect(e.extensions?.code, body).not.toBe('INTERNAL_SERVER_ERROR');
      for (const pattern of INTERNAL) expect(body, `${pattern} in ${body}`).not.toMatch(pattern);
    }
  });

  it('answers a NUL byte in any text argument with BAD_USER_INPUT, not an internal error', async () => {
    const nul = 'a\u0000b';
    const responses = await Promise.all([
      server.gql(
        graphql(`
          query ErrorHygieneTheme($s: String!) {
            theme(slug: $s) {
              id
            }
          }
        `),
        { s: nul },
      ),
      server.gql(
        graphql(`
          query ErrorHygieneActivities($s: String) {
            activities(filter: { themeSlug: $s }) {
              totalCount
            }
          }
        `),
        { s: nul },
      ),
      server.gql(
        graphql(`
          query ErrorHygieneLibraries($s: String) {
            libraries(filter: { search: $s }) {
              totalCount
            }
          }
        `),
        { s: nul },
      ),
      server.gql(
        graphql(`
          mutation ErrorHygieneCreateNotice($t: String!) {
            createNotice(input: { title: $t, body: "x", validFrom: "2026-01-01T00:00:00Z" }) {
              id
            }
          }
        `),
        { t: nul },
        { token: coordinator },
      ),
    ]);
    for (const res of responses) {
      for (const e of res.errors ?? []) expect(e.extensions?.code, JSON.stringify(res)).toBe('BAD_USER_INPUT');
    }
    expect(responses[3].errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const [{ n }] = await server.db.query(`SELECT count(*)::int AS n FROM notice WHERE title LIKE 'a%b'`);
    expect(n).toBe(0);
  });

  it('answers a malformed or oversized body with BAD_USER_INPUT and a reason', async () => {
    const send = (body: string) =>
      fetch(server.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then(
        async (r) => ({
          status: r.status,
          json: (await r.json()) as { errors: { message: string; extensions?: { code?: string } }[] },
        }),
      );
    const malformed = await send('{"query": ');
    expect(malformed.status).toBe(400);
    expect(malformed.json.errors[0]).toMatchObject({
      message: 'The request body is not valid JSON.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const huge = await send(
      JSON.stringify({ query: '{ currentTheme { title } }', variables: { pad: 'x'.repeat(1_100_000) } }),
    );
    expect(huge.status).toBe(413);
    expect(huge.json.errors[0]).toMatchObject({
      message: 'The request body is larger than 1 MB.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});

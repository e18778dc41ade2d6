import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './__generated__/index.js';
import type { RegisterLibraryInput } from './__generated__/graphql.js';
import { startTestServer, type GraphQLResponse, type Operation, type TestServer } from './support/server.js';
import { issueToken } from './support/tokens.js';
import { activityInput, insertActivity, registeredLibraries, themeId } from './support/fixtures.js';

/**
 * One rule for ids in every mutation: a malformed id (not a UUID) is BAD_USER_INPUT naming the
 * field; a well-formed id that names nothing is NOT_FOUND as a top-level argument and
 * BAD_USER_INPUT inside an input.
 */

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const MALFORMED = 'not-a-uuid';

let server: TestServer;
let coordinator: string;
let theme: string;
let library: string;
let partner: string;
let activity: string;
beforeAll(async () => {
  server = await startTestServer();
  coordinator = (await issueToken(server.db, 'COORDINATOR')).token;
  theme = await themeId(server.db, 11);
  [library] = (await registeredLibraries(server.db, theme, 1)) as [string];
  [{ id: partner }] = await server.db.query(`SELECT id FROM partner ORDER BY name LIMIT 1`);
  activity = (await insertActivity(server.db, theme, library)).id;
});
afterAll(async () => {
  await server?.stop();
});

interface Case {
  mutation: string;
  /** Sends the mutation with the id under test as `id`, as a coordinator. */
  send: (id: string) => Promise<GraphQLResponse<Record<string, unknown>>>;
  field: string;
  what: string;
  /** The code for a well-formed id that names nothing. */
  unknown: 'NOT_FOUND' | 'BAD_USER_INPUT';
}

/** A case for a typed mutation: its variables are checked against the schema. */
function mutationCase<R extends Record<string, unknown>, V>(
  c: Omit<Case, 'send' | 'mutation'> & {
    mutation: keyof R & string;
    query: Operation<R, V>;
    /** Variables with the id under test replaced by `id`. */
    vars: (id: string) => V;
  },
): Case {
  const { query, vars, ...rest } = c;
  return { ...rest, send: (id) => server.gql(query, vars(id), { token: coordinator }) };
}

const UPDATE_THEME = graphql(`
  mutation IdsUpdateTheme($id: ID!) {
    updateTheme(id: $id, input: { title: "Ny titel" }) {
      id
    }
  }
`);
const ADD_PARTNER = graphql(`
  mutation IdsAddPartner($t: ID!, $p: ID!) {
    addThemePartner(themeId: $t, partnerId: $p, role: "mediepartner") {
      id
    }
  }
`);
const UPDATE_PARTNER = graphql(`
  mutation IdsUpdatePartner($id: ID!) {
    updatePartner(id: $id, input: { description: "Ny" }) {
      id
    }
  }
`);
const REGISTER = graphql(`
  mutation IdsRegister($input: RegisterLibraryInput!) {
    registerLibraryForTheme(input: $input) {
      id
    }
  }
`);
const WITHDRAW = graphql(`
  mutation IdsWithdraw($t: ID!, $l: ID!) {
    withdrawRegistration(themeId: $t, libraryId: $l) {
      id
    }
  }
`);
const CREATE_ACTIVITY = graphql(`
  mutation IdsCreateActivity($input: CreateActivityInput!) {
    createActivity(input: $input) {
      id
    }
  }
`);
const UPDATE_ACTIVITY = graphql(`
  mutation IdsUpdateActivity($id: ID!, $input: UpdateActivityInput!) {
    updateActivity(id: $id, version: 1, input: $input) {
      id
    }
  }
`);
const PUBLISH = graphql(`
  mutation IdsPublish($id: ID!) {
    publishActivity(id: $id) {
      id
    }
  }
`);
const CANCEL = graphql(`
  mutation IdsCancel($id: ID!) {
    cancelActivity(id: $id, reason: "Aflyst") {
      id
    }
  }
`);
const ATTENDANCE = graphql(`
  mutation IdsAttendance($id: ID!) {
    reportAttendance(id: $id, attendance: 3) {
      id
    }
  }
`);

const registration = (extra: Partial<RegisterLibraryInput>): RegisterLibraryInput => ({
  themeId: theme,
  libraryId: library,
  contactName: 'Test',
  contactEmail: 'test@bibliotek.example',
  ...extra,
});

const CASES: Case[] = [
  mutationCase({
    mutation: 'updateTheme',
    query: UPDATE_THEME,
    vars: (id) => ({ id }),
    field: 'id',
    what: 'theme',
    unknown: 'NOT_FOUND',
  }),
  mutationCase({
    mutation: 'addThemePartner',
    query: ADD_PARTNER,
    vars: (id) => ({ t: id, p: partner }),
    field: 'themeId',
    what: 'theme',
    unknown: 'NOT_FOUND',
  }),
  mutationCase({
    mutation: 'addThemePartner',
    query: ADD_PARTNER,
    vars: (id) => ({ t: theme, p: id }),
    field: 'partnerId',
    what: 'partner',
    unknown: 'NOT_FOUND',
  }),
  mutationCase({
    mutation: 'updatePartner',
    query: UPDATE_PARTNER,
    vars: (id) => ({ id }),
    field: 'id',
    what: 'partner',
    unknown: 'NOT_FOUND',
  }),
  mutationCase({
    mutation: 'registerLibraryForTheme',
    query: REGISTER,
    vars: (id) => ({ input: registration({ themeId: id }) }),
    field: 'input.themeId',
    what: 'theme',
    unknown: 'BAD_USER_INPUT',
  }),
  mutationCase({
    mutation: 'registerLibraryForTheme',
    query: REGISTER,
    vars: (id) => ({ input: registration({ libraryId: id }) }),
    field: 'input.libraryId',
    what: 'library',
    unknown: 'BAD_USER_INPUT',
  }),
  mutationCase({
    mutation: 'withdrawRegistration',
    query: WITHDRAW,
    vars: (id) => ({ t: id, l: library }),
    field: 'themeId',
    what: 'theme',
    unknown: 'NOT_FOUND',
  }),
  mutationCase({
    mutation: 'withdrawRegistration',
    query: WITHDRAW,
    vars: (id) => ({ t: theme, l: id }),
    field: 'libraryId',
    what: 'library',
    unknown: 'NOT_FOUND',
  }),
  mutationCase({
    mutation: 'createActivity',
    query: CREATE_ACTIVITY,
    vars: (id) => ({ input: activityInput(id, library) }),
    field: 'input.themeId',
    what: 'theme',
    unknown: 'BAD_USER_INPUT',
  }),
  mutationCase({
    mutation: 'createActivity',
    query: CREATE_ACTIVITY,
    vars: (id) => ({ input: activityInput(theme, id) }),
    field: 'input.libraryId',
    what: 'library',
    unknown: 'BAD_USER_INPUT',
  }),
  mutationCase({
    mutation: 'createActivity',
    query: CREATE_ACTIVITY,
    vars: (id) => ({ input: activityInput(theme, library, { partnerIds: [partner, id] }) }),
    field: 'input.partnerIds',
    what: 'partner',
    unknown: 'BAD_USER_INPUT',
  }),
  mutationCase({
    mutation: 'createActivity',
    query: CREATE_ACTIVITY,
    vars: (id) => ({ input: activityInput(theme, library, { materialIds: [id] }) }),
    field: 'input.materialIds',
    what: 'material',
    unknown: 'BAD_USER_INPUT',
  }),
  mutationCase({
    mutation: 'updateActivity',
    query: UPDATE_ACTIVITY,
    vars: (id) => ({ id, input: { title: 'Ny' } }),
    field: 'id',
    what: 'activity',
    unknown: 'NOT_FOUND',
  }),
  mutationCase({
    mutation: 'updateActivity',
    query: UPDATE_ACTIVITY,
    vars: (id) => ({ id: activity, input: { partnerIds: [id] } }),
    field: 'input.partnerIds',
    what: 'partner',
    unknown: 'BAD_USER_INPUT',
  }),
  mutationCase({
    mutation: 'updateActivity',
    query: UPDATE_ACTIVITY,
    vars: (id) => ({ id: activity, input: { materialIds: [id] } }),
    field: 'input.materialIds',
    what: 'material',
    unknown: 'BAD_USER_INPUT',
  }),
  mutationCase({
    mutation: 'publishActivity',
    query: PUBLISH,
    vars: (id) => ({ id }),
    field: 'id',
    what: 'activity',
    unknown: 'NOT_FOUND',
  }),
  mutationCase({
    mutation: 'cancelActivity',
    query: CANCEL,
    vars: (id) => ({ id }),
    field: 'id',
    what: 'activity',
    unknown: 'NOT_FOUND',
  }),
  mutationCase({
    mutation: 'reportAttendance',
    query: ATTENDANCE,
    vars: (id) => ({ id }),
    field: 'id',
    what: 'activity',
    unknown: 'NOT_FOUND',
  }),
];

describe('ids in mutations', () => {
  it.each(CASES)('$mutation: a malformed $field is BAD_USER_INPUT naming it; an unknown one is $unknown', async (c) => {
    const auditBefore = (await server.db.query(`SELECT count(*)::int AS n FROM audit_event`))[0].n;
    const malformed = await c.send(MALFORMED);
    expect(malformed.data?.[c.mutation] ?? null).toBeNull();
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: c.field });
    expect(malformed.errors?.[0]?.message).toMatch(
      new RegExp(`is not an? ${c.what} id; ids are UUIDs as returned by this API\\.$`),
    );
    const unknown = await c.send(UNKNOWN);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: c.unknown, field: c.field });
    expect((await server.db.query(`SELECT count(*)::int AS n FROM audit_event`))[0].n).toBe(auditBefore);
  });

  it('accepts a valid id in upper case', async () => {
    const { updateTheme } = await server.ok(
      graphql(`
        mutation IdsUpdateThemeAgain($id: ID!) {
          updateTheme(id: $id, input: { summary: "Om naturen." }) {
            id
          }
        }
      `),
      { id: theme.toUpperCase() },
      { token: coordinator },
    );
    expect(updateTheme.id).toBe(theme);
  });
});

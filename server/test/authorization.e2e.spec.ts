import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './__generated__/index.js';
import { startTestServer, type GraphQLResponse, type Operation, type TestServer } from './support/server.js';
import {
  activityInput,
  CALLERS,
  callerTokens,
  createOpenTheme,
  insertActivity,
  register,
  registeredLibraries,
  themeId,
  type Caller,
} from './support/fixtures.js';

/**
 * The authorization matrix: every mutation and every restricted field × anonymous, partner,
 * staff of the owning library, staff of another library and coordinator. Each cell gets fresh
 * data, so cells do not depend on each other.
 *
 * OK: success. NULL: no error, but the restricted value is null (drafts and attendance are hidden,
 * not refused, as the read API does for any object the caller may not see). Otherwise the code.
 */
type Expected = 'OK' | 'NULL' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND';

interface Row {
  name: string;
  expected: Record<Caller, Expected>;
  /** Runs the operation for one caller; returns the response and the value to check for OK/NULL. */
  run(token: string | undefined): Promise<{ res: GraphQLResponse; value: unknown }>;
}

const LIBRARY_WRITE: Record<Caller, Expected> = {
  anonymous: 'UNAUTHENTICATED',
  partner: 'FORBIDDEN',
  ownStaff: 'OK',
  otherStaff: 'FORBIDDEN',
  coordinator: 'OK',
};
/** Another library's draft is NOT_FOUND for staff, as if it did not exist. */
const DRAFT_WRITE: Record<Caller, Expected> = { ...LIBRARY_WRITE, otherStaff: 'NOT_FOUND' };
const COORDINATOR_ONLY: Record<Caller, Expected> = {
  anonymous: 'UNAUTHENTICATED',
  partner: 'FORBIDDEN',
  ownStaff: 'FORBIDDEN',
  otherStaff: 'FORBIDDEN',
  coordinator: 'OK',
};
const HIDDEN_READ: Record<Caller, Expected> = {
  anonymous: 'NULL',
  partner: 'NULL',
  ownStaff: 'OK',
  otherStaff: 'NULL',
  coordinator: 'OK',
};

let server: TestServer;
let tokens: Record<Caller, string | undefined>;
let theme11: string;
let own: string;
let other: string;
let openTheme: string;
let counter = 0;

beforeAll(async () => {
  server = await startTestServer();
  theme11 = await themeId(server.db, 11);
  [own, other] = (await registeredLibraries(server.db, theme11, 2)) as [string, string];
  tokens = await callerTokens(server.db, own, other);
  openTheme = (await createOpenTheme(server.db, 90)).id;
});
afterAll(async () => {
  await server?.stop();
});

const next = () => ++counter;

async function call<R, V>(query: Operation<R, V>, variables: V, token: string | undefined, pick: (data: R) => unknown) {
  const res = await server.gql(query, variables, { token });
  return { res, value: res.data == null ? undefined : pick(res.data) };
}

const rows: Row[] = [
  {
    name: 'registerLibraryForTheme',
    expected: LIBRARY_WRITE,
    run: (token) =>
      call(
        graphql(`
          mutation AuthorizationRegisterLibraryForTheme($input: RegisterLibraryInput!) {
            registerLibraryForTheme(input: $input) {
              id
              status
            }
          }
        `),
        {
          input: {
            themeId: openTheme,
            libraryId: own,
            contactName: 'Karen Bibliotekar',
            contactEmail: 'karen@bibliotek.example',
          },
        },
        token,
        (d) => d.registerLibraryForTheme?.id,
      ),
  },
  {
    name: 'withdrawRegistration',
    expected: LIBRARY_WRITE,
    run: async (token) => {
      await register(server.db, openTheme, own);
      return call(
        graphql(`
          mutation AuthorizationWithdrawRegistration($t: ID!, $l: ID!) {
            withdrawRegistration(themeId: $t, libraryId: $l) {
              status
            }
          }
        `),
        { t: openTheme, l: own },
        token,
        (d) => d.withdrawRegistration?.status,
      );
    },
  },
  {
    name: 'createActivity',
    expected: LIBRARY_WRITE,
    run: (token) =>
      call(
        graphql(`
          mutation AuthorizationCreateActivity($input: CreateActivityInput!) {
            createActivity(input: $input) {
              id
              status
            }
          }
        `),
        { input: activityInput(theme11, own) },
        token,
        (d) => d.createActivity?.id,
      ),
  },
  {
    name: 'updateActivity (published)',
    expected: LIBRARY_WRITE,
    run: async (token) => {
      const a = await insertActivity(server.db, theme11, own);
      return call(
        graphql(`
          mutation AuthorizationUpdateActivity($id: ID!, $v: Int!) {
            updateActivity(id: $id, version: $v, input: { title: "Ny titel" }) {
              title
            }
          }
        `),
        { id: a.id, v: a.version },
        token,
        (d) => d.updateActivity?.title,
      );
    },
  },
  {
    name: 'updateActivity (draft)',
    expected: DRAFT_WRITE,
    run: async (token) => {
      const a = await insertActivity(server.db, theme11, own, { status: 'DRAFT' });
      return call(
        graphql(`
          mutation AuthorizationUpdateActivityAgain($id: ID!, $v: Int!) {
            updateActivity(id: $id, version: $v, input: { title: "Ny titel" }) {
              title
            }
          }
        `),
        { id: a.id, v: a.version },
        token,
        (d) => d.updateActivity?.title,
      );
    },
  },
  {
    name: 'publishActivity (draft)',
    expected: DRAFT_WRITE,
    run: async (token) => {
      const a = await insertActivity(server.db, theme11, own, { status: 'DRAFT' });
      return call(
        graphql(`
          mutation AuthorizationPublishActivity($id: ID!) {
            publishActivity(id: $id) {
              status
            }
          }
        `),
        { id: a.id },
        token,
        (d) => d.publishActivity?.status,
      );
    },
  },
  {
    name: 'cancelActivity',
    expected: LIBRARY_WRITE,
    run: async (token) => {
      const a = await insertActivity(server.db, theme11, own);
      return call(
        graphql(`
          mutation AuthorizationCancelActivity($id: ID!) {
            cancelActivity(id: $id, reason: "Sygdom") {
              status
            }
          }
        `),
        { id: a.id },
        token,
        (d) => d.cancelActivity?.status,
      );
    },
  },
  {
    name: 'reportAttendance',
    expected: LIBRARY_WRITE,
    run: async (token) => {
      const a = await insertActivity(server.db, theme11, own);
      return call(
        graphql(`
          mutation AuthorizationReportAttendance($id: ID!) {
            reportAttendance(id: $id, attendance: 12) {
              version
            }
          }
        `),
        { id: a.id },
        token,
        (d) => d.reportAttendance?.version,
      );
    },
  },
  {
    name: 'deleteActivity (draft)',
    expected: DRAFT_WRITE,
    run: async (token) => {
      const a = await insertActivity(server.db, theme11, own, { status: 'DRAFT' });
      return call(
        graphql(`
          mutation AuthorizationDeleteActivity($id: ID!) {
            deleteActivity(id: $id)
          }
        `),
        { id: a.id },
        token,
        (d) => d.deleteActivity,
      );
    },
  },
  {
    name: 'createTheme',
    expected: COORDINATOR_ONLY,
    run: (token) => {
      const n = 500 + next();
      return call(
        graphql(`
          mutation AuthorizationCreateTheme($input: CreateThemeInput!) {
            createTheme(input: $input) {
              id
            }
          }
        `),
        {
          input: {
            number: n,
            slug: `matrix-${n}`,
            title: 'Matrix',
            summary: 'S',
            description: 'D',
            year: 2030,
            startWeek: 10,
            endWeek: 12,
            focusAreas: [],
          },
        },
        token,
        (d) => d.createTheme?.id,
      );
    },
  },
  {
    name: 'updateTheme',
    expected: COORDINATOR_ONLY,
    run: (token) =>
      call(
        graphql(`
          mutation AuthorizationUpdateTheme($id: ID!) {
            updateTheme(id: $id, input: { summary: "Ny opsummering" }) {
              summary
            }
          }
        `),
        { id: openTheme },
        token,
        (d) => d.updateTheme?.summary,
      ),
  },
  {
    name: 'createPartner',
    expected: COORDINATOR_ONLY,
    run: (token) =>
      call(
        graphql(`
          mutation AuthorizationCreatePartner($n: String!) {
            createPartner(input: { name: $n, kind: MUSEUM, scope: NATIONAL }) {
              id
            }
          }
        `),
        { n: `Matrixmuseet ${next()}` },
        token,
        (d) => d.createPartner?.id,
      ),
  },
  {
    name: 'updatePartner',
    expected: COORDINATOR_ONLY,
    run: async (token) => {
      const [p] = await server.db.query(
        `INSERT INTO partner (name, kind, scope) VALUES ($1, 'OTHER', 'NATIONAL') RETURNING id`,
        [`Matrixpartner ${next()}`],
      );
      return call(
        graphql(`
          mutation AuthorizationUpdatePartner($id: ID!) {
            updatePartner(id: $id, input: { description: "Ny" }) {
              description
            }
          }
        `),
        { id: p.id },
        token,
        (d) => d.updatePartner?.description,
      );
    },
  },
  {
    name: 'addThemePartner',
    expected: COORDINATOR_ONLY,
    run: async (token) => {
      const [p] = await server.db.query(
        `INSERT INTO partner (name, kind, scope) VALUES ($1, 'MEDIA', 'NATIONAL') RETURNING id`,
        [`Matrixmedie ${next()}`],
      );
      return call(
        graphql(`
          mutation AuthorizationAddThemePartner($t: ID!, $p: ID!) {
            addThemePartner(themeId: $t, partnerId: $p, role: "mediepartner") {
              id
            }
          }
        `),
        { t: openTheme, p: p.id },
        token,
        (d) => d.addThemePartner?.id,
      );
    },
  },
  {
    name: 'createNotice',
    expected: COORDINATOR_ONLY,
    run: (token) =>
      call(
        graphql(`
          mutation AuthorizationCreateNotice {
            createNotice(input: { title: "Husk", body: "Tilmeld jer", validFrom: "2026-01-01T00:00:00Z" }) {
              id
            }
          }
        `),
        {},
        token,
        (d) => d.createNotice?.id,
      ),
  },
  {
    name: 'createLibrary',
    expected: COORDINATOR_ONLY,
    run: (token) =>
      call(
        graphql(`
          mutation AuthorizationCreateLibrary($n: String!) {
            createLibrary(input: { name: $n, municipalityCode: 751 }) {
              id
            }
          }
        `),
        { n: `Matrixfilialen ${next()}` },
        token,
        (d) => d.createLibrary?.id,
      ),
  },
  {
    name: 'createApiToken',
    expected: COORDINATOR_ONLY,
    run: (token) =>
      call(
        graphql(`
          mutation AuthorizationCreateApiToken {
            createApiToken(input: { name: "Matrix", role: PARTNER }) {
              token
            }
          }
        `),
        {},
        token,
        (d) => d.createApiToken?.token,
      ),
  },
  {
    name: 'revokeApiToken',
    expected: COORDINATOR_ONLY,
    run: async (token) => {
      const [t] = await server.db.query(
        `INSERT INTO api_token (name, role, token_hash) VALUES ('victim', 'PARTNER', $1) RETURNING id`,
        [next().toString(16).padStart(64, '0')],
      );
      return call(
        graphql(`
          mutation AuthorizationRevokeApiToken($id: ID!) {
            revokeApiToken(id: $id)
          }
        `),
        { id: t.id },
        token,
        (d) => d.revokeApiToken,
      );
    },
  },
  {
    name: 'themeReport',
    expected: COORDINATOR_ONLY,
    run: (token) =>
      call(
        graphql(`
          query AuthorizationThemeReport($t: ID!) {
            themeReport(themeId: $t) {
              registeredLibraries
            }
          }
        `),
        { t: theme11 },
        token,
        (d) => d.themeReport?.registeredLibraries,
      ),
  },
  {
    name: 'Theme.registrations',
    expected: COORDINATOR_ONLY,
    run: (token) =>
      call(
        graphql(`
          query AuthorizationTheme {
            theme(slug: "vores-natur") {
              id
              registrations(first: 1) {
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
        token,
        (d) => d.theme?.registrations?.totalCount,
      ),
  },
  {
    name: 'auditEvents',
    expected: COORDINATOR_ONLY,
    run: (token) =>
      call(
        graphql(`
          query AuthorizationAuditEvents {
            auditEvents(first: 1) {
              totalCount
            }
          }
        `),
        {},
        token,
        (d) => d.auditEvents?.totalCount,
      ),
  },
  {
    name: 'apiTokens',
    expected: COORDINATOR_ONLY,
    run: (token) =>
      call(
        graphql(`
          query AuthorizationApiTokens {
            apiTokens {
              id
            }
          }
        `),
        {},
        token,
        (d) => d.apiTokens,
      ),
  },
  {
    // The list is public (participation is); its contact data is not: empty strings and a null note.
    name: 'Registration.contactEmail (contact data)',
    expected: HIDDEN_READ,
    run: (token) =>
      call(
        graphql(`
          query AuthorizationLibrary($id: ID!) {
            library(id: $id) {
              registrations {
                contactName
                contactEmail
                note
              }
            }
          }
        `),
        { id: own },
        token,
        (d) => d.library?.registrations?.[0]?.contactEmail || null,
      ),
  },
  {
    name: 'Registration.contactName (contact data)',
    expected: HIDDEN_READ,
    run: (token) =>
      call(
        graphql(`
          query AuthorizationLibraryAgain($id: ID!) {
            library(id: $id) {
              registrations {
                contactName
              }
            }
          }
        `),
        { id: own },
        token,
        (d) => d.library?.registrations?.[0]?.contactName || null,
      ),
  },
  {
    name: 'activity(id:) of a draft',
    expected: HIDDEN_READ,
    run: async (token) => {
      const a = await insertActivity(server.db, theme11, own, { status: 'DRAFT' });
      return call(
        graphql(`
          query AuthorizationActivity($id: ID!) {
            activity(id: $id) {
              id
              status
            }
          }
        `),
        { id: a.id },
        token,
        (d) => d.activity?.id ?? null,
      );
    },
  },
  {
    name: 'Activity.attendance',
    expected: HIDDEN_READ,
    run: async (token) => {
      const a = await insertActivity(server.db, theme11, own, { attendance: 31 });
      return call(
        graphql(`
          query AuthorizationActivityAgain($id: ID!) {
            activity(id: $id) {
              attendance
            }
          }
        `),
        { id: a.id },
        token,
        (d) => d.activity?.attendance ?? null,
      );
    },
  },
];

describe('authorization matrix', () => {
  const cells = rows.flatMap((row) => CALLERS.map((caller) => ({ row, caller, expected: row.expected[caller] })));

  it.each(cells.map((c) => [c.row.name, c.caller, c.expected, c] as const))(
    '%s × %s → %s',
    async (_name, caller, expected, cell) => {
      const { res, value } = await cell.row.run(tokens[caller]);
      if (expected === 'OK') {
        expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
        expect(value).not.toBeNull();
        expect(value).toBeDefined();
      } else if (expected === 'NULL') {
        expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
        expect(value).toBeNull();
      } else {
        expect(res.errors?.map((e) => e.extensions?.code)).toEqual([expected]);
        expect(res.errors![0]!.message.length).toBeGreaterThan(10);
      }
    },
  );

  it('checks a library id inside an input object, not only the arguments', async () => {
    const res = await server.gql(
      graphql(`
        mutation AuthorizationCreateActivityAgain($input: CreateActivityInput!) {
          createActivity(input: $input) {
            id
          }
        }
      `),
      { input: activityInput(theme11, other) },
      { token: tokens.ownStaff },
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.libraryId' });
    const [{ n }] = await server.db.query(
      `SELECT count(*)::int AS n FROM activity WHERE library_id = $1 AND title = $2`,
      [other, activityInput(theme11, other).title],
    );
    expect(n).toBe(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './__generated__/index.js';
import { startTestServer, type TestServer } from './support/server.js';
import { issueToken } from './support/tokens.js';
import { createOpenTheme, themeId, unregisteredLibrary } from './support/fixtures.js';

const REGISTER = graphql(`
  mutation RegistrationRegister($input: RegisterLibraryInput!) {
    registerLibraryForTheme(input: $input) {
      id
      status
      contactName
      contactEmail
      note
      registeredAt
      withdrawnAt
      theme {
        id
      }
      library {
        id
      }
    }
  }
`);
const WITHDRAW = graphql(`
  mutation RegistrationWithdraw($t: ID!, $l: ID!) {
    withdrawRegistration(themeId: $t, libraryId: $l) {
      id
      status
      withdrawnAt
    }
  }
`);

let server: TestServer;
let openTheme: string;
let coordinator: string;
beforeAll(async () => {
  server = await startTestServer();
  openTheme = (await createOpenTheme(server.db, 91)).id;
  coordinator = (await issueToken(server.db, 'COORDINATOR')).token;
});
afterAll(async () => {
  await server?.stop();
});

async function staffOf(offset: number) {
  const library = await unregisteredLibrary(server.db, openTheme, offset);
  const { token } = await issueToken(server.db, 'LIBRARY_STAFF', { libraryId: library });
  return { library, token };
}

const input = (library: string, extra: Record<string, unknown> = {}) => ({
  themeId: openTheme,
  libraryId: library,
  contactName: 'Søren Ærø',
  contactEmail: 'soren@bibliotek.example',
  ...extra,
});

const rowsOf = (library: string) =>
  server.db.query(`SELECT id, status FROM registration WHERE theme_id = $1 AND library_id = $2`, [openTheme, library]);

describe('registerLibraryForTheme', () => {
  it('20 identical concurrent sign-ups make one row and 20 answers with the same registration', async () => {
    const { library, token } = await staffOf(0);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => server.gql(REGISTER, { input: input(library) }, { token })),
    );
    for (const a of answers) expect(a.errors, JSON.stringify(a.errors)).toBeUndefined();
    const ids = new Set(answers.map((a) => a.data!.registerLibraryForTheme.id));
    expect(ids.size).toBe(1);
    const rows = await rowsOf(library);
    expect(rows).toHaveLength(1);
    expect(rows[0].id).toBe([...ids][0]);
    expect(answers[0]!.data!.registerLibraryForTheme).toMatchObject({
      status: 'REGISTERED',
      contactName: 'Søren Ærø',
      theme: { id: openTheme },
      library: { id: library },
    });
    const [{ n }] = await server.db.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE entity_type = 'Registration' AND entity_id = $1`,
      [rows[0].id],
    );
    expect(n).toBe(1);
  });

  it("accepts the staff's own library id in any letter case (UUIDs are case-insensitive)", async () => {
    const { library, token } = await staffOf(5);
    const upper = library.toUpperCase();
    const res = await server.gql(REGISTER, { input: input(upper) }, { token });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    expect(res.data!.registerLibraryForTheme.library.id).toBe(library);
    expect(await rowsOf(library)).toHaveLength(1);
  });

  it('is idempotent, updates contact details, and re-activates a withdrawn registration', async () => {
    const { library, token } = await staffOf(1);
    const first = (await server.ok(REGISTER, { input: input(library) }, { token })).registerLibraryForTheme;
    const again = (await server.ok(REGISTER, { input: input(library) }, { token })).registerLibraryForTheme;
    expect(again).toEqual(first);
    const changed = (
      await server.ok(
        REGISTER,
        { input: input(library, { contactName: 'Åse Østergaard', note: 'Vi glæder os' }) },
        { token },
      )
    ).registerLibraryForTheme;
    expect(changed).toMatchObject({ id: first.id, contactName: 'Åse Østergaard', note: 'Vi glæder os' });

    const withdrawn = (await server.ok(WITHDRAW, { t: openTheme, l: library }, { token })).withdrawRegistration;
    expect(withdrawn).toMatchObject({ id: first.id, status: 'WITHDRAWN' });
    expect(withdrawn.withdrawnAt).not.toBeNull();
    expect(await rowsOf(library)).toEqual([{ id: first.id, status: 'WITHDRAWN' }]);
    // Withdrawing twice is harmless.
    expect((await server.ok(WITHDRAW, { t: openTheme, l: library }, { token })).withdrawRegistration.status).toBe(
      'WITHDRAWN',
    );

    const back = (await server.ok(REGISTER, { input: input(library) }, { token })).registerLibraryForTheme;
    expect(back).toMatchObject({ id: first.id, status: 'REGISTERED', withdrawnAt: null });
    expect(await rowsOf(library)).toEqual([{ id: first.id, status: 'REGISTERED' }]);

    const actions: { action: string }[] = await server.db.query(
      `SELECT action FROM audit_event WHERE entity_type = 'Registration' AND entity_id = $1 ORDER BY id`,
      [first.id],
    );
    expect(actions.map((a) => a.action)).toEqual(['register', 'update', 'withdraw', 'reregister']);
  });

  it('applies the sign-up window to staff but lets coordinators register late', async () => {
    const theme11 = await themeId(server.db, 11);
    const library = await unregisteredLibrary(server.db, theme11, 0);
    const { token } = await issueToken(server.db, 'LIBRARY_STAFF', { libraryId: library });
    const late = await server.gql(REGISTER, { input: { ...input(library), themeId: theme11 } }, { token });
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.themeId' });
    expect(late.errors?.[0]?.message).toMatch(/not open/);
    const byCoordinator = await server.ok(
      REGISTER,
      { input: { ...input(library), themeId: theme11 } },
      { token: coordinator },
    );
    expect(byCoordinator.registerLibraryForTheme.status).toBe('REGISTERED');
  });

  it('validates the input and names the field', async () => {
    const { library, token } = await staffOf(2);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ contactEmail: 'ikke-en-adresse' }, 'BAD_USER_INPUT', 'input.contactEmail'],
      [{ contactName: '' }, 'BAD_USER_INPUT', 'input.contactName'],
      [{ contactName: 'x'.repeat(201) }, 'BAD_USER_INPUT', 'input.contactName'],
      [{ note: 'x'.repeat(2001) }, 'BAD_USER_INPUT', 'input.note'],
      [{ themeId: '00000000-0000-4000-8000-000000000000' }, 'BAD_USER_INPUT', 'input.themeId'],
      [{ themeId: 'nope' }, 'BAD_USER_INPUT', 'input.themeId'],
    ];
    for (const [extra, code, field] of cases) {
      const res = await server.gql(REGISTER, { input: input(library, extra) }, { token });
      expect(res.errors?.[0]?.extensions, JSON.stringify(extra)).toMatchObject({ code, field });
    }
    const missing = await server.gql(WITHDRAW, { t: openTheme, l: library }, { token });
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(await rowsOf(library)).toEqual([]);
  });

  it("shows a library's registrations to its staff with contact data", async () => {
    const { library, token } = await staffOf(3);
    await server.ok(REGISTER, { input: input(library) }, { token });
    const { library: lib } = await server.ok(
      graphql(`
        query RegistrationLibrary($id: ID!) {
          library(id: $id) {
            registrations {
              status
              contactEmail
              theme {
                id
              }
            }
          }
        }
      `),
      { id: library },
      { token },
    );
    const [{ n }] = await server.db.query(`SELECT count(*)::int AS n FROM registration WHERE library_id = $1`, [
      library,
    ]);
    expect(lib!.registrations).toHaveLength(n);
    expect(lib!.registrations.filter((r) => r.theme.id === openTheme)).toEqual([
      { status: 'REGISTERED', contactEmail: 'soren@bibliotek.example', theme: { id: openTheme } },
    ]);
  });
});

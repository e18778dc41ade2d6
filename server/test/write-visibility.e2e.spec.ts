// One visibility rule for reads and writes: a caller can change an activity (or withdraw a
// sign-up) exactly when a read shows it to them. An activity in an unpublished theme is hidden
// from library staff, so every write on it is NOT_FOUND and changes nothing; coordinators see and
// change it, and the answer's `theme` resolves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server.js';
import { issueToken } from './support/tokens.js';
import { insertActivity, register, registeredLibraries, themeId, type ActivityFixture } from './support/fixtures.js';

let server: TestServer;
let publishedTheme: string;
let hiddenTheme: string;
let library: string;
const tokens: Record<'ownStaff' | 'coordinator', string> = { ownStaff: '', coordinator: '' };

beforeAll(async () => {
  server = await startTestServer();
  publishedTheme = await themeId(server.db, 11);
  [library] = (await registeredLibraries(server.db, publishedTheme, 1)) as [string];
  // Spring 2020 like Tema 11, so that the fixtures' activities fall in its period and have started.
  const [theme] = (await server.db.query(
    `INSERT INTO theme (number, slug, title, summary, description, year, start_week, end_week, is_published)
     VALUES (98, 'skjult-tema', 'Skjult tema', 'Under forberedelse.', 'Under forberedelse.', 2020, 16, 18, false) RETURNING id`,
  )) as { id: string }[];
  hiddenTheme = theme!.id;
  await register(server.db, hiddenTheme, library);
  tokens.ownStaff = (await issueToken(server.db, 'LIBRARY_STAFF', { libraryId: library })).token;
  tokens.coordinator = (await issueToken(server.db, 'COORDINATOR')).token;
});
afterAll(async () => {
  await server?.stop();
});

interface Write {
  name: string;
  /** The status the activity needs for the write to succeed when allowed. */
  status: 'DRAFT' | 'PUBLISHED';
  document: string;
  variables: (a: ActivityFixture) => Record<string, unknown>;
}

const WRITES: Write[] = [
  {
    name: 'publishActivity',
    status: 'DRAFT',
    document: `mutation($id: ID!) { publishActivity(id: $id) { id status theme { title } } }`,
    variables: (a) => ({ id: a.id }),
  },
  {
    name: 'cancelActivity',
    status: 'PUBLISHED',
    document: `mutation($id: ID!) { cancelActivity(id: $id, reason: "Sygdom") { id status theme { title } } }`,
    variables: (a) => ({ id: a.id }),
  },
  {
    name: 'reportAttendance',
    status: 'PUBLISHED',
    document: `mutation($id: ID!) { reportAttendance(id: $id, attendance: 12) { id attendance theme { title } } }`,
    variables: (a) => ({ id: a.id }),
  },
  {
    name: 'updateActivity',
    status: 'DRAFT',
    document: `mutation($id: ID!, $v: Int!) { updateActivity(id: $id, version: $v, input: { title: "Ny titel" }) { id title theme { title } } }`,
    variables: (a) => ({ id: a.id, v: a.version }),
  },
  {
    name: 'deleteActivity',
    status: 'DRAFT',
    document: `mutation($id: ID!) { deleteActivity(id: $id) }`,
    variables: (a) => ({ id: a.id }),
  },
];

interface Situation {
  theme: 'published' | 'unpublished';
  caller: keyof typeof tokens;
  /** Whether reads show the activity to the caller, and so whether the write may reach it. */
  visible: boolean;
}

const SITUATIONS: Situation[] = [
  { theme: 'published', caller: 'ownStaff', visible: true },
  { theme: 'unpublished', caller: 'ownStaff', visible: false },
  { theme: 'unpublished', caller: 'coordinator', visible: true },
];

const READ = `query($id: ID!) { activity(id: $id) { id } }`;
const STATE = `SELECT status, version, title, attendance FROM activity WHERE id = $1`;

describe('activity writes see what reads see', () => {
  for (const write of WRITES) {
    for (const s of SITUATIONS) {
      it(`${write.name}: ${s.caller} on an activity of ${s.theme === 'unpublished' ? 'an' : 'a'} ${s.theme} theme ${s.visible ? 'succeeds' : 'is NOT_FOUND and changes nothing'}`, async () => {
        const theme = s.theme === 'published' ? publishedTheme : hiddenTheme;
        const activity = await insertActivity(server.db, theme, library, { status: write.status });
        const token = tokens[s.caller];

        const read = await server.ok(READ, { id: activity.id }, { token });
        expect(read.activity !== null).toBe(s.visible);

        const before = await server.db.query(STATE, [activity.id]);
        const res = await server.gql(write.document, write.variables(activity), { token });
        if (s.visible) {
          expect(res.errors).toBeUndefined();
          const answer = res.data[write.name];
          if (typeof answer === 'object')
            expect(answer.theme.title).toBe(s.theme === 'published' ? 'Vores natur' : 'Skjult tema');
          else expect(answer).toBe(true);
          expect(await server.db.query(STATE, [activity.id])).not.toEqual(before);
        } else {
          expect(res.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['NOT_FOUND', 'id']]);
          expect(res.data).toBeNull();
          expect(await server.db.query(STATE, [activity.id])).toEqual(before);
        }
      });
    }
  }
});

describe('withdrawRegistration sees what reads see', () => {
  const WITHDRAW = `mutation($t: ID!, $l: ID!) { withdrawRegistration(themeId: $t, libraryId: $l) { status theme { title } } }`;
  const REGISTRATIONS = `query($l: ID!) { library(id: $l) { registrations { theme { id } } } }`;
  const status = async (theme: string) =>
    (
      (await server.db.query(`SELECT status FROM registration WHERE theme_id = $1 AND library_id = $2`, [
        theme,
        library,
      ])) as { status: string }[]
    )[0]!.status;

  for (const s of SITUATIONS) {
    it(`${s.caller} withdrawing from ${s.theme === 'unpublished' ? 'an' : 'a'} ${s.theme} theme ${s.visible ? 'succeeds' : 'is NOT_FOUND and changes nothing'}`, async () => {
      const theme = s.theme === 'published' ? publishedTheme : hiddenTheme;
      await register(server.db, theme, library);
      const token = tokens[s.caller];
      const shown = (await server.ok(REGISTRATIONS, { l: library }, { token })).library.registrations.map(
        (r: { theme: { id: string } }) => r.theme.id,
      );
      expect(shown.includes(theme)).toBe(s.visible);

      const res = await server.gql(WITHDRAW, { t: theme, l: library }, { token });
      if (s.visible) {
        expect(res.errors).toBeUndefined();
        expect(res.data.withdrawRegistration).toEqual({
          status: 'WITHDRAWN',
          theme: { title: s.theme === 'published' ? 'Vores natur' : 'Skjult tema' },
        });
        expect(await status(theme)).toBe('WITHDRAWN');
      } else {
        expect(res.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['NOT_FOUND', 'themeId']]);
        expect(await status(theme)).toBe('REGISTERED');
      }
    });
  }
});

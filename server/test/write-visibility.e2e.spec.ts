// One visibility rule for reads and writes: a caller can change an activity (or withdraw a
// sign-up) exactly when a read shows it to them. An activity in an unpublished theme is hidden
// from library staff, so every write on it is NOT_FOUND and changes nothing; coordinators see and
// change it, and the answer's `theme` resolves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './__generated__/index.js';
import { startTestServer, type GraphQLResponse, type Operation, type TestServer } from './support/server.js';
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

/** What a write answers: the activity with its theme, or true (deleteActivity). */
type WriteAnswer = { theme: { title: string } } | boolean;

interface Write {
  name: string;
  /** The status the activity needs for the write to succeed when allowed. */
  status: 'DRAFT' | 'PUBLISHED';
  send: (a: ActivityFixture, token: string) => Promise<GraphQLResponse<Record<string, WriteAnswer>>>;
}

/** A write as a typed mutation whose one field is `name`. */
function write<R extends Record<string, WriteAnswer>, V>(w: {
  name: keyof R & string;
  status: Write['status'];
  document: Operation<R, V>;
  variables: (a: ActivityFixture) => V;
}): Write {
  return { name: w.name, status: w.status, send: (a, token) => server.gql(w.document, w.variables(a), { token }) };
}

const WRITES: Write[] = [
  write({
    name: 'publishActivity',
    status: 'DRAFT',
    document: graphql(`
      mutation WriteVisibilityPublish($id: ID!) {
        publishActivity(id: $id) {
          id
          status
          theme {
            title
          }
        }
      }
    `),
    variables: (a) => ({ id: a.id }),
  }),
  write({
    name: 'cancelActivity',
    status: 'PUBLISHED',
    document: graphql(`
      mutation WriteVisibilityCancel($id: ID!) {
        cancelActivity(id: $id, reason: "Sygdom") {
          id
          status
          theme {
            title
          }
        }
      }
    `),
    variables: (a) => ({ id: a.id }),
  }),
  write({
    name: 'reportAttendance',
    status: 'PUBLISHED',
    document: graphql(`
      mutation WriteVisibilityAttendance($id: ID!) {
        reportAttendance(id: $id, attendance: 12) {
          id
          attendance
          theme {
            title
          }
        }
      }
    `),
    variables: (a) => ({ id: a.id }),
  }),
  write({
    name: 'updateActivity',
    status: 'DRAFT',
    document: graphql(`
      mutation WriteVisibilityUpdate($id: ID!, $v: Int!) {
        updateActivity(id: $id, version: $v, input: { title: "Ny titel" }) {
          id
          title
          theme {
            title
          }
        }
      }
    `),
    variables: (a) => ({ id: a.id, v: a.version }),
  }),
  write({
    name: 'deleteActivity',
    status: 'DRAFT',
    document: graphql(`
      mutation WriteVisibilityDelete($id: ID!) {
        deleteActivity(id: $id)
      }
    `),
    variables: (a) => ({ id: a.id }),
  }),
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

const READ = graphql(`
  query WriteVisibilityRead($id: ID!) {
    activity(id: $id) {
      id
    }
  }
`);
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
        const res = await write.send(activity, token);
        if (s.visible) {
          expect(res.errors).toBeUndefined();
          const answer = res.data![write.name];
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
  const WITHDRAW = graphql(`
    mutation WriteVisibilityWithdraw($t: ID!, $l: ID!) {
      withdrawRegistration(themeId: $t, libraryId: $l) {
        status
        theme {
          title
        }
      }
    }
  `);
  const REGISTRATIONS = graphql(`
    query WriteVisibilityRegistrations($l: ID!) {
      library(id: $l) {
        registrations {
          theme {
            id
          }
        }
      }
    }
  `);
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
      const shown = (await server.ok(REGISTRATIONS, { l: library }, { token })).library!.registrations.map(
        (r: { theme: { id: string } }) => r.theme.id,
      );
      expect(shown.includes(theme)).toBe(s.visible);

      const res = await server.gql(WITHDRAW, { t: theme, l: library }, { token });
      if (s.visible) {
        expect(res.errors).toBeUndefined();
        expect(res.data!.withdrawRegistration).toEqual({
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

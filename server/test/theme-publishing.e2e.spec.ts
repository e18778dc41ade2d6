import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './__generated__/index.js';
import type { CreateThemeInput } from './__generated__/graphql.js';
import { startTestServer, type TestServer } from './support/server.js';
import { issueToken } from './support/tokens.js';
import { activityInput, insertActivity, registeredLibraries, themeId } from './support/fixtures.js';

/** Unpublished themes (next season in preparation) and how updateTheme guards the theme period. */

let server: TestServer;
let coordinator: string;
let partner: string;
let library: string;
beforeAll(async () => {
  server = await startTestServer();
  coordinator = (await issueToken(server.db, 'COORDINATOR')).token;
  partner = (await issueToken(server.db, 'PARTNER', { name: 'DR' })).token;
  [library] = (await registeredLibraries(server.db, await themeId(server.db, 11), 1)) as [string];
});
afterAll(async () => {
  await server?.stop();
});

const CREATE_THEME = graphql(`
  mutation ThemePublishingCreateTheme($input: CreateThemeInput!) {
    createTheme(input: $input) {
      id
      slug
      isPublished
      startsOn
      endsOn
    }
  }
`);
const UPDATE_THEME = graphql(`
  mutation ThemePublishingUpdateTheme($id: ID!, $input: UpdateThemeInput!) {
    updateTheme(id: $id, input: $input) {
      id
      isPublished
      startWeek
      endWeek
      startsOn
      endsOn
    }
  }
`);
const CREATE_ACTIVITY = graphql(`
  mutation ThemePublishingCreateActivity($input: CreateActivityInput!) {
    createActivity(input: $input) {
      id
      status
    }
  }
`);
const PUBLISH = graphql(`
  mutation ThemePublishingPublish($id: ID!) {
    publishActivity(id: $id) {
      id
      status
    }
  }
`);
const THEME = graphql(`
  query ThemePublishingTheme($slug: String!) {
    theme(slug: $slug) {
      id
      isPublished
    }
  }
`);
const THEMES = graphql(`
  query ThemePublishingThemes {
    themes(first: 100) {
      edges {
        node {
          id
        }
      }
      totalCount
    }
  }
`);
const ACTIVITIES = graphql(`
  query ThemePublishingActivities($t: ID!) {
    activities(filter: { themeId: $t }) {
      totalCount
      edges {
        node {
          id
        }
      }
    }
  }
`);
const ACTIVITY = graphql(`
  query ThemePublishingActivity($id: ID!) {
    activity(id: $id) {
      id
    }
  }
`);

const themeInput = (number: number, slug: string, extra: Partial<CreateThemeInput> = {}): CreateThemeInput => ({
  number,
  slug,
  title: `Næste sæson ${number}`,
  summary: 'Kommer snart.',
  description: 'Temaet forberedes.',
  year: 2030,
  startWeek: 10,
  endWeek: 12,
  focusAreas: ['PARTNERSHIPS'],
  ...extra,
});

async function feedStatus(slug: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${server.url}/feeds/themes/${slug}.ics`);
  return { status: res.status, text: await res.text() };
}

describe('unpublished themes', () => {
  it('are seen by coordinators only, with their activities, until updateTheme publishes them', async () => {
    const slug = 'naeste-saeson';
    const { createTheme: theme } = await server.ok(
      CREATE_THEME,
      { input: themeInput(40, slug, { isPublished: false }) },
      { token: coordinator },
    );
    expect(theme).toMatchObject({ slug, isPublished: false, startsOn: '2030-03-04', endsOn: '2030-03-24' });
    // Coordinators are exempt from signing up; the activity is published, yet its theme is not.
    const input = activityInput(theme.id, library, {
      startsAt: '2030-03-05T10:00:00+01:00',
      endsAt: '2030-03-05T12:00:00+01:00',
    });
    const { createActivity: activity } = await server.ok(CREATE_ACTIVITY, { input }, { token: coordinator });
    await server.ok(PUBLISH, { id: activity.id }, { token: coordinator });
    const staff = (await issueToken(server.db, 'LIBRARY_STAFF', { libraryId: library })).token;

    for (const [who, token] of [
      ['anonymous', undefined],
      ['partner', partner],
      ['staff', staff],
    ] as const) {
      const options = token ? { token } : {};
      expect((await server.ok(THEME, { slug }, options)).theme, who).toBeNull();
      const { themes } = await server.ok(THEMES, {}, options);
      expect(
        themes.edges.map((e) => e.node.id),
        who,
      ).not.toContain(theme.id);
      expect((await server.ok(ACTIVITIES, { t: theme.id }, options)).activities, who).toEqual({
        totalCount: 0,
        edges: [],
      });
      expect((await server.ok(ACTIVITY, { id: activity.id }, options)).activity, who).toBeNull();
    }
    expect((await feedStatus(slug)).status).toBe(404);

    expect((await server.ok(THEME, { slug }, { token: coordinator })).theme).toEqual({
      id: theme.id,
      isPublished: false,
    });
    expect((await server.ok(THEMES, {}, { token: coordinator })).themes.edges.map((e) => e.node.id)).toContain(
      theme.id,
    );
    expect((await server.ok(ACTIVITIES, { t: theme.id }, { token: coordinator })).activities).toEqual({
      totalCount: 1,
      edges: [{ node: { id: activity.id } }],
    });

    const { updateTheme } = await server.ok(
      UPDATE_THEME,
      { id: theme.id, input: { isPublished: true } },
      { token: coordinator },
    );
    expect(updateTheme.isPublished).toBe(true);
    expect((await server.ok(THEME, { slug })).theme).toEqual({ id: theme.id, isPublished: true });
    expect((await server.ok(THEMES)).themes.edges.map((e) => e.node.id)).toContain(theme.id);
    expect((await server.ok(ACTIVITIES, { t: theme.id })).activities).toEqual({
      totalCount: 1,
      edges: [{ node: { id: activity.id } }],
    });
    const feed = await feedStatus(slug);
    expect(feed.status).toBe(200);
    expect(feed.text).toContain(`UID:${activity.id}@temahub`);

    const events: { action: string; changes: Record<string, unknown> }[] = await server.db.query(
      `SELECT action, changes FROM audit_event WHERE entity_type = 'Theme' AND entity_id = $1 ORDER BY id`,
      [theme.id],
    );
    expect(events.map((e) => e.action)).toEqual(['create', 'update']);
    expect(events[0]!.changes.isPublished).toEqual({ after: false });
    expect(events[1]!.changes).toEqual({ isPublished: { before: false, after: true } });
  });

  it('publishes a new theme at once unless told otherwise, and can hide it again', async () => {
    const { createTheme: theme } = await server.ok(
      CREATE_THEME,
      { input: themeInput(41, 'straks-offentlig') },
      { token: coordinator },
    );
    expect(theme.isPublished).toBe(true);
    expect((await server.ok(THEME, { slug: 'straks-offentlig' })).theme).toEqual({ id: theme.id, isPublished: true });
    await server.ok(UPDATE_THEME, { id: theme.id, input: { isPublished: false } }, { token: coordinator });
    expect((await server.ok(THEME, { slug: 'straks-offentlig' })).theme).toBeNull();
    const cleared = await server.gql(
      UPDATE_THEME,
      { id: theme.id, input: { isPublished: null } },
      { token: coordinator },
    );
    expect(cleared.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.isPublished' });
  });
});

describe('updateTheme and the theme period', () => {
  it('refuses new weeks that leave published activities outside the period, naming how many; drafts and cancelled ones do not count', async () => {
    const { createTheme: theme } = await server.ok(
      CREATE_THEME,
      { input: themeInput(42, 'flyt-uger') },
      { token: coordinator },
    );
    // 2030: week 10 is 4–10 March, week 11 is 11–17 March, week 12 is 18–24 March.
    await insertActivity(server.db, theme.id, library, {
      startsAt: '2030-03-05T10:00:00+01:00',
      endsAt: '2030-03-05T12:00:00+01:00',
    });
    await insertActivity(server.db, theme.id, library, {
      startsAt: '2030-03-06T10:00:00+01:00',
      endsAt: '2030-03-06T12:00:00+01:00',
    });
    await insertActivity(server.db, theme.id, library, {
      status: 'DRAFT',
      startsAt: '2030-03-19T10:00:00+01:00',
      endsAt: '2030-03-19T12:00:00+01:00',
    });
    await insertActivity(server.db, theme.id, library, {
      status: 'CANCELLED',
      startsAt: '2030-03-20T10:00:00+01:00',
      endsAt: '2030-03-20T12:00:00+01:00',
    });
    const late = await insertActivity(server.db, theme.id, library, {
      startsAt: '2030-03-24T22:00:00+01:00',
      endsAt: '2030-03-24T23:30:00+01:00',
    });

    const later = await server.gql(UPDATE_THEME, { id: theme.id, input: { startWeek: 11 } }, { token: coordinator });
    expect(later.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.startWeek' });
    expect(later.errors?.[0]?.message).toMatch(
      /^2 published activities would fall outside the new theme period 2030-03-11 to 2030-03-24\./,
    );
    const shorter = await server.gql(UPDATE_THEME, { id: theme.id, input: { endWeek: 11 } }, { token: coordinator });
    expect(shorter.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.endWeek' });
    expect(shorter.errors?.[0]?.message).toMatch(/^1 published activity would fall outside/);
    const [{ start_week, end_week }] = await server.db.query(`SELECT start_week, end_week FROM theme WHERE id = $1`, [
      theme.id,
    ]);
    expect([start_week, end_week]).toEqual([10, 12]);

    // Weeks that still cover every published activity are fine (the draft in week 12 is checked when it is next edited).
    const wider = (
      await server.ok(UPDATE_THEME, { id: theme.id, input: { startWeek: 9, endWeek: 13 } }, { token: coordinator })
    ).updateTheme;
    expect(wider).toMatchObject({ startWeek: 9, endWeek: 13 });
    // Once the coordinator has moved the late activity, the theme can end a week earlier.
    await server.db.query(
      `UPDATE activity SET starts_at = '2030-03-09T10:00:00+01:00', ends_at = '2030-03-09T12:00:00+01:00' WHERE id = $1`,
      [late.id],
    );
    const narrowed = (
      await server.ok(UPDATE_THEME, { id: theme.id, input: { startWeek: 10, endWeek: 10 } }, { token: coordinator })
    ).updateTheme;
    expect(narrowed).toMatchObject({ startWeek: 10, endWeek: 10, startsOn: '2030-03-04', endsOn: '2030-03-10' });
  });
});

import { expect } from 'vitest';
import { graphql } from '../__generated__/index.js';
import type { TestServer } from './server.js';
import { issueToken, mainLibraryId } from './tokens.js';
import { activityInput, registeredLibraries, themeId } from './fixtures.js';

/**
 * Writes through the API of every kind a database move must carry (themes, partners, theme
 * partners, registrations, activities with partners, tokens, and the audit events they leave),
 * and the answers to compare before and after the move.
 */

export interface SeasonWrites {
  coordinator: string;
  /** Made with createApiToken through the API. */
  staff: string;
  themeSlug: string;
  activityId: string;
}

export async function writeThroughApi(server: TestServer): Promise<SeasonWrites> {
  const coordinator = (await issueToken(server.db, 'COORDINATOR', { name: 'Koordinator' })).token;
  const theme11 = await themeId(server.db, 11);
  const [library] = (await registeredLibraries(server.db, theme11, 1)) as [string];
  const { createApiToken } = await server.ok(
    graphql(`
      mutation SeasonWritesCreateApiToken($input: CreateApiTokenInput!) {
        createApiToken(input: $input) {
          token
        }
      }
    `),
    { input: { name: 'Biblioteksweb', role: 'LIBRARY_STAFF', libraryId: library } },
    { token: coordinator },
  );
  const staff = createApiToken.token as string;

  const now = Date.now();
  const { createTheme } = await server.ok(
    graphql(`
      mutation SeasonWritesCreateTheme($input: CreateThemeInput!) {
        createTheme(input: $input) {
          id
          slug
        }
      }
    `),
    {
      input: {
        number: 31,
        slug: 'flytning',
        title: 'Flytning – æøå',
        summary: 'Om at flytte.',
        description: 'Om at flytte til en ny database.',
        year: new Date(now).getUTCFullYear() + 1,
        startWeek: 10,
        endWeek: 12,
        focusAreas: ['PARTNERSHIPS'],
        registrationOpensAt: new Date(now - 86_400_000).toISOString(),
        registrationClosesAt: new Date(now + 30 * 86_400_000).toISOString(),
      },
    },
    { token: coordinator },
  );
  const { createPartner } = await server.ok(
    graphql(`
      mutation SeasonWritesCreatePartner {
        createPartner(
          input: { name: "Flyttemuseet", kind: MUSEUM, scope: NATIONAL, website: "https://museum.example" }
        ) {
          id
        }
      }
    `),
    {},
    { token: coordinator },
  );
  await server.ok(
    graphql(`
      mutation SeasonWritesAddThemePartner($t: ID!, $p: ID!) {
        addThemePartner(themeId: $t, partnerId: $p, role: "museumspartner") {
          id
        }
      }
    `),
    { t: createTheme.id, p: createPartner.id },
    { token: coordinator },
  );
  await server.ok(
    graphql(`
      mutation SeasonWritesRegisterLibraryForTheme($input: RegisterLibraryInput!) {
        registerLibraryForTheme(input: $input) {
          id
        }
      }
    `),
    {
      input: {
        themeId: createTheme.id,
        libraryId: await mainLibraryId(server.db, 751),
        contactName: 'Åse Ørum',
        contactEmail: 'aase@bibliotek.example',
      },
    },
    { token: coordinator },
  );
  const { createActivity } = await server.ok(
    graphql(`
      mutation SeasonWritesCreateActivity($input: CreateActivityInput!) {
        createActivity(input: $input) {
          id
        }
      }
    `),
    { input: activityInput(theme11, library, { partnerIds: [createPartner.id] }) },
    { token: staff },
  );
  await server.ok(
    graphql(`
      mutation SeasonWritesPublishActivity($id: ID!) {
        publishActivity(id: $id) {
          id
        }
      }
    `),
    { id: createActivity.id },
    { token: coordinator },
  );
  return { coordinator, staff, themeSlug: createTheme.slug, activityId: createActivity.id };
}

/** Queries whose answers must be the same on the old and the new database, and who asks them. */
export function comparedQueries(
  w: SeasonWrites,
): { name: string; query: string; variables?: Record<string, unknown>; token?: string }[] {
  const themeFields = `id number slug title startsOn endsOn status registrationOpen participantCount focusAreas partners { role partner { id name kind } }`;
  return [
    { name: 'themes', query: `{ themes(first: 50) { totalCount edges { cursor node { ${themeFields} } } } }` },
    {
      name: 'new theme',
      query: `query($s: String!) { theme(slug: $s) { ${themeFields} } }`,
      variables: { s: w.themeSlug },
    },
    { name: 'current theme', query: `{ currentTheme { ${themeFields} } }` },
    {
      name: 'activities',
      query: `{ activities(first: 100) { totalCount edges { cursor node { id title startsAt endsAt status version createdAt updatedAt priceDkk venue { name city location { latitude longitude } } audiences partners { id name } library { id name } theme { id } } } } }`,
    },
    {
      name: 'new activity',
      query: `query($id: ID!) { activity(id: $id) { id title status createdAt updatedAt materials { id } partners { id name } } }`,
      variables: { id: w.activityId },
    },
    { name: 'partners', query: `{ partners { id name kind scope website } }` },
    { name: 'libraries', query: `{ libraries(first: 100) { totalCount edges { node { id isil name } } } }` },
    { name: 'notices', query: `{ activeNotices { id title } }` },
    { name: 'staff viewer', query: `{ viewer { role tokenName tokenId library { id isil } } }`, token: w.staff },
    { name: 'coordinator viewer', query: `{ viewer { role tokenName tokenId } }`, token: w.coordinator },
    {
      name: 'audit trail',
      query: `{ auditEvents(first: 100) { totalCount edges { node { id occurredAt action entityType entityId actorRole actorName tokenId requestId changes { field before after } } } } }`,
      token: w.coordinator,
    },
  ];
}

/** Every compared query's answer, failing on any error. */
export async function answers(server: TestServer, w: SeasonWrites): Promise<Record<string, unknown>> {
  const result: Record<string, unknown> = {};
  for (const q of comparedQueries(w)) {
    const res = await server.gql(q.query, q.variables, { token: q.token });
    expect(res.errors, q.name).toBeUndefined();
    result[q.name] = res.data;
  }
  return result;
}

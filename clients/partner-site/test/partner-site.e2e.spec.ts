// Every function of the partner-site SDK against the real server (its own seeded database).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../server/test/support/server.js';
import { createClient, TemahubError, type PartnerSiteClient } from '../src/index.js';

let server: TestServer;
let temahub: PartnerSiteClient;
beforeAll(async () => {
  server = await startTestServer();
  temahub = createClient({ url: server.graphqlUrl });
});
afterAll(async () => {
  await server?.stop();
});

async function failure(promise: Promise<unknown>): Promise<TemahubError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TemahubError);
  return error as TemahubError;
}

// First in the file: Regions must not be in this server's APQ cache yet.
describe('persisted queries, hash first', () => {
  it('sends the hash first when asked and falls back to the text once the server does not know it', async () => {
    const sent: Record<string, unknown>[] = [];
    const recording: typeof fetch = (input, init) => {
      sent.push(JSON.parse(String(init?.body)));
      return fetch(input, init);
    };
    const hashFirst = createClient({ url: server.graphqlUrl, fetch: recording, persistedQueries: 'hash-first' });
    const first = await hashFirst.regions();
    expect(first.regions).toHaveLength(5);
    expect(sent.map((b) => 'query' in b)).toEqual([false, true]);
    const second = await hashFirst.regions();
    expect(second).toEqual(first);
    expect(sent.map((b) => 'query' in b)).toEqual([false, true, false]);
    expect(sent[0]!.extensions).toEqual({
      persistedQuery: { version: 1, sha256Hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect(sent[0]!.operationName).toBe('Regions');
  });
});

describe('themes', () => {
  it('currentTheme: the active, next or latest theme', async () => {
    const { currentTheme } = await temahub.currentTheme();
    expect(currentTheme).not.toBeNull();
    expect(['ACTIVE', 'UPCOMING', 'ENDED']).toContain(currentTheme!.status);
    expect(currentTheme!.startsOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(currentTheme!.title.length).toBeGreaterThan(0);
  });

  it('themePage: "Vores natur" with partners, materials, participants and its first activities', async () => {
    const { theme } = await temahub.themePage({ slug: 'vores-natur' });
    expect(theme).toMatchObject({
      number: 11,
      title: 'Vores natur',
      year: 2020,
      startsOn: '2020-04-13',
      endsOn: '2020-05-17',
      status: 'ENDED',
    });
    expect(theme!.partners.map((p) => p.partner.name)).toEqual(
      expect.arrayContaining(['DR', 'Friluftsrådet', 'Naturstyrelsen']),
    );
    expect(theme!.materials.length).toBeGreaterThan(3);
    expect(theme!.participantCount).toBeGreaterThanOrEqual(76);
    expect(theme!.activities.edges).toHaveLength(20);
    expect(theme!.activities.totalCount).toBeGreaterThan(150);
    expect(theme!.activities.pageInfo.hasNextPage).toBe(true);

    const small = await temahub.themePage({ slug: 'vores-natur', activitiesFirst: 2 });
    expect(small.theme!.activities.edges).toHaveLength(2);
    expect((await temahub.themePage({ slug: 'findes-ikke' })).theme).toBeNull();
  });
});

describe('activities', () => {
  it('searchActivities: pages through a theme with cursors, without gaps or repeats', async () => {
    const first = await temahub.searchActivities({ themeSlug: 'vores-natur', first: 7 });
    const second = await temahub.searchActivities({
      themeSlug: 'vores-natur',
      first: 7,
      after: first.activities.pageInfo.endCursor,
    });
    const both = await temahub.searchActivities({ themeSlug: 'vores-natur', first: 14 });
    expect([...first.activities.edges, ...second.activities.edges].map((e) => e.node.id)).toEqual(
      both.activities.edges.map((e) => e.node.id),
    );
    expect(first.activities.totalCount).toBe(both.activities.totalCount);
  });

  it('searchActivities: every filter narrows the list to what it names', async () => {
    const { theme } = await temahub.themePage({ slug: 'vores-natur', activitiesFirst: 1 });
    const themeId = theme!.id;
    const all = (await temahub.searchActivities({ themeId, first: 100 })).activities;
    const sample = all.edges[0]!.node;

    const byMunicipality = await temahub.searchActivities({ themeId, municipalityCode: 851, first: 100 });
    expect(byMunicipality.activities.totalCount).toBeGreaterThan(0);
    expect(byMunicipality.activities.edges.every((e) => e.node.library.municipality.code === 851)).toBe(true);

    const byLibrary = await temahub.searchActivities({ themeId, libraryId: sample.library.id, first: 100 });
    expect(byLibrary.activities.edges.every((e) => e.node.library.id === sample.library.id)).toBe(true);

    const children = await temahub.searchActivities({ themeId, audiences: ['CHILDREN'], first: 100 });
    expect(children.activities.totalCount).toBeGreaterThan(0);
    expect(children.activities.edges.every((e) => e.node.audiences.includes('CHILDREN'))).toBe(true);

    const walks = await temahub.searchActivities({ themeId, formats: ['WALK'], channels: ['OUTDOORS'], first: 100 });
    expect(walks.activities.edges.every((e) => e.node.format === 'WALK' && e.node.channel === 'OUTDOORS')).toBe(true);

    const north = await temahub.searchActivities({ themeId, region: 'NORDJYLLAND', first: 100 });
    const northern = new Set(
      (await temahub.municipalities({ region: 'NORDJYLLAND' })).municipalities.map((m) => m.code),
    );
    expect(north.activities.totalCount).toBeGreaterThan(0);
    expect(north.activities.edges.every((e) => northern.has(e.node.library.municipality.code))).toBe(true);

    const cancelled = await temahub.searchActivities({ themeId, statuses: ['CANCELLED'], first: 100 });
    expect(cancelled.activities.totalCount).toBeGreaterThan(0);
    expect(cancelled.activities.edges.every((e) => e.node.status === 'CANCELLED' && e.node.cancellationReason)).toBe(
      true,
    );
    const drafts = await temahub.searchActivities({ themeId, statuses: ['DRAFT'], first: 100 });
    expect(drafts.activities.totalCount).toBe(0);

    const from = '2020-04-20T00:00:00Z';
    const to = '2020-04-27T00:00:00Z';
    const week = await temahub.searchActivities({ themeId, from, to, first: 100 });
    expect(week.activities.totalCount).toBeGreaterThan(0);
    expect(week.activities.edges.every((e) => e.node.endsAt >= from && e.node.startsAt < to)).toBe(true);

    const birds = await temahub.searchActivities({ themeId, search: 'fugle', first: 100 });
    expect(birds.activities.totalCount).toBeGreaterThan(0);
    expect(birds.activities.totalCount).toBeLessThan(all.totalCount);

    const aalborg = { latitude: 57.048, longitude: 9.9187, radiusKm: 15 };
    const near = await temahub.searchActivities({ themeId, near: aalborg, first: 100 });
    expect(near.activities.totalCount).toBeGreaterThan(0);
    expect(near.activities.totalCount).toBeLessThan(all.totalCount);

    // The partner filter, checked against an activity that has a co-organising partner.
    const details = await Promise.all(all.edges.slice(0, 30).map((e) => temahub.activityDetail({ id: e.node.id })));
    const withPartner = details.map((d) => d.activity!).find((a) => a.partners.length > 0);
    expect(withPartner).toBeDefined();
    const partnerId = withPartner!.partners[0]!.id;
    const byPartner = await temahub.searchActivities({ themeId, partnerId, first: 100 });
    expect(byPartner.activities.edges.map((e) => e.node.id)).toContain(withPartner!.id);
    expect(byPartner.activities.totalCount).toBeLessThan(all.totalCount);
  });

  it('activityDetail: venue, partners, materials and the schema.org Event as JSON-LD', async () => {
    const { activities } = await temahub.searchActivities({
      themeSlug: 'vores-natur',
      statuses: ['PUBLISHED'],
      first: 1,
    });
    const id = activities.edges[0]!.node.id;
    const { activity } = await temahub.activityDetail({ id });
    expect(activity).toMatchObject({ id, status: 'PUBLISHED', theme: { slug: 'vores-natur' } });
    expect(activity!.description.length).toBeGreaterThan(0);
    expect(activity!.jsonLd['@context']).toBe('https://schema.org');
    expect(activity!.jsonLd['@type']).toBe('Event');
    expect(activity!.jsonLd['name']).toBe(activity!.title);

    expect((await temahub.activityDetail({ id: '00000000-0000-4000-8000-000000000000' })).activity).toBeNull();
    const bad = await failure(temahub.activityDetail({ id: 'not-an-id' }));
    expect(bad.code).toBe('BAD_USER_INPUT');
  });

  it('surfaces bad input as a TemahubError with the code, the field and all errors', async () => {
    const error = await failure(temahub.searchActivities({ first: 1000 }));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.field).toBe('first');
    expect(error.errors.length).toBeGreaterThanOrEqual(1);
    expect(error.errors[0]!.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.operationName).toBe('SearchActivities');
    expect(error.requestId).toMatch(/.+/);
    expect(error.message).toMatch(/100/);

    const cursor = await failure(temahub.searchActivities({ after: 'not-a-cursor' }));
    expect(cursor).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('libraries and reference data', () => {
  it('libraries: filtered by municipality and paged; library: one with its activities', async () => {
    const aalborg = await temahub.libraries({ filter: { municipalityCode: 851 }, first: 100 });
    expect(aalborg.libraries.totalCount).toBeGreaterThan(0);
    expect(aalborg.libraries.edges.every((e) => e.node.municipality.code === 851)).toBe(true);
    const main = aalborg.libraries.edges.find((e) => e.node.isil === 'DK-785100')!.node;
    expect(main.isCentralLibrary).toBe(true);

    const page1 = await temahub.libraries({ first: 5 });
    const page2 = await temahub.libraries({ first: 5, after: page1.libraries.pageInfo.endCursor });
    expect(page1.libraries.pageInfo.hasNextPage).toBe(true);
    const ids = [...page1.libraries.edges, ...page2.libraries.edges].map((e) => e.node.id);
    expect(new Set(ids).size).toBe(10);

    const { library } = await temahub.library({ id: main.id, activitiesFirst: 3 });
    expect(library).toMatchObject({ id: main.id, isil: 'DK-785100', municipality: { code: 851 } });
    expect(library!.activities.edges.length).toBeLessThanOrEqual(3);
    expect(library!.activities.edges.every((e) => e.node.library.id === main.id)).toBe(true);
  });

  it('partners: by kind and scope', async () => {
    const { partners } = await temahub.partners({ scope: 'NATIONAL' });
    expect(partners.map((p) => p.name)).toEqual(expect.arrayContaining(['DR']));
    expect(partners.every((p) => p.scope === 'NATIONAL')).toBe(true);
    const media = await temahub.partners({ kind: 'MEDIA' });
    expect(media.partners.length).toBeGreaterThan(0);
    expect(media.partners.every((p) => p.kind === 'MEDIA')).toBe(true);
    const all = await temahub.partners();
    expect(all.partners.length).toBeGreaterThan(partners.length);
  });

  it('municipalities and regions: the 98 municipalities in 5 regions', async () => {
    const { municipalities } = await temahub.municipalities();
    expect(municipalities).toHaveLength(98);
    expect(municipalities.find((m) => m.code === 101)).toMatchObject({ name: 'København', region: 'HOVEDSTADEN' });
    const { regions } = await temahub.regions();
    expect(regions.map((r) => r.code).sort()).toEqual([
      'HOVEDSTADEN',
      'MIDTJYLLAND',
      'NORDJYLLAND',
      'SJAELLAND',
      'SYDDANMARK',
    ]);
    expect(regions.reduce((n, r) => n + r.municipalities.length, 0)).toBe(98);
  });

  it('activeNotices: only notices valid right now', async () => {
    const { activeNotices } = await temahub.activeNotices();
    const now = new Date().toISOString();
    for (const notice of activeNotices) {
      expect(notice.validFrom <= now).toBe(true);
      if (notice.validUntil) expect(notice.validUntil > now).toBe(true);
    }
  });
});

describe('transport', () => {
  it('reports an unreachable server as NETWORK_ERROR and a non-GraphQL answer as HTTP_ERROR', async () => {
    const closed = createClient({ url: 'http://127.0.0.1:9/graphql' });
    const network = await failure(closed.regions());
    expect(network.code).toBe('NETWORK_ERROR');
    expect(network.cause).toBeDefined();
    expect(network.errors).toEqual([]);

    const wrongPath = createClient({ url: `${server.url}/no-such-endpoint` });
    const http = await failure(wrongPath.regions());
    expect(http.code).toBe('HTTP_ERROR');
    expect(http.status).toBe(404);
  });

  it('reports a rejected token as UNAUTHENTICATED', async () => {
    const badToken = createClient({
      url: server.graphqlUrl,
      token: 'th_not-a-real-token-but-well-formed-enough-0000000000',
    });
    const error = await failure(badToken.currentTheme());
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.status).toBe(401);
  });
});

describe('in safelist mode', () => {
  let safelisted: TestServer;
  beforeAll(async () => {
    safelisted = await startTestServer({ env: { PERSISTED_OPERATIONS: 'safelist' } });
  });
  afterAll(async () => {
    await safelisted?.stop();
  });

  it('works anonymously in both modes, and hash-first needs one request', async () => {
    const sent: Record<string, unknown>[] = [];
    const recording: typeof fetch = (input, init) => {
      sent.push(JSON.parse(String(init?.body)));
      return fetch(input, init);
    };
    const withText = createClient({ url: safelisted.graphqlUrl });
    const hashFirst = createClient({ url: safelisted.graphqlUrl, fetch: recording, persistedQueries: 'hash-first' });
    const a = await withText.themePage({ slug: 'vores-natur' });
    const b = await hashFirst.themePage({ slug: 'vores-natur' });
    expect(b).toEqual(a);
    expect(sent).toHaveLength(1);
    expect('query' in sent[0]!).toBe(false);
  });
});

// Every function of the coordinator SDK against the real server, with a COORDINATOR token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../server/test/support/server.js';
import { issueToken, mainLibraryId } from '../../../server/test/support/tokens.js';
import { createClient, TemahubError, type CoordinatorClient } from '../src/index.js';

let server: TestServer;
let coordinator: CoordinatorClient;
let coordinatorTokenId: string;
let libraryStaff: CoordinatorClient;
let anonymous: CoordinatorClient;
let voresNaturId: string;

beforeAll(async () => {
  server = await startTestServer();
  const issued = await issueToken(server.db, 'COORDINATOR', { name: 'Aalborg koordinator' });
  coordinatorTokenId = issued.id;
  coordinator = createClient({ url: server.graphqlUrl, token: issued.token });
  const aalborg = await mainLibraryId(server.db, 851);
  libraryStaff = createClient({
    url: server.graphqlUrl,
    token: (await issueToken(server.db, 'LIBRARY_STAFF', { libraryId: aalborg })).token,
  });
  anonymous = createClient({ url: server.graphqlUrl });
  const [row] = (await server.db.query(`SELECT id FROM theme WHERE slug = 'vores-natur'`)) as { id: string }[];
  voresNaturId = row!.id;
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

describe('coordinator SDK', () => {
  it('themeReport: coverage and activity figures of "Vores natur", also as CSV; coordinators only', async () => {
    const { themeReport: report } = await coordinator.themeReport({ themeId: voresNaturId });
    expect(report.theme).toMatchObject({ slug: 'vores-natur', number: 11 });
    expect(report.registeredLibraries).toBeGreaterThanOrEqual(76);
    expect(report.municipalitiesTotal).toBe(98);
    expect(report.municipalitiesCovered + report.municipalitiesWithoutRegistration.length).toBe(98);
    expect(report.coverageByRegion).toHaveLength(5);
    expect(report.coverageByRegion.reduce((n, r) => n + r.registeredLibraries, 0)).toBe(report.registeredLibraries);
    expect(report.activitiesByFormat.reduce((n, k) => n + k.count, 0)).toBe(report.activitiesTotal);
    expect(report.activitiesByChannel.reduce((n, k) => n + k.count, 0)).toBe(report.activitiesTotal);
    expect(report.activitiesByWeek.reduce((n, w) => n + w.count, 0)).toBe(report.activitiesTotal);
    expect(report.activitiesByWeek.every((w) => w.isoYear === 2020)).toBe(true);
    expect(report.activitiesTotal).toBeGreaterThan(150);
    expect(report.activitiesCancelled).toBeGreaterThan(0);
    expect(report.partnersByKind.length).toBeGreaterThan(0);
    expect(report.csv.split('\r\n').length).toBeGreaterThan(20);
    expect(report.csv).toContain(String(report.activitiesTotal));

    expect((await failure(libraryStaff.themeReport({ themeId: voresNaturId }))).code).toBe('FORBIDDEN');
    expect((await failure(anonymous.themeReport({ themeId: voresNaturId }))).code).toBe('UNAUTHENTICATED');
  });

  it('themeRegistrations: the sign-ups of "Vores natur" with contact data, page by page, oldest first; coordinators only', async () => {
    const [{ registered, withdrawn }] = (await server.db.query(
      `SELECT count(*) FILTER (WHERE status = 'REGISTERED')::int AS registered, count(*) FILTER (WHERE status = 'WITHDRAWN')::int AS withdrawn
         FROM registration WHERE theme_id = $1`,
      [voresNaturId],
    )) as { registered: number; withdrawn: number }[];
    const first = await coordinator.themeRegistrations({ slug: 'vores-natur', status: 'REGISTERED', first: 50 });
    const page1 = first.theme!.registrations!;
    expect(page1.totalCount).toBe(registered);
    expect(page1.edges).toHaveLength(50);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    expect(page1.edges.every((e) => e.node.status === 'REGISTERED' && e.node.contactEmail.includes('@'))).toBe(true);
    const second = await coordinator.themeRegistrations({
      slug: 'vores-natur',
      status: 'REGISTERED',
      first: 50,
      after: page1.pageInfo.endCursor,
    });
    const page2 = second.theme!.registrations!;
    expect(page2.pageInfo.hasNextPage).toBe(false);
    const all = [...page1.edges, ...page2.edges].map((e) => e.node);
    expect(all).toHaveLength(registered);
    expect(new Set(all.map((r) => r.library.id)).size).toBe(registered);
    const order = all.map((r) => `${r.registeredAt}|${r.id}`);
    expect(order).toEqual([...order].sort());
    const { theme } = await coordinator.themeRegistrations({ slug: 'vores-natur', status: 'WITHDRAWN' });
    expect(theme!.registrations!.totalCount).toBe(withdrawn);
    expect(theme!.registrations!.edges.every((e) => e.node.withdrawnAt !== null)).toBe(true);

    expect((await failure(libraryStaff.themeRegistrations({ slug: 'vores-natur' }))).code).toBe('FORBIDDEN');
    expect((await failure(anonymous.themeRegistrations({ slug: 'vores-natur' }))).code).toBe('UNAUTHENTICATED');
  });

  let themeId: string;
  it('createTheme and updateTheme', async () => {
    const { createTheme: created } = await coordinator.createTheme({
      input: {
        number: 90,
        slug: 'sdk-testtema',
        title: 'SDK-testtema',
        summary: 'Et tema oprettet af SDK-testen.',
        description: 'Oprettet gennem koordinatorernes SDK.',
        year: 2028,
        startWeek: 10,
        endWeek: 13,
        focusAreas: ['PUBLIC_DEBATE', 'DIGITAL_OUTREACH'],
      },
    });
    expect(created).toMatchObject({
      number: 90,
      slug: 'sdk-testtema',
      status: 'UPCOMING',
      startsOn: '2028-03-06',
      endsOn: '2028-04-02',
      partners: [],
    });
    themeId = created.id;

    const { updateTheme: updated } = await coordinator.updateTheme({
      id: themeId,
      input: { title: 'SDK-testtema, rettet', endWeek: 14 },
    });
    expect(updated).toMatchObject({ id: themeId, title: 'SDK-testtema, rettet', endWeek: 14, endsOn: '2028-04-09' });

    const duplicate = await failure(
      coordinator.createTheme({
        input: {
          number: 91,
          slug: 'sdk-testtema',
          title: 'Dublet',
          summary: 's',
          description: 'd',
          year: 2028,
          startWeek: 20,
          endWeek: 22,
          focusAreas: [],
        },
      }),
    );
    expect(duplicate.code).toBe('CONFLICT');
    expect((await failure(libraryStaff.updateTheme({ id: themeId, input: { title: 'Nej' } }))).code).toBe('FORBIDDEN');
  });

  let partnerId: string;
  it('createPartner, updatePartner and addThemePartner', async () => {
    const { createPartner: created } = await coordinator.createPartner({
      input: {
        name: 'SDK-Naturskolen',
        kind: 'SCHOOL',
        scope: 'LOCAL',
        municipalityCode: 851,
        website: 'https://naturskolen.example',
      },
    });
    expect(created).toMatchObject({
      name: 'SDK-Naturskolen',
      kind: 'SCHOOL',
      scope: 'LOCAL',
      municipality: { code: 851 },
    });
    partnerId = created.id;

    const { updatePartner: updated } = await coordinator.updatePartner({
      id: partnerId,
      input: { name: 'SDK-Naturformidlerne', kind: 'ASSOCIATION', scope: 'NATIONAL', municipalityCode: null },
    });
    expect(updated).toMatchObject({
      id: partnerId,
      name: 'SDK-Naturformidlerne',
      kind: 'ASSOCIATION',
      scope: 'NATIONAL',
    });

    const { addThemePartner: theme } = await coordinator.addThemePartner({
      themeId,
      partnerId,
      role: 'formidlingspartner',
    });
    expect(theme.partners).toEqual([
      {
        role: 'formidlingspartner',
        partner: { id: partnerId, name: 'SDK-Naturformidlerne', kind: 'ASSOCIATION', scope: 'NATIONAL' },
      },
    ]);

    const bad = await failure(
      coordinator.createPartner({
        input: { name: 'Uden kommune', kind: 'SCHOOL', scope: 'LOCAL', municipalityCode: 9999 },
      }),
    );
    expect(bad).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.municipalityCode' });
  });

  it('createNotice', async () => {
    const validFrom = new Date(Date.now() - 60_000).toISOString();
    const { createNotice: notice } = await coordinator.createNotice({
      input: {
        title: 'Spørgsmål til temaet',
        body: 'Skriv i Facebook-gruppen.',
        link: 'https://facebook.example/groups/tema',
        validFrom,
      },
    });
    expect(notice).toMatchObject({
      title: 'Spørgsmål til temaet',
      link: 'https://facebook.example/groups/tema',
      validUntil: null,
    });
    const [{ count }] = (await server.db.query(`SELECT count(*)::int AS count FROM notice WHERE id = $1`, [
      notice.id,
    ])) as { count: number }[];
    expect(count).toBe(1);
    expect((await failure(anonymous.createNotice({ input: { title: 't', body: 'b', validFrom } }))).code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('createLibrary', async () => {
    const { createLibrary: library } = await coordinator.createLibrary({
      input: {
        name: 'SDK Filial',
        municipalityCode: 851,
        isil: 'DK-785199',
        address: 'Bibliotekvej 1',
        postalCode: '9000',
        city: 'Aalborg',
        latitude: 57.05,
        longitude: 9.92,
      },
    });
    expect(library).toMatchObject({
      name: 'SDK Filial',
      isil: 'DK-785199',
      isCentralLibrary: false,
      municipality: { code: 851, region: 'NORDJYLLAND' },
      location: { latitude: 57.05, longitude: 9.92 },
    });
    const again = await failure(
      coordinator.createLibrary({ input: { name: 'SDK Filial 2', municipalityCode: 851, isil: 'DK-785199' } }),
    );
    expect(again.code).toBe('CONFLICT');
  });

  it('createApiToken, apiTokens and revokeApiToken: the token works until it is revoked', async () => {
    const libraryId = await mainLibraryId(server.db, 851);
    const { createApiToken: created } = await coordinator.createApiToken({
      input: { name: 'Aalborgs CMS', role: 'LIBRARY_STAFF', libraryId },
    });
    expect(created).toMatchObject({ name: 'Aalborgs CMS', role: 'LIBRARY_STAFF' });
    const viewer = await server.ok<{ viewer: { role: string; library: { id: string } | null } }>(
      '{ viewer { role library { id } } }',
      {},
      { token: created.token },
    );
    expect(viewer.viewer).toEqual({ role: 'LIBRARY_STAFF', library: { id: libraryId } });

    const { apiTokens } = await coordinator.apiTokens();
    expect(apiTokens.find((t) => t.id === created.id)).toMatchObject({
      name: 'Aalborgs CMS',
      revokedAt: null,
      library: { id: libraryId },
    });

    expect((await coordinator.revokeApiToken({ id: created.id })).revokeApiToken).toBe(true);
    const rejected = await server.gql('{ viewer { role } }', {}, { token: created.token });
    expect(rejected.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const listed = await coordinator.apiTokens({ includeRevoked: true });
    expect(listed.apiTokens.find((t) => t.id === created.id)!.revokedAt).not.toBeNull();
    expect((await coordinator.apiTokens()).apiTokens.map((t) => t.id)).not.toContain(created.id);

    const missingLibrary = await failure(
      coordinator.createApiToken({ input: { name: 'Uden bibliotek', role: 'LIBRARY_STAFF' } }),
    );
    expect(missingLibrary).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.libraryId' });
  });

  it('auditEvents: the changes above, newest first, filterable and paged', async () => {
    const { auditEvents } = await coordinator.auditEvents({ tokenId: coordinatorTokenId, first: 100 });
    const seen = auditEvents.edges.map((e) => `${e.node.entityType}:${e.node.action}`);
    expect(seen).toEqual(
      expect.arrayContaining([
        'Theme:create',
        'Theme:update',
        'Partner:create',
        'Partner:update',
        'Notice:create',
        'Library:create',
        'ApiToken:create',
        'ApiToken:revoke',
      ]),
    );
    expect(
      auditEvents.edges.every(
        (e) =>
          e.node.tokenId === coordinatorTokenId &&
          e.node.actorName === 'Aalborg koordinator' &&
          e.node.actorRole === 'COORDINATOR',
      ),
    ).toBe(true);
    const times = auditEvents.edges.map((e) => e.node.occurredAt);
    expect(times).toEqual([...times].sort().reverse());

    const themeUpdate = await coordinator.auditEvents({ entityType: 'Theme', entityId: themeId, action: 'update' });
    expect(themeUpdate.auditEvents.totalCount).toBe(1);
    const change = themeUpdate.auditEvents.edges[0]!.node.changes.find((c) => c.field === 'title');
    expect(change).toMatchObject({
      before: JSON.stringify('SDK-testtema'),
      after: JSON.stringify('SDK-testtema, rettet'),
    });

    const page1 = await coordinator.auditEvents({ first: 2 });
    const page2 = await coordinator.auditEvents({ first: 2, after: page1.auditEvents.pageInfo.endCursor });
    expect(page2.auditEvents.edges.map((e) => e.node.id)).not.toContain(page1.auditEvents.edges[0]!.node.id);
    expect((await failure(libraryStaff.auditEvents())).code).toBe('FORBIDDEN');
  });
});

// Every function of the library-platform SDK against the real server, as a library's staff.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../server/test/support/server.js';
import { issueToken, mainLibraryId } from '../../../server/test/support/tokens.js';
import { createClient, TemahubError, type CreateActivityInput, type LibraryPlatformClient } from '../src/index.js';

let server: TestServer;
/** Staff of a library that ran published activities in "Vores natur" (2020). */
let staff: LibraryPlatformClient;
let libraryId: string;
/** Staff of another library. */
let otherStaff: LibraryPlatformClient;
let anonymous: LibraryPlatformClient;
/** Tema 25, upcoming: sign-up is open and it may get new activities. */
let upcomingThemeId: string;

beforeAll(async () => {
  server = await startTestServer();
  const [row] = (await server.db.query(
    `SELECT a.library_id FROM activity a JOIN theme t ON t.id = a.theme_id
      WHERE t.slug = 'vores-natur' AND a.status = 'PUBLISHED' AND a.starts_at < now()
      ORDER BY a.starts_at, a.id LIMIT 1`,
  )) as { library_id: string }[];
  libraryId = row!.library_id;
  const other = await mainLibraryId(server.db, 101);
  const otherId = other === libraryId ? await mainLibraryId(server.db, 851) : other;
  staff = createClient({
    url: server.graphqlUrl,
    token: (await issueToken(server.db, 'LIBRARY_STAFF', { libraryId, name: 'bibliotekets cms' })).token,
  });
  otherStaff = createClient({
    url: server.graphqlUrl,
    token: (await issueToken(server.db, 'LIBRARY_STAFF', { libraryId: otherId })).token,
  });
  anonymous = createClient({ url: server.graphqlUrl });
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

function newActivity(overrides: Partial<CreateActivityInput> = {}): CreateActivityInput {
  return {
    themeId: upcomingThemeId,
    libraryId,
    title: 'Fællesspisning og brætspil',
    description: 'Vi dækker et langt bord og spiller bagefter. Tag naboen med.',
    audiences: ['FAMILIES', 'SENIORS'],
    format: 'WORKSHOP',
    channel: 'LIBRARY',
    venue: { name: 'Hovedbiblioteket', city: 'Demoby', postalCode: '9000', latitude: 57.05, longitude: 9.92 },
    accessibility: ['STEP_FREE_ACCESS'],
    startsAt: '2027-03-09T16:00:00+01:00',
    endsAt: '2027-03-09T19:00:00+01:00',
    capacity: 40,
    priceDkk: 0,
    ...overrides,
  };
}

describe('library-platform SDK', () => {
  it('viewer: the token, its role and its library', async () => {
    const { viewer } = await staff.viewer();
    expect(viewer).toMatchObject({ role: 'LIBRARY_STAFF', tokenName: 'bibliotekets cms', library: { id: libraryId } });
    expect((await anonymous.viewer()).viewer).toMatchObject({ role: null, tokenName: null, library: null });
  });

  it('themes: upcoming themes with their sign-up window', async () => {
    const { themes } = await staff.themes({ status: 'UPCOMING', first: 10 });
    expect(themes.edges.every((e) => e.node.status === 'UPCOMING')).toBe(true);
    const tema25 = themes.edges.find((e) => e.node.number === 25)!.node;
    expect(tema25.registrationOpen).toBe(true);
    upcomingThemeId = tema25.id;
  });

  it('registerLibraryForTheme and myRegistrations: the sign-up with its contact person', async () => {
    const { registerLibraryForTheme: registration } = await staff.registerLibraryForTheme({
      input: {
        themeId: upcomingThemeId,
        libraryId,
        contactName: 'Karen Bibliotekar',
        contactEmail: 'karen@example.org',
        note: 'Vi glæder os',
      },
    });
    expect(registration).toMatchObject({
      status: 'REGISTERED',
      contactName: 'Karen Bibliotekar',
      theme: { id: upcomingThemeId },
      library: { id: libraryId },
    });

    const { library } = await staff.myRegistrations({ libraryId });
    expect(library!.registrations.find((r) => r.theme.id === upcomingThemeId)).toMatchObject({
      status: 'REGISTERED',
      contactEmail: 'karen@example.org',
    });

    // Participation is public; another library's staff see the sign-up without its contact data.
    const seenByOther = await otherStaff.myRegistrations({ libraryId });
    expect(seenByOther.library!.registrations.find((r) => r.theme.id === upcomingThemeId)).toMatchObject({
      status: 'REGISTERED',
      contactName: '',
      contactEmail: '',
    });
    const invalid = await failure(
      staff.registerLibraryForTheme({
        input: { themeId: upcomingThemeId, libraryId, contactName: 'Karen', contactEmail: 'ikke en e-mail' },
      }),
    );
    expect(invalid.code).toBe('BAD_USER_INPUT');
    expect(invalid.field).toBe('input.contactEmail');
  });

  let activityId: string;
  let version: number;

  it('createActivity: a draft of the own library; anonymous and other libraries are refused', async () => {
    const { createActivity: created } = await staff.createActivity({ input: newActivity() });
    expect(created).toMatchObject({
      status: 'DRAFT',
      title: 'Fællesspisning og brætspil',
      library: { id: libraryId },
      theme: { id: upcomingThemeId },
      attendance: null,
    });
    expect(created.venue).toMatchObject({ name: 'Hovedbiblioteket', location: { latitude: 57.05, longitude: 9.92 } });
    activityId = created.id;
    version = created.version;

    const unauthenticated = await failure(anonymous.createActivity({ input: newActivity() }));
    expect(unauthenticated.code).toBe('UNAUTHENTICATED');
    const foreign = await failure(otherStaff.createActivity({ input: newActivity() }));
    expect(foreign.code).toBe('FORBIDDEN');
    const outside = await failure(
      staff.createActivity({
        input: newActivity({ startsAt: '2027-08-01T10:00:00+02:00', endsAt: '2027-08-01T12:00:00+02:00' }),
      }),
    );
    expect(outside).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.startsAt' });
    const backwards = await failure(
      staff.createActivity({ input: newActivity({ endsAt: '2027-03-09T15:00:00+01:00' }) }),
    );
    expect(backwards).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.endsAt' });
  });

  it('myLibraryActivities: drafts included, invisible to the public', async () => {
    const { library } = await staff.myLibraryActivities({ libraryId, themeId: upcomingThemeId, first: 50 });
    expect(library!.activities.edges.find((e) => e.node.id === activityId)?.node.status).toBe('DRAFT');
    const publicView = await anonymous.myLibraryActivities({ libraryId, themeId: upcomingThemeId, first: 50 });
    expect(publicView.library!.activities.edges.map((e) => e.node.id)).not.toContain(activityId);
  });

  it('updateActivity: with the version read; a stale version is a CONFLICT', async () => {
    const { updateActivity: updated } = await staff.updateActivity({
      id: activityId,
      version,
      input: { title: 'Fællesspisning, brætspil og fortællinger', capacity: 60 },
    });
    expect(updated).toMatchObject({
      title: 'Fællesspisning, brætspil og fortællinger',
      capacity: 60,
      version: version + 1,
    });
    const stale = await failure(staff.updateActivity({ id: activityId, version, input: { title: 'For sent' } }));
    expect(stale.code).toBe('CONFLICT');
    expect(stale.field).toBe('version');
    version = updated.version;
  });

  it('publishActivity: the draft goes public', async () => {
    const { publishActivity: published } = await staff.publishActivity({ id: activityId });
    expect(published.status).toBe('PUBLISHED');
    const publicView = await anonymous.myLibraryActivities({ libraryId, themeId: upcomingThemeId, first: 50 });
    expect(publicView.library!.activities.edges.map((e) => e.node.id)).toContain(activityId);
    const foreign = await failure(otherStaff.publishActivity({ id: activityId }));
    expect(foreign.code).toBe('FORBIDDEN');
  });

  it('reportAttendance: only once an activity has begun', async () => {
    const early = await failure(staff.reportAttendance({ id: activityId, attendance: 12 }));
    expect(early.code).toBe('CONFLICT');

    const past = await staff.myLibraryActivities({ libraryId, statuses: ['PUBLISHED'], first: 100 });
    const held = past
      .library!.activities.edges.map((e) => e.node)
      .find((a) => a.theme.slug === 'vores-natur' && a.startsAt < new Date().toISOString())!;
    const { reportAttendance: reported } = await staff.reportAttendance({ id: held.id, attendance: 37 });
    expect(reported).toMatchObject({ id: held.id, attendance: 37 });
    const negative = await failure(staff.reportAttendance({ id: held.id, attendance: -1 }));
    expect(negative).toMatchObject({ code: 'BAD_USER_INPUT', field: 'attendance' });

    const { library } = await staff.myLibraryActivities({ libraryId, statuses: ['PUBLISHED'], first: 100 });
    expect(library!.activities.edges.find((e) => e.node.id === held.id)!.node.attendance).toBe(37);
  });

  it('cancelActivity: with a reason for the public', async () => {
    const { cancelActivity: cancelled } = await staff.cancelActivity({ id: activityId, reason: 'Sygdom i personalet' });
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancellationReason: 'Sygdom i personalet' });
    const blank = await failure(staff.cancelActivity({ id: activityId, reason: ' ' }));
    expect(blank.code).toBe('BAD_USER_INPUT');
    const { library } = await staff.myLibraryActivities({
      libraryId,
      themeId: upcomingThemeId,
      statuses: ['CANCELLED'],
    });
    expect(library!.activities.edges.map((e) => e.node.id)).toContain(activityId);
  });

  it('deleteActivity: a draft goes for good; a cancelled activity stays', async () => {
    const { createActivity: draft } = await staff.createActivity({
      input: newActivity({ title: 'Et udkast der slettes' }),
    });
    const foreign = await failure(otherStaff.deleteActivity({ id: draft.id }));
    expect(foreign.code).toBe('NOT_FOUND');
    const { deleteActivity: deleted } = await staff.deleteActivity({ id: draft.id });
    expect(deleted).toBe(true);
    const { library } = await staff.myLibraryActivities({ libraryId, themeId: upcomingThemeId, first: 50 });
    expect(library!.activities.edges.map((e) => e.node.id)).not.toContain(draft.id);
    const gone = await failure(staff.deleteActivity({ id: draft.id }));
    expect(gone.code).toBe('NOT_FOUND');
    const cancelled = await failure(staff.deleteActivity({ id: activityId }));
    expect(cancelled).toMatchObject({ code: 'CONFLICT' });
    expect(cancelled.message).toMatch(/cancel/i);
  });

  it('withdrawRegistration: the sign-up stays, withdrawn', async () => {
    const { withdrawRegistration: withdrawn } = await staff.withdrawRegistration({
      themeId: upcomingThemeId,
      libraryId,
    });
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', theme: { id: upcomingThemeId } });
    expect(withdrawn.withdrawnAt).not.toBeNull();
    const { library } = await staff.myRegistrations({ libraryId });
    expect(library!.registrations.find((r) => r.theme.id === upcomingThemeId)!.status).toBe('WITHDRAWN');
    const unauthenticated = await failure(anonymous.withdrawRegistration({ themeId: upcomingThemeId, libraryId }));
    expect(unauthenticated.code).toBe('UNAUTHENTICATED');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './__generated__/index.js';
import type { CreateActivityInput } from './__generated__/graphql.js';
import { startTestServer, type TestServer } from './support/server.js';
import { issueToken } from './support/tokens.js';
import {
  activityInput,
  createOpenTheme,
  insertActivity,
  register,
  registeredLibraries,
  themeId,
  unregisteredLibrary,
} from './support/fixtures.js';

// The fields every lifecycle mutation below reads back (spread as ...LifecycleActivity).
graphql(`
  fragment LifecycleActivity on Activity {
    id
    status
    version
    title
    startsAt
    endsAt
    capacity
    priceDkk
    signupUrl
    cancellationReason
    attendance
    venue {
      name
      location {
        latitude
        longitude
      }
    }
    image {
      url
      alt
    }
    partners {
      id
    }
    materials {
      id
    }
    theme {
      id
    }
    library {
      id
    }
  }
`);
const CREATE = graphql(`
  mutation LifecycleCreate($input: CreateActivityInput!) {
    createActivity(input: $input) {
      ...LifecycleActivity
    }
  }
`);
const UPDATE = graphql(`
  mutation LifecycleUpdate($id: ID!, $v: Int!, $input: UpdateActivityInput!) {
    updateActivity(id: $id, version: $v, input: $input) {
      ...LifecycleActivity
    }
  }
`);
const PUBLISH = graphql(`
  mutation LifecyclePublish($id: ID!) {
    publishActivity(id: $id) {
      ...LifecycleActivity
    }
  }
`);
const CANCEL = graphql(`
  mutation LifecycleCancel($id: ID!, $r: String!) {
    cancelActivity(id: $id, reason: $r) {
      ...LifecycleActivity
    }
  }
`);
const ATTENDANCE = graphql(`
  mutation LifecycleAttendance($id: ID!, $n: Int!) {
    reportAttendance(id: $id, attendance: $n) {
      ...LifecycleActivity
    }
  }
`);
const ACTIVITY = graphql(`
  query LifecycleActivity($id: ID!) {
    activity(id: $id) {
      id
      status
      attendance
    }
  }
`);

/** An audit event as stored: each changed field with its value before and after. */
interface AuditRow {
  action: string;
  changes: Record<string, { before?: unknown; after?: unknown }>;
  request_id: string;
}

const idRows = (statement: string): Promise<{ id: string }[]> => server.db.query(statement);

let server: TestServer;
let theme11: string;
let library: string;
let staff: string;
let coordinator: string;
let partnerIds: string[];
let materialIds: string[];

beforeAll(async () => {
  server = await startTestServer();
  theme11 = await themeId(server.db, 11);
  [library] = (await registeredLibraries(server.db, theme11, 1)) as [string];
  staff = (await issueToken(server.db, 'LIBRARY_STAFF', { libraryId: library })).token;
  coordinator = (await issueToken(server.db, 'COORDINATOR')).token;
  partnerIds = (await idRows(`SELECT id FROM partner ORDER BY name LIMIT 2`)).map((r) => r.id);
  materialIds = (await idRows(`SELECT id FROM material ORDER BY title LIMIT 2`)).map((r) => r.id);
});
afterAll(async () => {
  await server?.stop();
});

const create = async (overrides: Partial<CreateActivityInput> = {}, token = staff) =>
  (await server.ok(CREATE, { input: activityInput(theme11, library, overrides) }, { token })).createActivity;

describe('the lifecycle', () => {
  it('creates a DRAFT with partners and materials, updates it, publishes, reports attendance, cancels', async () => {
    const draft = await create({ partnerIds, materialIds });
    expect(draft).toMatchObject({
      status: 'DRAFT',
      version: 1,
      capacity: 25,
      priceDkk: 0,
      theme: { id: theme11 },
      library: { id: library },
    });
    expect(draft.partners.map((p) => p.id).sort()).toEqual([...partnerIds].sort());
    expect(draft.materials.map((m) => m.id).sort()).toEqual([...materialIds].sort());
    expect(draft.venue).toEqual({ name: 'P-pladsen ved søen', location: { latitude: 56.15, longitude: 10.2 } });

    const updated = (
      await server.ok(
        UPDATE,
        { id: draft.id, v: 1, input: { title: 'Fuglenes forår', capacity: null, partnerIds: [partnerIds[0]] } },
        { token: staff },
      )
    ).updateActivity;
    expect(updated).toMatchObject({
      title: 'Fuglenes forår',
      capacity: null,
      version: 2,
      status: 'DRAFT',
      signupUrl: 'https://bibliotek.example/tilmeld',
    });
    expect(updated.partners).toEqual([{ id: partnerIds[0] }]);

    const published = (await server.ok(PUBLISH, { id: draft.id }, { token: staff })).publishActivity;
    expect(published).toMatchObject({ status: 'PUBLISHED', version: 3 });
    // Publishing again changes nothing.
    expect((await server.ok(PUBLISH, { id: draft.id }, { token: staff })).publishActivity).toMatchObject({
      status: 'PUBLISHED',
      version: 3,
    });
    const anonymous = await server.ok(ACTIVITY, { id: draft.id });
    expect(anonymous.activity).toMatchObject({ id: draft.id, status: 'PUBLISHED', attendance: null });

    const reported = (await server.ok(ATTENDANCE, { id: draft.id, n: 0 }, { token: staff })).reportAttendance;
    expect(reported).toMatchObject({ attendance: 0, version: 4 });
    expect((await server.ok(ATTENDANCE, { id: draft.id, n: 27 }, { token: staff })).reportAttendance).toMatchObject({
      attendance: 27,
      version: 5,
    });

    const cancelled = (await server.ok(CANCEL, { id: draft.id, r: 'Skovbrand i området' }, { token: staff }))
      .cancelActivity;
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancellationReason: 'Skovbrand i området', version: 6 });

    for (const [name, send] of [
      ['updateActivity', () => server.gql(UPDATE, { id: draft.id, v: 6, input: { title: 'Igen' } }, { token: staff })],
      ['publishActivity', () => server.gql(PUBLISH, { id: draft.id }, { token: staff })],
      ['cancelActivity', () => server.gql(CANCEL, { id: draft.id, r: 'Igen' }, { token: staff })],
      ['reportAttendance', () => server.gql(ATTENDANCE, { id: draft.id, n: 3 }, { token: staff })],
    ] as const) {
      const res = await send();
      expect(res.errors?.[0]?.extensions?.code, name).toBe('CONFLICT');
      expect(res.errors?.[0]?.message).toMatch(/cancel/i);
    }
    const events: { action: string }[] = await server.db.query(
      `SELECT action FROM audit_event WHERE entity_type = 'Activity' AND entity_id = $1 ORDER BY id`,
      [draft.id],
    );
    expect(events.map((e) => e.action)).toEqual([
      'create',
      'update',
      'publish',
      'report_attendance',
      'report_attendance',
      'cancel',
    ]);
  });

  it('refuses to cancel a draft, to report attendance on a draft or before the start', async () => {
    const draft = await create();
    expect((await server.gql(CANCEL, { id: draft.id, r: 'x' }, { token: staff })).errors?.[0]?.extensions?.code).toBe(
      'CONFLICT',
    );
    expect((await server.gql(ATTENDANCE, { id: draft.id, n: 1 }, { token: staff })).errors?.[0]?.extensions?.code).toBe(
      'CONFLICT',
    );
    const open = await createOpenTheme(server.db, 92);
    await register(server.db, open.id, library);
    const future = await insertActivity(server.db, open.id, library, {
      startsAt: `${open.startsOn}T10:00:00+01:00`,
      endsAt: `${open.startsOn}T12:00:00+01:00`,
    });
    const early = await server.gql(ATTENDANCE, { id: future.id, n: 5 }, { token: staff });
    expect(early.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(early.errors?.[0]?.message).toMatch(/not started/);
    const published = await insertActivity(server.db, theme11, library);
    const negative = await server.gql(ATTENDANCE, { id: published.id, n: -1 }, { token: staff });
    expect(negative.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'attendance' });
    const blank = await server.gql(CANCEL, { id: published.id, r: '  ' }, { token: staff });
    expect(blank.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
  });

  it('answers NOT_FOUND for an unknown id and BAD_USER_INPUT for a malformed one', async () => {
    const unknown = await server.gql(PUBLISH, { id: '00000000-0000-4000-8000-000000000000' }, { token: coordinator });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const malformed = await server.gql(PUBLISH, { id: 'abc' }, { token: coordinator });
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });
});

describe('concurrency and atomicity', () => {
  it('of 10 concurrent updates from the same version exactly one wins and 9 get CONFLICT', async () => {
    const a = await create();
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        server.gql(UPDATE, { id: a.id, v: 1, input: { title: `Version fra klient ${i}` } }, { token: staff }),
      ),
    );
    const wins = answers.filter((r) => !r.errors);
    const conflicts = answers.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT');
    expect(wins).toHaveLength(1);
    expect(conflicts).toHaveLength(9);
    const [row] = await server.db.query(`SELECT title, version FROM activity WHERE id = $1`, [a.id]);
    expect(row).toEqual({ title: wins[0]!.data!.updateActivity.title, version: 2 });
    const [{ n }] = await server.db.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE entity_id = $1 AND action = 'update'`,
      [a.id],
    );
    expect(n).toBe(1);
  });

  it('a stale version gets CONFLICT naming the version', async () => {
    const a = await create();
    await server.ok(UPDATE, { id: a.id, v: 1, input: { title: 'Først' } }, { token: staff });
    const stale = await server.gql(UPDATE, { id: a.id, v: 1, input: { title: 'For sent' } }, { token: staff });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'version' });
  });

  it('createActivity with one unknown partner id leaves no activity, no links and no audit event', async () => {
    const title = 'Atomar test – må ikke findes';
    const counts = async () =>
      (
        await server.db.query(
          `SELECT (SELECT count(*) FROM activity)::int AS activities, (SELECT count(*) FROM activity_partner)::int AS links,
                (SELECT count(*) FROM activity_material)::int AS materials, (SELECT count(*) FROM audit_event)::int AS events`,
        )
      )[0];
    const before = await counts();
    const unknown = '00000000-0000-4000-8000-00000000abcd';
    const res = await server.gql(
      CREATE,
      { input: activityInput(theme11, library, { title, partnerIds: [partnerIds[0], unknown], materialIds }) },
      { token: staff },
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.partnerIds' });
    expect(res.errors?.[0]?.message).toContain(unknown);
    expect(await counts()).toEqual(before);
    const [{ n }] = await server.db.query(`SELECT count(*)::int AS n FROM activity WHERE title = $1`, [title]);
    expect(n).toBe(0);
  });

  it('an update with an unknown material id changes nothing', async () => {
    const a = await create({ materialIds });
    const res = await server.gql(
      UPDATE,
      { id: a.id, v: 1, input: { title: 'Ændret', materialIds: ['00000000-0000-4000-8000-00000000beef'] } },
      { token: staff },
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.materialIds' });
    const [row] = await server.db.query(`SELECT title, version FROM activity WHERE id = $1`, [a.id]);
    expect(row).toEqual({ title: a.title, version: 1 });
    const [{ n }] = await server.db.query(`SELECT count(*)::int AS n FROM activity_material WHERE activity_id = $1`, [
      a.id,
    ]);
    expect(n).toBe(2);
  });
});

describe('validation names the field', () => {
  const cases: [string, Partial<CreateActivityInput>, string][] = [
    ['empty title', { title: '' }, 'input.title'],
    ['blank title', { title: '   ' }, 'input.title'],
    ['title too long', { title: 'x'.repeat(201) }, 'input.title'],
    ['description too long', { description: 'x'.repeat(10001) }, 'input.description'],
    ['no audience', { audiences: [] }, 'input.audiences'],
    [
      'ends before it starts',
      { startsAt: '2020-04-22T10:00:00+02:00', endsAt: '2020-04-22T09:00:00+02:00' },
      'input.endsAt',
    ],
    [
      'ends when it starts',
      { startsAt: '2020-04-22T10:00:00+02:00', endsAt: '2020-04-22T10:00:00+02:00' },
      'input.endsAt',
    ],
    [
      'before the theme',
      { startsAt: '2020-04-12T10:00:00+02:00', endsAt: '2020-04-12T23:59:00+02:00' },
      'input.startsAt',
    ],
    [
      'after the theme',
      { startsAt: '2020-05-18T00:00:00+02:00', endsAt: '2020-05-18T02:00:00+02:00' },
      'input.startsAt',
    ],
    ['capacity 0', { capacity: 0 }, 'input.capacity'],
    ['negative price', { priceDkk: -1 }, 'input.priceDkk'],
    ['sign-up link not a URL', { signupUrl: 'tilmeld her' }, 'input.signupUrl'],
    ['sign-up link javascript:', { signupUrl: 'javascript:alert(1)' }, 'input.signupUrl'],
    ['sign-up link ftp:', { signupUrl: 'ftp://bibliotek.example/x' }, 'input.signupUrl'],
    ['image without alt text', { image: { url: 'https://bibliotek.example/a.jpg', alt: '' } }, 'input.image.alt'],
    ['image URL not http', { image: { url: 'data:image/png;base64,AAAA', alt: 'Et billede' } }, 'input.image.url'],
    ['latitude out of range', { venue: { name: 'Her', latitude: 91, longitude: 10 } }, 'input.venue.latitude'],
    ['longitude out of range', { venue: { name: 'Her', latitude: 56, longitude: 181 } }, 'input.venue.longitude'],
    ['latitude without longitude', { venue: { name: 'Her', latitude: 56 } }, 'input.venue.longitude'],
    ['venue without name', { venue: { name: '' } }, 'input.venue.name'],
    ['postal code', { venue: { name: 'Her', postalCode: '80000' } }, 'input.venue.postalCode'],
    ['unknown partner', { partnerIds: ['00000000-0000-4000-8000-000000000001'] }, 'input.partnerIds'],
    ['malformed partner id', { partnerIds: ['DR'] }, 'input.partnerIds'],
    ['unknown material', { materialIds: ['00000000-0000-4000-8000-000000000001'] }, 'input.materialIds'],
    ['unknown theme', { themeId: '00000000-0000-4000-8000-000000000001' }, 'input.themeId'],
  ];

  it.each(cases)('createActivity: %s', async (_name, overrides, field) => {
    const res = await server.gql(CREATE, { input: activityInput(theme11, library, overrides) }, { token: staff });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(res.errors?.[0]?.message.length).toBeGreaterThan(10);
  });

  it('an activity ending at the first minute of the theme period overlaps it, one ending at its start does not', async () => {
    const edge = await server.gql(
      CREATE,
      {
        input: activityInput(theme11, library, {
          startsAt: '2020-04-12T23:00:00+02:00',
          endsAt: '2020-04-13T00:01:00+02:00',
        }),
      },
      { token: staff },
    );
    expect(edge.errors).toBeUndefined();
    const outside = await server.gql(
      CREATE,
      {
        input: activityInput(theme11, library, {
          startsAt: '2020-04-12T23:00:00+02:00',
          endsAt: '2020-04-13T00:00:00+02:00',
        }),
      },
      { token: staff },
    );
    expect(outside.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.startsAt' });
  });

  it('staff need their library signed up for the theme; coordinators do not', async () => {
    const unregistered = await unregisteredLibrary(server.db, theme11);
    const { token } = await issueToken(server.db, 'LIBRARY_STAFF', { libraryId: unregistered });
    const res = await server.gql(CREATE, { input: activityInput(theme11, unregistered) }, { token });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.libraryId' });
    expect(res.errors?.[0]?.message).toMatch(/sign up/);
    const byCoordinator = await server.gql(
      CREATE,
      { input: activityInput(theme11, unregistered) },
      { token: coordinator },
    );
    expect(byCoordinator.errors).toBeUndefined();
  });

  it('updates are validated against the merged activity, and required fields cannot be cleared', async () => {
    const a = await create();
    const ends = await server.gql(
      UPDATE,
      { id: a.id, v: 1, input: { endsAt: '2020-04-22T06:00:00+02:00' } },
      { token: staff },
    );
    expect(ends.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.endsAt' });
    const cleared = await server.gql(UPDATE, { id: a.id, v: 1, input: { title: null } }, { token: staff });
    expect(cleared.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.title' });
    const url = await server.gql(UPDATE, { id: a.id, v: 1, input: { signupUrl: 'mailto:x@y.dk' } }, { token: staff });
    expect(url.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.signupUrl' });
    const [row] = await server.db.query(`SELECT version FROM activity WHERE id = $1`, [a.id]);
    expect(row.version).toBe(1);
  });
});

describe('libraries that are not signed up (withdrawn or never registered)', () => {
  const WITHDRAW = graphql(`
    mutation LifecycleWithdraw($t: ID!, $l: ID!) {
      withdrawRegistration(themeId: $t, libraryId: $l) {
        status
      }
    }
  `);

  it('cannot publish, but can still edit drafts, cancel and report attendance; coordinators can publish for them', async () => {
    const [, , withdrawn] = (await registeredLibraries(server.db, theme11, 3)) as [string, string, string];
    const { token } = await issueToken(server.db, 'LIBRARY_STAFF', { libraryId: withdrawn });
    const draft = await insertActivity(server.db, theme11, withdrawn, { status: 'DRAFT' });
    const other = await insertActivity(server.db, theme11, withdrawn, { status: 'DRAFT' });
    const announced = await insertActivity(server.db, theme11, withdrawn);
    const started = await insertActivity(server.db, theme11, withdrawn);
    expect((await server.ok(WITHDRAW, { t: theme11, l: withdrawn }, { token })).withdrawRegistration.status).toBe(
      'WITHDRAWN',
    );

    const refused = await server.gql(PUBLISH, { id: draft.id }, { token });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'id' });
    expect(refused.errors?.[0]?.message).toMatch(
      /not signed up for "Vores natur".*Sign up again \(registerLibraryForTheme\)/s,
    );
    const [row] = await server.db.query(`SELECT status, version FROM activity WHERE id = $1`, [draft.id]);
    expect(row).toEqual({ status: 'DRAFT', version: 1 });

    expect(
      (await server.ok(UPDATE, { id: draft.id, v: 1, input: { title: 'Udsat fugletur' } }, { token })).updateActivity,
    ).toMatchObject({ title: 'Udsat fugletur', status: 'DRAFT', version: 2 });
    expect(
      (await server.ok(CANCEL, { id: announced.id, r: 'Biblioteket har meldt fra' }, { token })).cancelActivity,
    ).toMatchObject({ status: 'CANCELLED' });
    expect((await server.ok(ATTENDANCE, { id: started.id, n: 12 }, { token })).reportAttendance).toMatchObject({
      attendance: 12,
    });
    expect((await server.ok(PUBLISH, { id: other.id }, { token: coordinator })).publishActivity).toMatchObject({
      status: 'PUBLISHED',
    });

    // Signing up again (here by a coordinator, as sign-up for Tema 11 has closed) lets staff publish again.
    await register(server.db, theme11, withdrawn);
    expect((await server.ok(PUBLISH, { id: draft.id }, { token })).publishActivity).toMatchObject({
      status: 'PUBLISHED',
      version: 3,
    });
  });

  it('a library that never signed up cannot publish a draft a coordinator made for it', async () => {
    const unregistered = await unregisteredLibrary(server.db, theme11, 1);
    const { token } = await issueToken(server.db, 'LIBRARY_STAFF', { libraryId: unregistered });
    const draft = (await server.ok(CREATE, { input: activityInput(theme11, unregistered) }, { token: coordinator }))
      .createActivity;
    const refused = await server.gql(PUBLISH, { id: draft.id }, { token });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'id' });
    expect(
      (await server.ok(UPDATE, { id: draft.id, v: 1, input: { capacity: 10 } }, { token })).updateActivity,
    ).toMatchObject({ capacity: 10 });
  });
});

describe('deleteActivity', () => {
  const DELETE = graphql(`
    mutation LifecycleDelete($id: ID!) {
      deleteActivity(id: $id)
    }
  `);
  const rowsOf = async (id: string) => {
    const [row] = await server.db.query(
      `SELECT (SELECT count(*) FROM activity WHERE id = $1)::int AS activities,
              (SELECT count(*) FROM activity_partner WHERE activity_id = $1)::int AS partners,
              (SELECT count(*) FROM activity_material WHERE activity_id = $1)::int AS materials`,
      [id],
    );
    return row as { activities: number; partners: number; materials: number };
  };

  it('deletes a draft with its partner and material links and records what it held in the audit log', async () => {
    const draft = await create({ partnerIds, materialIds, title: 'Et udkast der slettes' });
    expect(await rowsOf(draft.id)).toEqual({ activities: 1, partners: 2, materials: 2 });

    const res = await server.gql(DELETE, { id: draft.id }, { token: staff });
    expect(res.errors).toBeUndefined();
    expect(res.data?.deleteActivity).toBe(true);
    expect(await rowsOf(draft.id)).toEqual({ activities: 0, partners: 0, materials: 0 });
    expect((await server.ok(ACTIVITY, { id: draft.id }, { token: staff })).activity).toBeNull();

    const events: AuditRow[] = await server.db.query(
      `SELECT action, changes, request_id FROM audit_event WHERE entity_type = 'Activity' AND entity_id = $1 ORDER BY id`,
      [draft.id],
    );
    expect(events.map((e) => e.action)).toEqual(['create', 'delete']);
    const deleted = events[1]!;
    expect(deleted.changes.title).toEqual({ before: 'Et udkast der slettes' });
    expect(deleted.changes.status).toEqual({ before: 'DRAFT' });
    expect(deleted.changes.libraryId).toEqual({ before: library });
    expect(deleted.changes.partnerIds.before).toHaveLength(2);
    expect(Object.values(deleted.changes).every((c) => !('after' in c))).toBe(true);
    expect(deleted.request_id).toBe(res.headers.get('x-request-id'));

    // Deleted is gone: a second delete is NOT_FOUND, as for an id that never existed.
    const again = await server.gql(DELETE, { id: draft.id }, { token: staff });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  });

  it("coordinators may delete any library's draft", async () => {
    const draft = await insertActivity(server.db, theme11, library, { status: 'DRAFT' });
    expect((await server.ok(DELETE, { id: draft.id }, { token: coordinator })).deleteActivity).toBe(true);
    expect((await rowsOf(draft.id)).activities).toBe(0);
    const [event] = await server.db.query(
      `SELECT actor_role FROM audit_event WHERE entity_type = 'Activity' AND entity_id = $1 AND action = 'delete'`,
      [draft.id],
    );
    expect(event.actor_role).toBe('COORDINATOR');
  });

  it('refuses published and cancelled activities with CONFLICT, telling to cancel instead, and changes nothing', async () => {
    for (const status of ['PUBLISHED', 'CANCELLED'] as const) {
      const a = await insertActivity(server.db, theme11, library, { status });
      for (const token of [staff, coordinator]) {
        const res = await server.gql(DELETE, { id: a.id }, { token });
        expect(res.errors?.[0]?.extensions, status).toMatchObject({ code: 'CONFLICT', field: 'id' });
        expect(res.errors?.[0]?.message).toMatch(/cancel/i);
        expect(res.errors?.[0]?.message).not.toMatch(/activity_|SQL|DELETE FROM/);
      }
      const [row] = await server.db.query(`SELECT status, version FROM activity WHERE id = $1`, [a.id]);
      expect(row).toEqual({ status, version: 1 });
      const [{ n }] = await server.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE entity_id = $1`, [a.id]);
      expect(n).toBe(0);
    }
  });

  it("another library's draft is NOT_FOUND and stays; a malformed id is BAD_USER_INPUT naming id", async () => {
    const [, other] = (await registeredLibraries(server.db, theme11, 2)) as [string, string];
    const foreign = await insertActivity(server.db, theme11, other, { status: 'DRAFT' });
    const res = await server.gql(DELETE, { id: foreign.id }, { token: staff });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    expect((await rowsOf(foreign.id)).activities).toBe(1);

    const unknown = await server.gql(DELETE, { id: '00000000-0000-4000-8000-000000000000' }, { token: coordinator });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    const malformed = await server.gql(DELETE, { id: 'not-an-id' }, { token: coordinator });
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(malformed.errors?.[0]?.message).toMatch(/not an activity id/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './__generated__/index.js';
import { startTestServer, type TestServer } from './support/server.js';
import { issueToken } from './support/tokens.js';
import { activityInput, registeredLibraries, themeId } from './support/fixtures.js';

let server: TestServer;
let staff: { id: string; token: string };
let coordinator: string;
let theme11: string;
let library: string;
beforeAll(async () => {
  server = await startTestServer();
  theme11 = await themeId(server.db, 11);
  [library] = (await registeredLibraries(server.db, theme11, 1)) as [string];
  staff = await issueToken(server.db, 'LIBRARY_STAFF', { libraryId: library, name: 'Biblioteksweb' });
  coordinator = (await issueToken(server.db, 'COORDINATOR', { name: 'Koordinator' })).token;
});
afterAll(async () => {
  await server?.stop();
});

const EVENTS = graphql(`
  query AuditEvents($type: String, $id: ID, $first: Int, $after: String) {
    auditEvents(entityType: $type, entityId: $id, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          occurredAt
          action
          entityType
          entityId
          actorRole
          actorName
          tokenId
          requestId
          changes {
            field
            before
            after
          }
        }
      }
    }
  }
`);

describe('the audit trail', () => {
  it('records who changed what, with before and after and the request id, readable by coordinators', async () => {
    const created = await server.gql(
      graphql(`
        mutation AuditCreateActivity($input: CreateActivityInput!) {
          createActivity(input: $input) {
            id
            version
          }
        }
      `),
      { input: activityInput(theme11, library) },
      { token: staff.token, headers: { 'x-request-id': 'req-audit-create' } },
    );
    const id = created.data!.createActivity.id;
    await server.gql(
      graphql(`
        mutation AuditUpdateActivity($id: ID!) {
          updateActivity(id: $id, version: 1, input: { title: "Ny titel", capacity: 40 }) {
            id
          }
        }
      `),
      { id },
      { token: staff.token, headers: { 'x-request-id': 'req-audit-update' } },
    );
    await server.ok(
      graphql(`
        mutation AuditPublishActivity($id: ID!) {
          publishActivity(id: $id) {
            id
          }
        }
      `),
      { id },
      { token: coordinator },
    );

    const { auditEvents } = await server.ok(EVENTS, { type: 'Activity', id }, { token: coordinator });
    expect(auditEvents.totalCount).toBe(3);
    const [publish, update, create] = auditEvents.edges.map((e) => e.node);
    expect(create).toMatchObject({
      action: 'create',
      entityType: 'Activity',
      entityId: id,
      actorRole: 'LIBRARY_STAFF',
      actorName: 'Biblioteksweb',
      tokenId: staff.id,
      requestId: 'req-audit-create',
    });
    expect(create.changes).toContainEqual({
      field: 'title',
      before: null,
      after: JSON.stringify(activityInput(theme11, library).title),
    });
    expect(update).toMatchObject({ action: 'update', requestId: 'req-audit-update', actorName: 'Biblioteksweb' });
    const changes = Object.fromEntries(update.changes.map((c) => [c.field, c]));
    expect(Object.keys(changes).sort()).toEqual(['capacity', 'title', 'version']);
    expect(changes.capacity).toEqual({ field: 'capacity', before: '25', after: '40' });
    expect(changes.version).toEqual({ field: 'version', before: '1', after: '2' });
    expect(publish).toMatchObject({ action: 'publish', actorRole: 'COORDINATOR', actorName: 'Koordinator' });
    expect(Date.parse(publish.occurredAt)).toBeGreaterThanOrEqual(Date.parse(create.occurredAt));
  });

  it('pages newest first with cursors', async () => {
    const all = await server.ok(EVENTS, { first: 100 }, { token: coordinator });
    const ids = all.auditEvents.edges.map((e) => Number(e.node.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const first = await server.ok(EVENTS, { first: 2 }, { token: coordinator });
    const second = await server.ok(
      EVENTS,
      { first: 2, after: first.auditEvents.pageInfo.endCursor },
      { token: coordinator },
    );
    expect([...first.auditEvents.edges, ...second.auditEvents.edges].map((e) => Number(e.node.id))).toEqual(
      ids.slice(0, 4),
    );
    const bad = await server.gql(EVENTS, { after: 'xyz' }, { token: coordinator });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('writes nothing for a failed mutation', async () => {
    const [{ n: before }] = await server.db.query(`SELECT count(*)::int AS n FROM audit_event`);
    const res = await server.gql(
      graphql(`
        mutation AuditCreateActivityAgain($input: CreateActivityInput!) {
          createActivity(input: $input) {
            id
          }
        }
      `),
      { input: activityInput(theme11, library, { endsAt: '2020-04-22T06:00:00+02:00' }) },
      { token: staff.token },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const [{ n: after }] = await server.db.query(`SELECT count(*)::int AS n FROM audit_event`);
    expect(after).toBe(before);
  });
});

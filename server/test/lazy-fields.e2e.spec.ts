import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './__generated__/index.js';
import { startTestServer, type Operation, type TestServer } from './support/server.js';
import { issueToken } from './support/tokens.js';

/** Work that only some answers need is done only for them: counts when asked, token bookkeeping once a minute. */

let server: TestServer;
let coordinator: { id: string; token: string };
beforeAll(async () => {
  server = await startTestServer();
  coordinator = await issueToken(server.db, 'COORDINATOR', { name: 'Koordinator' });
});
afterAll(async () => {
  await server?.stop();
});

const VIEWER = graphql(`
  query LazyFieldsViewer {
    viewer {
      role
    }
  }
`);
const EVENTS = graphql(`
  query LazyFieldsEvents {
    auditEvents(first: 2) {
      edges {
        node {
          id
        }
      }
    }
  }
`);
const EVENTS_COUNTED_TWICE = graphql(`
  query LazyFieldsEventsCounted {
    auditEvents(first: 2) {
      a: totalCount
      b: totalCount
      edges {
        node {
          id
        }
      }
    }
  }
`);

/** Runs an operation without variables; its data and the number of SQL statements it took. */
async function statements<R>(
  query: Operation<R, Record<string, never>>,
  token: string,
): Promise<{ count: number; data: R | undefined }> {
  const res = await server.gql(query, {}, { token });
  expect(res.errors).toBeUndefined();
  const header = res.headers.get('x-sql-statements');
  expect(header).not.toBeNull();
  return { count: Number(header), data: res.data };
}

async function lastUsedAt(tokenId: string): Promise<Date | null> {
  const [row] = (await server.db.query(`SELECT last_used_at FROM api_token WHERE id = $1`, [tokenId])) as {
    last_used_at: Date | null;
  }[];
  return row!.last_used_at;
}

describe('API token bookkeeping', () => {
  it('records the first use of a token before answering, and writes again at most once a minute', async () => {
    const fresh = await issueToken(server.db, 'PARTNER', { name: 'Partnerside' });
    expect(await lastUsedAt(fresh.id)).toBeNull();

    const first = await statements(VIEWER, fresh.token);
    expect(first.data!.viewer.role).toBe('PARTNER');
    // The token lookup and the last_used_at write, both done when the response arrives.
    expect(first.count).toBe(2);
    const recorded = await lastUsedAt(fresh.id);
    expect(recorded).toBeInstanceOf(Date);

    const again = await statements(VIEWER, fresh.token);
    expect(again.count).toBe(1);
    expect(await lastUsedAt(fresh.id)).toEqual(recorded);
  });
});

describe('auditEvents.totalCount', () => {
  it('is counted only when selected, once however often it is selected', async () => {
    await statements(VIEWER, coordinator.token); // the token's last_used_at is written now, not below
    const without = await statements(EVENTS, coordinator.token);
    const withCount = await statements(EVENTS_COUNTED_TWICE, coordinator.token);
    expect(withCount.count).toBe(without.count + 1);
    expect(withCount.data!.auditEvents.a).toBe(withCount.data!.auditEvents.b);
    const [{ n }] = (await server.db.query(`SELECT count(*)::int AS n FROM audit_event`)) as { n: number }[];
    expect(withCount.data!.auditEvents.a).toBe(n);
  });
});

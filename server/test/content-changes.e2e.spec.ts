import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { announceContentChanged, CONTENT_CHANNEL } from '../src/db/content-changes.js';
import { createTestDatabase, usesPostgres, type TestDatabase } from './support/databases.js';
import { startTestServer, type TestServer } from './support/server.js';
import { issueToken } from './support/tokens.js';

/**
 * Writes committed outside a server process reach its response cache through PostgreSQL's
 * LISTEN/NOTIFY (db/content-changes.ts): another server process on the same database without a
 * shared Redis, the import and seed commands, or an operator's pg_notify after a hand edit.
 */

const TITLE = `query ContentChangesTitle($slug: String!) { theme(slug: $slug) { title } }`;

async function read(server: TestServer) {
  const res = await fetch(server.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: TITLE, variables: { slug: 'vores-natur' } }),
  });
  const body = (await res.json()) as { data: { theme: { title: string } } };
  return { xCache: res.headers.get('x-cache'), title: body.data.theme.title };
}

/** Reads until the answer is a miss with `title` (a notification arrives asynchronously), at most 5 s. */
async function missWith(server: TestServer, title: string) {
  let last = await read(server);
  for (let i = 0; i < 50 && !(last.xCache === 'MISS' && last.title === title); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read(server);
  }
  return last;
}

describe.skipIf(!usesPostgres)('changes committed by other processes (PostgreSQL, no shared Redis)', () => {
  let database: TestDatabase;
  let one: TestServer;
  let two: TestServer;
  let admin: pg.Client;
  beforeAll(async () => {
    database = await createTestDatabase(inject('testTemplate'));
    const env = { RESPONSE_CACHE: 'true' };
    one = await startTestServer({ env, database: { ...database, drop: async () => {} } });
    two = await startTestServer({ env, database });
    admin = new pg.Client({ connectionString: database.databaseUrl });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await one?.stop();
    await two?.stop();
  });

  const rename = (title: string) => admin.query(`UPDATE theme SET title = $1 WHERE slug = 'vores-natur'`, [title]);
  const cached = async (server: TestServer) => {
    await read(server);
    const again = await read(server);
    expect(again.xCache).toBe('HIT');
    return again.title;
  };

  it('a mutation on one process makes the next anonymous read on the other run afresh', async () => {
    await cached(two);
    const token = (await issueToken(one.db, 'COORDINATOR')).token;
    const [{ id }] = (await admin.query(`SELECT id FROM theme WHERE slug = 'vores-natur'`)).rows as { id: string }[];
    const renamed = await one.gql(
      `mutation ($id: ID!) { updateTheme(id: $id, input: { title: "Vores natur (omdøbt)" }) { title } }`,
      { id },
      { token },
    );
    expect(renamed.errors).toBeUndefined();
    expect(await missWith(two, 'Vores natur (omdøbt)')).toEqual({ xCache: 'MISS', title: 'Vores natur (omdøbt)' });
  });

  it('a change made without the API is served stale until it is announced, then afresh on every process', async () => {
    const before = await cached(one);
    await cached(two);
    await rename('Vores natur (rettet i hånden)');
    // Not announced: both processes still answer from their caches (as documented).
    expect(await read(one)).toEqual({ xCache: 'HIT', title: before });
    await announceContentChanged(one.db);
    for (const server of [one, two])
      expect(await missWith(server, 'Vores natur (rettet i hånden)')).toEqual({
        xCache: 'MISS',
        title: 'Vores natur (rettet i hånden)',
      });
  });

  it('listens again after its connection is cut, and starts afresh since it may have missed a change', async () => {
    await cached(two);
    const cut = await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'temahub-listen' AND datname = current_database()`,
    );
    expect(cut.rowCount).toBe(2);
    // Changed while nobody listened: the reconnection itself retires the cached answers.
    await rename('Vores natur (mens ingen lyttede)');
    expect(await missWith(two, 'Vores natur (mens ingen lyttede)')).toEqual({
      xCache: 'MISS',
      title: 'Vores natur (mens ingen lyttede)',
    });
    // And later announcements arrive again.
    await cached(two);
    await rename('Vores natur');
    await admin.query(`SELECT pg_notify($1, '')`, [CONTENT_CHANNEL]);
    expect(await missWith(two, 'Vores natur')).toEqual({ xCache: 'MISS', title: 'Vores natur' });
  });
});

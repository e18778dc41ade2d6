import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './__generated__/index.js';
import pino from 'pino';
import { createRequestContext, inTransaction, sql, type RequestContext } from '../src/shared/context.js';
import { themeLoader } from '../src/features/theme/index.js';
import { startTestServer, type TestServer } from './support/server.js';
import { issueToken } from './support/tokens.js';
import { activityInput, registeredLibraries, themeId } from './support/fixtures.js';

/** Issue 10 item 3: per-request loaders follow the request's transaction and its writes. */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('loaders and transactions', () => {
  it('a loader used inside inTransaction reads inside it (sees its writes; on the embedded database it would otherwise wait forever)', async () => {
    const id = await themeId(server.db, 11);
    const ctx: RequestContext = createRequestContext({
      requestId: 'loader-test',
      viewer: { role: 'COORDINATOR', tokenId: null, tokenName: null, libraryId: null },
      db: server.db,
      log: pino({ level: 'silent' }),
    });
    const before = (await ctx.loaders.get(themeLoader).load(id))!.title;
    const rolledBack = new Error('roll back');
    let seenInside: string | undefined;
    await expect(
      inTransaction(ctx, async (tx) => {
        await sql(tx, `UPDATE theme SET title = $1 WHERE id = $2`, [`${before} (i transaktionen)`, id]);
        seenInside = (await tx.loaders.get(themeLoader).load(id))!.title;
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
    expect(seenInside).toBe(`${before} (i transaktionen)`);
    // Rolled back: the request's own loader still holds (and the database still has) the old title.
    expect((await ctx.loaders.get(themeLoader).load(id))!.title).toBe(before);
  });

  it('two updateActivity calls in one document that both select partners each return their own partners', async () => {
    const theme = await themeId(server.db, 11);
    const [library] = (await registeredLibraries(server.db, theme, 1)) as [string];
    const token = (await issueToken(server.db, 'LIBRARY_STAFF', { libraryId: library })).token;
    const partners = (
      (await server.db.query(`SELECT id, name FROM partner ORDER BY name LIMIT 2`)) as { id: string; name: string }[]
    ).map((p) => p.id);
    const created = (
      await server.ok(
        graphql(`
          mutation LoadersTransactionsCreateActivity($input: CreateActivityInput!) {
            createActivity(input: $input) {
              id
              partners {
                id
              }
            }
          }
        `),
        { input: activityInput(theme, library, { partnerIds: [partners[0]] }) },
        { token },
      )
    ).createActivity;
    expect(created.partners.map((p: { id: string }) => p.id)).toEqual([partners[0]]);

    const both = await server.ok(
      graphql(`
        mutation LoadersTransactionsTwoUpdates($id: ID!, $first: [ID!], $second: [ID!]) {
          one: updateActivity(id: $id, version: 1, input: { partnerIds: $first }) {
            version
            partners {
              id
            }
          }
          two: updateActivity(id: $id, version: 2, input: { partnerIds: $second }) {
            version
            partners {
              id
            }
          }
        }
      `),
      { id: created.id, first: [partners[1]], second: partners },
      { token },
    );
    expect(both.one).toEqual({ version: 2, partners: [{ id: partners[1] }] });
    expect(both.two.version).toBe(3);
    expect(both.two.partners.map((p: { id: string }) => p.id).sort()).toEqual([...partners].sort());
  });
});

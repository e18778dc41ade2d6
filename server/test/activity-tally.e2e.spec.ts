import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './__generated__/index.js';
import { THEME_11_SLUG, themeId } from './support/fixtures.js';
import { startTestServer, type TestServer } from './support/server.js';
import { issueToken } from './support/tokens.js';

/**
 * activity_tally (migration 1764000000020): the number of activities per theme, library and status,
 * kept by triggers in the same transaction as every write; totalCount of a theme's or a library's
 * activities is summed from it.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const query = <T>(sql: string, params: unknown[] = []) => server.db.query(sql, params) as Promise<T[]>;

/** Keys whose tally differs from a count of the activities (both ways), and keys kept at 0. */
const mismatches = () =>
  query<{ theme_id: string; library_id: string; status: string; tally: number | null; actual: number | null }>(
    `SELECT coalesce(t.theme_id, c.theme_id) AS theme_id, coalesce(t.library_id, c.library_id) AS library_id,
            coalesce(t.status, c.status) AS status, t.n AS tally, c.n::int AS actual
       FROM activity_tally t
       FULL JOIN (SELECT theme_id, library_id, status, count(*) AS n FROM activity GROUP BY 1, 2, 3) c
         ON (c.theme_id, c.library_id, c.status) = (t.theme_id, t.library_id, t.status)
      WHERE t.n IS DISTINCT FROM c.n`,
  );

const COPY_ACTIVITIES = `
  INSERT INTO activity (theme_id, library_id, title, description, audiences, format, channel, venue_name,
                        starts_at, ends_at, status, cancellation_reason)
  SELECT theme_id, library_id, title, description, audiences, format, channel, venue_name,
         starts_at, ends_at, status, cancellation_reason
    FROM activity WHERE theme_id = $1 ORDER BY id LIMIT $2
  RETURNING id`;

const THEME_TOTAL = graphql(`
  query TallyThemeTotal($slug: String!) {
    theme(slug: $slug) {
      activities(first: 2) {
        totalCount
        edges {
          node {
            id
          }
        }
      }
    }
  }
`);

const THEME_TOTAL_ALONE = graphql(`
  query TallyThemeTotalAlone($slug: String!) {
    theme(slug: $slug) {
      activities {
        totalCount
      }
    }
  }
`);

const LIBRARY_TOTAL = graphql(`
  query TallyLibraryTotal($id: ID!) {
    library(id: $id) {
      activities(first: 1) {
        totalCount
      }
    }
  }
`);

const FILTERED_TOTAL = graphql(`
  query TallyFilteredTotal($slug: String!) {
    theme(slug: $slug) {
      activities(filter: { formats: [WALK] }, first: 1) {
        totalCount
      }
    }
  }
`);

describe('activity_tally', () => {
  it('matches the activities after the seed, inserts, updates of theme, library and status, and deletes', async () => {
    expect(await mismatches()).toEqual([]);
    const theme11 = await themeId(server.db, 11);
    const [other] = await query<{ id: string }>(`SELECT id FROM theme WHERE id <> $1 ORDER BY number LIMIT 1`, [
      theme11,
    ]);
    const copies = (await query<{ id: string }>(COPY_ACTIVITIES, [theme11, 30])).map((r) => r.id);
    expect(copies).toHaveLength(30);
    expect(await mismatches()).toEqual([]);

    // One statement moving rows between keys in every direction, and one changing nothing counted.
    await query(
      `UPDATE activity SET status = CASE WHEN status = 'DRAFT' THEN 'PUBLISHED' ELSE 'DRAFT' END,
                           cancellation_reason = NULL
        WHERE id = ANY($1::uuid[]) AND status <> 'CANCELLED'`,
      [copies.slice(0, 20)],
    );
    await query(`UPDATE activity SET title = title || ' (kopi)' WHERE id = ANY($1::uuid[])`, [copies]);
    expect(await mismatches()).toEqual([]);
    await query(`UPDATE activity SET theme_id = $2 WHERE id = ANY($1::uuid[])`, [copies.slice(10, 25), other!.id]);
    await query(
      `UPDATE activity SET library_id = (SELECT id FROM library ORDER BY isil DESC NULLS LAST LIMIT 1)
        WHERE id = ANY($1::uuid[])`,
      [copies.slice(5, 15)],
    );
    expect(await mismatches()).toEqual([]);

    await query(`DELETE FROM activity WHERE id = ANY($1::uuid[])`, [copies]);
    expect(await mismatches()).toEqual([]);
    // Keys whose activities are all gone leave no row behind.
    expect(await query(`SELECT 1 FROM activity_tally WHERE n <= 0`)).toEqual([]);
  });

  it('is what a theme page and a library page count (a change to it shows in totalCount)', async () => {
    const theme11 = await themeId(server.db, 11);
    const [visible] = await query<{ n: number }>(
      `SELECT count(*)::int AS n FROM activity WHERE theme_id = $1 AND status <> 'DRAFT'`,
      [theme11],
    );
    const [library] = await query<{ id: string; n: number }>(
      `SELECT library_id AS id, count(*)::int AS n FROM activity WHERE status <> 'DRAFT'
        GROUP BY library_id ORDER BY count(*) DESC LIMIT 1`,
    );
    const totals = async () => ({
      readAhead: (await server.ok(THEME_TOTAL, { slug: THEME_11_SLUG })).theme?.activities.totalCount,
      alone: (await server.ok(THEME_TOTAL_ALONE, { slug: THEME_11_SLUG })).theme?.activities.totalCount,
      library: (await server.ok(LIBRARY_TOTAL, { id: library!.id })).library?.activities.totalCount,
    });
    expect(await totals()).toEqual({ readAhead: visible!.n, alone: visible!.n, library: library!.n });

    // Counted from the tally, not from the activities: a (deliberately wrong) tally shows through.
    await query(
      `UPDATE activity_tally SET n = n + 1000 WHERE status = 'PUBLISHED' AND (theme_id = $1 OR library_id = $2)`,
      [theme11, library!.id],
    );
    try {
      const skewed = await totals();
      expect(skewed.readAhead! - visible!.n).toBeGreaterThanOrEqual(1000);
      expect(skewed.alone).toBe(skewed.readAhead);
      expect(skewed.library! - library!.n).toBeGreaterThanOrEqual(1000);
      // A filter on other columns counts the activities themselves.
      const [walks] = await query<{ n: number }>(
        `SELECT count(*)::int AS n FROM activity WHERE theme_id = $1 AND status <> 'DRAFT' AND format = 'WALK'`,
        [theme11],
      );
      expect((await server.ok(FILTERED_TOTAL, { slug: THEME_11_SLUG })).theme?.activities.totalCount).toBe(walks!.n);
    } finally {
      await query(`DELETE FROM activity_tally`);
      await query(
        `INSERT INTO activity_tally SELECT theme_id, library_id, status, count(*) FROM activity GROUP BY 1, 2, 3`,
      );
    }
    expect(await mismatches()).toEqual([]);
    expect(await totals()).toEqual({ readAhead: visible!.n, alone: visible!.n, library: library!.n });
  });

  it("counts a library's own drafts for its staff, and every activity for a coordinator", async () => {
    const theme11 = await themeId(server.db, 11);
    const [draft] = await query<{ library_id: string }>(
      `SELECT library_id FROM activity WHERE theme_id = $1 AND status = 'DRAFT' LIMIT 1`,
      [theme11],
    );
    expect(draft).toBeDefined();
    const count = async (condition: string, params: unknown[]) =>
      (
        await query<{ n: number }>(`SELECT count(*)::int AS n FROM activity WHERE theme_id = $1 AND (${condition})`, [
          theme11,
          ...params,
        ])
      )[0]!.n;
    const staff = await issueToken(server.db, 'LIBRARY_STAFF', { libraryId: draft!.library_id });
    const coordinator = await issueToken(server.db, 'COORDINATOR');
    const totalFor = async (token?: string) =>
      (await server.ok(THEME_TOTAL, { slug: THEME_11_SLUG }, { token })).theme?.activities.totalCount;

    const anonymous = await count(`status <> 'DRAFT'`, []);
    const own = await count(`status <> 'DRAFT' OR library_id = $2`, [draft!.library_id]);
    expect(own).toBeGreaterThan(anonymous);
    expect(await totalFor()).toBe(anonymous);
    expect(await totalFor(staff.token)).toBe(own);
    expect(await totalFor(coordinator.token)).toBe(await count('true', []));
  });

  it('is emptied with the activities by TRUNCATE, and a rolled-back write leaves it as it was', async () => {
    const theme11 = await themeId(server.db, 11);
    const runner = server.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(COPY_ACTIVITIES, [theme11, 5]);
      await runner.rollbackTransaction();
    } finally {
      await runner.release();
    }
    expect(await mismatches()).toEqual([]);
    await query(`TRUNCATE activity CASCADE`);
    expect(await query(`SELECT * FROM activity_tally`)).toEqual([]);
  });
});

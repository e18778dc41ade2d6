import { describe, expect, it } from 'vitest';
import { limitLiteral } from './pagination.js';
import { countStatement, pageStatement, scopedPage, type ScopedPage } from './scoped-pages.js';
import { SqlParams } from './sql-params.js';

const page = (parentColumn: string | null): ScopedPage => ({
  from: 'activity a',
  conditions: [`a.status <> 'DRAFT'`],
  parentColumn,
  columns: 'a.id',
  orderBy: 'a.starts_at, a.id',
  limit: 3,
});

describe('scoped page statements', () => {
  it('reads a list without parent with a plain LIMIT', () => {
    const p = new SqlParams();
    const text = pageStatement(page(null), [], p);
    expect(text).toBe(`SELECT a.id FROM activity a WHERE a.status <> 'DRAFT' ORDER BY a.starts_at, a.id LIMIT 3`);
    expect(p.values).toEqual([]);
  });

  it('reads one parent with = and a plain LIMIT, several with = ANY and row_number() per parent', () => {
    const one = new SqlParams();
    expect(pageStatement(page('a.theme_id'), ['t1'], one)).toBe(
      `SELECT a.id FROM activity a WHERE a.status <> 'DRAFT' AND a.theme_id = $1::uuid ORDER BY a.starts_at, a.id LIMIT 3`,
    );
    expect(one.values).toEqual(['t1']);
    const many = new SqlParams();
    const text = pageStatement(page('a.theme_id'), ['t1', 't2'], many);
    expect(text).toContain('a.theme_id = ANY($1::uuid[])');
    expect(text).toContain('row_number() OVER (PARTITION BY a.theme_id ORDER BY a.starts_at, a.id)');
    expect(text).toContain('s.rn <= 3');
    expect(many.values).toEqual([['t1', 't2']]);
  });

  it('writes the limit into the statement (a generic plan then knows it) and refuses anything but a count', () => {
    expect(limitLiteral(0)).toBe('0');
    expect(limitLiteral(101)).toBe('101');
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => limitLiteral(bad)).toThrow();
    expect(() => limitLiteral('1; DROP TABLE theme' as unknown as number)).toThrow();
  });

  it('counts one parent with =, several grouped by parent', () => {
    expect(countStatement(page('a.theme_id'), ['t1'], new SqlParams())).toBe(
      `SELECT count(*)::int AS n FROM activity a WHERE a.status <> 'DRAFT' AND a.theme_id = $1::uuid`,
    );
    expect(countStatement(page('a.theme_id'), ['t1', 't2'], new SqlParams())).toBe(
      `SELECT a.theme_id::text AS "parentKey", count(*)::int AS n FROM activity a WHERE a.status <> 'DRAFT' AND a.theme_id = ANY($1::uuid[]) GROUP BY a.theme_id`,
    );
  });

  it("reads ahead for one parent: joins to the page's rows after the LIMIT and the total without the cursor; not for several parents", () => {
    let calls = 0;
    const ahead: ScopedPage = {
      ...page('a.theme_id'),
      readAhead: () => {
        calls++;
        return {
          columns: 'l.name AS "libraryName"',
          joins: 'JOIN library l ON l.id = pg."libraryId"',
          count: { from: 'activity a', conditions: [`a.status <> 'DRAFT'`], parentColumn: 'a.theme_id' },
        };
      },
    };
    const p = new SqlParams();
    const text = pageStatement(ahead, ['t1'], p).replace(/\s+/g, ' ');
    expect(text).toContain(
      `(SELECT count(*)::int FROM activity a WHERE a.status <> 'DRAFT' AND a.theme_id = $2::uuid) AS "pageTotal"`,
    );
    expect(text.startsWith('WITH pg AS (SELECT a.id, (SELECT count(*)')).toBe(true);
    expect(text).toContain(
      `ORDER BY a.starts_at, a.id LIMIT 3) SELECT pg.*, l.name AS "libraryName" FROM pg JOIN library l ON l.id = pg."libraryId" ORDER BY pg."pageRow"`,
    );
    expect(p.values).toEqual(['t1', 't1']);
    expect(pageStatement(ahead, ['t1', 't2'], new SqlParams())).not.toContain('pageTotal');
    expect(calls).toBe(1);
    // An order over the page's own columns keeps their order through the joins without numbering them.
    const ordered = pageStatement({ ...ahead, pageOrderBy: 'pg."startsAt", pg.id' }, ['t1'], new SqlParams());
    expect(ordered).not.toContain('row_number');
    expect(ordered.replace(/\s+/g, ' ')).toMatch(/ORDER BY pg\."startsAt", pg\.id$/);
  });
});

describe('scopedPage', () => {
  it('is the ScopedFrom with the page added, every field of both kept', () => {
    const q = { from: 'activity_tally a', conditions: ['a.n > 0'], parentColumn: 'a.theme_id', total: 'sum(a.n)' };
    const readAhead = () => ({ columns: 'l.name', joins: 'JOIN library l ON l.id = pg."libraryId"' });
    const extra = { columns: 'a.id', orderBy: 'a.id', limit: 51, pageOrderBy: 'pg.id', readAhead };
    expect(scopedPage(q, extra)).toEqual({ ...q, ...extra });
  });
});

import type { RequestContext } from './context.js';
import { sql } from './context.js';
import { limitLiteral } from './pagination.js';
import { SqlParams } from './sql-params.js';

/*
 * Connections under many parents in a fixed number of statements (Theme.activities on every theme
 * of a list, Theme.participatingLibraries, …). Requests that differ only in their parent id form a
 * group and share one statement: a plain LIMIT for one parent, row_number() per parent for several.
 * Every request gets the rows of its own group and parent, so aliased fields on the same parent with
 * other filters, page sizes, cursors or orders each keep their own answer.
 */

/** How a feature's requests name their parent. */
export interface Parented<R> {
  /** The parent (a UUID) a request is restricted to, e.g. the theme of Theme.activities; null for a top-level list. */
  parentOf(request: R): string | null;
  /** The request without its parent: requests for which this serialises alike share one statement. */
  withoutParent(request: R): unknown;
}

/** What a group's statement reads, apart from the parent condition (which is added here). */
export interface ScopedFrom {
  /** FROM target with its joins, e.g. `activity a JOIN library l ON l.id = a.library_id`. */
  from: string;
  /** WHERE conditions other than the parent's; all must hold. */
  conditions: string[];
  /** The column holding the parent id, e.g. `a.theme_id`; null for requests without a parent. */
  parentColumn: string | null;
  /** What a row adds to a count: 1 (`count(*)`) by default; e.g. `sum(a.n)` over a table of counts. */
  total?: string;
}

/** The count of a ScopedFrom's rows, as an int (0 where no row matches). */
const countOf = (q: ScopedFrom) => (q.total ? `coalesce(${q.total}, 0)::int` : 'count(*)::int');

/** A group's page statement. */
export interface ScopedPage extends ScopedFrom {
  /** The selected columns. */
  columns: string;
  /** The order on the table aliases, ending in a unique column so that it is total, e.g. `a.starts_at, a.id`. */
  orderBy: string;
  /** Rows to read per parent: the page size + 1, to tell whether another page follows. */
  limit: number;
  /**
   * The same order over the selected columns of the page's rows `pg` (e.g. `pg."startsAt", pg.id`),
   * for the statement with read-ahead; without it the rows are numbered (a window function) to
   * keep their order through the joins.
   */
  pageOrderBy?: string;
  /**
   * Read-ahead for a page of one parent (or none): related rows joined to the page's rows (`pg`,
   * after the LIMIT, so only they are joined), and the total over all pages as "pageTotal" in every
   * row. Called (parameters go into `p`) only for one parent or none; for several parents loaders
   * read them.
   */
  readAhead?: (p: SqlParams) => ReadAhead;
}

/** What a page statement adds to the ScopedFrom it reads. */
export type PageOf = Omit<ScopedPage, keyof ScopedFrom>;

/**
 * A group's page statement: what `q` reads, in the page's order and limit. Written out field by
 * field: a spread copy extended with more properties (`{ ...q, columns, … }`) gets a V8 map of its
 * own every time, and every read of it then misses its inline cache.
 */
export function scopedPage(q: ScopedFrom, page: PageOf): ScopedPage {
  // Every field named, optional ones too: a field added to ScopedFrom or ScopedPage and not copied
  // here does not compile.
  const statement: { [K in keyof Required<ScopedPage>]: ScopedPage[K] } = {
    from: q.from,
    conditions: q.conditions,
    parentColumn: q.parentColumn,
    total: q.total,
    columns: page.columns,
    orderBy: page.orderBy,
    limit: page.limit,
    pageOrderBy: page.pageOrderBy,
    readAhead: page.readAhead,
  };
  return statement;
}

/** See ScopedPage.readAhead. */
export interface ReadAhead {
  /** More columns, over the page's row `pg` and the joins. */
  columns?: string;
  /** Joins to `pg` (a WITH query, so a join may read all its rows at once), e.g. `LEFT JOIN library l ON l.id = pg."libraryId"`. */
  joins?: string;
  /** What the total counts (the page's rows without its cursor condition). */
  count?: ScopedFrom;
}

export interface ScopedPageSource<R> extends Parented<R> {
  /** The statement of the group of `sample`; parameters go into `p`. */
  page(sample: R, p: SqlParams): ScopedPage;
}

export interface ScopedCountSource<R> extends Parented<R> {
  /** What the group of `sample` counts; parameters go into `p`. */
  where(sample: R, p: SqlParams): ScopedFrom;
}

interface Group<R> {
  sample: R;
  /** The distinct parents of the group; empty for requests without a parent. */
  parents: string[];
}

const groupKeyOf = <R>(source: Parented<R>, r: R) =>
  `${source.parentOf(r) === null ? '-' : '+'}${JSON.stringify(source.withoutParent(r))}`;

/** Where one parent's answer is kept: the group and the parent. */
const resultKeyOf = (groupKey: string, parent: string | null) => `${groupKey}|${parent ?? ''}`;

/**
 * Runs `run` once per group and hands every request the answer for its group and parent
 * (`empty` where the statement returned nothing for it), in the order of `requests`.
 */
async function perGroup<R, T>(
  requests: readonly R[],
  source: Parented<R>,
  empty: () => T,
  run: (group: Group<R>) => Promise<Map<string | null, T>>,
): Promise<T[]> {
  const groups = new Map<string, Group<R>>();
  const keys = requests.map((r) => groupKeyOf(source, r));
  for (const [i, r] of requests.entries()) {
    const key = keys[i]!;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { sample: r, parents: [] }));
    const parent = source.parentOf(r);
    if (parent !== null && !g.parents.includes(parent)) g.parents.push(parent);
  }
  const results = new Map<string, T>();
  await Promise.all(
    [...groups].map(async ([groupKey, group]) => {
      for (const [parent, value] of await run(group)) results.set(resultKeyOf(groupKey, parent), value);
    }),
  );
  return requests.map((r, i) => results.get(resultKeyOf(keys[i]!, source.parentOf(r))) ?? empty());
}

/** The WHERE clause with the parent condition: `= $n` for one parent (the faster plan), `= ANY` for several. */
function whereOf(q: ScopedFrom, parents: readonly string[], p: SqlParams): string {
  const conditions = [...q.conditions];
  if (q.parentColumn) {
    conditions.push(
      parents.length === 1
        ? `${q.parentColumn} = ${p.add(parents[0], 'uuid')}`
        : `${q.parentColumn} = ANY(${p.add(parents, 'uuid[]')})`,
    );
  }
  return conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
}

/**
 * The SQL of one group's page: `limit` rows in order, or, for several parents, `limit` rows of each
 * parent (row_number() partitioned by the parent) with the parent in "parentKey".
 */
export function pageStatement(q: ScopedPage, parents: readonly string[], p: SqlParams): string {
  const where = whereOf(q, parents, p);
  const limit = limitLiteral(q.limit);
  if (q.parentColumn && parents.length > 1) {
    return `SELECT * FROM (
              SELECT ${q.columns}, ${q.parentColumn}::text AS "parentKey",
                     row_number() OVER (PARTITION BY ${q.parentColumn} ORDER BY ${q.orderBy}) AS rn
                FROM ${q.from} ${where}) s
             WHERE s.rn <= ${limit}
             ORDER BY s."parentKey", s.rn`;
  }
  const ahead = q.readAhead?.(p);
  if (!ahead) return `SELECT ${q.columns} FROM ${q.from} ${where} ORDER BY ${q.orderBy} LIMIT ${limit}`;
  const count = ahead.count
    ? `, (SELECT ${countOf(ahead.count)} FROM ${ahead.count.from} ${whereOf(ahead.count, parents, p)}) AS "pageTotal"`
    : '';
  const numbered = q.pageOrderBy ? '' : `, row_number() OVER (ORDER BY ${q.orderBy}) AS "pageRow"`;
  return `WITH pg AS (SELECT ${q.columns}${count}${numbered}
                      FROM ${q.from} ${where} ORDER BY ${q.orderBy} LIMIT ${limit})
          SELECT pg.*${ahead.columns ? `, ${ahead.columns}` : ''} FROM pg ${ahead.joins ?? ''}
           ORDER BY ${q.pageOrderBy ?? 'pg."pageRow"'}`;
}

/** The SQL of one group's counts: one count, or for several parents one per parent (with "parentKey"). */
export function countStatement(q: ScopedFrom, parents: readonly string[], p: SqlParams): string {
  const where = whereOf(q, parents, p);
  return q.parentColumn && parents.length > 1
    ? `SELECT ${q.parentColumn}::text AS "parentKey", ${countOf(q)} AS n FROM ${q.from} ${where} GROUP BY ${q.parentColumn}`
    : `SELECT ${countOf(q)} AS n FROM ${q.from} ${where}`;
}

/** The page rows of every request, in request order: one statement per group. */
export function scopedPages<R, Row extends object>(
  ctx: RequestContext,
  requests: readonly R[],
  source: ScopedPageSource<R>,
): Promise<Row[][]> {
  return perGroup(
    requests,
    source,
    () => [],
    async ({ sample, parents }) => {
      const p = new SqlParams();
      const q = source.page(sample, p);
      const rows = await sql<Row & { parentKey?: string }>(ctx, pageStatement(q, parents, p), p.values);
      if (!q.parentColumn || parents.length <= 1) return new Map([[parents[0] ?? null, rows]]);
      const byParent = new Map<string | null, Row[]>(parents.map((id) => [id, []]));
      for (const row of rows) byParent.get(row.parentKey!)?.push(row);
      return byParent;
    },
  );
}

/** The number of rows of every request (over all pages), in request order: one statement per group. */
export function scopedCounts<R>(
  ctx: RequestContext,
  requests: readonly R[],
  source: ScopedCountSource<R>,
): Promise<number[]> {
  return perGroup(
    requests,
    source,
    () => 0,
    async ({ sample, parents }) => {
      const p = new SqlParams();
      const q = source.where(sample, p);
      const rows = await sql<{ parentKey?: string; n: number }>(ctx, countStatement(q, parents, p), p.values);
      if (!q.parentColumn || parents.length <= 1) return new Map([[parents[0] ?? null, rows[0]?.n ?? 0]]);
      return new Map(rows.map((r) => [r.parentKey!, r.n]));
    },
  );
}

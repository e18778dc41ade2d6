import { sql, type RequestContext } from '../../shared/context.js';
import { geoPointOf } from '../../shared/common.types.js';
import { isUuid } from '../../shared/ids.js';
import { BadUserInputError } from '../../shared/errors.js';
import { decodeCursor, encodeCursor, pageSize } from '../../shared/pagination.js';
import { scopedCounts, scopedPage, scopedPages, type ScopedFrom } from '../../shared/scoped-pages.js';
import type { SqlParams } from '../../shared/sql-params.js';
import { registerThemeReadAhead, themeVisibleSql } from '../theme/index.js';
import { LIBRARY_COLUMNS, type LibraryRecord } from './library.columns.js';
import { Library, LibraryConnection } from './library.types.js';
import { normalizeLibraryFilter, type LibraryFilter, type NormalizedLibraryFilter } from './library.filters.js';

/** Maps a row (selected with LIBRARY_COLUMNS, or an entity) to the public type. */
export function toLibrary(e: LibraryRecord): Library {
  // Assigned one by one (no intermediate object): pages map one per row.
  const library = new Library();
  library.id = e.id;
  library.isil = e.isil;
  library.name = e.name;
  library.municipalityCode = e.municipalityCode;
  library.isCentralLibrary = e.isCentralLibrary;
  library.address = e.address;
  library.postalCode = e.postalCode;
  library.city = e.city;
  library.location = geoPointOf(e.latitude, e.longitude);
  library.website = e.website;
  library.email = e.email;
  return library;
}

export async function librariesByIds(ctx: RequestContext, ids: readonly string[]): Promise<Library[]> {
  const valid = ids.filter(isUuid);
  if (!valid.length) return [];
  const rows = await sql<LibraryRecord>(ctx, `SELECT ${LIBRARY_COLUMNS} FROM library l WHERE l.id = ANY($1::uuid[])`, [
    valid,
  ]);
  return rows.map(toLibrary);
}

export async function librariesOfMunicipalities(ctx: RequestContext, codes: readonly number[]): Promise<Library[]> {
  const rows = await sql<LibraryRecord>(
    ctx,
    `SELECT ${LIBRARY_COLUMNS} FROM library l WHERE l.municipality_code = ANY($1::int[]) ORDER BY l.isil, l.name`,
    [codes],
  );
  return rows.map(toLibrary);
}

// ---- Library lists (libraries query, Theme.participatingLibraries) ----------------------------

/** One page of a library list; requests differing only in participatingInThemeId batch together. */
export interface LibraryPageRequest {
  filter: NormalizedLibraryFilter;
  first: number;
  /** Decoded cursor: name and id of the last library seen. */
  after: [string, string] | null;
}

export function libraryPageRequest(
  args: { filter?: LibraryFilter | null; first?: number | null; after?: string | null },
  themeId?: string,
): LibraryPageRequest {
  const filter = normalizeLibraryFilter(args.filter);
  if (themeId) filter.participatingInThemeId = themeId;
  const key = decodeCursor(args.after, ['string', 'string']);
  if (key && !isUuid(key[1] as string)) {
    throw new BadUserInputError(
      '"after" is not a cursor from this list; use a pageInfo.endCursor or edge cursor you received.',
      'after',
    );
  }
  return { filter, first: pageSize(args.first), after: key ? [key[0] as string, key[1] as string] : null };
}

/** Requests that differ only in participatingInThemeId (Theme.participatingLibraries) share one statement. */
const byTheme = {
  parentOf: (r: { filter: NormalizedLibraryFilter }) => r.filter.participatingInThemeId ?? null,
  withoutParent: <R extends { filter: NormalizedLibraryFilter }>(r: R) => ({
    ...r,
    filter: { ...r.filter, participatingInThemeId: undefined },
  }),
};

/**
 * The libraries a filter reads, on alias `l`. With a theme, libraries signed up (REGISTERED) for
 * it, counting only registrations for themes the viewer may see; the theme is the parent.
 */
function libraryFrom(ctx: RequestContext, filter: NormalizedLibraryFilter, p: SqlParams): ScopedFrom {
  const joins: string[] = [];
  const conditions: string[] = [];
  let parentColumn: string | null = null;
  if (filter.participatingInThemeId) {
    const visible = themeVisibleSql(ctx.viewer, 'r.theme_id');
    joins.push(
      `JOIN registration r ON r.library_id = l.id AND r.status = 'REGISTERED'${visible ? ` AND ${visible}` : ''}`,
    );
    parentColumn = 'r.theme_id';
  }
  if (filter.municipalityCode !== undefined)
    conditions.push(`l.municipality_code = ${p.add(filter.municipalityCode, 'int')}`);
  if (filter.region) {
    joins.push('JOIN municipality m ON m.code = l.municipality_code');
    conditions.push(`m.region_code = ${p.add(filter.region, 'text')}`);
  }
  if (filter.pattern) {
    const q = p.add(filter.pattern, 'text');
    conditions.push(`(l.name ILIKE ${q} OR l.city ILIKE ${q} OR l.isil ILIKE ${q})`);
  }
  return { from: `library l ${joins.join(' ')}`, conditions, parentColumn };
}

/** Pages of libraries by name, then id, in request order: one statement per group of requests. */
export function libraryPages(ctx: RequestContext, requests: readonly LibraryPageRequest[]): Promise<LibraryRecord[][]> {
  return scopedPages<LibraryPageRequest, LibraryRecord>(ctx, requests, {
    ...byTheme,
    page(r, p) {
      const q = libraryFrom(ctx, r.filter, p);
      if (r.after) q.conditions.push(`(l.name, l.id) > (${p.add(r.after[0], 'text')}, ${p.add(r.after[1], 'uuid')})`);
      return scopedPage(q, { columns: LIBRARY_COLUMNS, orderBy: 'l.name, l.id', limit: r.first + 1 });
    },
  });
}

/** Theme.participantCount, read ahead in the theme's statement when selected (same count as libraryCounts). */
export function registerParticipantCountReadAhead(
  prime: (ctx: RequestContext, filter: NormalizedLibraryFilter, count: number) => void,
): void {
  registerThemeReadAhead('participantCount', {
    sql(ctx, p) {
      const q = libraryFrom(ctx, { participatingInThemeId: 'read-ahead' }, p);
      return `(SELECT count(*)::int FROM ${q.from} WHERE ${[...q.conditions, `${q.parentColumn} = t.id`].join(' AND ')})`;
    },
    prime: (ctx, themeId, value) => prime(ctx, { participatingInThemeId: themeId }, value as number),
  });
}

/** Number of libraries matching each filter, in request order: one (grouped) count per distinct filter. */
export function libraryCounts(ctx: RequestContext, filters: readonly NormalizedLibraryFilter[]): Promise<number[]> {
  return scopedCounts(
    ctx,
    filters.map((filter) => ({ filter })),
    { ...byTheme, where: (r, p) => libraryFrom(ctx, r.filter, p) },
  );
}

export function toLibraryConnection(
  rows: LibraryRecord[],
  first: number,
  countTotal: () => Promise<number>,
  prime?: (l: Library) => void,
): LibraryConnection {
  const edges = rows.slice(0, first).map((row) => {
    const node = toLibrary(row);
    prime?.(node);
    return { cursor: encodeCursor([row.name, row.id]), node };
  });
  return Object.assign(new LibraryConnection(), {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.length ? edges[edges.length - 1]!.cursor : null },
    countTotal,
  });
}

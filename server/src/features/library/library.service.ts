import { In } from 'typeorm';
import type { RequestContext } from '../../shared/context.js';
import { geoPointOf } from '../../shared/common.types.js';
import { isUuid } from '../../shared/ids.js';
import { sql } from '../../shared/context.js';
import { BadUserInputError } from '../../shared/errors.js';
import { decodeCursor, encodeCursor, pageSize } from '../../shared/pagination.js';
import { themeVisibleSql } from '../theme/index.js';
import { LibraryEntity } from './library.entity.js';
import { Library, LibraryConnection } from './library.types.js';
import { normalizeLibraryFilter, type LibraryFilter, type NormalizedLibraryFilter } from './library.filters.js';

export function toLibrary(e: LibraryEntity): Library {
  return Object.assign(new Library(), {
    id: e.id,
    isil: e.isil,
    name: e.name,
    municipalityCode: e.municipalityCode,
    isCentralLibrary: e.isCentralLibrary,
    address: e.address,
    postalCode: e.postalCode,
    city: e.city,
    location: geoPointOf(e.latitude, e.longitude),
    website: e.website,
    email: e.email,
  });
}

export async function librariesByIds(ctx: RequestContext, ids: readonly string[]): Promise<Library[]> {
  const valid = ids.filter(isUuid);
  if (!valid.length) return [];
  const rows = await (ctx.tx ?? ctx.db).getRepository(LibraryEntity).findBy({ id: In(valid) });
  return rows.map(toLibrary);
}

export async function librariesOfMunicipalities(ctx: RequestContext, codes: readonly number[]): Promise<Library[]> {
  const rows = await (ctx.tx ?? ctx.db).getRepository(LibraryEntity).find({
    where: { municipalityCode: In([...codes]) },
    order: { isil: 'ASC', name: 'ASC' },
  });
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

type LibraryRow = LibraryEntity & { scopeKey?: string };

const LIBRARY_COLUMNS = `l.id, l.name, l.municipality_code AS "municipalityCode", l.isil, l.is_central_library AS "isCentralLibrary",
  l.address, l.postal_code AS "postalCode", l.city, l.latitude, l.longitude, l.website, l.email, l.is_demo AS "isDemo",
  l.created_at AS "createdAt", l.updated_at AS "updatedAt"`;

export function libraryPageRequest(args: { filter?: LibraryFilter | null; first?: number | null; after?: string | null }, themeId?: string): LibraryPageRequest {
  const filter = normalizeLibraryFilter(args.filter);
  if (themeId) filter.participatingInThemeId = themeId;
  const key = decodeCursor(args.after, ['string', 'string']);
  if (key && !isUuid(key[1] as string)) {
    throw new BadUserInputError('"after" is not a cursor from this list; use a pageInfo.endCursor or edge cursor you received.', 'after');
  }
  return { filter, first: pageSize(args.first), after: key ? [key[0] as string, key[1] as string] : null };
}

/** WHERE conditions of a library filter on alias `l`, except the theme (the batching dimension). */
function libraryWhere(ctx: RequestContext, filter: NormalizedLibraryFilter, params: unknown[]): { joins: string[]; conditions: string[] } {
  const add = (v: unknown, cast: string) => `$${params.push(v)}::${cast}`;
  const joins: string[] = [];
  const conditions: string[] = [];
  if (filter.municipalityCode !== undefined) conditions.push(`l.municipality_code = ${add(filter.municipalityCode, 'int')}`);
  if (filter.region) {
    joins.push('JOIN municipality m ON m.code = l.municipality_code');
    conditions.push(`m.region_code = ${add(filter.region, 'text')}`);
  }
  if (filter.pattern) {
    const q = add(filter.pattern, 'text');
    conditions.push(`(l.name ILIKE ${q} OR l.city ILIKE ${q} OR l.isil ILIKE ${q})`);
  }
  return { joins, conditions };
}

/** Registrations count only for themes the viewer may see. */
function registrationJoin(ctx: RequestContext, themeCondition: string): string {
  const visible = themeVisibleSql(ctx.viewer, 'r.theme_id');
  return `JOIN registration r ON r.library_id = l.id AND r.status = 'REGISTERED' AND ${themeCondition}${visible ? ` AND ${visible}` : ''}`;
}

function groupLibraryRequests<T extends { filter: NormalizedLibraryFilter }>(requests: readonly T[]) {
  const groups = new Map<string, { sample: T; themeIds: string[] }>();
  for (const r of requests) {
    const key = JSON.stringify({ ...r, filter: { ...r.filter, participatingInThemeId: null } });
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { sample: r, themeIds: [] }));
    const themeId = r.filter.participatingInThemeId;
    if (themeId && !g.themeIds.includes(themeId)) g.themeIds.push(themeId);
  }
  return [...groups.values()];
}

const libraryScopeKey = (filter: NormalizedLibraryFilter, key: string) => `${key}|${filter.participatingInThemeId ?? ''}`;

/** Pages of libraries by name, then id: one statement per group of requests. */
export async function libraryPages(ctx: RequestContext, requests: readonly LibraryPageRequest[]): Promise<Map<string, LibraryRow[]>> {
  const result = new Map<string, LibraryRow[]>();
  await Promise.all(
    groupLibraryRequests(requests).map(async ({ sample, themeIds }) => {
      const params: unknown[] = [];
      const { joins, conditions } = libraryWhere(ctx, sample.filter, params);
      const groupKey = JSON.stringify({ ...sample, filter: { ...sample.filter, participatingInThemeId: null } });
      const scoped = themeIds.length > 0;
      if (scoped) joins.unshift(registrationJoin(ctx, `r.theme_id = ANY($${params.push(themeIds)}::uuid[])`));
      if (sample.after) conditions.push(`(l.name, l.id) > ($${params.push(sample.after[0])}::text, $${params.push(sample.after[1])}::uuid)`);
      const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
      const limit = `$${params.push(sample.first + 1)}::int`;
      const text = scoped && themeIds.length > 1
        ? `SELECT * FROM (
             SELECT ${LIBRARY_COLUMNS}, r.theme_id::text AS "scopeKey",
                    row_number() OVER (PARTITION BY r.theme_id ORDER BY l.name, l.id) AS rn
               FROM library l ${joins.join(' ')} ${where}) s
            WHERE s.rn <= ${limit} ORDER BY s."scopeKey", s.name, s.id`
        : `SELECT ${LIBRARY_COLUMNS}${scoped ? `, r.theme_id::text AS "scopeKey"` : ''}
             FROM library l ${joins.join(' ')} ${where}
            ORDER BY l.name, l.id LIMIT ${limit}`;
      const rows = await sql<LibraryRow>(ctx, text, params);
      if (!scoped) {
        result.set(libraryScopeKey({}, groupKey), rows);
        return;
      }
      for (const id of themeIds) result.set(libraryScopeKey({ participatingInThemeId: id }, groupKey), []);
      for (const row of rows) result.get(libraryScopeKey({ participatingInThemeId: row.scopeKey }, groupKey))?.push(row);
    }),
  );
  return new Map(
    requests.map((r) => {
      const groupKey = JSON.stringify({ ...r, filter: { ...r.filter, participatingInThemeId: null } });
      return [JSON.stringify(r), result.get(libraryScopeKey(r.filter, groupKey)) ?? []];
    }),
  );
}

/** Number of libraries matching each filter: one grouped count per distinct filter. */
export async function libraryCounts(ctx: RequestContext, filters: readonly NormalizedLibraryFilter[]): Promise<Map<string, number>> {
  const result = new Map<string, number>();
  await Promise.all(
    groupLibraryRequests(filters.map((filter) => ({ filter }))).map(async ({ sample, themeIds }) => {
      const params: unknown[] = [];
      const { joins, conditions } = libraryWhere(ctx, sample.filter, params);
      const groupKey = JSON.stringify({ filter: { ...sample.filter, participatingInThemeId: null } });
      const scoped = themeIds.length > 0;
      if (scoped) joins.unshift(registrationJoin(ctx, `r.theme_id = ANY($${params.push(themeIds)}::uuid[])`));
      const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
      const rows = await sql<{ scopeKey: string | null; n: number }>(
        ctx,
        scoped
          ? `SELECT r.theme_id::text AS "scopeKey", count(*)::int AS n FROM library l ${joins.join(' ')} ${where} GROUP BY r.theme_id`
          : `SELECT NULL AS "scopeKey", count(*)::int AS n FROM library l ${joins.join(' ')} ${where}`,
        params,
      );
      if (!scoped) result.set(libraryScopeKey({}, groupKey), rows[0]?.n ?? 0);
      for (const id of themeIds) result.set(libraryScopeKey({ participatingInThemeId: id }, groupKey), rows.find((r) => r.scopeKey === id)?.n ?? 0);
    }),
  );
  return new Map(
    filters.map((f) => {
      const groupKey = JSON.stringify({ filter: { ...f, participatingInThemeId: null } });
      return [JSON.stringify(f), result.get(libraryScopeKey(f, groupKey)) ?? 0];
    }),
  );
}

export function toLibraryConnection(rows: LibraryRow[], first: number, countTotal: () => Promise<number>, prime?: (l: Library) => void): LibraryConnection {
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


import type { RequestContext } from '../../shared/context.js';
import { sql } from '../../shared/context.js';
import { RegistrationStatus } from '../../shared/enums.js';
import { BadUserInputError } from '../../shared/errors.js';
import { isUuid } from '../../shared/ids.js';
import { themeVisibleSql } from '../theme/index.js';
import { decodeCursor, pageOf, pageSize } from '../../shared/pagination.js';
import { REGISTRATION_COLUMNS, type RegistrationRecord } from './registration.columns.js';
import { Registration, RegistrationConnection } from './registration.types.js';
import { scopedCounts, scopedPage, scopedPages, type ScopedFrom } from '../../shared/scoped-pages.js';
import type { SqlParams } from '../../shared/sql-params.js';

export function toRegistration(r: RegistrationRecord): Registration {
  return Object.assign(new Registration(), {
    id: r.id,
    themeId: r.themeId,
    libraryId: r.libraryId,
    status: r.status as RegistrationStatus,
    contactName: r.contactName,
    contactEmail: r.contactEmail,
    note: r.note,
    registeredAt: r.registeredAt,
    withdrawnAt: r.withdrawnAt,
  });
}

/** Registrations of several libraries in one query, newest first. */
export async function registrationsOfLibraries(
  ctx: RequestContext,
  libraryIds: readonly string[],
): Promise<Registration[]> {
  // Sign-ups for unpublished themes are as hidden as the themes themselves.
  const visibleTheme = themeVisibleSql(ctx.viewer, 'theme_id');
  const rows = await sql<RegistrationRecord>(
    ctx,
    `SELECT ${REGISTRATION_COLUMNS} FROM registration WHERE library_id = ANY($1::uuid[]) ${visibleTheme ? `AND ${visibleTheme}` : ''} ORDER BY registered_at DESC, id`,
    [libraryIds.filter(isUuid)],
  );
  return rows.map(toRegistration);
}

/** The library's registration for the theme, if any. */
export async function registrationOf(
  ctx: RequestContext,
  themeId: string,
  libraryId: string,
): Promise<RegistrationRecord | undefined> {
  const [row] = await sql<RegistrationRecord>(
    ctx,
    `SELECT ${REGISTRATION_COLUMNS} FROM registration WHERE theme_id = $1 AND library_id = $2`,
    [themeId, libraryId],
  );
  return row;
}

/** Whether the library is signed up (REGISTERED) for the theme. */
export async function isLibraryRegistered(ctx: RequestContext, themeId: string, libraryId: string): Promise<boolean> {
  const row = await registrationOf(ctx, themeId, libraryId);
  return row?.status === RegistrationStatus.REGISTERED;
}

// ---- Theme.registrations: pages of a theme's registrations, batched over themes ----

/** One Theme.registrations field: the theme and the (validated) arguments. */
export interface ThemeRegistrationsRequest {
  themeId: string;
  status: RegistrationStatus | null;
  first: number;
  /** The decoded cursor: registered_at as ISO text with microseconds, and the id. */
  after: [string, string] | null;
}

/** registered_at as text with microseconds, so that a cursor compares exactly. */
const CURSOR_REGISTERED_AT = `to_char(registered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorRegisteredAt"`;
const CURSOR_REGISTERED_AT_FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

type PageRow = RegistrationRecord & { cursorRegisteredAt: string };

/** Validates the arguments of Theme.registrations and turns them into a page request. */
export function themeRegistrationsRequest(
  themeId: string,
  args: { status?: RegistrationStatus | null; first?: number | null; after?: string | null },
): ThemeRegistrationsRequest {
  const key = decodeCursor(args.after, ['string', 'string']) as [string, string] | null;
  if (key && (!CURSOR_REGISTERED_AT_FORMAT.test(key[0]) || !isUuid(key[1]))) {
    throw new BadUserInputError(
      '"after" is not a cursor from this list; use a pageInfo.endCursor or edge cursor you received.',
      'after',
    );
  }
  return { themeId, status: args.status ?? null, first: pageSize(args.first), after: key };
}

/** Theme.registrations requests name their theme; the rest (status, page) decides the statement. */
const byTheme = {
  parentOf: (r: { themeId: string }) => r.themeId,
  withoutParent: (r: { themeId: string; status: string | null; first?: number; after?: unknown }) => [
    r.status,
    r.first ?? null,
    r.after ?? null,
  ],
};

function registrationFrom(status: string | null, p: SqlParams): ScopedFrom {
  return {
    from: 'registration',
    conditions: status ? [`status = ${p.add(status, 'text')}`] : [],
    parentColumn: 'theme_id',
  };
}

/**
 * Pages of registrations for many Theme.registrations fields: one statement per distinct
 * (status, first, after). Ordered by registeredAt, then id; each page has up to first + 1 rows
 * (the extra one says a next page exists). Returned in the order of `requests`.
 */
export function themeRegistrationPages(
  ctx: RequestContext,
  requests: readonly ThemeRegistrationsRequest[],
): Promise<PageRow[][]> {
  return scopedPages<ThemeRegistrationsRequest, PageRow>(ctx, requests, {
    ...byTheme,
    page(r, p) {
      const q = registrationFrom(r.status, p);
      if (r.after)
        q.conditions.push(`(registered_at, id) > (${p.add(r.after[0], 'timestamptz')}, ${p.add(r.after[1], 'uuid')})`);
      return scopedPage(q, {
        columns: `${REGISTRATION_COLUMNS}, ${CURSOR_REGISTERED_AT}`,
        orderBy: 'registered_at, id',
        limit: r.first + 1,
      });
    },
  });
}

/** The connection from a page's rows; totalCount is counted only when a client asks for it. */
export function toRegistrationConnection(
  rows: PageRow[],
  first: number,
  countTotal: () => Promise<number>,
): RegistrationConnection {
  return Object.assign(new RegistrationConnection(), {
    ...pageOf(rows, first, (r) => [r.cursorRegisteredAt, r.id], toRegistration),
    countTotal,
  });
}

/** totalCount of many Theme.registrations fields: one (grouped) count per distinct status. */
export function themeRegistrationCounts(
  ctx: RequestContext,
  requests: readonly { themeId: string; status: RegistrationStatus | null }[],
): Promise<number[]> {
  return scopedCounts<{ themeId: string; status: RegistrationStatus | null }>(ctx, requests, {
    ...byTheme,
    where: (r, p) => registrationFrom(r.status, p),
  });
}

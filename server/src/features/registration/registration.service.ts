import type { RequestContext } from '../../shared/context.js';
import { inTransaction, sql } from '../../shared/context.js';
import { RegistrationStatus } from '../../shared/enums.js';
import { BadUserInputError, NotFoundError } from '../../shared/errors.js';
import { checkId, isUuid } from '../../shared/ids.js';
import { changesBetween, recordAudit } from '../audit/index.js';
import { assertCanActForLibrary, isCoordinator } from '../auth/index.js';
import { libraryLoader } from '../library/index.js';
import { isRegistrationOpen, themeLoader, themeVisibleSql } from '../theme/index.js';
import type { RegisterLibraryInput } from './registration.inputs.js';
import { decodeCursor, pageOf, pageSize } from '../../shared/pagination.js';
import { Registration, RegistrationConnection } from './registration.types.js';
import { scopedCounts, scopedPages, type ScopedFrom } from '../../shared/scoped-pages.js';
import type { SqlParams } from '../../shared/sql-params.js';

interface RegistrationRow {
  id: string;
  theme_id: string;
  library_id: string;
  status: string;
  contact_name: string;
  contact_email: string;
  note: string | null;
  registered_at: Date;
  withdrawn_at: Date | null;
}

const COLUMNS = 'id, theme_id, library_id, status, contact_name, contact_email, note, registered_at, withdrawn_at';

export function toRegistration(r: RegistrationRow): Registration {
  return Object.assign(new Registration(), {
    id: r.id,
    themeId: r.theme_id,
    libraryId: r.library_id,
    status: r.status as RegistrationStatus,
    contactName: r.contact_name,
    contactEmail: r.contact_email,
    note: r.note,
    registeredAt: r.registered_at,
    withdrawnAt: r.withdrawn_at,
  });
}

/** What the audit log records of a registration. */
function snapshot(r: RegistrationRow): Record<string, unknown> {
  return { status: r.status, contactName: r.contact_name, contactEmail: r.contact_email, note: r.note };
}

/** Registrations of several libraries in one query, newest first. */
export async function registrationsOfLibraries(
  ctx: RequestContext,
  libraryIds: readonly string[],
): Promise<Registration[]> {
  // Sign-ups for unpublished themes are as hidden as the themes themselves.
  const visibleTheme = themeVisibleSql(ctx.viewer, 'theme_id');
  const rows = await sql<RegistrationRow>(
    ctx,
    `SELECT ${COLUMNS} FROM registration WHERE library_id = ANY($1::uuid[]) ${visibleTheme ? `AND ${visibleTheme}` : ''} ORDER BY registered_at DESC, id`,
    [libraryIds.filter(isUuid)],
  );
  return rows.map(toRegistration);
}

async function registrationOf(
  ctx: RequestContext,
  themeId: string,
  libraryId: string,
): Promise<RegistrationRow | undefined> {
  const [row] = await sql<RegistrationRow>(
    ctx,
    `SELECT ${COLUMNS} FROM registration WHERE theme_id = $1 AND library_id = $2`,
    [themeId, libraryId],
  );
  return row;
}

/** Whether the library is signed up (REGISTERED) for the theme. */
export async function isLibraryRegistered(ctx: RequestContext, themeId: string, libraryId: string): Promise<boolean> {
  const row = await registrationOf(ctx, themeId, libraryId);
  return row?.status === RegistrationStatus.REGISTERED;
}

/**
 * Signs a library up for a theme. Idempotent and safe under concurrency: one INSERT … ON CONFLICT
 * against the unique (theme, library) pair, so identical concurrent calls make one row and all
 * get it back. Signing up again after a withdrawal re-activates the registration. Library staff
 * may sign up only their own library and only while the theme's sign-up is open; coordinators
 * may register any library at any time.
 */
export async function registerLibraryForTheme(ctx: RequestContext, input: RegisterLibraryInput): Promise<Registration> {
  const libraryId = checkId(input.libraryId, 'input.libraryId', 'library');
  assertCanActForLibrary(ctx, libraryId, 'input.libraryId');
  const themeId = checkId(input.themeId, 'input.themeId', 'theme');
  const [theme, library] = await Promise.all([
    ctx.loaders.get(themeLoader).load(themeId),
    ctx.loaders.get(libraryLoader).load(libraryId),
  ]);
  if (!theme) throw new BadUserInputError('No theme with this id.', 'input.themeId');
  if (!library) throw new BadUserInputError('No library with this id.', 'input.libraryId');
  const contactName = input.contactName.trim();
  const contactEmail = input.contactEmail.trim();
  const note = input.note?.trim() || null;

  if (!isCoordinator(ctx) && !isRegistrationOpen(theme)) {
    // A retry of a sign-up that already went through is still answered with the registration.
    const existing = await registrationOf(ctx, themeId, libraryId);
    if (
      existing?.status === RegistrationStatus.REGISTERED &&
      existing.contact_name === contactName &&
      existing.contact_email === contactEmail &&
      existing.note === note
    ) {
      return toRegistration(existing);
    }
    throw new BadUserInputError(
      `Sign-up for "${theme.title}" is not open now. A coordinator can still register your library.`,
      'input.themeId',
    );
  }

  return inTransaction(ctx, async (tx) => {
    const before = await registrationOf(tx, themeId, libraryId);
    const [row] = await sql<RegistrationRow & { inserted: boolean }>(
      tx,
      `INSERT INTO registration (theme_id, library_id, contact_name, contact_email, note)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (theme_id, library_id) DO UPDATE
          SET status = 'REGISTERED',
              contact_name = EXCLUDED.contact_name,
              contact_email = EXCLUDED.contact_email,
              note = EXCLUDED.note,
              registered_at = CASE WHEN registration.status = 'WITHDRAWN' THEN now() ELSE registration.registered_at END,
              withdrawn_at = NULL,
              updated_at = now()
        WHERE (registration.status, registration.contact_name, registration.contact_email, registration.note)
              IS DISTINCT FROM ('REGISTERED', EXCLUDED.contact_name, EXCLUDED.contact_email, EXCLUDED.note)
       RETURNING ${COLUMNS}, (xmax = 0) AS inserted`,
      [themeId, libraryId, contactName, contactEmail, note],
    );
    if (!row) {
      // Nothing to change: the library is already signed up with exactly these details.
      const existing = await registrationOf(tx, themeId, libraryId);
      return toRegistration(existing!);
    }
    const wasWithdrawn = !row.inserted && before?.status === RegistrationStatus.WITHDRAWN;
    await recordAudit(tx, {
      action: row.inserted ? 'register' : wasWithdrawn ? 'reregister' : 'update',
      entityType: 'Registration',
      entityId: row.id,
      changes: row.inserted
        ? changesBetween(null, { themeId: row.theme_id, libraryId: row.library_id, ...snapshot(row) })
        : changesBetween(before ? snapshot(before) : null, snapshot(row)),
    });
    return toRegistration(row);
  });
}

/** Withdraws a library from a theme; the row stays with status WITHDRAWN. Withdrawing twice is harmless. */
export async function withdrawRegistration(
  ctx: RequestContext,
  themeId: string,
  libraryId: string,
): Promise<Registration> {
  libraryId = checkId(libraryId, 'libraryId', 'library');
  assertCanActForLibrary(ctx, libraryId, 'libraryId');
  themeId = checkId(themeId, 'themeId', 'theme');
  // A sign-up for a theme the viewer cannot see is as hidden as the theme (see registrationsOfLibraries).
  if (!(await ctx.loaders.get(themeLoader).load(themeId))) throw new NotFoundError('No theme with this id.', 'themeId');
  return inTransaction(ctx, async (tx) => {
    const [row] = await sql<RegistrationRow>(
      tx,
      `UPDATE registration SET status = 'WITHDRAWN', withdrawn_at = now(), updated_at = now()
        WHERE theme_id = $1 AND library_id = $2 AND status = 'REGISTERED'
        RETURNING ${COLUMNS}`,
      [themeId, libraryId],
    );
    if (!row) {
      const existing = await registrationOf(tx, themeId, libraryId);
      if (!existing) {
        const [library] = await sql(tx, `SELECT 1 FROM library WHERE id = $1`, [libraryId]);
        if (!library) throw new NotFoundError('No library with this id.', 'libraryId');
        throw new NotFoundError('This library is not signed up for this theme.', 'themeId');
      }
      return toRegistration(existing);
    }
    await recordAudit(tx, {
      action: 'withdraw',
      entityType: 'Registration',
      entityId: row.id,
      changes: changesBetween({ status: RegistrationStatus.REGISTERED }, { status: row.status }),
    });
    return toRegistration(row);
  });
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

type PageRow = RegistrationRow & { cursorRegisteredAt: string };

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
      return { ...q, columns: `${COLUMNS}, ${CURSOR_REGISTERED_AT}`, orderBy: 'registered_at, id', limit: r.first + 1 };
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

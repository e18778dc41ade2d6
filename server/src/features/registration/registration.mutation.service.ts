import type { RequestContext } from '../../shared/context.js';
import { inTransaction, sql } from '../../shared/context.js';
import { insertOf, pickColumns } from '../../shared/columns.js';
import { RegistrationStatus } from '../../shared/enums.js';
import { BadUserInputError, NotFoundError } from '../../shared/errors.js';
import { checkId } from '../../shared/ids.js';
import { changesBetween, recordAudit } from '../audit/index.js';
import { assertCanActForLibrary, isCoordinator } from '../auth/index.js';
import { libraryLoader } from '../library/index.js';
import { isRegistrationOpen, themeLoader } from '../theme/index.js';
import { REGISTRATION_COLUMNS, REGISTRATION_TABLE, type RegistrationRecord } from './registration.columns.js';
import type { RegisterLibraryInput } from './registration.inputs.js';
import { registrationOf, toRegistration } from './registration.service.js';
import type { Registration } from './registration.types.js';

/** The write side of registrations: sign up (again) and withdraw, each with its audit event. */

/** The columns a sign-up inserts (the rest are the table's defaults). */
const SIGN_UP = [
  'themeId',
  'libraryId',
  'contactName',
  'contactEmail',
  'note',
] as const satisfies readonly (keyof RegistrationRecord)[];

/** What the audit log follows of a registration as it changes. */
const AUDITED = [
  'status',
  'contactName',
  'contactEmail',
  'note',
] as const satisfies readonly (keyof RegistrationRecord)[];
const snapshot = (r: RegistrationRecord) => pickColumns(r, AUDITED);

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
      existing.contactName === contactName &&
      existing.contactEmail === contactEmail &&
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
    const insert = insertOf(REGISTRATION_TABLE, SIGN_UP, { themeId, libraryId, contactName, contactEmail, note });
    const [row] = await sql<RegistrationRecord & { inserted: boolean }>(
      tx,
      `INSERT INTO registration (${insert.columns}) VALUES (${insert.placeholders})
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
       RETURNING ${REGISTRATION_COLUMNS}, (xmax = 0) AS inserted`,
      insert.values,
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
        ? changesBetween(null, { themeId: row.themeId, libraryId: row.libraryId, ...snapshot(row) })
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
    const [row] = await sql<RegistrationRecord>(
      tx,
      `UPDATE registration SET status = 'WITHDRAWN', withdrawn_at = now(), updated_at = now()
        WHERE theme_id = $1 AND library_id = $2 AND status = 'REGISTERED'
        RETURNING ${REGISTRATION_COLUMNS}`,
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

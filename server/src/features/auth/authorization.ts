import type { RequestContext } from '../../shared/context.js';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../../shared/errors.js';

/**
 * Every authorization rule that depends on data (which library a viewer may act for, who may
 * see private library data) is decided here, once. Role-only rules on whole fields are the
 * `@Authorized(...)` decorators checked by the schema's authChecker; services call these
 * functions for everything a decorator cannot see (ids inside input objects, the library an
 * activity belongs to).
 *
 * Policy for objects of another library: when the viewer may see the object (a published or
 * cancelled activity, a library, a registration's library) acting on it gives FORBIDDEN; when
 * the viewer may not even see it (another library's draft) it gives the same NOT_FOUND as an
 * id that does not exist, so that drafts do not leak through error codes.
 */

const NEEDS_TOKEN = 'This needs an API token: send it as "Authorization: Bearer <token>".';

export function isCoordinator(ctx: RequestContext): boolean {
  return ctx.viewer.role === 'COORDINATOR';
}

/** Anonymous callers get UNAUTHENTICATED. */
export function assertAuthenticated(ctx: RequestContext): void {
  if (!ctx.viewer.role) throw new UnauthenticatedError(NEEDS_TOKEN);
}

/**
 * Whether the viewer may see a library's private data: its registrations' contact data, its
 * draft activities and reported attendance. The library's own staff and coordinators may.
 */
export function canReadLibraryPrivate(ctx: RequestContext, libraryId: string): boolean {
  if (isCoordinator(ctx)) return true;
  return ctx.viewer.role === 'LIBRARY_STAFF' && ctx.viewer.libraryId === libraryId.toLowerCase();
}

/**
 * Whether the viewer may write on behalf of a library: its own staff and coordinators. Partner
 * tokens only read. `field` names the input field that carried the library id, if any.
 */
export function assertCanActForLibrary(ctx: RequestContext, libraryId: string, field?: string): void {
  assertAuthenticated(ctx);
  if (isCoordinator(ctx)) return;
  if (ctx.viewer.role !== 'LIBRARY_STAFF')
    throw new ForbiddenError(
      'Partner tokens may only read. Writing needs a library staff or coordinator token.',
      field,
    );
  // UUIDs are case-insensitive; the token's library id is stored in lower case.
  if (ctx.viewer.libraryId !== libraryId.toLowerCase()) {
    throw new ForbiddenError(
      "Library staff tokens may act only for their own library; this is another library's.",
      field,
    );
  }
}

/**
 * The rule for writing an existing activity, given the activity as the viewer may see it (null
 * when it does not exist or is hidden from them: the reads' visibility rule,
 * `activityVisibilitySql`, decides): a hidden activity is NOT_FOUND, as a missing id; one they can
 * see but that belongs to another library is FORBIDDEN.
 */
export function assertCanWriteActivity(
  ctx: RequestContext,
  visibleActivity: { libraryId: string } | null,
  field = 'id',
): asserts visibleActivity is { libraryId: string } {
  assertAuthenticated(ctx);
  if (!visibleActivity) throw new NotFoundError('No activity with this id.', field);
  assertCanActForLibrary(ctx, visibleActivity.libraryId);
}

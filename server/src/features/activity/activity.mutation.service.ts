import type { RequestContext } from '../../shared/context.js';
import { inTransaction, sql } from '../../shared/context.js';
import { endOfCopenhagenDay, startOfCopenhagenDay } from '../../shared/dates.js';
import { BadUserInputError, ConflictError } from '../../shared/errors.js';
import { SqlParams } from '../../shared/sql-params.js';
import { groupOf, insertOf, pickColumns, selectList, updateOf } from '../../shared/columns.js';
import { checkId, checkIds } from '../../shared/ids.js';
import { optionalText, requiredIfGiven } from '../../shared/input-rules.js';
import { changesBetween, recordAudit } from '../audit/index.js';
import { assertCanActForLibrary, assertCanWriteActivity, isCoordinator } from '../auth/index.js';
import { isLibraryRegistered } from '../registration/index.js';
import { assertSourceFieldsUntouched } from '../event-source/index.js';
import {
  ACTIVITY_COLUMNS,
  ACTIVITY_TABLE,
  VENUE_PROPERTIES,
  type ActivityProperty,
  type ActivityRecord,
} from './activity.columns.js';
import type { CreateActivityInput, UpdateActivityInput, VenueInput } from './activity.inputs.js';
import { THEME_TABLE, themeVisibleSql, type ThemeRecord } from '../theme/index.js';
import { activityVisibilitySql } from './activity.filters.js';
import { toActivity } from './activity.service.js';
import type { Activity } from './activity.types.js';

/**
 * The write side of activities: create (a DRAFT), update with optimistic locking, publish,
 * cancel, delete (drafts only) and report attendance. Every write is one transaction with its
 * audit event and every change bumps `version`; updateActivity is a conditional
 * `UPDATE … WHERE version = expected`, so of concurrent updates made from the same version
 * exactly one wins and the others get CONFLICT.
 */

type Row = ActivityRecord & { partnerIds: string[]; materialIds: string[] };

/** The columns a write of the activity's content sets (besides theme and library on creation), in statement order. */
const CONTENT_PROPERTIES = [
  'title',
  'description',
  'audiences',
  'format',
  'channel',
  ...VENUE_PROPERTIES,
  'accessibility',
  'imageUrl',
  'imageAlt',
  'imageCredit',
  'startsAt',
  'endsAt',
  'capacity',
  'signupUrl',
  'priceDkk',
] as const satisfies readonly ActivityProperty[];

const IMAGE_PROPERTIES = ['imageUrl', 'imageAlt', 'imageCredit'] as const satisfies readonly ActivityProperty[];

/** The values a write sets, as stored (the price as a number). */
type Content = Omit<Pick<ActivityRecord, (typeof CONTENT_PROPERTIES)[number]>, 'priceDkk'> & {
  priceDkk: number | null;
};

function venueColumns(venue: VenueInput | null | undefined): Pick<Content, (typeof VENUE_PROPERTIES)[number]> {
  return {
    venueName: venue ? venue.name.trim() : null,
    venueAddress: optionalText(venue?.address) ?? null,
    venuePostalCode: venue?.postalCode ?? null,
    venueCity: optionalText(venue?.city) ?? null,
    // Both or neither: checked on the input (VenueInput).
    latitude: venue?.latitude ?? null,
    longitude: venue?.longitude ?? null,
  };
}

function imageColumns(image: CreateActivityInput['image']): Pick<Content, (typeof IMAGE_PROPERTIES)[number]> {
  return {
    imageUrl: image?.url ?? null,
    imageAlt: image ? image.alt.trim() : null,
    imageCredit: optionalText(image?.credit) ?? null,
  };
}

const unique = <T>(values: T[]): T[] => [...new Set(values)];

function ids(values: string[] | null | undefined, field: string, what: string): string[] | undefined {
  if (values === null || values === undefined) return undefined;
  return checkIds(values, field, what);
}

/** What an activity's checks need of its theme. */
const THEME_PERIOD = ['title', 'startsOn', 'endsOn'] as const;
type ThemePeriod = Pick<ThemeRecord, (typeof THEME_PERIOD)[number]>;

/** Business rules on the complete content: ends after it starts, and overlaps its theme's period. */
function checkContent(c: Content, theme: ThemePeriod): void {
  if (c.endsAt <= c.startsAt) throw new BadUserInputError('endsAt must be after startsAt.', 'input.endsAt');
  const themeStart = startOfCopenhagenDay(theme.startsOn);
  const themeEnd = endOfCopenhagenDay(theme.endsOn);
  if (c.endsAt <= themeStart || c.startsAt >= themeEnd) {
    throw new BadUserInputError(
      `The activity must take place during the theme "${theme.title}", ${theme.startsOn} to ${theme.endsOn} (Europe/Copenhagen).`,
      'input.startsAt',
    );
  }
}

/** The theme's title and period, if the viewer may see the theme. */
async function themePeriod(ctx: RequestContext, themeId: string): Promise<ThemePeriod | undefined> {
  const visible = themeVisibleSql(ctx.viewer, 'id');
  const [theme] = await sql<ThemePeriod>(
    ctx,
    `SELECT ${selectList(pickColumns(THEME_TABLE, THEME_PERIOD))} FROM theme WHERE id = $1${visible ? ` AND ${visible}` : ''}`,
    [themeId],
  );
  return theme;
}

/**
 * The activity row with its partner and material ids, read in the current transaction. With
 * `visibleOnly` it is found only when the viewer may see it, by the same rule as every read
 * (`activityVisibilitySql`): a write never reaches what `activity(id)` would not show.
 */
async function loadRow(
  ctx: RequestContext,
  id: string,
  options: { lock?: boolean; visibleOnly?: boolean } = {},
): Promise<Row | undefined> {
  const p = new SqlParams();
  const conditions = [`a.id = ${p.add(id, 'uuid')}`];
  const visibility = options.visibleOnly ? activityVisibilitySql(ctx.viewer, p) : null;
  if (visibility) conditions.push(visibility);
  const [row] = await sql<Row>(
    ctx,
    `SELECT ${ACTIVITY_COLUMNS},
            coalesce((SELECT array_agg(ap.partner_id::text ORDER BY ap.partner_id) FROM activity_partner ap WHERE ap.activity_id = a.id), '{}') AS "partnerIds",
            coalesce((SELECT array_agg(am.material_id::text ORDER BY am.material_id) FROM activity_material am WHERE am.activity_id = a.id), '{}') AS "materialIds"
       FROM activity a WHERE ${conditions.join(' AND ')} ${options.lock ? 'FOR UPDATE OF a' : ''}`,
    p.values,
  );
  return row;
}

/** Columns the audit log shows grouped (venue, image) or converted (the price). */
const GROUPED = [...VENUE_PROPERTIES, ...IMAGE_PROPERTIES, 'priceDkk'] as const;
type Grouped = (typeof GROUPED)[number];

/** What the audit log follows of an activity besides those and its links: the content and the state. */
const AUDITED = [
  ...CONTENT_PROPERTIES.filter(
    (p): p is Exclude<(typeof CONTENT_PROPERTIES)[number], Grouped> => !GROUPED.includes(p as Grouped),
  ),
  'status',
  'cancellationReason',
  'attendance',
] as const satisfies readonly ActivityProperty[];

/** What the audit log follows of an activity, under the API's names. */
function snapshot(r: Row): Record<string, unknown> {
  return {
    ...pickColumns(r, AUDITED),
    venue: groupOf(r, VENUE_PROPERTIES, 'venue'),
    image: groupOf(r, IMAGE_PROPERTIES, 'image'),
    priceDkk: r.priceDkk === null ? null : Number(r.priceDkk),
    partnerIds: [...r.partnerIds].sort(),
    materialIds: [...r.materialIds].sort(),
  };
}

/**
 * Replaces the partner (or material) links with one set-based INSERT … SELECT. Ids that match
 * no row are reported by name; the caller's transaction then rolls back everything, the activity
 * row included.
 */
async function replaceLinks(
  ctx: RequestContext,
  activityId: string,
  kind: 'partner' | 'material',
  wanted: string[],
  field: string,
): Promise<void> {
  const link =
    kind === 'partner'
      ? { table: 'activity_partner', column: 'partner_id', target: 'partner' }
      : { table: 'activity_material', column: 'material_id', target: 'material' };
  await sql(ctx, `DELETE FROM ${link.table} WHERE activity_id = $1`, [activityId]);
  if (!wanted.length) return;
  const inserted = await sql<{ id: string }>(
    ctx,
    `INSERT INTO ${link.table} (activity_id, ${link.column})
     SELECT $1, t.id FROM ${link.target} t WHERE t.id = ANY($2::uuid[])
     RETURNING ${link.column}::text AS id`,
    [activityId, wanted],
  );
  const found = new Set(inserted.map((r) => r.id));
  const missing = wanted.filter((id) => !found.has(id));
  if (missing.length) throw new BadUserInputError(`No ${kind} with the id ${missing.join(', ')}.`, field);
}

async function finish(ctx: RequestContext, id: string): Promise<Activity> {
  const row = await loadRow(ctx, id);
  return toActivity(row!);
}

/** Creates an activity as a DRAFT, with its partners and materials, in one transaction. */
export async function createActivity(ctx: RequestContext, input: CreateActivityInput): Promise<Activity> {
  const libraryId = checkId(input.libraryId, 'input.libraryId', 'library');
  assertCanActForLibrary(ctx, libraryId, 'input.libraryId');
  const themeId = checkId(input.themeId, 'input.themeId', 'theme');
  const partnerIds = ids(input.partnerIds, 'input.partnerIds', 'partner') ?? [];
  const materialIds = ids(input.materialIds, 'input.materialIds', 'material') ?? [];
  const content: Content = {
    title: input.title.trim(),
    description: input.description.trim(),
    audiences: unique(input.audiences),
    format: input.format,
    channel: input.channel,
    ...venueColumns(input.venue),
    accessibility: unique(input.accessibility ?? []),
    ...imageColumns(input.image),
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    capacity: input.capacity ?? null,
    signupUrl: optionalText(input.signupUrl) ?? null,
    priceDkk: input.priceDkk ?? null,
  };
  return inTransaction(ctx, async (tx) => {
    const theme = await themePeriod(tx, themeId);
    if (!theme) throw new BadUserInputError('No theme with this id.', 'input.themeId');
    const [library] = await sql(tx, `SELECT 1 FROM library WHERE id = $1`, [libraryId]);
    if (!library) throw new BadUserInputError('No library with this id.', 'input.libraryId');
    if (!isCoordinator(tx) && !(await isLibraryRegistered(tx, themeId, libraryId))) {
      throw new BadUserInputError(
        `Your library is not signed up for "${theme.title}": sign up first (registerLibraryForTheme).`,
        'input.libraryId',
      );
    }
    checkContent(content, theme);
    const insert = insertOf(ACTIVITY_TABLE, ['themeId', 'libraryId', ...CONTENT_PROPERTIES], {
      themeId,
      libraryId,
      ...content,
    });
    const [row] = await sql<{ id: string }>(
      tx,
      `INSERT INTO activity (${insert.columns}) VALUES (${insert.placeholders}) RETURNING id`,
      insert.values,
    );
    const id = row!.id;
    await replaceLinks(tx, id, 'partner', partnerIds, 'input.partnerIds');
    await replaceLinks(tx, id, 'material', materialIds, 'input.materialIds');
    const created = (await loadRow(tx, id))!;
    await recordAudit(tx, {
      action: 'create',
      entityType: 'Activity',
      entityId: id,
      changes: changesBetween(null, { themeId, libraryId, ...snapshot(created) }),
    });
    return toActivity(created);
  });
}

/**
 * Loads an activity for a write: one the viewer cannot see (another library's draft, anything in
 * an unpublished theme for all but coordinators) is NOT_FOUND, as for reads; then the one
 * authorization rule for activity writes applies.
 */
async function activityForWrite(ctx: RequestContext, id: string, lock = false): Promise<Row> {
  const row = await loadRow(ctx, id, { lock, visibleOnly: true });
  assertCanWriteActivity(ctx, row ?? null);
  return row!;
}

function assertNotCancelled(row: Row, what: string): void {
  if (row.status === 'CANCELLED')
    throw new ConflictError(`The activity is cancelled; a cancelled activity cannot be ${what}.`);
}

/**
 * Changes an activity made from `version`. Fails with CONFLICT when the activity has changed
 * since (its version is no longer the expected one) or was cancelled.
 */
export async function updateActivity(
  ctx: RequestContext,
  rawId: string,
  version: number,
  input: UpdateActivityInput,
): Promise<Activity> {
  const id = checkId(rawId, 'id', 'activity');
  const partnerIds = ids(input.partnerIds, 'input.partnerIds', 'partner');
  const materialIds = ids(input.materialIds, 'input.materialIds', 'material');
  return inTransaction(ctx, async (tx) => {
    const before = await activityForWrite(tx, id);
    assertNotCancelled(before, 'changed');
    // Imported activities (issue 11): fields that come from the library's website are edited there.
    await assertSourceFieldsUntouched(tx, id, input);
    if (before.version !== version) {
      throw new ConflictError(
        `The activity has changed since you read it: it is at version ${before.version}, you sent ${version}. Read it again and reapply your change.`,
        'version',
      );
    }
    // The activity is visible, so its theme is.
    const theme = (await themePeriod(tx, before.themeId))!;
    const content: Content = {
      title: requiredIfGiven(input.title, 'input.title')?.trim() ?? before.title,
      description: requiredIfGiven(input.description, 'input.description')?.trim() ?? before.description,
      audiences: unique(requiredIfGiven(input.audiences, 'input.audiences') ?? before.audiences),
      format: requiredIfGiven(input.format, 'input.format') ?? before.format,
      channel: requiredIfGiven(input.channel, 'input.channel') ?? before.channel,
      ...(input.venue === undefined ? pickColumns(before, VENUE_PROPERTIES) : venueColumns(input.venue)),
      accessibility: input.accessibility === undefined ? before.accessibility : unique(input.accessibility ?? []),
      ...(input.image === undefined ? pickColumns(before, IMAGE_PROPERTIES) : imageColumns(input.image)),
      startsAt: requiredIfGiven(input.startsAt, 'input.startsAt') ?? before.startsAt,
      endsAt: requiredIfGiven(input.endsAt, 'input.endsAt') ?? before.endsAt,
      capacity: input.capacity === undefined ? before.capacity : input.capacity,
      signupUrl: input.signupUrl === undefined ? before.signupUrl : (optionalText(input.signupUrl) ?? null),
      priceDkk:
        input.priceDkk === undefined ? (before.priceDkk === null ? null : Number(before.priceDkk)) : input.priceDkk,
    };
    checkContent(content, theme);
    const update = updateOf(ACTIVITY_TABLE, CONTENT_PROPERTIES, content, 2);
    const updated = await sql<{ id: string }>(
      tx,
      `UPDATE activity SET ${update.sets}, version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2 AND status <> 'CANCELLED'
        RETURNING id`,
      [id, version, ...update.values],
    );
    // Another update committed between our read and our write: it won, this one loses.
    if (!updated.length)
      throw new ConflictError(
        'The activity was changed by someone else at the same time. Read it again and reapply your change.',
        'version',
      );
    if (partnerIds) await replaceLinks(tx, id, 'partner', partnerIds, 'input.partnerIds');
    if (materialIds) await replaceLinks(tx, id, 'material', materialIds, 'input.materialIds');
    const after = (await loadRow(tx, id))!;
    await recordAudit(tx, {
      action: 'update',
      entityType: 'Activity',
      entityId: id,
      changes: {
        ...changesBetween(snapshot(before), snapshot(after)),
        version: { before: before.version, after: after.version },
      },
    });
    return toActivity(after);
  });
}

/**
 * Makes a draft public. Publishing a published activity changes nothing; a cancelled one cannot
 * be published again. Library staff may publish only while their library is signed up
 * (REGISTERED) for the theme: a library that withdrew announces nothing new. Editing drafts,
 * cancelling and reporting attendance stay open to it, so that it can still call off what it
 * announced. Coordinators are exempt.
 */
export async function publishActivity(ctx: RequestContext, rawId: string): Promise<Activity> {
  const id = checkId(rawId, 'id', 'activity');
  return inTransaction(ctx, async (tx) => {
    const before = await activityForWrite(tx, id, true);
    assertNotCancelled(before, 'published again');
    if (before.status === 'PUBLISHED') return toActivity(before);
    if (!isCoordinator(tx) && !(await isLibraryRegistered(tx, before.themeId, before.libraryId))) {
      // CONFLICT, not BAD_USER_INPUT: the request is well-formed; the registration's state
      // forbids it, and signing up again (a change of state) makes the same request succeed.
      const theme = (await themePeriod(tx, before.themeId))!;
      throw new ConflictError(
        `Your library is not signed up for "${theme.title}" (it withdrew or never signed up), so it cannot publish activities for it. ` +
          'Sign up again (registerLibraryForTheme) and publish then; you can still edit or cancel the activity.',
        'id',
      );
    }
    await sql(
      tx,
      `UPDATE activity SET status = 'PUBLISHED', published_at = now(), version = version + 1, updated_at = now() WHERE id = $1`,
      [id],
    );
    await recordAudit(tx, {
      action: 'publish',
      entityType: 'Activity',
      entityId: id,
      changes: {
        status: { before: 'DRAFT', after: 'PUBLISHED' },
        version: { before: before.version, after: before.version + 1 },
      },
    });
    return finish(tx, id);
  });
}

/** Cancels a published activity with a reason shown to the public. Final: it cannot be edited or published again. */
export async function cancelActivity(ctx: RequestContext, rawId: string, reason: string): Promise<Activity> {
  const id = checkId(rawId, 'id', 'activity');
  // Length and blankness are checked on the arguments (CancelActivityArgs).
  const trimmed = reason.trim();
  return inTransaction(ctx, async (tx) => {
    const before = await activityForWrite(tx, id, true);
    assertNotCancelled(before, 'cancelled again');
    if (before.status === 'DRAFT')
      throw new ConflictError('A draft is not public, so there is nothing to cancel; leave it unpublished.');
    await sql(
      tx,
      `UPDATE activity SET status = 'CANCELLED', cancellation_reason = $2, version = version + 1, updated_at = now() WHERE id = $1`,
      [id, trimmed],
    );
    await recordAudit(tx, {
      action: 'cancel',
      entityType: 'Activity',
      entityId: id,
      changes: {
        status: { before: before.status, after: 'CANCELLED' },
        cancellationReason: { after: trimmed },
        version: { before: before.version, after: before.version + 1 },
      },
    });
    return finish(tx, id);
  });
}

/**
 * Deletes a draft with its partner and material links (ON DELETE CASCADE). Only drafts: a
 * published or cancelled activity has been public, so it is cancelled instead and stays as a
 * record. The audit event keeps what the draft held.
 */
export async function deleteActivity(ctx: RequestContext, rawId: string): Promise<boolean> {
  const id = checkId(rawId, 'id', 'activity');
  return inTransaction(ctx, async (tx) => {
    const before = await activityForWrite(tx, id, true);
    if (before.status !== 'DRAFT') {
      throw new ConflictError(
        before.status === 'PUBLISHED'
          ? 'The activity is published, so it cannot be deleted: cancel it instead (cancelActivity) with a reason for the public.'
          : 'The activity is cancelled, so it cannot be deleted: it stays as the public record of the cancellation. Only drafts can be deleted.',
        'id',
      );
    }
    await sql(tx, `DELETE FROM activity WHERE id = $1 AND status = 'DRAFT'`, [id]);
    const removed = changesBetween(null, {
      themeId: before.themeId,
      libraryId: before.libraryId,
      ...snapshot(before),
      version: before.version,
    });
    await recordAudit(tx, {
      action: 'delete',
      entityType: 'Activity',
      entityId: id,
      changes: Object.fromEntries(Object.entries(removed).map(([field, change]) => [field, { before: change.after }])),
    });
    return true;
  });
}

/** Records how many came, once the published activity has started; reporting again corrects the figure. */
export async function reportAttendance(ctx: RequestContext, rawId: string, attendance: number): Promise<Activity> {
  const id = checkId(rawId, 'id', 'activity');
  // The range is checked on the arguments (ReportAttendanceArgs).
  return inTransaction(ctx, async (tx) => {
    const before = await activityForWrite(tx, id, true);
    if (before.status !== 'PUBLISHED') {
      throw new ConflictError(
        before.status === 'DRAFT'
          ? 'The activity is a draft; attendance is reported for published activities.'
          : 'The activity is cancelled; it has no attendance.',
      );
    }
    if (before.startsAt.getTime() > Date.now()) {
      throw new ConflictError(
        `The activity has not started yet (it starts ${before.startsAt.toISOString()}); report attendance once it has begun.`,
      );
    }
    await sql(tx, `UPDATE activity SET attendance = $2, version = version + 1, updated_at = now() WHERE id = $1`, [
      id,
      attendance,
    ]);
    await recordAudit(tx, {
      action: 'report_attendance',
      entityType: 'Activity',
      entityId: id,
      changes: {
        attendance: { before: before.attendance, after: attendance },
        version: { before: before.version, after: before.version + 1 },
      },
    });
    return finish(tx, id);
  });
}

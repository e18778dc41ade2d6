import type { RequestContext } from '../../shared/context.js';
import { inTransaction, sql } from '../../shared/context.js';
import {
  endOfCopenhagenDay,
  isoWeekEnd,
  isoWeekStart,
  isoWeeksInYear,
  startOfCopenhagenDay,
} from '../../shared/dates.js';
import { BadUserInputError, ConflictError, NotFoundError, isUniqueViolation } from '../../shared/errors.js';
import { checkId } from '../../shared/ids.js';
import { optionalText, requiredIfGiven } from '../../shared/input-rules.js';
import { changesBetween, recordAudit } from '../audit/index.js';
import { groupOf, insertOf, pickColumns, updateOf } from '../../shared/columns.js';
import { THEME_COLUMNS, THEME_TABLE, type ThemeRecord } from './theme.columns.js';
import type { CreateThemeInput, UpdateThemeInput } from './theme.inputs.js';
import { toTheme } from './theme.service.js';
import type { Theme } from './theme.types.js';

/** The columns a theme's creation sets, in statement order. */
const CREATED = [
  'number',
  'slug',
  'title',
  'summary',
  'description',
  'year',
  'startWeek',
  'endWeek',
  'registrationOpensAt',
  'registrationClosesAt',
  'focusAreas',
  'imageUrl',
  'imageAlt',
  'imageCredit',
  'isPublished',
] as const satisfies readonly (keyof ThemeRecord)[];

/** The columns an update may change (number and year are fixed once created). */
const UPDATED = CREATED.filter((p) => p !== 'number' && p !== 'year');

const IMAGE = ['imageUrl', 'imageAlt', 'imageCredit'] as const;
const AUDITED = CREATED.filter(
  (p): p is Exclude<(typeof CREATED)[number], (typeof IMAGE)[number]> => !IMAGE.includes(p as never),
);

/** What the audit log follows of a theme, under the API's names: the columns written, the image as one. */
function snapshot(r: ThemeRecord): Record<string, unknown> {
  return {
    ...pickColumns(r, AUDITED),
    image: groupOf(r, IMAGE, 'image'),
  };
}

function checkPeriod(year: number, startWeek: number, endWeek: number): void {
  if (endWeek < startWeek) throw new BadUserInputError('endWeek must not be before startWeek.', 'input.endWeek');
  const weeks = isoWeeksInYear(year);
  if (endWeek > weeks)
    throw new BadUserInputError(`${year} has ${weeks} ISO weeks; endWeek must be at most ${weeks}.`, 'input.endWeek');
}

function checkWindow(opensAt: Date | null, closesAt: Date | null): void {
  if (opensAt && closesAt && closesAt <= opensAt) {
    throw new BadUserInputError(
      'registrationClosesAt must be after registrationOpensAt.',
      'input.registrationClosesAt',
    );
  }
}

async function assertUnique(
  ctx: RequestContext,
  values: { number?: number; slug?: string },
  exceptId?: string,
): Promise<void> {
  const rows = await sql<{ number: number; slug: string }>(
    ctx,
    `SELECT number, slug FROM theme WHERE (number = $1 OR slug = $2) AND ($3::uuid IS NULL OR id <> $3::uuid)`,
    [values.number ?? null, values.slug ?? null, exceptId ?? null],
  );
  if (values.number !== undefined && rows.some((r) => r.number === values.number)) {
    throw new ConflictError(`There is already a theme number ${values.number}.`, 'input.number');
  }
  if (values.slug !== undefined && rows.some((r) => r.slug === values.slug)) {
    throw new ConflictError(`There is already a theme with the slug "${values.slug}".`, 'input.slug');
  }
}

/** A concurrent insert can still win between the check and the write: the unique constraint decides. */
function duplicateTheme(err: unknown): never {
  if (isUniqueViolation(err))
    throw new ConflictError('Another theme with this number or slug was created at the same time.', 'input.number');
  throw err;
}

async function loadTheme(ctx: RequestContext, id: string, lock = false): Promise<ThemeRecord | undefined> {
  const [row] = await sql<ThemeRecord>(
    ctx,
    `SELECT ${THEME_COLUMNS} FROM theme t WHERE t.id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return row;
}

/**
 * Refuses new weeks that would leave published activities outside the theme period (they
 * would be public, in the theme's feed and reports, but dated outside it). A coordinator can
 * move or cancel those activities first. Drafts are not counted: they are checked against the
 * period when they are next changed. Cancelled ones are final and keep their dates.
 */
async function assertPublishedActivitiesFit(
  ctx: RequestContext,
  themeId: string,
  year: number,
  startWeek: number,
  endWeek: number,
  field: string,
): Promise<void> {
  const startsOn = isoWeekStart(year, startWeek);
  const endsOn = isoWeekEnd(year, endWeek);
  // The same overlap rule as an activity's own check: it must end after the first day begins and start before the last day ends.
  const [{ n }] = (await sql<{ n: number }>(
    ctx,
    `SELECT count(*)::int AS n FROM activity
      WHERE theme_id = $1 AND status = 'PUBLISHED' AND (ends_at <= $2::timestamptz OR starts_at >= $3::timestamptz)`,
    [themeId, startOfCopenhagenDay(startsOn), endOfCopenhagenDay(endsOn)],
  )) as [{ n: number }];
  if (n > 0) {
    throw new ConflictError(
      `${n} published ${n === 1 ? 'activity' : 'activities'} would fall outside the new theme period ${startsOn} to ${endsOn}. ` +
        'Move them into the new period (updateActivity) or cancel them first, or choose weeks that cover them.',
      field,
    );
  }
}

/** Creates a theme, published at once unless `isPublished` is false. Coordinators only. */
export async function createTheme(ctx: RequestContext, input: CreateThemeInput): Promise<Theme> {
  checkPeriod(input.year, input.startWeek, input.endWeek);
  checkWindow(input.registrationOpensAt ?? null, input.registrationClosesAt ?? null);
  const focusAreas = [...new Set(input.focusAreas)];
  return inTransaction(ctx, async (tx) => {
    await assertUnique(tx, { number: input.number, slug: input.slug });
    const values: Pick<ThemeRecord, (typeof CREATED)[number]> = {
      number: input.number,
      slug: input.slug,
      title: input.title.trim(),
      summary: input.summary.trim(),
      description: input.description.trim(),
      year: input.year,
      startWeek: input.startWeek,
      endWeek: input.endWeek,
      registrationOpensAt: input.registrationOpensAt ?? null,
      registrationClosesAt: input.registrationClosesAt ?? null,
      focusAreas,
      imageUrl: input.image?.url ?? null,
      imageAlt: input.image?.alt.trim() ?? null,
      imageCredit: optionalText(input.image?.credit) ?? null,
      isPublished: input.isPublished ?? true,
    };
    const insert = insertOf(THEME_TABLE, CREATED, values);
    const [created] = await sql<ThemeRecord>(
      tx,
      `INSERT INTO theme AS t (${insert.columns}) VALUES (${insert.placeholders}) RETURNING ${THEME_COLUMNS}`,
      insert.values,
    ).catch(duplicateTheme);
    await recordAudit(tx, {
      action: 'create',
      entityType: 'Theme',
      entityId: created!.id,
      changes: changesBetween(null, snapshot(created!)),
    });
    return toTheme(created!);
  });
}

/** Changes a theme; fields left out stay. Coordinators only. */
export async function updateTheme(ctx: RequestContext, id: string, input: UpdateThemeInput): Promise<Theme> {
  id = checkId(id, 'id', 'theme');
  return inTransaction(ctx, async (tx) => {
    const before = await loadTheme(tx, id, true);
    if (!before) throw new NotFoundError('No theme with this id.', 'id');
    const title = requiredIfGiven(input.title, 'input.title')?.trim() ?? before.title;
    const summary = requiredIfGiven(input.summary, 'input.summary')?.trim() ?? before.summary;
    const description = requiredIfGiven(input.description, 'input.description')?.trim() ?? before.description;
    const startWeek = requiredIfGiven(input.startWeek, 'input.startWeek') ?? before.startWeek;
    const endWeek = requiredIfGiven(input.endWeek, 'input.endWeek') ?? before.endWeek;
    const slug = requiredIfGiven(input.slug, 'input.slug') ?? before.slug;
    const isPublished = requiredIfGiven(input.isPublished, 'input.isPublished') ?? before.isPublished;
    const focusAreas = [...new Set(requiredIfGiven(input.focusAreas, 'input.focusAreas') ?? before.focusAreas)];
    const opensAt = input.registrationOpensAt === undefined ? before.registrationOpensAt : input.registrationOpensAt;
    const closesAt =
      input.registrationClosesAt === undefined ? before.registrationClosesAt : input.registrationClosesAt;
    const image =
      input.image === undefined
        ? { url: before.imageUrl, alt: before.imageAlt, credit: before.imageCredit }
        : {
            url: input.image?.url ?? null,
            alt: input.image?.alt.trim() ?? null,
            credit: optionalText(input.image?.credit) ?? null,
          };
    checkPeriod(before.year, startWeek, endWeek);
    checkWindow(opensAt, closesAt);
    if (slug !== before.slug) await assertUnique(tx, { slug }, id);
    if (startWeek !== before.startWeek || endWeek !== before.endWeek) {
      await assertPublishedActivitiesFit(
        tx,
        id,
        before.year,
        startWeek,
        endWeek,
        startWeek !== before.startWeek ? 'input.startWeek' : 'input.endWeek',
      );
    }
    const values: Pick<ThemeRecord, (typeof UPDATED)[number]> = {
      title,
      summary,
      description,
      startWeek,
      endWeek,
      slug,
      focusAreas,
      registrationOpensAt: opensAt,
      registrationClosesAt: closesAt,
      imageUrl: image.url,
      imageAlt: image.alt,
      imageCredit: image.credit,
      isPublished,
    };
    const update = updateOf(THEME_TABLE, UPDATED, values, 1);
    const [after] = await sql<ThemeRecord>(
      tx,
      `UPDATE theme AS t SET ${update.sets}, updated_at = now() WHERE t.id = $1 RETURNING ${THEME_COLUMNS}`,
      [id, ...update.values],
    ).catch(duplicateTheme);
    const changes = changesBetween(snapshot(before), snapshot(after!));
    if (Object.keys(changes).length)
      await recordAudit(tx, { action: 'update', entityType: 'Theme', entityId: id, changes });
    return toTheme(after!);
  });
}

/** Links a national partner to a theme with its role; linking again changes the role. Coordinators only. */
export async function addThemePartner(
  ctx: RequestContext,
  themeId: string,
  partnerId: string,
  role: string,
): Promise<Theme> {
  const trimmedRole = role.trim();
  if (trimmedRole.length < 1 || trimmedRole.length > 100)
    throw new BadUserInputError('role must be 1–100 characters, e.g. "mediepartner".', 'role');
  themeId = checkId(themeId, 'themeId', 'theme');
  partnerId = checkId(partnerId, 'partnerId', 'partner');
  return inTransaction(ctx, async (tx) => {
    const theme = await loadTheme(tx, themeId, true);
    if (!theme) throw new NotFoundError('No theme with this id.', 'themeId');
    const [partner] = await sql(tx, `SELECT 1 FROM partner WHERE id = $1`, [partnerId]);
    if (!partner) throw new NotFoundError('No partner with this id.', 'partnerId');
    const [before] = await sql<{ role: string }>(
      tx,
      `SELECT role FROM theme_partner WHERE theme_id = $1 AND partner_id = $2`,
      [themeId, partnerId],
    );
    if (before?.role !== trimmedRole) {
      await sql(
        tx,
        `INSERT INTO theme_partner (theme_id, partner_id, role, position)
         VALUES ($1, $2, $3, (SELECT coalesce(max(position) + 1, 0) FROM theme_partner WHERE theme_id = $1))
         ON CONFLICT (theme_id, partner_id) DO UPDATE SET role = EXCLUDED.role`,
        [themeId, partnerId, trimmedRole],
      );
      await recordAudit(tx, {
        action: before ? 'update_partner' : 'add_partner',
        entityType: 'Theme',
        entityId: themeId,
        changes: {
          [`partners.${partnerId}.role`]: before ? { before: before.role, after: trimmedRole } : { after: trimmedRole },
        },
      });
    }
    return toTheme(theme);
  });
}

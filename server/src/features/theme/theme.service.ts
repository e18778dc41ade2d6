import { database, sql, type RequestContext } from '../../shared/context.js';
import { copenhagenDate, themeStatus } from '../../shared/dates.js';
import { FocusArea, ThemeStatus } from '../../shared/enums.js';
import { isUuid } from '../../shared/ids.js';
import { imageOf } from '../../shared/common.types.js';
import { decodeCursor, pageOf, pageSize } from '../../shared/pagination.js';
import { Partner, PartnerEntity, toPartner } from '../partner/index.js';
import { ThemeEntity } from './theme.entity.js';
import { Theme, ThemeConnection, ThemePartnerLink } from './theme.types.js';
import { themeVisibleSql } from './theme.visibility.js';
import { SqlParams } from '../../shared/sql-params.js';

export function toTheme(e: ThemeEntity): Theme {
  return Object.assign(new Theme(), {
    id: e.id,
    number: e.number,
    slug: e.slug,
    title: e.title,
    summary: e.summary,
    description: e.description,
    year: e.year,
    startWeek: e.startWeek,
    endWeek: e.endWeek,
    startsOn: e.startsOn,
    endsOn: e.endsOn,
    registrationOpensAt: e.registrationOpensAt,
    registrationClosesAt: e.registrationClosesAt,
    focusAreas: e.focusAreas as FocusArea[],
    image: imageOf(e.imageUrl, e.imageAlt, e.imageCredit),
    isPublished: e.isPublished,
  });
}

/** The themes the viewer may see (unpublished ones only for coordinators). */
function themes(ctx: RequestContext) {
  const qb = database(ctx).getRepository(ThemeEntity).createQueryBuilder('t');
  const visible = themeVisibleSql(ctx.viewer, 't.id');
  if (visible) qb.andWhere(visible);
  return qb;
}

export function statusOf(theme: Theme, now = new Date()): ThemeStatus {
  return themeStatus(theme.startsOn, theme.endsOn, now) as ThemeStatus;
}

/** Whether library staff may sign up now: inside the sign-up window and before the theme ends. */
export function isRegistrationOpen(theme: Theme, now = new Date()): boolean {
  if (theme.registrationOpensAt && now < theme.registrationOpensAt) return false;
  if (theme.registrationClosesAt && now >= theme.registrationClosesAt) return false;
  return copenhagenDate(now) <= theme.endsOn;
}

/** Newest first (by number); optionally only themes with the given status today. totalCount is counted only when asked for. */
export async function listThemes(
  ctx: RequestContext,
  args: { first?: number | null; after?: string | null; status?: ThemeStatus | null },
): Promise<ThemeConnection> {
  const first = pageSize(args.first);
  const after = decodeCursor(args.after, ['number']);
  const today = copenhagenDate(new Date());
  const qb = themes(ctx);
  if (args.status === ThemeStatus.UPCOMING) qb.andWhere('t.starts_on > :today', { today });
  if (args.status === ThemeStatus.ENDED) qb.andWhere('t.ends_on < :today', { today });
  if (args.status === ThemeStatus.ACTIVE) qb.andWhere(':today BETWEEN t.starts_on AND t.ends_on', { today });
  const counting = qb.clone();
  if (after) qb.andWhere('t.number < :after', { after: after[0] });
  const rows = await qb
    .orderBy('t.number', 'DESC')
    .limit(first + 1)
    .getMany();
  let total: Promise<number> | undefined;
  return Object.assign(new ThemeConnection(), {
    ...pageOf(rows, first, (r) => [r.number], toTheme),
    countTotal: () => (total ??= counting.getCount()),
  });
}

/** The theme columns under the entity's property names, so raw rows map with toTheme. */
const THEME_COLUMNS = `t.id, t.number, t.slug, t.title, t.summary, t.description, t.year, t.start_week AS "startWeek",
  t.end_week AS "endWeek", t.starts_on AS "startsOn", t.ends_on AS "endsOn", t.registration_opens_at AS "registrationOpensAt",
  t.registration_closes_at AS "registrationClosesAt", t.focus_areas AS "focusAreas", t.image_url AS "imageUrl",
  t.image_alt AS "imageAlt", t.image_credit AS "imageCredit", t.is_published AS "isPublished"`;

/**
 * A Theme field that another feature resolves (e.g. participantCount), read ahead in the theme's
 * own statement when the client selects it: the feature registers it at load time, so that the
 * theme feature knows none of them.
 */
export interface ThemeReadAhead {
  /** A scalar SQL expression over the theme row `t`; parameters go into `p`. */
  sql(ctx: RequestContext, p: SqlParams): string;
  /** Hands the value to the loader the field's resolver reads. */
  prime(ctx: RequestContext, themeId: string, value: unknown): void;
}

const themeReadAheads = new Map<string, ThemeReadAhead>();

export function registerThemeReadAhead(field: string, readAhead: ThemeReadAhead): void {
  themeReadAheads.set(field, readAhead);
}

/** Visible themes matching `condition` (on `t`, parameters in `p`), with the read-ahead of the `selected` fields, in one prepared statement. */
async function themesWhere(
  ctx: RequestContext,
  condition: string,
  p: SqlParams,
  selected?: ReadonlySet<string>,
): Promise<Theme[]> {
  const visible = themeVisibleSql(ctx.viewer, 't.id');
  const ahead = selected ? [...themeReadAheads].filter(([field]) => selected.has(field)) : [];
  const columns = ahead.map(([, r], i) => `, ${r.sql(ctx, p)} AS "ahead${i}"`).join('');
  const rows = await sql<ThemeEntity & Record<string, unknown>>(
    ctx,
    `SELECT ${THEME_COLUMNS}${columns} FROM theme t WHERE ${condition}${visible ? ` AND ${visible}` : ''}`,
    p.values,
  );
  return rows.map((row) => {
    ahead.forEach(([, r], i) => r.prime(ctx, row.id, row[`ahead${i}`]));
    return toTheme(row);
  });
}

/** The theme with this slug; `selected` (the fields the client selects on it) lets registered fields be read ahead. */
export async function themeBySlug(
  ctx: RequestContext,
  slug: string,
  selected?: ReadonlySet<string>,
): Promise<Theme | null> {
  const p = new SqlParams();
  return (await themesWhere(ctx, `t.slug = ${p.add(slug, 'text')}`, p, selected))[0] ?? null;
}

export async function themesByIds(ctx: RequestContext, ids: readonly string[]): Promise<Theme[]> {
  const valid = ids.filter(isUuid);
  if (!valid.length) return [];
  const p = new SqlParams();
  return themesWhere(ctx, `t.id = ANY(${p.add(valid, 'uuid[]')})`, p);
}

/** The ACTIVE theme; else the next UPCOMING; else the most recently ENDED. */
export async function currentTheme(ctx: RequestContext): Promise<Theme | null> {
  const today = copenhagenDate(new Date());
  const row = await themes(ctx)
    .addSelect(
      `CASE WHEN :today BETWEEN t.starts_on AND t.ends_on THEN 0 WHEN t.starts_on > :today THEN 1 ELSE 2 END`,
      'rank',
    )
    .setParameter('today', today)
    .orderBy('rank', 'ASC')
    // Among upcoming the soonest, among ended the latest; ties by number.
    .addOrderBy(`CASE WHEN t.starts_on > :today THEN t.starts_on END`, 'ASC')
    .addOrderBy('t.ends_on', 'DESC')
    .addOrderBy('t.number', 'DESC')
    .limit(1)
    .getOne();
  return row ? toTheme(row) : null;
}

/** The national partner links of several themes with their partners, in one query. */
export async function partnerLinksOfThemes(
  ctx: RequestContext,
  themeIds: readonly string[],
): Promise<{ themeId: string; link: ThemePartnerLink; partner: Partner }[]> {
  const rows = await sql<PartnerEntity & { themeId: string; role: string }>(
    ctx,
    `SELECT tp.theme_id AS "themeId", tp.role, p.id, p.name, p.kind, p.scope, p.website, p.description,
            p.municipality_code AS "municipalityCode"
       FROM theme_partner tp JOIN partner p ON p.id = tp.partner_id
      WHERE tp.theme_id = ANY($1::uuid[])
      ORDER BY tp.position, p.id`,
    [themeIds.filter(isUuid)],
  );
  return rows.map((r) => ({
    themeId: r.themeId,
    link: Object.assign(new ThemePartnerLink(), { partnerId: r.id, role: r.role }),
    partner: toPartner(r),
  }));
}

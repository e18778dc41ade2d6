import { sql, type RequestContext } from '../../shared/context.js';
import { copenhagenDate, themeStatus } from '../../shared/dates.js';
import { FocusArea, ThemeStatus } from '../../shared/enums.js';
import { isUuid } from '../../shared/ids.js';
import { imageOf } from '../../shared/common.types.js';
import { decodeCursor, limitLiteral, pageOf, pageSize } from '../../shared/pagination.js';
import { PARTNER_COLUMNS, Partner, toPartner, type PartnerRecord } from '../partner/index.js';
import { THEME_COLUMNS, type ThemeRecord } from './theme.columns.js';
import { Theme, ThemeConnection, ThemePartnerLink } from './theme.types.js';
import { themeVisibleSql } from './theme.visibility.js';
import { SqlParams } from '../../shared/sql-params.js';

export function toTheme(e: ThemeRecord): Theme {
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

export function statusOf(theme: Theme, now = new Date()): ThemeStatus {
  return themeStatus(theme.startsOn, theme.endsOn, now) as ThemeStatus;
}

/** Whether library staff may sign up now: inside the sign-up window and before the theme ends. */
export function isRegistrationOpen(theme: Theme, now = new Date()): boolean {
  if (theme.registrationOpensAt && now < theme.registrationOpensAt) return false;
  if (theme.registrationClosesAt && now >= theme.registrationClosesAt) return false;
  return copenhagenDate(now) <= theme.endsOn;
}

/** ` WHERE` and the conditions, or nothing when there are none. */
const where = (conditions: readonly string[]) => (conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '');

/** Newest first (by number); optionally only themes with the given status today. totalCount is counted only when asked for. */
export async function listThemes(
  ctx: RequestContext,
  args: { first?: number | null; after?: string | null; status?: ThemeStatus | null },
): Promise<ThemeConnection> {
  const first = pageSize(args.first);
  const after = decodeCursor(args.after, ['number']);
  const p = new SqlParams();
  const conditions: string[] = [];
  const visible = themeVisibleSql(ctx.viewer, 't.id');
  if (visible) conditions.push(visible);
  if (args.status) {
    const today = p.add(copenhagenDate(new Date()), 'date');
    if (args.status === ThemeStatus.UPCOMING) conditions.push(`t.starts_on > ${today}`);
    if (args.status === ThemeStatus.ENDED) conditions.push(`t.ends_on < ${today}`);
    if (args.status === ThemeStatus.ACTIVE) conditions.push(`${today} BETWEEN t.starts_on AND t.ends_on`);
  }
  const countSql = `SELECT count(*)::int AS total FROM theme t${where(conditions)}`;
  const countParams = [...p.values];
  if (after) conditions.push(`t.number < ${p.add(after[0], 'int')}`);
  const rows = await sql<ThemeRecord>(
    ctx,
    `SELECT ${THEME_COLUMNS} FROM theme t${where(conditions)} ORDER BY t.number DESC LIMIT ${limitLiteral(first + 1)}`,
    p.values,
  );
  let total: Promise<number> | undefined;
  return Object.assign(new ThemeConnection(), {
    ...pageOf(rows, first, (r) => [r.number], toTheme),
    countTotal: () =>
      (total ??= sql<{ total: number }>(ctx, countSql, countParams).then((counted) => counted[0]!.total)),
  });
}

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
  const rows = await sql<ThemeRecord & Record<string, unknown>>(
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
  const visible = themeVisibleSql(ctx.viewer, 't.id');
  // Active first, then upcoming, then ended; among upcoming the soonest, among ended the latest; ties by number.
  const [row] = await sql<ThemeRecord>(
    ctx,
    `SELECT ${THEME_COLUMNS} FROM theme t${where(visible ? [visible] : [])}
      ORDER BY CASE WHEN $1::date BETWEEN t.starts_on AND t.ends_on THEN 0 WHEN t.starts_on > $1::date THEN 1 ELSE 2 END,
               CASE WHEN t.starts_on > $1::date THEN t.starts_on END, t.ends_on DESC, t.number DESC
      LIMIT 1`,
    [copenhagenDate(new Date())],
  );
  return row ? toTheme(row) : null;
}

/** The national partner links of several themes with their partners, in one query. */
export async function partnerLinksOfThemes(
  ctx: RequestContext,
  themeIds: readonly string[],
): Promise<{ themeId: string; link: ThemePartnerLink; partner: Partner }[]> {
  const rows = await sql<PartnerRecord & { themeId: string; role: string }>(
    ctx,
    `SELECT tp.theme_id AS "themeId", tp.role, ${PARTNER_COLUMNS}
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

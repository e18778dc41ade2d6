import type { RequestContext } from '../../shared/context.js';
import { sql } from '../../shared/context.js';
import { geoPointOf, imageOf } from '../../shared/common.types.js';
import type { AccessibilityFeature, ActivityFormat, ActivityStatus, Audience, Channel } from '../../shared/enums.js';
import { BadUserInputError } from '../../shared/errors.js';
import { isUuid } from '../../shared/ids.js';
import { decodeCursor, encodeCursor, pageSize, type PageInfo } from '../../shared/pagination.js';
import { toPartner, type Partner, type PartnerEntity } from '../partner/index.js';
import type { ActivityEntity } from './activity.entity.js';
import { Activity, ActivityConnection, ActivityOrder, Venue } from './activity.types.js';
import { activityVisibilitySql, activityWhere, normalizeActivityFilter, SqlParams, type ActivityFilter, type NormalizedActivityFilter } from './activity.filters.js';

/** Maps a database row (entity or raw row with entity-named columns) to the public type. */
export function toActivity(e: ActivityEntity): Activity {
  const venue: Venue | null = e.venueName
    ? Object.assign(new Venue(), {
        name: e.venueName,
        address: e.venueAddress,
        postalCode: e.venuePostalCode,
        city: e.venueCity,
        location: geoPointOf(e.latitude, e.longitude),
      })
    : null;
  return Object.assign(new Activity(), {
    id: e.id,
    themeId: e.themeId,
    libraryId: e.libraryId,
    reportedAttendance: e.attendance,
    title: e.title,
    description: e.description,
    audiences: e.audiences as Audience[],
    format: e.format as ActivityFormat,
    channel: e.channel as Channel,
    venue,
    accessibility: e.accessibility as AccessibilityFeature[],
    image: imageOf(e.imageUrl, e.imageAlt, e.imageCredit),
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    capacity: e.capacity,
    signupUrl: e.signupUrl,
    priceDkk: e.priceDkk === null || e.priceDkk === undefined ? null : Number(e.priceDkk),
    status: e.status as ActivityStatus,
    cancellationReason: e.cancellationReason,
    version: e.version,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  });
}

/** The activity columns under the entity's property names, so raw rows map with toActivity. */
export const ACTIVITY_COLUMNS = `a.id, a.theme_id AS "themeId", a.library_id AS "libraryId", a.title, a.description,
  a.audiences, a.format, a.channel, a.venue_name AS "venueName", a.venue_address AS "venueAddress",
  a.venue_postal_code AS "venuePostalCode", a.venue_city AS "venueCity", a.latitude, a.longitude, a.accessibility,
  a.image_url AS "imageUrl", a.image_alt AS "imageAlt", a.image_credit AS "imageCredit", a.starts_at AS "startsAt",
  a.ends_at AS "endsAt", a.capacity, a.signup_url AS "signupUrl", a.price_dkk AS "priceDkk", a.status,
  a.cancellation_reason AS "cancellationReason", a.attendance, a.version, a.published_at AS "publishedAt",
  a.is_demo AS "isDemo", a.created_at AS "createdAt", a.updated_at AS "updatedAt"`;

/** The start instant as text with microseconds: the cursor keeps the database's full precision. */
const CURSOR_START = `to_char(a.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorStart"`;
const CURSOR_START_FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

const RANK_FORMAT = /^\d+(\.\d+)?$/;

type ActivityRow = ActivityEntity & { cursorStart: string; cursorRank?: string; scopeKey?: string };

/** Relevance of a row for a search, rounded so that it round-trips exactly through a cursor. */
function rankSql(search: string, p: SqlParams): string {
  return `round(ts_rank(a.search_vector, websearch_to_tsquery('danish', ${p.add(search, 'text')}))::numeric, 6)`;
}

/** Activities by id that the viewer may see, in one query; unknown or invisible ids are left out. */
export async function activitiesByIds(ctx: RequestContext, ids: readonly string[]): Promise<Activity[]> {
  const valid = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
  if (!valid.length) return [];
  const p = new SqlParams();
  const conditions = [`a.id = ANY(${p.add(valid, 'uuid[]')})`];
  const visibility = activityVisibilitySql(ctx.viewer, p);
  if (visibility) conditions.push(visibility);
  const rows = await sql<ActivityEntity>(ctx, `SELECT ${ACTIVITY_COLUMNS} FROM activity a WHERE ${conditions.join(' AND ')}`, p.values);
  return rows.map(toActivity);
}

/** What a connection field is restricted to by its parent (Theme.activities, Library.activities). */
export type ActivityScope = 'theme' | 'library';
const SCOPE_COLUMN: Record<ActivityScope, string> = { theme: 'a.theme_id', library: 'a.library_id' };

export interface ActivityPageRequest {
  scope: ActivityScope | null;
  scopeId: string | null;
  filter: NormalizedActivityFilter;
  first: number;
  orderBy: ActivityOrder;
  /** Decoded cursor: start instant (text, microseconds) and id; with RELEVANCE the rank first. */
  after: string[] | null;
}

export interface ActivityCountRequest {
  scope: ActivityScope | null;
  scopeId: string | null;
  filter: NormalizedActivityFilter;
}

function decodeActivityCursor(after: string | null | undefined, orderBy: ActivityOrder): string[] | null {
  const relevance = orderBy === ActivityOrder.RELEVANCE;
  const key = decodeCursor(after, relevance ? ['string', 'string', 'string'] : ['string', 'string']) as string[] | null;
  if (!key) return null;
  const [start, id] = key.slice(relevance ? 1 : 0);
  if (!CURSOR_START_FORMAT.test(start!) || !isUuid(id!) || (relevance && !RANK_FORMAT.test(key[0]!))) {
    throw new BadUserInputError('"after" is not a cursor from this list; use a pageInfo.endCursor or edge cursor you received.', 'after');
  }
  return key;
}

/** Validates the arguments of an activity connection field and turns them into a page request. */
export function activityPageRequest(
  args: { filter?: ActivityFilter | null; first?: number | null; after?: string | null; orderBy?: ActivityOrder | null },
  scope: ActivityScope | null = null,
  scopeId: string | null = null,
): ActivityPageRequest {
  const filter = normalizeActivityFilter(args.filter);
  const orderBy = args.orderBy ?? ActivityOrder.START_TIME;
  if (orderBy === ActivityOrder.RELEVANCE && !filter.search) {
    throw new BadUserInputError('"orderBy: RELEVANCE" needs a search: set filter.search as well.', 'orderBy');
  }
  return { scope, scopeId, filter, first: pageSize(args.first), orderBy, after: decodeActivityCursor(args.after, orderBy) };
}

/** What a request asks for apart from its parent: requests with equal keys share one statement. */
const groupKeyOf = (r: { scopeId: string | null }) => JSON.stringify({ ...r, scopeId: null });

/** Where one parent's answer is kept: the group (filter, page, order) and the parent. */
const resultKeyOf = (groupKey: string, scopeId: string | null) => `${groupKey}|${scopeId ?? ''}`;

/** Groups requests that differ only in their scope id, so each group is one SQL statement. */
function groupBy<T extends { scopeId: string | null }>(requests: readonly T[]): Map<string, { sample: T; ids: string[] }> {
  const groups = new Map<string, { sample: T; ids: string[] }>();
  for (const r of requests) {
    const key = groupKeyOf(r);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { sample: r, ids: [] }));
    if (r.scopeId !== null && !g.ids.includes(r.scopeId)) g.ids.push(r.scopeId);
  }
  return groups;
}

/**
 * Pages of activities for many page requests: one statement per group of requests that share
 * filter, page size and cursor (e.g. Theme.activities on every theme of a list), using a window
 * function to cut each parent's page. Ordered by start, then id.
 */
export async function activityPages(ctx: RequestContext, requests: readonly ActivityPageRequest[]): Promise<Map<string, ActivityRow[]>> {
  const result = new Map<string, ActivityRow[]>();
  await Promise.all(
    [...groupBy(requests)].map(async ([groupKey, { sample, ids }]) => {
      const p = new SqlParams();
      const { joins, conditions } = activityWhere(ctx.viewer, sample.filter, p);
      const scopeColumn = sample.scope ? SCOPE_COLUMN[sample.scope] : null;
      if (scopeColumn) {
        conditions.push(ids.length === 1 ? `${scopeColumn} = ${p.add(ids[0], 'uuid')}` : `${scopeColumn} = ANY(${p.add(ids, 'uuid[]')})`);
      }
      const rank = sample.orderBy === ActivityOrder.RELEVANCE ? rankSql(sample.filter.search!, p) : null;
      if (sample.after) {
        const [start, id] = sample.after.slice(rank ? 1 : 0);
        const afterStart = `(a.starts_at, a.id) > (${p.add(start, 'timestamptz')}, ${p.add(id, 'uuid')})`;
        if (rank) {
          const r = p.add(sample.after[0], 'numeric');
          conditions.push(`(${rank} < ${r} OR (${rank} = ${r} AND ${afterStart}))`);
        } else {
          conditions.push(afterStart);
        }
      }
      const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
      const limit = p.add(sample.first + 1, 'int');
      const extra = `${CURSOR_START}${rank ? `, ${rank} AS "rank", ${rank}::text AS "cursorRank"` : ''}`;
      let text: string;
      if (scopeColumn && ids.length > 1) {
        text = `SELECT * FROM (
                  SELECT ${ACTIVITY_COLUMNS}, ${extra}, ${scopeColumn}::text AS "scopeKey",
                         row_number() OVER (PARTITION BY ${scopeColumn} ORDER BY ${rank ? `${rank} DESC, ` : ''}a.starts_at, a.id) AS rn
                    FROM activity a ${joins} ${where}) s
                 WHERE s.rn <= ${limit}
                 ORDER BY s."scopeKey", ${rank ? 's."rank" DESC, ' : ''}s."startsAt", s.id`;
      } else {
        text = `SELECT ${ACTIVITY_COLUMNS}, ${extra}${scopeColumn ? `, ${scopeColumn}::text AS "scopeKey"` : ''}
                  FROM activity a ${joins} ${where}
                 ORDER BY ${rank ? `${rank} DESC, ` : ''}a.starts_at, a.id
                 LIMIT ${limit}`;
      }
      const rows = await sql<ActivityRow>(ctx, text, p.values);
      if (!scopeColumn) {
        result.set(resultKeyOf(groupKey, null), rows);
        return;
      }
      for (const id of ids) result.set(resultKeyOf(groupKey, id), []);
      for (const row of rows) result.get(resultKeyOf(groupKey, row.scopeKey!))?.push(row);
    }),
  );
  return new Map(requests.map((r) => [JSON.stringify(r), result.get(resultKeyOf(groupKeyOf(r), r.scopeId)) ?? []]));
}

/** totalCount of many connection fields: one grouped count per distinct filter. */
export async function activityCounts(ctx: RequestContext, requests: readonly ActivityCountRequest[]): Promise<Map<string, number>> {
  const result = new Map<string, number>();
  await Promise.all(
    [...groupBy(requests)].map(async ([groupKey, { sample, ids }]) => {
      const p = new SqlParams();
      const { joins, conditions } = activityWhere(ctx.viewer, sample.filter, p);
      const scopeColumn = sample.scope ? SCOPE_COLUMN[sample.scope] : null;
      if (scopeColumn) {
        conditions.push(ids.length === 1 ? `${scopeColumn} = ${p.add(ids[0], 'uuid')}` : `${scopeColumn} = ANY(${p.add(ids, 'uuid[]')})`);
      }
      const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
      const rows = await sql<{ scopeKey: string | null; n: number }>(
        ctx,
        scopeColumn
          ? `SELECT ${scopeColumn}::text AS "scopeKey", count(*)::int AS n FROM activity a ${joins} ${where} GROUP BY ${scopeColumn}`
          : `SELECT NULL AS "scopeKey", count(*)::int AS n FROM activity a ${joins} ${where}`,
        p.values,
      );
      const counts = new Map(rows.map((r) => [r.scopeKey ?? '', r.n]));
      if (!scopeColumn) result.set(resultKeyOf(groupKey, null), counts.get('') ?? 0);
      for (const id of ids) result.set(resultKeyOf(groupKey, id), counts.get(id) ?? 0);
    }),
  );
  return new Map(requests.map((r) => [JSON.stringify(r), result.get(resultKeyOf(groupKeyOf(r), r.scopeId)) ?? 0]));
}

/** Builds the connection from a page's rows; totalCount is counted only when a client asks for it. */
export function toActivityConnection(
  rows: ActivityRow[],
  request: ActivityPageRequest,
  countTotal: () => Promise<number>,
  prime?: (activity: Activity) => void,
): ActivityConnection {
  const visible = rows.slice(0, request.first);
  const edges = visible.map((row) => {
    const node = toActivity(row);
    prime?.(node);
    const key = request.orderBy === ActivityOrder.RELEVANCE ? [row.cursorRank!, row.cursorStart, row.id] : [row.cursorStart, row.id];
    return { cursor: encodeCursor(key), node };
  });
  const pageInfo: PageInfo = { hasNextPage: rows.length > request.first, endCursor: edges.length ? edges[edges.length - 1]!.cursor : null };
  return Object.assign(new ActivityConnection(), { edges, pageInfo, countTotal });
}

/** Co-organising partners of many activities in one query, by name. */
export async function partnersOfActivities(ctx: RequestContext, activityIds: readonly string[]): Promise<{ activityId: string; partner: Partner }[]> {
  const rows = await sql<PartnerEntity & { activityId: string }>(
    ctx,
    `SELECT ap.activity_id AS "activityId", p.id, p.name, p.kind, p.scope, p.website, p.description,
            p.municipality_code AS "municipalityCode", p.is_demo AS "isDemo", p.created_at AS "createdAt", p.updated_at AS "updatedAt"
       FROM activity_partner ap JOIN partner p ON p.id = ap.partner_id
      WHERE ap.activity_id = ANY($1::uuid[])
      ORDER BY p.name, p.id`,
    [activityIds.filter(isUuid)],
  );
  return rows.map((r) => ({ activityId: r.activityId, partner: toPartner(r) }));
}

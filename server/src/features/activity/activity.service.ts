import type { RequestContext } from '../../shared/context.js';
import { sql } from '../../shared/context.js';
import { geoPointOf, imageOf } from '../../shared/common.types.js';
import type { AccessibilityFeature, ActivityFormat, ActivityStatus, Audience, Channel } from '../../shared/enums.js';
import { BadUserInputError } from '../../shared/errors.js';
import { isUuid } from '../../shared/ids.js';
import { decodeCursor, encodeCursor, pageSize, type PageInfo } from '../../shared/pagination.js';
import { scopedCounts, scopedPage, scopedPages, type ReadAhead, type ScopedFrom } from '../../shared/scoped-pages.js';
import { SqlParams } from '../../shared/sql-params.js';
import type { Columns } from '../../shared/columns.js';
import { PARTNER_COLUMNS, PARTNER_TABLE, toPartner, type Partner, type PartnerRecord } from '../partner/index.js';
import {
  ACTIVITY_COLUMNS,
  ACTIVITY_PROPERTIES,
  activitySelectList,
  VENUE_PROPERTIES,
  type ActivityProperty,
  type ActivityRecord,
} from './activity.columns.js';
import {
  LIBRARY_TABLE,
  toLibrary,
  type Library,
  type LibraryRecord,
  type LibraryWithReadAhead,
} from '../library/index.js';
import { toMunicipality, type MunicipalityEntity } from '../reference/index.js';
import { Activity, ActivityConnection, ActivityOrder, Venue } from './activity.types.js';
import {
  activityVisibilitySql,
  activityWhere,
  normalizeActivityFilter,
  type ActivityFilter,
  type NormalizedActivityFilter,
} from './activity.filters.js';

/** Maps a database row (entity, or raw row selected with ACTIVITY_COLUMNS) to the public type. */
export function toActivity(e: ActivityRecord): Activity {
  // Assigned one by one: a page maps 50 rows, and an intermediate object per row is garbage.
  const a = new Activity();
  a.id = e.id;
  a.themeId = e.themeId;
  a.libraryId = e.libraryId;
  a.reportedAttendance = e.attendance;
  a.title = e.title;
  a.description = e.description;
  a.audiences = e.audiences as Audience[];
  a.format = e.format as ActivityFormat;
  a.channel = e.channel as Channel;
  a.venue = e.venueName ? toVenue(e) : null;
  a.accessibility = e.accessibility as AccessibilityFeature[];
  a.image = imageOf(e.imageUrl, e.imageAlt, e.imageCredit);
  a.startsAt = e.startsAt;
  a.endsAt = e.endsAt;
  a.capacity = e.capacity;
  a.signupUrl = e.signupUrl;
  a.priceDkk = e.priceDkk === null || e.priceDkk === undefined ? null : Number(e.priceDkk);
  a.status = e.status as ActivityStatus;
  a.cancellationReason = e.cancellationReason;
  a.version = e.version;
  a.createdAt = e.createdAt;
  a.updatedAt = e.updatedAt;
  return a;
}

function toVenue(e: ActivityRecord): Venue {
  const venue = new Venue();
  venue.name = e.venueName!;
  venue.address = e.venueAddress;
  venue.postalCode = e.venuePostalCode;
  venue.city = e.venueCity;
  venue.location = geoPointOf(e.latitude, e.longitude);
  return venue;
}

/** The start instant as text with microseconds: the cursor keeps the database's full precision. */
const CURSOR_START = `to_char(a.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorStart"`;
const CURSOR_START_FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

const RANK_FORMAT = /^\d+(\.\d+)?$/;

/** Columns that toLibrary and toPartner do not map, so they are not read ahead. */
type Bookkeeping = keyof LibraryRecord & keyof PartnerRecord;
const UNMAPPED: readonly string[] = ['isDemo', 'createdAt', 'updatedAt'] satisfies Bookkeeping[];

/** A table's mapped columns on `alias`, by property name. */
const aheadColumns = (table: Columns, alias: string): Readonly<Record<string, string>> =>
  Object.fromEntries(
    Object.entries(table)
      .filter(([property]) => !UNMAPPED.includes(property))
      .map(([property, { name }]) => [property, `${alias}.${name}`]),
  );

/** A library's columns by its record's property names (toLibrary maps them). */
const LIBRARY_AHEAD = aheadColumns(LIBRARY_TABLE, 'l');

/** A partner's columns by its record's property names (toPartner maps them). */
const PARTNER_AHEAD = aheadColumns(PARTNER_TABLE, 'ahp');

/** The properties each Library field reads; id and municipalityCode (for its field resolvers) always. */
const LIBRARY_FIELDS: Readonly<Record<string, readonly string[]>> = {
  __typename: [],
  id: [],
  municipality: [],
  activities: [],
  registrations: [],
  eventSources: [],
  isil: ['isil'],
  name: ['name'],
  isCentralLibrary: ['isCentralLibrary'],
  address: ['address'],
  postalCode: ['postalCode'],
  city: ['city'],
  location: ['latitude', 'longitude'],
  website: ['website'],
  email: ['email'],
};

/** The properties each Partner field reads; id and municipalityCode always. */
const PARTNER_FIELDS: Readonly<Record<string, readonly string[]>> = {
  __typename: [],
  id: [],
  municipality: [],
  name: ['name'],
  kind: ['kind'],
  scope: ['scope'],
  website: ['website'],
  description: ['description'],
};

const ALL_LIBRARY_PROPERTIES = Object.keys(LIBRARY_AHEAD);
const ALL_PARTNER_PROPERTIES = Object.keys(PARTNER_AHEAD);

/**
 * The properties the fields selected under `prefix` (in `paths`, see selectedPaths) read: `always`
 * plus those `fields` lists for each selected field, in the order of `all`; `all` itself when a
 * selected field is not in `fields` (a new field is read correctly before it is listed).
 */
function propertiesFor<P extends string>(
  paths: ReadonlySet<string>,
  prefix: string,
  fields: Readonly<Record<string, readonly P[]>>,
  always: readonly P[],
  all: readonly P[],
): readonly P[] {
  const needed = new Set<P>(always);
  for (const path of paths) {
    if (!path.startsWith(prefix)) continue;
    const field = path.slice(prefix.length);
    if (field.includes('.')) continue;
    const properties = fields[field];
    if (!properties) return all;
    for (const property of properties) needed.add(property);
  }
  return needed.size === all.length ? all : all.filter((property) => needed.has(property));
}

/** Library and partner properties read whatever is selected: the id, and the municipality for its field resolver. */
const AHEAD_ALWAYS = ['id', 'municipalityCode'];

/** The library properties read ahead for `edges.node.library` (all of them for JSON-LD). */
export function libraryPropertiesFor(paths: ReadonlySet<string>): readonly string[] {
  return paths.has('edges.node.jsonLd') || paths.has('edges.node.jsonLdScript')
    ? ALL_LIBRARY_PROPERTIES
    : propertiesFor(paths, 'edges.node.library.', LIBRARY_FIELDS, AHEAD_ALWAYS, ALL_LIBRARY_PROPERTIES);
}

/** The partner properties read ahead for `edges.node.partners`. */
export function partnerPropertiesFor(paths: ReadonlySet<string>): readonly string[] {
  return propertiesFor(paths, 'edges.node.partners.', PARTNER_FIELDS, AHEAD_ALWAYS, ALL_PARTNER_PROPERTIES);
}

/** The row key of a library property read ahead (a column of the page's row: no JSON to build or parse). */
const libraryKey = (property: string): `l.${string}` => `l.${property}`;
const MUNICIPALITY_AHEAD = { code: 'm.code', name: 'm.name', regionCode: 'm.region_code' } as const;
type MunicipalityProperty = keyof typeof MUNICIPALITY_AHEAD;
const municipalityKey = (property: MunicipalityProperty): `m.${string}` => `m.${property}`;

/** What a page of activities reads ahead (see ActivityReadAhead), over the page's rows `pg`. */
function activityReadAheadSql(ahead: ActivityReadAhead): { columns: string; joins: string } {
  const columns: string[] = [];
  const joins: string[] = [];
  if (ahead.library) {
    // The id is the row's libraryId.
    for (const property of ahead.library)
      if (property !== 'id') columns.push(`${LIBRARY_AHEAD[property]} AS "${libraryKey(property)}"`);
    joins.push(`JOIN library l ON l.id = pg."libraryId"`);
    if (ahead.municipality) {
      for (const [property, column] of Object.entries(MUNICIPALITY_AHEAD))
        columns.push(`${column} AS "${municipalityKey(property as MunicipalityProperty)}"`);
      joins.push('JOIN municipality m ON m.code = l.municipality_code');
    }
  }
  if (ahead.partners) {
    // Each partner as a JSON array of its properties in ahead.partners' order: cheaper to build
    // and to parse than an object per partner.
    columns.push(`app.list AS "aheadPartners"`);
    // One grouped pass over the links of the page's rows, not one lookup per row. The page's ids
    // as an array: an index look-up of those links (`IN (SELECT …)` let the planner hash-join
    // the whole link table, 25 ms on 100,000 activities).
    joins.push(`LEFT JOIN (
      SELECT ap.activity_id, json_agg(json_build_array(${ahead.partners.map((property) => PARTNER_AHEAD[property]).join(', ')}) ORDER BY ahp.name, ahp.id) AS list
        FROM activity_partner ap JOIN partner ahp ON ahp.id = ap.partner_id
       WHERE ap.activity_id = ANY(ARRAY(SELECT pg.id FROM pg))
       GROUP BY ap.activity_id) app ON app.activity_id = pg.id`);
  }
  return { columns: columns.join(', '), joins: joins.join('\n') };
}

export type ActivityRow = ActivityRecord & {
  /** The start instant with microseconds, for cursors; read only when a cursor is selected. */
  cursorStart?: string;
  cursorRank?: string;
  /**
   * Read ahead (single-parent pages): each partner's properties in `ActivityReadAhead.partners`'
   * order (null without partners); the library's under `l.<property>` and its municipality's under
   * `m.<property>` (see libraryKey, municipalityKey); the total.
   */
  aheadPartners?: unknown[][] | null;
  pageTotal?: number;
  [libraryOrMunicipality: `${'l' | 'm'}.${string}`]: unknown;
};

/**
 * An activity of a page that read its library and partners ahead. They hold only what this
 * page's fields select, so they stay on the activity (the fields under it read them) and are
 * never handed to the request's loaders, which other fields share.
 */
export interface ActivityWithReadAhead extends Activity {
  aheadLibrary?: Library;
  aheadPartners?: Partner[];
}

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
  const rows = await sql<ActivityRecord>(
    ctx,
    `SELECT ${ACTIVITY_COLUMNS} FROM activity a WHERE ${conditions.join(' AND ')}`,
    p.values,
  );
  return rows.map(toActivity);
}

/**
 * The row properties each Activity field reads (its field resolver's needs included). A field not
 * listed here reads every column, so a new field is correct before it is listed.
 */
const FIELD_COLUMNS: Readonly<Record<string, readonly ActivityProperty[]>> = {
  __typename: [],
  id: [],
  theme: [],
  library: [],
  partners: [],
  materials: [],
  source: [],
  startsAt: [],
  status: [],
  title: ['title'],
  description: ['description'],
  audiences: ['audiences'],
  format: ['format'],
  channel: ['channel'],
  // Its sub-fields' columns: VENUE_FIELDS.
  venue: [],
  accessibility: ['accessibility'],
  image: ['imageUrl', 'imageAlt', 'imageCredit'],
  endsAt: ['endsAt'],
  capacity: ['capacity'],
  signupUrl: ['signupUrl'],
  priceDkk: ['priceDkk'],
  cancellationReason: ['cancellationReason'],
  version: ['version'],
  createdAt: ['createdAt'],
  updatedAt: ['updatedAt'],
  attendance: ['attendance'],
};

/** The columns each Venue field reads; the name always (a venue without one is null). */
const VENUE_FIELDS: Readonly<Record<string, readonly ActivityProperty[]>> = {
  __typename: [],
  name: [],
  address: ['venueAddress'],
  postalCode: ['venuePostalCode'],
  city: ['venueCity'],
  location: ['latitude', 'longitude'],
};

/** Read for every row: the id, the parents that field resolvers load, the status and the order's start. */
const ROW_COLUMNS: readonly ActivityProperty[] = ['id', 'themeId', 'libraryId', 'status', 'startsAt'];

/**
 * The columns a page reads for the Activity fields selected under `prefix` (e.g. `edges.node.`
 * in `paths`, see selectedPaths): ACTIVITY_PROPERTIES itself when a field needs them all.
 */
export function activityColumnsFor(paths: ReadonlySet<string>, prefix: string): readonly ActivityProperty[] {
  const columns = propertiesFor(paths, prefix, FIELD_COLUMNS, ROW_COLUMNS, ACTIVITY_PROPERTIES);
  if (columns === ACTIVITY_PROPERTIES || !paths.has(`${prefix}venue`)) return columns;
  const needed = new Set([
    ...columns,
    ...propertiesFor(paths, `${prefix}venue.`, VENUE_FIELDS, ['venueName'], VENUE_PROPERTIES),
  ]);
  return ACTIVITY_PROPERTIES.filter((property) => needed.has(property));
}

/** What a connection field is restricted to by its parent (Theme.activities, Library.activities). */
export type ActivityScope = 'theme' | 'library';
const SCOPE_COLUMN: Record<ActivityScope, string> = { theme: 'a.theme_id', library: 'a.library_id' };

/** What a page reads ahead for the fields the client selects (see activityReadAhead). */
export interface ActivityReadAhead {
  /** The activity columns the selected fields read (ACTIVITY_PROPERTIES itself when all of them). */
  columns: readonly ActivityProperty[];
  /** totalCount: counted in the page's statement. */
  count: boolean;
  /** An edge's cursor or pageInfo.endCursor: the start instant is read as text for them. */
  cursors: boolean;
  /** edges.node.library: the library's properties read with each row; null when not selected. */
  library: readonly string[] | null;
  /** edges.node.library.municipality: read with each row. */
  municipality: boolean;
  /** edges.node.partners: the partners' properties read with each row; null when not selected. */
  partners: readonly string[] | null;
}

export const NO_READ_AHEAD: ActivityReadAhead = Object.freeze({
  columns: ACTIVITY_PROPERTIES,
  count: false,
  cursors: true,
  library: null,
  municipality: false,
  partners: null,
});

export interface ActivityPageRequest {
  readAhead: ActivityReadAhead;
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
    throw new BadUserInputError(
      '"after" is not a cursor from this list; use a pageInfo.endCursor or edge cursor you received.',
      'after',
    );
  }
  return key;
}

/** Validates the arguments of an activity connection field and turns them into a page request. */
export function activityPageRequest(
  args: {
    filter?: ActivityFilter | null;
    first?: number | null;
    after?: string | null;
    orderBy?: ActivityOrder | null;
  },
  scope: ActivityScope | null = null,
  scopeId: string | null = null,
  readAhead: ActivityReadAhead = NO_READ_AHEAD,
): ActivityPageRequest {
  const filter = normalizeActivityFilter(args.filter);
  const orderBy = args.orderBy ?? ActivityOrder.START_TIME;
  if (orderBy === ActivityOrder.RELEVANCE && !filter.search) {
    throw new BadUserInputError('"orderBy: RELEVANCE" needs a search: set filter.search as well.', 'orderBy');
  }
  return {
    readAhead,
    scope,
    scopeId,
    filter,
    first: pageSize(args.first),
    orderBy,
    after: decodeActivityCursor(args.after, orderBy),
  };
}

/** Requests that differ only in their parent (theme or library) share one statement. */
const parentOf = (r: ActivityCountRequest) => r.scopeId;
const withoutParent = (r: ActivityCountRequest) => ({ ...r, scopeId: null });

/**
 * The activities a request reads, before paging: its filter and the viewer's visibility. For its
 * total (`counted`), activity_tally's counts per theme, library and status where the conditions read
 * nothing else (a theme's or a library's visible activities, by status).
 */
function activityFrom(ctx: RequestContext, r: ActivityCountRequest, p: SqlParams, counted = false): ScopedFrom {
  const { joins, conditions, tallied } = activityWhere(ctx.viewer, r.filter, p);
  const parentColumn = r.scope ? SCOPE_COLUMN[r.scope] : null;
  if (counted && tallied) return { from: 'activity_tally a', conditions, parentColumn, total: 'sum(a.n)' };
  return { from: `activity a ${joins}`, conditions, parentColumn };
}

/**
 * Pages of activities for many page requests, in request order: one statement per group of
 * requests that share filter, page size, cursor and order (e.g. Theme.activities on every theme of
 * a list). Ordered by start, then id; with RELEVANCE by rank first.
 */
export function activityPages(ctx: RequestContext, requests: readonly ActivityPageRequest[]): Promise<ActivityRow[][]> {
  return scopedPages<ActivityPageRequest, ActivityRow>(ctx, requests, {
    parentOf,
    withoutParent,
    page(r, p) {
      const q = activityFrom(ctx, r, p);
      const ahead = r.readAhead;
      const readAhead = (ap: SqlParams): ReadAhead => {
        const { columns, joins } = activityReadAheadSql(ahead);
        return { columns, joins, count: ahead.count ? activityFrom(ctx, r, ap, true) : undefined };
      };
      const rank = r.orderBy === ActivityOrder.RELEVANCE ? rankSql(r.filter.search!, p) : null;
      if (r.after) {
        const [start, id] = r.after.slice(rank ? 1 : 0);
        const afterStart = `(a.starts_at, a.id) > (${p.add(start, 'timestamptz')}, ${p.add(id, 'uuid')})`;
        if (rank) {
          const last = p.add(r.after[0], 'numeric');
          q.conditions.push(`(${rank} < ${last} OR (${rank} = ${last} AND ${afterStart}))`);
        } else {
          q.conditions.push(afterStart);
        }
      }
      return scopedPage(q, {
        columns: ahead.cursors
          ? `${activitySelectList(ahead.columns)}, ${CURSOR_START}${rank ? `, ${rank}::text AS "cursorRank"` : ''}`
          : activitySelectList(ahead.columns),
        orderBy: `${rank ? `${rank} DESC, ` : ''}a.starts_at, a.id`,
        // startsAt and id are read for every row (ROW_COLUMNS); a relevance order numbers its rows.
        pageOrderBy: rank ? undefined : 'pg."startsAt", pg.id',
        limit: r.first + 1,
        readAhead: ahead.count || ahead.library || ahead.municipality || ahead.partners ? readAhead : undefined,
      });
    },
  });
}

/** totalCount of many connection fields, in request order: one (grouped) count per distinct filter. */
export function activityCounts(ctx: RequestContext, requests: readonly ActivityCountRequest[]): Promise<number[]> {
  return scopedCounts(ctx, requests, { parentOf, withoutParent, where: (r, p) => activityFrom(ctx, r, p, true) });
}

/** An edge of a page whose cursor is encoded only when a client selects it. */
class PageEdge {
  constructor(
    readonly node: Activity,
    private readonly row: ActivityRow,
    private readonly cursorOf: (row: ActivityRow) => string,
  ) {}

  get cursor(): string {
    return this.cursorOf(this.row);
  }
}

/**
 * The library of a page's row, from the columns read ahead: one object per library and page (a
 * library runs many of a page's activities).
 */
function libraryReader(properties: readonly string[], withMunicipality: boolean) {
  const keys = properties
    .filter((property) => property !== 'id')
    .map((property) => [property, libraryKey(property)] as const);
  const byId = new Map<string, LibraryWithReadAhead>();
  return (row: ActivityRow): LibraryWithReadAhead => {
    const id = row.libraryId;
    let library = byId.get(id);
    if (!library) {
      const record: Partial<Record<string, unknown>> = { id };
      for (const [property, key] of keys) record[property] = row[key];
      library = toLibrary(record as LibraryRecord);
      if (withMunicipality) {
        const municipality: MunicipalityEntity = {
          code: row[municipalityKey('code')] as number,
          name: row[municipalityKey('name')] as string,
          regionCode: row[municipalityKey('regionCode')] as string,
        };
        library.aheadMunicipality = toMunicipality(municipality);
      }
      byId.set(id, library);
    }
    return library;
  };
}

/** A partner read ahead: its properties' values in `properties`' order. */
function partnerOf(properties: readonly string[], values: unknown[]): Partner {
  const record: Partial<Record<string, unknown>> = {};
  for (let i = 0; i < properties.length; i++) record[properties[i]!] = values[i];
  return toPartner(record as PartnerRecord);
}

/** Builds the connection from a page's rows; totalCount is counted only when a client asks for it. */
export function toActivityConnection(
  rows: ActivityRow[],
  request: ActivityPageRequest,
  countTotal: () => Promise<number>,
): ActivityConnection {
  const visible = rows.slice(0, request.first);
  const cursorOf = (row: ActivityRow) =>
    encodeCursor(
      request.orderBy === ActivityOrder.RELEVANCE
        ? [row.cursorRank!, row.cursorStart!, row.id]
        : [row.cursorStart!, row.id],
    );
  // Read ahead only where the statement did (one parent, see ScopedPage.readAhead).
  const ahead = request.readAhead;
  const first = visible[0];
  const libraryOf =
    ahead.library && first && libraryKey('municipalityCode') in first
      ? libraryReader(ahead.library, ahead.municipality)
      : undefined;
  const partners = ahead.partners && first && 'aheadPartners' in first ? ahead.partners : undefined;
  const edges = visible.map((row) => {
    const node: ActivityWithReadAhead = toActivity(row);
    if (libraryOf) node.aheadLibrary = libraryOf(row);
    if (partners)
      node.aheadPartners = row.aheadPartners ? row.aheadPartners.map((values) => partnerOf(partners, values)) : [];
    return new PageEdge(node, row, cursorOf);
  });
  const last = visible[visible.length - 1];
  // Encoded only when selected, like an edge's cursor (the start instant's text is read only then).
  const pageInfo: PageInfo = {
    hasNextPage: rows.length > request.first,
    get endCursor() {
      return last ? cursorOf(last) : null;
    },
  };
  return Object.assign(new ActivityConnection(), { edges, pageInfo, countTotal });
}

/** Co-organising partners of many activities in one query, by name. */
export async function partnersOfActivities(
  ctx: RequestContext,
  activityIds: readonly string[],
): Promise<{ activityId: string; partner: Partner }[]> {
  const rows = await sql<PartnerRecord & { activityId: string }>(
    ctx,
    `SELECT ap.activity_id AS "activityId", ${PARTNER_COLUMNS}
       FROM activity_partner ap JOIN partner p ON p.id = ap.partner_id
      WHERE ap.activity_id = ANY($1::uuid[])
      ORDER BY p.name, p.id`,
    [activityIds.filter(isUuid)],
  );
  return rows.map((r) => ({ activityId: r.activityId, partner: toPartner(r) }));
}

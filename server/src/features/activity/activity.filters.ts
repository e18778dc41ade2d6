import { Field, Float, ID, InputType, Int } from 'type-graphql';
import type { Viewer } from '../../shared/context.js';
import { ActivityFormat, ActivityStatus, Audience, Channel, Region, Role } from '../../shared/enums.js';
import { ValidateNested } from 'class-validator';
import { checkId } from '../../shared/ids.js';
import { IsLatitude, IsLongitude, IsRadiusKm } from '../../shared/input-fields.js';
import { normalizeSearch } from '../../shared/search.js';
import type { SqlParams } from '../../shared/sql-params.js';
import { themeVisibleSql } from '../theme/index.js';

export const MAX_RADIUS_KM = 500;

@InputType({ description: 'A circle on the map: activities whose venue lies within radiusKm of the point.' })
export class GeoFilter {
  @Field(() => Float, { description: 'Latitude of the centre, −90 to 90.' })
  @IsLatitude()
  latitude: number;

  @Field(() => Float, { description: 'Longitude of the centre, −180 to 180.' })
  @IsLongitude()
  longitude: number;

  @Field(() => Float, { description: 'Radius in kilometres, more than 0 and at most 500 (great-circle distance).' })
  @IsRadiusKm(MAX_RADIUS_KM)
  radiusKm: number;
}

@InputType({
  description: 'Narrows a list of activities; all given fields must hold (AND). An empty list means no restriction.',
})
export class ActivityFilter {
  @Field(() => ID, { nullable: true, description: 'Only activities of this theme.' })
  themeId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only activities of the theme with this URL name, e.g. "vores-natur".',
  })
  themeSlug?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only activities organised by this library.' })
  libraryId?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Only activities of libraries in this municipality (official code, e.g. 851).',
  })
  municipalityCode?: number | null;

  @Field(() => Region, { nullable: true, description: 'Only activities of libraries in this region.' })
  region?: Region | null;

  @Field(() => [Audience], { nullable: true, description: 'Activities for any of these audiences.' })
  audiences?: Audience[] | null;

  @Field(() => [ActivityFormat], { nullable: true, description: 'Activities of any of these formats.' })
  formats?: ActivityFormat[] | null;

  @Field(() => [Channel], { nullable: true, description: 'Activities on any of these channels.' })
  channels?: Channel[] | null;

  @Field(() => ID, { nullable: true, description: 'Only activities this partner co-organises.' })
  partnerId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Activities that end at or after this instant.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Activities that start before this instant.' })
  to?: Date | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Danish full-text search over title and description (stemmed: 'fugle' finds 'fuglene'). Web-search syntax: \"exact phrase\", -without, or. At most 200 characters.",
  })
  search?: string | null;

  @Field(() => GeoFilter, { nullable: true, description: 'Only activities with a venue within this circle.' })
  @ValidateNested()
  near?: GeoFilter | null;

  @Field(() => [ActivityStatus], {
    nullable: true,
    description:
      'Narrows within what the caller may see. Anonymous callers and partner tokens see PUBLISHED and CANCELLED activities only; asking them for DRAFT gives nothing.',
  })
  statuses?: ActivityStatus[] | null;
}

/** Mean Earth radius (IUGG), km. */
export const EARTH_RADIUS_KM = 6371.0088;

/** A validated filter: plain data, safe to use as a cache key and to build SQL from. */
export interface NormalizedActivityFilter {
  themeId?: string;
  themeSlug?: string;
  libraryId?: string;
  municipalityCode?: number;
  region?: Region;
  audiences?: Audience[];
  formats?: ActivityFormat[];
  channels?: Channel[];
  partnerId?: string;
  /** ISO strings, so the filter serialises to a stable key. */
  from?: string;
  to?: string;
  search?: string;
  near?: { latitude: number; longitude: number; radiusKm: number };
  statuses?: ActivityStatus[];
}

function id(value: string | null | undefined, field: string, what: string): string | undefined {
  return value === null || value === undefined ? undefined : checkId(value, field, what);
}

function list<T extends string>(values: T[] | null | undefined): T[] | undefined {
  if (!values || values.length === 0) return undefined;
  return [...new Set(values)].sort();
}

/** Checks an ActivityFilter's ids and search (its ranges are checked on the input) and returns its normalised form. */
export function normalizeActivityFilter(
  filter: ActivityFilter | null | undefined,
  prefix = 'filter',
): NormalizedActivityFilter {
  const out: NormalizedActivityFilter = {};
  if (!filter) return out;
  const f = (name: string) => `${prefix}.${name}`;
  const themeId = id(filter.themeId, f('themeId'), 'theme');
  if (themeId) out.themeId = themeId;
  if (filter.themeSlug !== null && filter.themeSlug !== undefined) out.themeSlug = filter.themeSlug;
  const libraryId = id(filter.libraryId, f('libraryId'), 'library');
  if (libraryId) out.libraryId = libraryId;
  if (filter.municipalityCode !== null && filter.municipalityCode !== undefined)
    out.municipalityCode = filter.municipalityCode;
  if (filter.region) out.region = filter.region;
  const audiences = list(filter.audiences);
  if (audiences) out.audiences = audiences;
  const formats = list(filter.formats);
  if (formats) out.formats = formats;
  const channels = list(filter.channels);
  if (channels) out.channels = channels;
  const partnerId = id(filter.partnerId, f('partnerId'), 'partner');
  if (partnerId) out.partnerId = partnerId;
  if (filter.from) out.from = filter.from.toISOString();
  if (filter.to) out.to = filter.to.toISOString();
  const search = normalizeSearch(filter.search, f('search'));
  if (search) out.search = search;
  if (filter.near) {
    // Ranges are checked on the input (GeoFilter).
    const { latitude, longitude, radiusKm } = filter.near;
    out.near = { latitude, longitude, radiusKm };
  }
  const statuses = list(filter.statuses);
  if (statuses) out.statuses = statuses;
  return out;
}

/**
 * Who sees which activities, as SQL on alias `a`: anonymous callers and partners see published
 * and cancelled activities of published themes; library staff also their own library's drafts;
 * coordinators everything. Returns null when there is no restriction.
 */
export function activityVisibilitySql(viewer: Viewer, p: SqlParams, alias = 'a'): string | null {
  const publishedTheme = themeVisibleSql(viewer, `${alias}.theme_id`);
  if (publishedTheme === null) return null;
  if (viewer.role === Role.LIBRARY_STAFF && viewer.libraryId) {
    return `${publishedTheme} AND (${alias}.status <> 'DRAFT' OR ${alias}.library_id = ${p.add(viewer.libraryId, 'uuid')})`;
  }
  return `${publishedTheme} AND ${alias}.status <> 'DRAFT'`;
}

/** The bounding box of a circle, in degrees; longitude bounds are omitted where the box would wrap. */
export function boundingBox(latitude: number, longitude: number, radiusKm: number) {
  const angular = radiusKm / EARTH_RADIUS_KM;
  const dLat = (angular * 180) / Math.PI;
  const minLat = Math.max(-90, latitude - dLat);
  const maxLat = Math.min(90, latitude + dLat);
  if (maxLat >= 90 || minLat <= -90) return { minLat, maxLat };
  const dLon = (Math.asin(Math.min(1, Math.sin(angular) / Math.cos((latitude * Math.PI) / 180))) * 180) / Math.PI;
  if (longitude - dLon < -180 || longitude + dLon > 180) return { minLat, maxLat };
  return { minLat, maxLat, minLon: longitude - dLon, maxLon: longitude + dLon };
}

/** Great-circle (haversine) distance in km from the point to the activity's venue, as SQL. */
export function distanceSql(latParam: string, lonParam: string, alias = 'a'): string {
  return `(2 * ${EARTH_RADIUS_KM} * asin(least(1, sqrt(
      power(sin(radians(${alias}.latitude - ${latParam}) / 2), 2)
      + cos(radians(${latParam})) * cos(radians(${alias}.latitude))
        * power(sin(radians(${alias}.longitude - ${lonParam}) / 2), 2)))))`;
}

export interface ActivityWhere {
  /** JOIN clauses (library `l`, municipality `m`) the conditions need. */
  joins: string;
  conditions: string[];
  /**
   * The conditions read only theme_id, library_id and status (the visibility rule and these
   * filters): the rows can be counted from activity_tally under the same alias.
   */
  tallied: boolean;
}

/** Filter fields whose conditions read only columns that activity_tally has. */
const TALLIED_FILTERS: ReadonlySet<string> = new Set(['themeId', 'themeSlug', 'libraryId', 'statuses']);

/** Every filter field and the viewer's visibility as one set of WHERE conditions on alias `a`. */
export function activityWhere(viewer: Viewer, filter: NormalizedActivityFilter, p: SqlParams): ActivityWhere {
  const conditions: string[] = [];
  let needsLibrary = false;
  let needsMunicipality = false;
  const visibility = activityVisibilitySql(viewer, p);
  if (visibility) conditions.push(visibility);
  if (filter.themeId) conditions.push(`a.theme_id = ${p.add(filter.themeId, 'uuid')}`);
  if (filter.themeSlug !== undefined)
    conditions.push(`a.theme_id IN (SELECT s_t.id FROM theme s_t WHERE s_t.slug = ${p.add(filter.themeSlug, 'text')})`);
  if (filter.libraryId) conditions.push(`a.library_id = ${p.add(filter.libraryId, 'uuid')}`);
  if (filter.municipalityCode !== undefined) {
    needsLibrary = true;
    conditions.push(`l.municipality_code = ${p.add(filter.municipalityCode, 'int')}`);
  }
  if (filter.region) {
    needsLibrary = needsMunicipality = true;
    conditions.push(`m.region_code = ${p.add(filter.region, 'text')}`);
  }
  if (filter.audiences) conditions.push(`a.audiences && ${p.add(filter.audiences, 'text[]')}`);
  if (filter.formats) conditions.push(`a.format = ANY(${p.add(filter.formats, 'text[]')})`);
  if (filter.channels) conditions.push(`a.channel = ANY(${p.add(filter.channels, 'text[]')})`);
  if (filter.partnerId) {
    conditions.push(
      `EXISTS (SELECT 1 FROM activity_partner f_ap WHERE f_ap.activity_id = a.id AND f_ap.partner_id = ${p.add(filter.partnerId, 'uuid')})`,
    );
  }
  if (filter.from) conditions.push(`a.ends_at >= ${p.add(filter.from, 'timestamptz')}`);
  if (filter.to) conditions.push(`a.starts_at < ${p.add(filter.to, 'timestamptz')}`);
  if (filter.search)
    conditions.push(`a.search_vector @@ websearch_to_tsquery('danish', ${p.add(filter.search, 'text')})`);
  if (filter.near) {
    const { latitude, longitude, radiusKm } = filter.near;
    const box = boundingBox(latitude, longitude, radiusKm);
    // The box uses the (latitude, longitude) index; the haversine distance decides.
    conditions.push(`a.latitude BETWEEN ${p.add(box.minLat, 'float8')} AND ${p.add(box.maxLat, 'float8')}`);
    if (box.minLon !== undefined)
      conditions.push(`a.longitude BETWEEN ${p.add(box.minLon, 'float8')} AND ${p.add(box.maxLon, 'float8')}`);
    conditions.push(
      `${distanceSql(p.add(latitude, 'float8'), p.add(longitude, 'float8'))} <= ${p.add(radiusKm, 'float8')}`,
    );
  }
  if (filter.statuses) conditions.push(`a.status = ANY(${p.add(filter.statuses, 'text[]')})`);
  const joins = [
    needsLibrary ? 'JOIN library l ON l.id = a.library_id' : '',
    needsMunicipality ? 'JOIN municipality m ON m.code = l.municipality_code' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const tallied = Object.entries(filter).every(([field, value]) => value == null || TALLIED_FILTERS.has(field));
  return { joins, conditions, tallied };
}

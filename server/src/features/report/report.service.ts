import type { RequestContext } from '../../shared/context.js';
import { sql } from '../../shared/context.js';
import { ActivityFormat, Audience, Channel, PartnerKind, Region } from '../../shared/enums.js';
import { NotFoundError } from '../../shared/errors.js';
import { checkId } from '../../shared/ids.js';
import { Library, libraryLoader } from '../library/index.js';
import { Municipality } from '../reference/index.js';
import { themeLoader } from '../theme/index.js';
import { toCsv, type CsvDelimiter } from './report.csv.js';
import { KeyCount, RegionCoverage, ThemeReport, WeekCount } from './report.types.js';

/** The activities a report counts: published and cancelled, never drafts. */
const COUNTED = `SELECT * FROM activity WHERE theme_id = $1 AND status IN ('PUBLISHED', 'CANCELLED')`;

/** Registered (not withdrawn) libraries of the theme with their municipality. */
const REGISTERED = `
  SELECT r.library_id, l.municipality_code, m.region_code
    FROM registration r
    JOIN library l ON l.id = r.library_id
    JOIN municipality m ON m.code = l.municipality_code
   WHERE r.theme_id = $1 AND r.status = 'REGISTERED'`;

interface Totals {
  registered_libraries: number;
  municipalities_covered: number;
  municipalities_total: number;
  activities_total: number;
  activities_cancelled: number;
  attendance_total: number;
}

async function totals(ctx: RequestContext, themeId: string): Promise<Totals> {
  const [row] = await sql<Totals>(
    ctx,
    `WITH reg AS (${REGISTERED}), act AS (${COUNTED})
     SELECT (SELECT count(*) FROM reg)::int AS registered_libraries,
            (SELECT count(DISTINCT municipality_code) FROM reg)::int AS municipalities_covered,
            (SELECT count(*) FROM municipality)::int AS municipalities_total,
            (SELECT count(*) FROM act)::int AS activities_total,
            (SELECT count(*) FROM act WHERE status = 'CANCELLED')::int AS activities_cancelled,
            (SELECT coalesce(sum(attendance), 0) FROM act)::int AS attendance_total`,
    [themeId],
  );
  return row!;
}

async function coverageByRegion(ctx: RequestContext, themeId: string): Promise<RegionCoverage[]> {
  const rows = await sql<{
    region: string;
    registered_libraries: number;
    municipalities_covered: number;
    municipalities_total: number;
    activities: number;
  }>(
    ctx,
    `WITH reg AS (${REGISTERED}), act AS (${COUNTED})
     SELECT rg.code AS region,
            coalesce(r.libraries, 0)::int AS registered_libraries,
            coalesce(r.municipalities, 0)::int AS municipalities_covered,
            coalesce(m.total, 0)::int AS municipalities_total,
            coalesce(a.activities, 0)::int AS activities
       FROM region rg
       LEFT JOIN (SELECT region_code, count(*) AS total FROM municipality GROUP BY region_code) m ON m.region_code = rg.code
       LEFT JOIN (SELECT region_code, count(*) AS libraries, count(DISTINCT municipality_code) AS municipalities
                    FROM reg GROUP BY region_code) r ON r.region_code = rg.code
       LEFT JOIN (SELECT mu.region_code, count(*) AS activities
                    FROM act JOIN library l ON l.id = act.library_id JOIN municipality mu ON mu.code = l.municipality_code
                   GROUP BY mu.region_code) a ON a.region_code = rg.code
      ORDER BY rg.official_code`,
    [themeId],
  );
  return rows.map((r) =>
    Object.assign(new RegionCoverage(), {
      region: r.region as Region,
      registeredLibraries: r.registered_libraries,
      municipalitiesCovered: r.municipalities_covered,
      municipalitiesTotal: r.municipalities_total,
      activities: r.activities,
    }),
  );
}

interface Breakdowns {
  audience: KeyCount[];
  format: KeyCount[];
  channel: KeyCount[];
  partnerKind: KeyCount[];
}

/** Every enumeration breakdown in one grouped query; every value listed in enum order, also with 0. */
async function breakdowns(ctx: RequestContext, themeId: string): Promise<Breakdowns> {
  const rows = await sql<{ dimension: keyof Breakdowns; key: string; count: number }>(
    ctx,
    `WITH act AS (${COUNTED}),
          theme_partners AS (
            SELECT partner_id FROM theme_partner WHERE theme_id = $1
             UNION
            SELECT ap.partner_id FROM activity_partner ap JOIN act ON act.id = ap.activity_id),
          breakdown AS (
            SELECT 'audience' AS dimension, k.key, k.ord, count(act.id) AS count
              FROM unnest($2::text[]) WITH ORDINALITY AS k(key, ord) LEFT JOIN act ON k.key = ANY(act.audiences)
             GROUP BY k.key, k.ord
             UNION ALL
            SELECT 'format', k.key, k.ord, count(act.id)
              FROM unnest($3::text[]) WITH ORDINALITY AS k(key, ord) LEFT JOIN act ON act.format = k.key
             GROUP BY k.key, k.ord
             UNION ALL
            SELECT 'channel', k.key, k.ord, count(act.id)
              FROM unnest($4::text[]) WITH ORDINALITY AS k(key, ord) LEFT JOIN act ON act.channel = k.key
             GROUP BY k.key, k.ord
             UNION ALL
            SELECT 'partnerKind', k.key, k.ord, count(p.id)
              FROM unnest($5::text[]) WITH ORDINALITY AS k(key, ord)
              LEFT JOIN (SELECT partner.id, partner.kind FROM partner JOIN theme_partners tp ON tp.partner_id = partner.id) p ON p.kind = k.key
             GROUP BY k.key, k.ord)
     SELECT dimension, key, count::int AS count FROM breakdown ORDER BY dimension, ord`,
    [
      themeId,
      Object.values(Audience),
      Object.values(ActivityFormat),
      Object.values(Channel),
      Object.values(PartnerKind),
    ],
  );
  const result: Breakdowns = { audience: [], format: [], channel: [], partnerKind: [] };
  for (const r of rows) result[r.dimension].push(Object.assign(new KeyCount(), { key: r.key, count: r.count }));
  return result;
}

/** Counted activities by the ISO week of their start in Copenhagen; every week of the theme listed. */
async function activitiesByWeek(ctx: RequestContext, themeId: string): Promise<WeekCount[]> {
  const rows = await sql<{ iso_year: number; iso_week: number; count: number }>(
    ctx,
    `WITH act AS (${COUNTED}),
          counted AS (
            SELECT extract(isoyear FROM starts_at AT TIME ZONE 'Europe/Copenhagen')::int AS iso_year,
                   extract(week FROM starts_at AT TIME ZONE 'Europe/Copenhagen')::int AS iso_week,
                   count(*)::int AS count
              FROM act GROUP BY 1, 2),
          weeks AS (
            SELECT extract(isoyear FROM d)::int AS iso_year, extract(week FROM d)::int AS iso_week
              FROM theme t, generate_series(t.starts_on::timestamp, t.ends_on::timestamp, interval '7 days') AS d
             WHERE t.id = $1)
     SELECT coalesce(c.iso_year, w.iso_year) AS iso_year, coalesce(c.iso_week, w.iso_week) AS iso_week, coalesce(c.count, 0)::int AS count
       FROM counted c FULL JOIN weeks w ON w.iso_year = c.iso_year AND w.iso_week = c.iso_week
      ORDER BY 1, 2`,
    [themeId],
  );
  return rows.map((r) => Object.assign(new WeekCount(), { isoYear: r.iso_year, isoWeek: r.iso_week, count: r.count }));
}

async function municipalitiesWithoutRegistration(ctx: RequestContext, themeId: string): Promise<Municipality[]> {
  const rows = await sql<{ code: number; name: string; region_code: string }>(
    ctx,
    `WITH reg AS (${REGISTERED})
     SELECT m.code, m.name, m.region_code FROM municipality m
      WHERE NOT EXISTS (SELECT 1 FROM reg WHERE reg.municipality_code = m.code)
      ORDER BY m.name`,
    [themeId],
  );
  return rows.map((r) =>
    Object.assign(new Municipality(), { code: r.code, name: r.name, region: r.region_code as Region }),
  );
}

async function librariesWithoutActivities(ctx: RequestContext, themeId: string): Promise<Library[]> {
  const rows = await sql<{ library_id: string }>(
    ctx,
    `WITH reg AS (${REGISTERED})
     SELECT reg.library_id FROM reg JOIN library l ON l.id = reg.library_id
      WHERE NOT EXISTS (SELECT 1 FROM activity a WHERE a.theme_id = $1 AND a.library_id = reg.library_id AND a.status = 'PUBLISHED')
      ORDER BY l.name, l.id`,
    [themeId],
  );
  const libraries = await ctx.loaders.get(libraryLoader).loadMany(rows.map((r) => r.library_id));
  return libraries.filter((l): l is Library => l !== null && !(l instanceof Error));
}

/**
 * The coordinators' report of a theme: every figure from grouped SQL (the CSV is made from them
 * by reportCsv, only when asked for). Coordinators only: the resolver's
 * `@Authorized('COORDINATOR')` checks that.
 */
export async function themeReport(ctx: RequestContext, themeId: string): Promise<ThemeReport> {
  checkId(themeId, 'themeId', 'theme');
  const theme = await ctx.loaders.get(themeLoader).load(themeId);
  if (!theme) throw new NotFoundError('No theme with this id.', 'themeId');
  const [t, regions, b, weeks, uncovered, idle] = await Promise.all([
    totals(ctx, themeId),
    coverageByRegion(ctx, themeId),
    breakdowns(ctx, themeId),
    activitiesByWeek(ctx, themeId),
    municipalitiesWithoutRegistration(ctx, themeId),
    librariesWithoutActivities(ctx, themeId),
  ]);
  return Object.assign(new ThemeReport(), {
    theme,
    registeredLibraries: t.registered_libraries,
    municipalitiesCovered: t.municipalities_covered,
    municipalitiesTotal: t.municipalities_total,
    coverageByRegion: regions,
    municipalitiesWithoutRegistration: uncovered,
    librariesWithoutActivities: idle,
    activitiesTotal: t.activities_total,
    activitiesCancelled: t.activities_cancelled,
    activitiesByAudience: b.audience,
    activitiesByFormat: b.format,
    activitiesByChannel: b.channel,
    activitiesByWeek: weeks,
    partnersByKind: b.partnerKind,
    attendanceTotal: t.attendance_total,
  });
}

/** The report's figures as CSV sections, one per table; `;`-separated for Danish Excel when asked. */
export function reportCsv(r: ThemeReport, delimiter: CsvDelimiter = ','): string {
  const keyCounts = (title: string, key: string, rows: KeyCount[]) => ({
    title,
    header: [key, 'count'],
    rows: rows.map((k) => [k.key, k.count]),
  });
  return toCsv(
    [
      {
        title: `Theme ${r.theme.number}: ${r.theme.title} (${r.theme.year}, weeks ${r.theme.startWeek}–${r.theme.endWeek})`,
        header: ['figure', 'value'],
        rows: [
          ['registeredLibraries', r.registeredLibraries],
          ['municipalitiesCovered', r.municipalitiesCovered],
          ['municipalitiesTotal', r.municipalitiesTotal],
          ['activitiesTotal', r.activitiesTotal],
          ['activitiesCancelled', r.activitiesCancelled],
          ['attendanceTotal', r.attendanceTotal],
        ],
      },
      {
        title: 'Coverage by region',
        header: ['region', 'registeredLibraries', 'municipalitiesCovered', 'municipalitiesTotal', 'activities'],
        rows: r.coverageByRegion.map((c) => [
          c.region,
          c.registeredLibraries,
          c.municipalitiesCovered,
          c.municipalitiesTotal,
          c.activities,
        ]),
      },
      {
        title: 'Municipalities without registration',
        header: ['code', 'name', 'region'],
        rows: r.municipalitiesWithoutRegistration.map((m) => [m.code, m.name, m.region]),
      },
      {
        title: 'Libraries without activities',
        header: ['id', 'isil', 'name', 'municipalityCode'],
        rows: r.librariesWithoutActivities.map((l) => [l.id, l.isil, l.name, l.municipalityCode]),
      },
      keyCounts('Activities by audience', 'audience', r.activitiesByAudience),
      keyCounts('Activities by format', 'format', r.activitiesByFormat),
      keyCounts('Activities by channel', 'channel', r.activitiesByChannel),
      {
        title: 'Activities by week',
        header: ['isoYear', 'isoWeek', 'count'],
        rows: r.activitiesByWeek.map((w) => [w.isoYear, w.isoWeek, w.count]),
      },
      keyCounts('Partners by kind', 'kind', r.partnersByKind),
    ],
    delimiter,
  );
}

/**
 * Loads the reference data (regions, municipalities) and, unless told not to, the demo season
 * (Tema 11 "Vores natur" and its surroundings; see demo-data.ts for what is public record and
 * what is invented).
 *
 * Idempotent: every row has a deterministic id (UUID v5 of a natural key) and is written with
 * `INSERT … ON CONFLICT (key) DO UPDATE`, so seeding again rewrites the same rows with the same
 * values. One set-based statement per table: the rows travel as a single JSON parameter and
 * are expanded with jsonb_to_recordset, which PostgreSQL and PGlite both support.
 *
 * Re-seeding resets seeded rows to their seeded values (edits made through the API to demo rows
 * are overwritten); rows created through the API are never touched. A seeded row whose natural key
 * (ISIL, theme number or slug, partner name, material title, one registration per library and
 * theme) is already taken by a row with another id is skipped, and so are its dependent rows.
 *
 * The caller owns the transaction: pass a query runner inside one to make seeding atomic.
 */
import { seedColumns, type SeedRow } from '../../shared/columns.js';
import { ACTIVITY_TABLE } from '../../features/activity/activity.columns.js';
import { ACTIVITY_MATERIAL_TABLE, ACTIVITY_PARTNER_TABLE } from '../../features/activity/activity.entity.js';
import { LIBRARY_TABLE } from '../../features/library/library.columns.js';
import { MATERIAL_TABLE, THEME_MATERIAL_TABLE } from '../../features/material/material.columns.js';
import { NOTICE_TABLE } from '../../features/notice/notice.columns.js';
import { PARTNER_TABLE } from '../../features/partner/partner.columns.js';
import { MUNICIPALITY_TABLE, REGION_TABLE } from '../../features/reference/reference.columns.js';
import { REGISTRATION_TABLE } from '../../features/registration/registration.columns.js';
import { THEME_PARTNER_TABLE, THEME_TABLE } from '../../features/theme/theme.columns.js';
import { buildDemoDataset, type DemoDataset } from './demo-data.js';
import { MUNICIPALITIES, REGIONS } from './reference-data.js';

export { buildDemoDataset, DEMO_THEME_SLUG } from './demo-data.js';
export type { DemoDataset } from './demo-data.js';
export { MUNICIPALITIES, REGIONS } from './reference-data.js';
export type { MunicipalityRecord, RegionCode, RegionRecord } from './reference-data.js';
export { seedId, uuidV5, SEED_NAMESPACE } from './uuid.js';

/**
 * Anything that runs SQL with positional parameters: TypeORM's `DataSource.query` and
 * `QueryRunner.query` (which return the rows), or a `pg` client or pool (which return `{ rows }`).
 */
export interface SeedQueryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export interface SeedOptions {
  /** Load the demo season as well as the reference data. Default true. */
  demo?: boolean;
}

/** Rows written (inserted or updated) per table by one seeding run. */
export interface SeedSummary {
  regions: number;
  municipalities: number;
  libraries: number;
  themes: number;
  partners: number;
  themePartners: number;
  materials: number;
  themeMaterials: number;
  registrations: number;
  activities: number;
  activityPartners: number;
  activityMaterials: number;
  notices: number;
}

interface TableSpec {
  table: string;
  /** Column name → SQL type, from the table's column map (every column but the generated ones). */
  columns: Record<string, string>;
  /** The conflict target: the primary key. */
  key: readonly string[];
  /** Only rows of the source (alias `x`) that satisfy this are written. */
  where?: string;
}

const exists = (table: string, column: string, value: string) =>
  `EXISTS (SELECT 1 FROM ${table} p WHERE p.${column} = x.${value})`;

const REGION: TableSpec = {
  table: 'region',
  columns: seedColumns('region', REGION_TABLE),
  key: ['code'],
};

const MUNICIPALITY: TableSpec = {
  table: 'municipality',
  columns: seedColumns('municipality', MUNICIPALITY_TABLE),
  key: ['code'],
};

const LIBRARY: TableSpec = {
  table: 'library',
  columns: seedColumns('library', LIBRARY_TABLE),
  key: ['id'],
  where: 'NOT EXISTS (SELECT 1 FROM library o WHERE o.isil = x.isil AND o.id <> x.id)',
};

const THEME: TableSpec = {
  table: 'theme',
  columns: seedColumns('theme', THEME_TABLE),
  key: ['id'],
  where: 'NOT EXISTS (SELECT 1 FROM theme o WHERE (o.number = x.number OR o.slug = x.slug) AND o.id <> x.id)',
};

const PARTNER: TableSpec = {
  table: 'partner',
  columns: seedColumns('partner', PARTNER_TABLE),
  key: ['id'],
  where: `NOT EXISTS (SELECT 1 FROM partner o WHERE lower(o.name) = lower(x.name)
            AND coalesce(o.municipality_code, 0) = coalesce(x.municipality_code, 0) AND o.id <> x.id)`,
};

const THEME_PARTNER: TableSpec = {
  table: 'theme_partner',
  columns: seedColumns('theme_partner', THEME_PARTNER_TABLE),
  key: ['theme_id', 'partner_id'],
  where: `${exists('theme', 'id', 'theme_id')} AND ${exists('partner', 'id', 'partner_id')}`,
};

const MATERIAL: TableSpec = {
  table: 'material',
  columns: seedColumns('material', MATERIAL_TABLE),
  key: ['id'],
  where: `NOT EXISTS (SELECT 1 FROM material o WHERE lower(o.title) = lower(x.title)
            AND coalesce(lower(o.creator), '') = coalesce(lower(x.creator), '') AND o.id <> x.id)`,
};

const THEME_MATERIAL: TableSpec = {
  table: 'theme_material',
  columns: seedColumns('theme_material', THEME_MATERIAL_TABLE),
  key: ['theme_id', 'material_id'],
  where: `${exists('theme', 'id', 'theme_id')} AND ${exists('material', 'id', 'material_id')}`,
};

const REGISTRATION: TableSpec = {
  table: 'registration',
  columns: seedColumns('registration', REGISTRATION_TABLE),
  key: ['id'],
  where: `${exists('theme', 'id', 'theme_id')} AND ${exists('library', 'id', 'library_id')}
          AND NOT EXISTS (SELECT 1 FROM registration o
                          WHERE o.theme_id = x.theme_id AND o.library_id = x.library_id AND o.id <> x.id)`,
};

const ACTIVITY: TableSpec = {
  table: 'activity',
  columns: seedColumns('activity', ACTIVITY_TABLE),
  key: ['id'],
  where: `${exists('theme', 'id', 'theme_id')} AND ${exists('library', 'id', 'library_id')}`,
};

const ACTIVITY_PARTNER: TableSpec = {
  table: 'activity_partner',
  columns: seedColumns('activity_partner', ACTIVITY_PARTNER_TABLE),
  key: ['activity_id', 'partner_id'],
  where: `${exists('activity', 'id', 'activity_id')} AND ${exists('partner', 'id', 'partner_id')}`,
};

const ACTIVITY_MATERIAL: TableSpec = {
  table: 'activity_material',
  columns: seedColumns('activity_material', ACTIVITY_MATERIAL_TABLE),
  key: ['activity_id', 'material_id'],
  where: `${exists('activity', 'id', 'activity_id')} AND ${exists('material', 'id', 'material_id')}`,
};

const NOTICE: TableSpec = {
  table: 'notice',
  columns: seedColumns('notice', NOTICE_TABLE),
  key: ['id'],
};

/** The rows of a query result, whichever driver ran it. */
function rowsOf(result: unknown): Record<string, unknown>[] {
  if (Array.isArray(result)) return result as Record<string, unknown>[];
  const rows = (result as { rows?: unknown } | null | undefined)?.rows;
  return Array.isArray(rows) ? (rows as Record<string, unknown>[]) : [];
}

/** Upserts `rows` into `spec.table` in one statement; returns how many rows were written. */
async function upsert(q: SeedQueryable, spec: TableSpec, rows: readonly object[]): Promise<number> {
  if (rows.length === 0) return 0;
  const names = Object.keys(spec.columns);
  const record = names.map((c) => `${c} ${spec.columns[c]}`).join(', ');
  const list = names.join(', ');
  const nonKey = names.filter((c) => !spec.key.includes(c));
  // A link table has only key columns; a no-op update still reports the row as written.
  const set = (nonKey.length > 0 ? nonKey : [spec.key[spec.key.length - 1]!])
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', ');
  const sql = `
    WITH written AS (
      INSERT INTO ${spec.table} (${list})
      SELECT ${list} FROM jsonb_to_recordset($1::jsonb) AS x(${record})
      ${spec.where ? `WHERE ${spec.where}` : ''}
      ON CONFLICT (${spec.key.join(', ')}) DO UPDATE SET ${set}
      RETURNING 1
    )
    SELECT count(*)::int AS count FROM written`;
  const [row] = rowsOf(await q.query(sql, [JSON.stringify(rows)]));
  return Number(row?.count ?? 0);
}

/**
 * Seeds the database. Reference data always; the demo season unless `options.demo === false`.
 * Safe to run any number of times. Expects the schema of the initial migration.
 */
export async function seed(q: SeedQueryable, options: SeedOptions = {}): Promise<SeedSummary> {
  const summary: SeedSummary = {
    regions: 0,
    municipalities: 0,
    libraries: 0,
    themes: 0,
    partners: 0,
    themePartners: 0,
    materials: 0,
    themeMaterials: 0,
    registrations: 0,
    activities: 0,
    activityPartners: 0,
    activityMaterials: 0,
    notices: 0,
  };

  summary.regions = await upsert(
    q,
    REGION,
    REGIONS.map((r): SeedRow<typeof REGION_TABLE> => ({
      code: r.code,
      official_code: r.officialCode,
      name: r.name,
    })),
  );
  summary.municipalities = await upsert(
    q,
    MUNICIPALITY,
    MUNICIPALITIES.map((m): SeedRow<typeof MUNICIPALITY_TABLE> => ({
      code: m.code,
      name: m.name,
      region_code: m.region,
    })),
  );
  if (options.demo === false) return summary;

  const data: DemoDataset = buildDemoDataset();
  // Parents before children: the child statements only write rows whose parents exist.
  summary.libraries = await upsert(q, LIBRARY, data.libraries);
  summary.themes = await upsert(q, THEME, data.themes);
  summary.partners = await upsert(q, PARTNER, data.partners);
  summary.themePartners = await upsert(q, THEME_PARTNER, data.themePartners);
  summary.materials = await upsert(q, MATERIAL, data.materials);
  summary.themeMaterials = await upsert(q, THEME_MATERIAL, data.themeMaterials);
  summary.registrations = await upsert(q, REGISTRATION, data.registrations);
  summary.activities = await upsert(q, ACTIVITY, data.activities);
  summary.activityPartners = await upsert(q, ACTIVITY_PARTNER, data.activityPartners);
  summary.activityMaterials = await upsert(q, ACTIVITY_MATERIAL, data.activityMaterials);
  summary.notices = await upsert(q, NOTICE, data.notices);
  return summary;
}

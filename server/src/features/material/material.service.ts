import type { RequestContext } from '../../shared/context.js';
import { sql } from '../../shared/context.js';
import type { Audience, MaterialKind } from '../../shared/enums.js';
import { Material } from './material.types.js';

interface MaterialRow {
  owner_id: string;
  id: string;
  kind: string;
  title: string;
  creator: string | null;
  isbn: string | null;
  url: string | null;
  audiences: string[];
}

function toMaterial(r: MaterialRow): Material {
  return Object.assign(new Material(), {
    id: r.id,
    kind: r.kind as MaterialKind,
    title: r.title,
    creator: r.creator,
    isbn: r.isbn,
    url: r.url,
    audiences: r.audiences as Audience[],
  });
}

const MATERIAL_COLUMNS = 'm.id, m.kind, m.title, m.creator, m.isbn, m.url, m.audiences';

/** Materials of several themes in one query, in the theme's order. */
export async function materialsOfThemes(
  ctx: RequestContext,
  themeIds: readonly string[],
): Promise<{ ownerId: string; material: Material }[]> {
  const rows = await sql<MaterialRow>(
    ctx,
    `SELECT tm.theme_id AS owner_id, ${MATERIAL_COLUMNS}
       FROM theme_material tm JOIN material m ON m.id = tm.material_id
      WHERE tm.theme_id = ANY($1::uuid[])
      ORDER BY tm.position, m.title, m.id`,
    [themeIds],
  );
  return rows.map((r) => ({ ownerId: r.owner_id, material: toMaterial(r) }));
}

/** Materials of several activities in one query. */
export async function materialsOfActivities(
  ctx: RequestContext,
  activityIds: readonly string[],
): Promise<{ ownerId: string; material: Material }[]> {
  const rows = await sql<MaterialRow>(
    ctx,
    `SELECT am.activity_id AS owner_id, ${MATERIAL_COLUMNS}
       FROM activity_material am JOIN material m ON m.id = am.material_id
      WHERE am.activity_id = ANY($1::uuid[])
      ORDER BY m.title, m.id`,
    [activityIds],
  );
  return rows.map((r) => ({ ownerId: r.owner_id, material: toMaterial(r) }));
}

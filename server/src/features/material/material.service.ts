import type { RequestContext } from '../../shared/context.js';
import { sql } from '../../shared/context.js';
import type { Audience, MaterialKind } from '../../shared/enums.js';
import { MATERIAL_COLUMNS, type MaterialRecord } from './material.columns.js';
import { Material } from './material.types.js';

/** A material with the theme or activity it belongs to. */
type OwnedMaterial = MaterialRecord & { ownerId: string };

function toMaterial(r: MaterialRecord): Material {
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

/** Materials of several themes in one query, in the theme's order. */
export async function materialsOfThemes(
  ctx: RequestContext,
  themeIds: readonly string[],
): Promise<{ ownerId: string; material: Material }[]> {
  const rows = await sql<OwnedMaterial>(
    ctx,
    `SELECT tm.theme_id AS "ownerId", ${MATERIAL_COLUMNS}
       FROM theme_material tm JOIN material m ON m.id = tm.material_id
      WHERE tm.theme_id = ANY($1::uuid[])
      ORDER BY tm.position, m.title, m.id`,
    [themeIds],
  );
  return rows.map((r) => ({ ownerId: r.ownerId, material: toMaterial(r) }));
}

/** Materials of several activities in one query. */
export async function materialsOfActivities(
  ctx: RequestContext,
  activityIds: readonly string[],
): Promise<{ ownerId: string; material: Material }[]> {
  const rows = await sql<OwnedMaterial>(
    ctx,
    `SELECT am.activity_id AS "ownerId", ${MATERIAL_COLUMNS}
       FROM activity_material am JOIN material m ON m.id = am.material_id
      WHERE am.activity_id = ANY($1::uuid[])
      ORDER BY m.title, m.id`,
    [activityIds],
  );
  return rows.map((r) => ({ ownerId: r.ownerId, material: toMaterial(r) }));
}

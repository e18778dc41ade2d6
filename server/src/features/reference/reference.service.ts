import { sql, type RequestContext } from '../../shared/context.js';
import { Region } from '../../shared/enums.js';
import {
  MUNICIPALITY_COLUMNS,
  REGION_COLUMNS,
  type MunicipalityRecord,
  type RegionRecord,
} from './reference.columns.js';
import { Municipality, RegionInfo } from './reference.types.js';

export function toMunicipality(e: MunicipalityRecord): Municipality {
  const municipality = new Municipality();
  municipality.code = e.code;
  municipality.name = e.name;
  municipality.region = e.regionCode as Region;
  return municipality;
}

export async function listMunicipalities(ctx: RequestContext, region?: Region | null): Promise<Municipality[]> {
  const rows = region
    ? await sql<MunicipalityRecord>(
        ctx,
        `SELECT ${MUNICIPALITY_COLUMNS} FROM municipality m WHERE m.region_code = $1 ORDER BY m.name`,
        [region],
      )
    : await sql<MunicipalityRecord>(ctx, `SELECT ${MUNICIPALITY_COLUMNS} FROM municipality m ORDER BY m.name`);
  return rows.map(toMunicipality);
}

export async function municipalitiesByCodes(ctx: RequestContext, codes: readonly number[]): Promise<Municipality[]> {
  const rows = await sql<MunicipalityRecord>(
    ctx,
    `SELECT ${MUNICIPALITY_COLUMNS} FROM municipality m WHERE m.code = ANY($1::int[])`,
    [codes],
  );
  return rows.map(toMunicipality);
}

export async function municipalitiesOfRegions(
  ctx: RequestContext,
  regions: readonly Region[],
): Promise<Municipality[]> {
  const rows = await sql<MunicipalityRecord>(
    ctx,
    `SELECT ${MUNICIPALITY_COLUMNS} FROM municipality m WHERE m.region_code = ANY($1::text[]) ORDER BY m.name`,
    [regions],
  );
  return rows.map(toMunicipality);
}

export async function listRegions(ctx: RequestContext): Promise<RegionInfo[]> {
  const rows = await sql<RegionRecord>(ctx, `SELECT ${REGION_COLUMNS} FROM region r ORDER BY r.official_code`);
  return rows.map((r) =>
    Object.assign(new RegionInfo(), { code: r.code as Region, name: r.name, officialCode: r.officialCode }),
  );
}

import { In } from 'typeorm';
import { database, type RequestContext } from '../../shared/context.js';
import { Region } from '../../shared/enums.js';
import { MunicipalityEntity, RegionEntity } from './reference.entity.js';
import { Municipality, RegionInfo } from './reference.types.js';

export function toMunicipality(e: MunicipalityEntity): Municipality {
  return Object.assign(new Municipality(), { code: e.code, name: e.name, region: e.regionCode as Region });
}

export async function listMunicipalities(ctx: RequestContext, region?: Region | null): Promise<Municipality[]> {
  const rows = await database(ctx)
    .getRepository(MunicipalityEntity)
    .find({
      where: region ? { regionCode: region } : {},
      order: { name: 'ASC' },
    });
  return rows.map(toMunicipality);
}

export async function municipalitiesByCodes(ctx: RequestContext, codes: readonly number[]): Promise<Municipality[]> {
  const rows = await database(ctx)
    .getRepository(MunicipalityEntity)
    .findBy({ code: In([...codes]) });
  return rows.map(toMunicipality);
}

export async function municipalitiesOfRegions(
  ctx: RequestContext,
  regions: readonly Region[],
): Promise<Municipality[]> {
  const rows = await database(ctx)
    .getRepository(MunicipalityEntity)
    .find({
      where: { regionCode: In([...regions]) },
      order: { name: 'ASC' },
    });
  return rows.map(toMunicipality);
}

export async function listRegions(ctx: RequestContext): Promise<RegionInfo[]> {
  const rows = await database(ctx)
    .getRepository(RegionEntity)
    .find({ order: { officialCode: 'ASC' } });
  return rows.map((r) =>
    Object.assign(new RegionInfo(), { code: r.code as Region, name: r.name, officialCode: r.officialCode }),
  );
}

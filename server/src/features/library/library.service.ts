import { In } from 'typeorm';
import type { RequestContext } from '../../shared/context.js';
import { geoPointOf } from '../../shared/common.types.js';
import { isUuid } from '../../shared/ids.js';
import { LibraryEntity } from './library.entity.js';
import { Library } from './library.types.js';

export function toLibrary(e: LibraryEntity): Library {
  return Object.assign(new Library(), {
    id: e.id,
    isil: e.isil,
    name: e.name,
    municipalityCode: e.municipalityCode,
    isCentralLibrary: e.isCentralLibrary,
    address: e.address,
    postalCode: e.postalCode,
    city: e.city,
    location: geoPointOf(e.latitude, e.longitude),
    website: e.website,
    email: e.email,
  });
}

export async function librariesByIds(ctx: RequestContext, ids: readonly string[]): Promise<Library[]> {
  const valid = ids.filter(isUuid);
  if (!valid.length) return [];
  const rows = await (ctx.tx ?? ctx.db).getRepository(LibraryEntity).findBy({ id: In(valid) });
  return rows.map(toLibrary);
}

export async function librariesOfMunicipalities(ctx: RequestContext, codes: readonly number[]): Promise<Library[]> {
  const rows = await ctx.db.getRepository(LibraryEntity).find({
    where: { municipalityCode: In([...codes]) },
    order: { isil: 'ASC', name: 'ASC' },
  });
  return rows.map(toLibrary);
}

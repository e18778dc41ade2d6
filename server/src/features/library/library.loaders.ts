import DataLoader from 'dataloader';
import type { RequestContext } from '../../shared/context.js';
import { byKey, groupByKey } from '../../shared/loaders.js';
import type { Library } from './library.types.js';
import { librariesByIds, librariesOfMunicipalities } from './library.service.js';

export const libraryLoader = (ctx: RequestContext) =>
  new DataLoader<string, Library | null>(async (ids) => byKey(ids, await librariesByIds(ctx, ids), (l) => l.id));

export const municipalityLibrariesLoader = (ctx: RequestContext) =>
  new DataLoader<number, Library[]>(async (codes) =>
    groupByKey(codes, await librariesOfMunicipalities(ctx, codes), (l) => l.municipalityCode),
  );

import DataLoader from 'dataloader';
import type { RequestContext } from '../../shared/context.js';
import type { Region } from '../../shared/enums.js';
import { byKey, groupByKey } from '../../shared/loaders.js';
import type { Municipality } from './reference.types.js';
import { municipalitiesByCodes, municipalitiesOfRegions } from './reference.service.js';

export const municipalityLoader = (ctx: RequestContext) =>
  new DataLoader<number, Municipality | null>(async (codes) =>
    byKey(codes, await municipalitiesByCodes(ctx, codes), (m) => m.code),
  );

export const regionMunicipalitiesLoader = (ctx: RequestContext) =>
  new DataLoader<Region, Municipality[]>(async (regions) =>
    groupByKey(regions, await municipalitiesOfRegions(ctx, regions), (m) => m.region),
  );

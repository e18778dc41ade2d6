import DataLoader from 'dataloader';
import type { RequestContext } from '../../shared/context.js';
import { groupByKey } from '../../shared/loaders.js';
import type { Material } from './material.types.js';
import { materialsOfActivities, materialsOfThemes } from './material.service.js';

export const themeMaterialsLoader = (ctx: RequestContext) =>
  new DataLoader<string, Material[]>(async (themeIds) =>
    groupByKey(themeIds, await materialsOfThemes(ctx, themeIds), (r) => r.ownerId).map((list) =>
      list.map((r) => r.material),
    ),
  );

export const activityMaterialsLoader = (ctx: RequestContext) =>
  new DataLoader<string, Material[]>(async (activityIds) =>
    groupByKey(activityIds, await materialsOfActivities(ctx, activityIds), (r) => r.ownerId).map((list) =>
      list.map((r) => r.material),
    ),
  );

import { MaterialEntity, ThemeMaterialEntity } from './material.entity.js';
import type { FeatureRegistration } from '../../shared/feature.js';
export { Material } from './material.types.js';
export { MaterialEntity } from './material.entity.js';
export { themeMaterialsLoader, activityMaterialsLoader } from './material.loaders.js';

/** Registered by app/schema.ts. */
export const resolvers: FeatureRegistration['resolvers'] = [];
export const entities: FeatureRegistration['entities'] = [MaterialEntity, ThemeMaterialEntity];

export { Material } from './material.types.js';
export { MaterialEntity } from './material.entity.js';
export { themeMaterialsLoader, activityMaterialsLoader } from './material.loaders.js';

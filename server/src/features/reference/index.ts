import { MunicipalityEntity, RegionEntity } from './reference.entity.js';
import { MunicipalityResolver, RegionResolver } from './reference.resolver.js';
import type { FeatureRegistration } from '../../shared/feature.js';
export { Municipality, RegionInfo } from './reference.types.js';
export { MunicipalityEntity, RegionEntity } from './reference.entity.js';
export { municipalityLoader } from './reference.loaders.js';
export { toMunicipality } from './reference.service.js';

/** Registered by app/schema.ts. */
export const resolvers: FeatureRegistration['resolvers'] = [MunicipalityResolver, RegionResolver];
export const entities: FeatureRegistration['entities'] = [RegionEntity, MunicipalityEntity];

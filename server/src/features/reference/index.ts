export { Municipality, RegionInfo } from './reference.types.js';
export { MunicipalityEntity, RegionEntity } from './reference.entity.js';
export { MunicipalityResolver, RegionResolver } from './reference.resolver.js';
export { municipalityLoader } from './reference.loaders.js';
export { toMunicipality } from './reference.service.js';

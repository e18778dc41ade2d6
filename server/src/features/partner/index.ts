export { Partner } from './partner.types.js';
export { PartnerEntity } from './partner.entity.js';
export { partnerLoader } from './partner.loaders.js';
export { toPartner } from './partner.service.js';
export { PartnerResolver } from './partner.resolver.js';
export { PartnerMutationResolver } from './partner.mutation.resolver.js';

import { PartnerEntity } from './partner.entity.js';
import { PartnerResolver } from './partner.resolver.js';
import { PartnerMutationResolver } from './partner.mutation.resolver.js';
import type { FeatureRegistration } from '../../shared/feature.js';
export { Partner } from './partner.types.js';
export { PartnerEntity } from './partner.entity.js';
export { PARTNER_COLUMNS, PARTNER_TABLE, type PartnerRecord } from './partner.columns.js';
export { partnerLoader } from './partner.loaders.js';
export { toPartner } from './partner.service.js';

/** Registered by app/schema.ts. */
export const resolvers: FeatureRegistration['resolvers'] = [PartnerResolver, PartnerMutationResolver];
export const entities: FeatureRegistration['entities'] = [PartnerEntity];

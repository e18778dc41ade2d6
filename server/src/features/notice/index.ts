import { NoticeEntity } from './notice.entity.js';
import { NoticeResolver } from './notice.resolver.js';
import { NoticeMutationResolver } from './notice.mutation.resolver.js';
import type { FeatureRegistration } from '../../shared/feature.js';
export { Notice } from './notice.types.js';
export { NoticeEntity } from './notice.entity.js';

/** Registered by app/schema.ts. */
export const resolvers: FeatureRegistration['resolvers'] = [NoticeResolver, NoticeMutationResolver];
export const entities: FeatureRegistration['entities'] = [NoticeEntity];

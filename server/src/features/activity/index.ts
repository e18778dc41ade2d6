import { ActivityEntity, ActivityMaterialEntity, ActivityPartnerEntity } from './activity.entity.js';
import {
  ActivityResolver,
  ActivityConnectionResolver,
  ThemeActivitiesResolver,
  LibraryActivitiesResolver,
} from './activity.resolver.js';
import { ActivityMutationResolver } from './activity.mutation.resolver.js';
import type { FeatureRegistration } from '../../shared/feature.js';
export { Activity } from './activity.types.js';
export { ActivityEntity, ActivityMaterialEntity, ActivityPartnerEntity } from './activity.entity.js';
export { activityVisibilitySql } from './activity.filters.js';
export { ACTIVITY_COLUMNS, type ActivityRecord } from './activity.columns.js';
export { toActivity } from './activity.service.js';

/** Registered by app/schema.ts. */
export const resolvers: FeatureRegistration['resolvers'] = [
  ActivityResolver,
  ActivityConnectionResolver,
  ThemeActivitiesResolver,
  LibraryActivitiesResolver,
  ActivityMutationResolver,
];
export const entities: FeatureRegistration['entities'] = [
  ActivityEntity,
  ActivityPartnerEntity,
  ActivityMaterialEntity,
];

export { Activity } from './activity.types.js';
export { ActivityEntity, ActivityMaterialEntity, ActivityPartnerEntity } from './activity.entity.js';
export { activityVisibilitySql } from './activity.filters.js';
export { ACTIVITY_COLUMNS, type ActivityRecord } from './activity.columns.js';
export { toActivity } from './activity.service.js';
export {
  ActivityResolver,
  ActivityConnectionResolver,
  ThemeActivitiesResolver,
  LibraryActivitiesResolver,
} from './activity.resolver.js';
export { ActivityMutationResolver } from './activity.mutation.resolver.js';

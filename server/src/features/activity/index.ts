export { Activity, ActivityConnection, ActivityEdge, ActivityOrder, Venue } from './activity.types.js';
export { ActivityEntity, ActivityMaterialEntity, ActivityPartnerEntity } from './activity.entity.js';
export { ActivityFilter, GeoFilter, activityVisibilitySql, normalizeActivityFilter, normalizeSearch, SqlParams, type NormalizedActivityFilter } from './activity.filters.js';
export { activityLoader, activityPartnersLoader, activityPageLoader, activityCountLoader } from './activity.loaders.js';
export { ACTIVITY_COLUMNS, toActivity, activitiesByIds, findActivityById, canSeeAttendance, checkActivityId } from './activity.service.js';
export { activityJsonLd } from './activity.json-ld.js';
export {
  ActivityResolver,
  ActivityConnectionResolver,
  ThemeActivitiesResolver,
  LibraryActivitiesResolver,
} from './activity.resolver.js';
export { ActivityMutationResolver } from './activity.mutation.resolver.js';

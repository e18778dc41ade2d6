import { ReportResolver } from './report.resolver.js';
import type { FeatureRegistration } from '../../shared/feature.js';
export { ThemeReport, KeyCount, WeekCount, RegionCoverage } from './report.types.js';
export { reportRoutes } from './report.routes.js';

/** Registered by app/schema.ts. */
export const resolvers: FeatureRegistration['resolvers'] = [ReportResolver];
export const entities: FeatureRegistration['entities'] = [];

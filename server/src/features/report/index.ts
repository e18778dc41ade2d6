export { ReportResolver } from './report.resolver.js';
export { ThemeReport, KeyCount, WeekCount, RegionCoverage } from './report.types.js';
export { reportRoutes } from './report.routes.js';

export { ReportResolver } from './report.resolver.js';
export { ThemeReport, KeyCount, WeekCount, RegionCoverage } from './report.types.js';

import { ThemeEntity, ThemePartnerEntity } from './theme.entity.js';
import { ThemeResolver, ThemePartnerResolver, ThemeConnectionResolver } from './theme.resolver.js';
import { ThemeMutationResolver } from './theme.mutation.resolver.js';
import type { FeatureRegistration } from '../../shared/feature.js';
export { Theme } from './theme.types.js';
export { ThemeEntity, ThemePartnerEntity } from './theme.entity.js';
export { THEME_TABLE, type ThemeRecord } from './theme.columns.js';
export { themeLoader } from './theme.loaders.js';
export { toTheme, statusOf, isRegistrationOpen, registerThemeReadAhead } from './theme.service.js';
export { themeVisibleSql, canSeeUnpublishedThemes } from './theme.visibility.js';

/** Registered by app/schema.ts. */
export const resolvers: FeatureRegistration['resolvers'] = [
  ThemeResolver,
  ThemePartnerResolver,
  ThemeConnectionResolver,
  ThemeMutationResolver,
];
export const entities: FeatureRegistration['entities'] = [ThemeEntity, ThemePartnerEntity];

export { Theme } from './theme.types.js';
export { ThemeEntity, ThemePartnerEntity } from './theme.entity.js';
export { ThemeResolver, ThemePartnerResolver, ThemeConnectionResolver } from './theme.resolver.js';
export { themeLoader } from './theme.loaders.js';
export { toTheme, statusOf, isRegistrationOpen, registerThemeReadAhead } from './theme.service.js';
export { ThemeMutationResolver } from './theme.mutation.resolver.js';
export { themeVisibleSql, canSeeUnpublishedThemes } from './theme.visibility.js';

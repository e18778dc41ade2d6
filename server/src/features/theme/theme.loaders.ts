import DataLoader from 'dataloader';
import type { RequestContext } from '../../shared/context.js';
import { byKey, groupByKey } from '../../shared/loaders.js';
import type { Theme, ThemePartnerLink } from './theme.types.js';
import { partnerLinksOfThemes, themesByIds, toPartnerLink } from './theme.service.js';

/** Theme by id (respecting the viewer's visibility). */
export const themeLoader = (ctx: RequestContext) =>
  new DataLoader<string, Theme | null>(async (ids) => byKey(ids, await themesByIds(ctx, ids), (t) => t.id));

/** National partner links of a theme, in the theme's order. */
export const themePartnerLinksLoader = (ctx: RequestContext) =>
  new DataLoader<string, ThemePartnerLink[]>(async (themeIds) => {
    const rows = await partnerLinksOfThemes(ctx, themeIds);
    return groupByKey(themeIds, rows, (r) => r.themeId).map((list) => list.map(toPartnerLink));
  });

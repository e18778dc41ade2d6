import DataLoader from 'dataloader';
import type { RequestContext } from '../../shared/context.js';
import { byKey, groupByKey } from '../../shared/loaders.js';
import { partnerLoader } from '../partner/index.js';
import type { Theme, ThemePartnerLink } from './theme.types.js';
import { partnerLinksOfThemes, themesByIds } from './theme.service.js';

/** Theme by id (respecting the viewer's visibility). */
export const themeLoader = (ctx: RequestContext) =>
  new DataLoader<string, Theme | null>(async (ids) => byKey(ids, await themesByIds(ctx, ids), (t) => t.id));

/**
 * Remembers themes read by slug, list or "current" in the request's theme loader, so that
 * `activity.theme` on the same page does not read them again.
 */
export function rememberThemes<T extends Theme | Theme[] | null>(ctx: RequestContext, themes: T): T {
  const loader = ctx.loaders.get(themeLoader);
  const list: readonly (Theme | null)[] = Array.isArray(themes) ? (themes as Theme[]) : [themes as Theme | null];
  for (const theme of list) if (theme) loader.prime(theme.id, theme);
  return themes;
}

/** National partner links of a theme, in the theme's order; their partners come in the same query. */
export const themePartnerLinksLoader = (ctx: RequestContext) =>
  new DataLoader<string, ThemePartnerLink[]>(async (themeIds) => {
    const rows = await partnerLinksOfThemes(ctx, themeIds);
    const partners = ctx.loaders.get(partnerLoader);
    for (const { partner } of rows) partners.prime(partner.id, partner);
    return groupByKey(themeIds, rows, (r) => r.themeId).map((list) => list.map((r) => r.link));
  });

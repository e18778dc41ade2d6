import type { Viewer } from '../../shared/context.js';
import { Role } from '../../shared/enums.js';

/**
 * The one rule for which themes a viewer sees: coordinators see every theme (they prepare next
 * season's theme unpublished); everyone else sees published themes only, and nothing that
 * belongs to an unpublished theme (its activities, sign-ups, feed).
 *
 * Returns a SQL condition on `themeIdColumn` (e.g. `a.theme_id`), or null when the viewer sees
 * every theme. The published themes are a handful of ids: `= ANY(ARRAY(SELECT …))` collects them
 * once (an InitPlan) instead of a semi-join per row, which halves the theme page's cost on
 * 100 000 activities; keep that form. The condition takes no parameters.
 */
export function themeVisibleSql(viewer: Viewer, themeIdColumn: string): string | null {
  if (canSeeUnpublishedThemes(viewer)) return null;
  return `${themeIdColumn} = ANY(ARRAY(SELECT vis_t.id FROM theme vis_t WHERE vis_t.is_published))`;
}

/** Unpublished themes are visible to coordinators only. */
export function canSeeUnpublishedThemes(viewer: Viewer): boolean {
  return viewer.role === Role.COORDINATOR;
}

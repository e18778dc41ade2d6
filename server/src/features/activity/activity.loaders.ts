import DataLoader from 'dataloader';
import type { RequestContext } from '../../shared/context.js';
import { byKey, groupByKey } from '../../shared/loaders.js';
import type { Partner } from '../partner/index.js';
import { municipalityLoader, toMunicipality } from '../reference/index.js';
import type { Activity, ActivityConnection } from './activity.types.js';
import { ACTIVITY_PROPERTIES } from './activity.columns.js';
import {
  activitiesByIds,
  activityCounts,
  activityPages,
  partnersOfActivities,
  toActivityConnection,
  type ActivityCountRequest,
  type ActivityPageRequest,
  type ActivityRow,
} from './activity.service.js';

/**
 * Hands what a page read ahead to the loaders that would read it: the total and the libraries'
 * municipalities (whole rows). The libraries and partners hold only what the page selects: they
 * stay on the page's activities (ActivityWithReadAhead).
 */
function primeReadAhead(ctx: RequestContext, request: ActivityPageRequest, rows: ActivityRow[]): void {
  const first = rows[0];
  if (!first) return;
  if (first.pageTotal !== undefined) {
    ctx.loaders
      .get(activityCountLoader)
      .prime({ scope: request.scope, scopeId: request.scopeId, filter: request.filter }, first.pageTotal);
  }
  if (first.aheadLibrary?.m) {
    const municipalities = ctx.loaders.get(municipalityLoader);
    for (const { aheadLibrary } of rows) municipalities.prime(aheadLibrary!.m!.code, toMunicipality(aheadLibrary!.m!));
  }
}

/**
 * Activity by id, as the viewer may see it (null when unknown or invisible). Cached per request:
 * after writing an activity, call `.clear(id)` before loading it again.
 */
export const activityLoader = (ctx: RequestContext) =>
  new DataLoader<string, Activity | null>(async (ids) => byKey(ids, await activitiesByIds(ctx, ids), (a) => a.id));

/** Co-organising partners of an activity, by name. */
export const activityPartnersLoader = (ctx: RequestContext) =>
  new DataLoader<string, Partner[]>(async (ids) =>
    groupByKey(ids, await partnersOfActivities(ctx, ids), (r) => r.activityId).map((list) =>
      list.map((r) => r.partner),
    ),
  );

/** totalCount of activity connections; batched so that N parents cost one statement. */
export const activityCountLoader = (ctx: RequestContext) =>
  new DataLoader<ActivityCountRequest, number, string>((requests) => activityCounts(ctx, requests), {
    cacheKeyFn: (r) => JSON.stringify(r),
  });

/**
 * Pages of activity connections (top-level, Theme.activities, Library.activities). Requests that
 * differ only in their parent share one statement, so a list of themes or libraries with their
 * activities costs a fixed number of queries.
 */
export const activityPageLoader = (ctx: RequestContext) =>
  new DataLoader<ActivityPageRequest, ActivityConnection, string>(
    async (requests) => {
      const pages = await activityPages(ctx, requests);
      const byId = ctx.loaders.get(activityLoader);
      pages.forEach((rows, i) => primeReadAhead(ctx, requests[i]!, rows));
      return requests.map((r, i) =>
        toActivityConnection(
          pages[i]!,
          r,
          () => ctx.loaders.get(activityCountLoader).load({ scope: r.scope, scopeId: r.scopeId, filter: r.filter }),
          // Only whole rows: a page that read some columns would hand other fields an activity without the rest.
          r.readAhead.columns === ACTIVITY_PROPERTIES ? (activity) => byId.prime(activity.id, activity) : undefined,
        ),
      );
    },
    { cacheKeyFn: (r) => JSON.stringify(r) },
  );

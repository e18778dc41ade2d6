import DataLoader from 'dataloader';
import type { RequestContext } from '../../shared/context.js';
import { byKey, groupByKey } from '../../shared/loaders.js';
import type { Partner } from '../partner/index.js';
import type { Activity, ActivityConnection } from './activity.types.js';
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
 * Hands the total a page counted to the loader that would count it. What else a page read ahead
 * (library, municipality, partners) holds only what the page selects: it stays on the page's
 * activities (ActivityWithReadAhead), never in the request's loaders.
 */
function primeTotal(ctx: RequestContext, request: ActivityPageRequest, rows: ActivityRow[]): void {
  const first = rows[0];
  if (first?.pageTotal !== undefined) {
    ctx.loaders
      .get(activityCountLoader)
      .prime({ scope: request.scope, scopeId: request.scopeId, filter: request.filter }, first.pageTotal);
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
      pages.forEach((rows, i) => primeTotal(ctx, requests[i]!, rows));
      return requests.map((r, i) =>
        toActivityConnection(pages[i]!, r, () =>
          ctx.loaders.get(activityCountLoader).load({ scope: r.scope, scopeId: r.scopeId, filter: r.filter }),
        ),
      );
    },
    { cacheKeyFn: (r) => JSON.stringify(r) },
  );

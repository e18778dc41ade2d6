import DataLoader from 'dataloader';
import type { RequestContext } from '../../shared/context.js';
import { groupByKey } from '../../shared/loaders.js';
import type { RegistrationStatus } from '../../shared/enums.js';
import type { Registration, RegistrationConnection } from './registration.types.js';
import {
  registrationsOfLibraries,
  themeRegistrationCounts,
  themeRegistrationPages,
  toRegistrationConnection,
  type ThemeRegistrationsRequest,
} from './registration.service.js';

/** A library's registrations (all themes, newest first). */
export const libraryRegistrationsLoader = (ctx: RequestContext) =>
  new DataLoader<string, Registration[]>(async (libraryIds) =>
    groupByKey(libraryIds, await registrationsOfLibraries(ctx, libraryIds), (r) => r.libraryId),
  );

/** totalCount of Theme.registrations; batched so that N themes cost one statement per status. */
export const themeRegistrationCountLoader = (ctx: RequestContext) =>
  new DataLoader<{ themeId: string; status: RegistrationStatus | null }, number, string>(
    async (requests) => themeRegistrationCounts(ctx, requests),
    {
      cacheKeyFn: (r) => JSON.stringify([r.themeId, r.status]),
    },
  );

/**
 * Pages of Theme.registrations. Requests that differ only in their theme share one statement, so
 * a list of themes with their registrations costs a fixed number of queries.
 */
export const themeRegistrationsLoader = (ctx: RequestContext) =>
  new DataLoader<ThemeRegistrationsRequest, RegistrationConnection, string>(
    async (requests) => {
      const pages = await themeRegistrationPages(ctx, requests);
      return requests.map((r, i) =>
        toRegistrationConnection(pages[i]!, r.first, () =>
          ctx.loaders.get(themeRegistrationCountLoader).load({ themeId: r.themeId, status: r.status }),
        ),
      );
    },
    { cacheKeyFn: (r) => JSON.stringify(r) },
  );

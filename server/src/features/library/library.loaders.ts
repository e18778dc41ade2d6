import DataLoader from 'dataloader';
import type { RequestContext } from '../../shared/context.js';
import { byKey, groupByKey } from '../../shared/loaders.js';
import type { Library, LibraryConnection } from './library.types.js';
import type { NormalizedLibraryFilter } from './library.filters.js';
import {
  librariesByIds,
  librariesOfMunicipalities,
  libraryCounts,
  libraryPages,
  registerParticipantCountReadAhead,
  toLibraryConnection,
  type LibraryPageRequest,
} from './library.service.js';

export const libraryLoader = (ctx: RequestContext) =>
  new DataLoader<string, Library | null>(async (ids) => byKey(ids, await librariesByIds(ctx, ids), (l) => l.id));

export const municipalityLibrariesLoader = (ctx: RequestContext) =>
  new DataLoader<number, Library[]>(async (codes) =>
    groupByKey(codes, await librariesOfMunicipalities(ctx, codes), (l) => l.municipalityCode),
  );

/** Pages of library lists; Theme.participatingLibraries on many themes costs one statement. */
export const libraryPageLoader = (ctx: RequestContext) =>
  new DataLoader<LibraryPageRequest, LibraryConnection, string>(
    async (requests) => {
      const pages = await libraryPages(ctx, requests);
      const byId = ctx.loaders.get(libraryLoader);
      return requests.map((r, i) =>
        toLibraryConnection(
          pages[i]!,
          r.first,
          () => ctx.loaders.get(libraryCountLoader).load(r.filter),
          (l) => byId.prime(l.id, l),
        ),
      );
    },
    { cacheKeyFn: (r) => JSON.stringify(r) },
  );

/** totalCount of library lists (and Theme.participantCount), batched by filter. */
export const libraryCountLoader = (ctx: RequestContext) =>
  new DataLoader<NormalizedLibraryFilter, number, string>((filters) => libraryCounts(ctx, filters), {
    cacheKeyFn: (f) => JSON.stringify(f),
  });

registerParticipantCountReadAhead((ctx, filter, count) => ctx.loaders.get(libraryCountLoader).prime(filter, count));

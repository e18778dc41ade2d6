import DataLoader from 'dataloader';
import type { RequestContext } from '../../shared/context.js';
import { groupByKey } from '../../shared/loaders.js';
import type { Registration } from './registration.types.js';
import { registrationsOfLibraries } from './registration.service.js';

/** A library's registrations (all themes, newest first). */
export const libraryRegistrationsLoader = (ctx: RequestContext) =>
  new DataLoader<string, Registration[]>(async (libraryIds) =>
    groupByKey(libraryIds, await registrationsOfLibraries(ctx, libraryIds), (r) => r.libraryId),
  );

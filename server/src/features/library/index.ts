import { LibraryEntity } from './library.entity.js';
import {
  LibraryConnectionResolver,
  LibraryResolver,
  MunicipalityLibrariesResolver,
  ThemeParticipationResolver,
} from './library.resolver.js';
import { LibraryMutationResolver } from './library.mutation.resolver.js';
import type { FeatureRegistration } from '../../shared/feature.js';
export { Library, LibraryConnection, LibraryEdge, type LibraryWithReadAhead } from './library.types.js';
export { LibraryEntity } from './library.entity.js';
export { LIBRARY_TABLE, type LibraryRecord } from './library.columns.js';
export { libraryLoader } from './library.loaders.js';
export { toLibrary } from './library.service.js';
export { LibraryFilter } from './library.filters.js';
export { libraryPageLoader, libraryCountLoader } from './library.loaders.js';

/** Registered by app/schema.ts. */
export const resolvers: FeatureRegistration['resolvers'] = [
  LibraryResolver,
  MunicipalityLibrariesResolver,
  LibraryConnectionResolver,
  ThemeParticipationResolver,
  LibraryMutationResolver,
];
export const entities: FeatureRegistration['entities'] = [LibraryEntity];

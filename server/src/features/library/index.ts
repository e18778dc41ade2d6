export { Library, LibraryConnection, LibraryEdge } from './library.types.js';
export { LibraryEntity } from './library.entity.js';
export { LibraryResolver, MunicipalityLibrariesResolver } from './library.resolver.js';
export { libraryLoader } from './library.loaders.js';
export { toLibrary } from './library.service.js';
export { LibraryFilter } from './library.filters.js';
export { LibraryQueryResolver, LibraryConnectionResolver, ThemeParticipationResolver } from './library.queries.resolver.js';
export { libraryPageLoader, libraryCountLoader } from './library.loaders.js';
export { LibraryMutationResolver } from './library.mutation.resolver.js';

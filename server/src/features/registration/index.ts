export { Registration } from './registration.types.js';
export { RegistrationEntity } from './registration.entity.js';
export { RegistrationResolver, LibraryRegistrationsResolver } from './registration.resolver.js';
export { ThemeRegistrationsResolver, RegistrationConnectionResolver } from './registration.resolver.js';
export { isLibraryRegistered } from './registration.service.js';

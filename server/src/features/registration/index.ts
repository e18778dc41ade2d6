import { RegistrationEntity } from './registration.entity.js';
import {
  RegistrationResolver,
  LibraryRegistrationsResolver,
  ThemeRegistrationsResolver,
  RegistrationConnectionResolver,
} from './registration.resolver.js';
import { RegistrationMutationResolver } from './registration.mutation.resolver.js';
import type { FeatureRegistration } from '../../shared/feature.js';
export { Registration } from './registration.types.js';
export { RegistrationEntity } from './registration.entity.js';
export { isLibraryRegistered } from './registration.service.js';

/** Registered by app/schema.ts. */
export const resolvers: FeatureRegistration['resolvers'] = [
  RegistrationResolver,
  LibraryRegistrationsResolver,
  ThemeRegistrationsResolver,
  RegistrationConnectionResolver,
  RegistrationMutationResolver,
];
export const entities: FeatureRegistration['entities'] = [RegistrationEntity];

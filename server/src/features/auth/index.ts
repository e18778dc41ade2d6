import { ApiTokenEntity } from './auth.entity.js';
import { ViewerResolver, ApiTokenResolver } from './auth.resolver.js';
import { ApiTokenMutationResolver } from './auth.mutation.resolver.js';
import type { FeatureRegistration } from '../../shared/feature.js';
export { resolveViewer } from './auth.service.js';
export { issueApiToken } from './auth.mutation.service.js';
export { ApiTokenEntity } from './auth.entity.js';
export { generateToken, hashToken } from './token.js';
export {
  isCoordinator,
  assertAuthenticated,
  canReadLibraryPrivate,
  assertCanActForLibrary,
  assertCanWriteActivity,
} from './authorization.js';

/** Registered by app/schema.ts. */
export const resolvers: FeatureRegistration['resolvers'] = [ViewerResolver, ApiTokenResolver, ApiTokenMutationResolver];
export const entities: FeatureRegistration['entities'] = [ApiTokenEntity];

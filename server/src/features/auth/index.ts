export { resolveViewer, issueApiToken } from './auth.service.js';
export { ApiTokenEntity } from './auth.entity.js';
export { generateToken, hashToken } from './token.js';
export { ViewerResolver, ApiTokenResolver } from './auth.resolver.js';
export {
  isCoordinator,
  assertAuthenticated,
  canReadLibraryPrivate,
  assertCanActForLibrary,
  assertCanWriteActivity,
} from './authorization.js';

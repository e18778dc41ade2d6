export { resolveViewer } from './auth.service.js';
export { ApiTokenEntity } from './auth.entity.js';
export { generateToken, hashToken } from './token.js';

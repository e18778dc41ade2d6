import { AuditEventEntity } from './audit.entity.js';
import { AuditEventConnectionResolver, AuditResolver } from './audit.resolver.js';
import type { FeatureRegistration } from '../../shared/feature.js';
export { AuditEventEntity } from './audit.entity.js';
export { recordAudit, changesBetween, type Changes, type AuditRecord } from './audit.service.js';

/** Registered by app/schema.ts. */
export const resolvers: FeatureRegistration['resolvers'] = [AuditResolver, AuditEventConnectionResolver];
export const entities: FeatureRegistration['entities'] = [AuditEventEntity];

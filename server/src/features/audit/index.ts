export { AuditEventEntity } from './audit.entity.js';
export { AuditEventConnectionResolver, AuditResolver } from './audit.resolver.js';
export { recordAudit, changesBetween, type Changes, type AuditRecord } from './audit.service.js';

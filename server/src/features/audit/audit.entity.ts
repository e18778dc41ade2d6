import { defineEntity } from '../../shared/columns.js';
import { AUDIT_EVENT_TABLE } from './audit.columns.js';

/** One change made through the API, written in the same transaction as the change. Columns: AUDIT_EVENT_TABLE. */
export const AuditEventEntity = defineEntity('audit_event', AUDIT_EVENT_TABLE);
export type AuditEventEntity = InstanceType<typeof AuditEventEntity>;

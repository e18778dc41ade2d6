import { col, nullable, selectList, type RecordOf } from '../../shared/columns.js';
import type { Changes } from './audit.service.js';

/** The `audit_event` table's columns, once (see shared/columns.ts for what derives from them). */
export const AUDIT_EVENT_TABLE = {
  /** bigint: read as text (see db/data-source.ts), JavaScript numbers cannot hold every value. */
  id: col<string>('id', 'bigint', { primary: 'increment' }),
  occurredAt: col<Date>('occurred_at', 'timestamptz', { readOnly: true }),
  tokenId: nullable<string>('token_id', 'uuid'),
  actorRole: nullable<string>('actor_role', 'text'),
  actorName: nullable<string>('actor_name', 'text'),
  action: col<string>('action', 'text'),
  entityType: col<string>('entity_type', 'text'),
  entityId: col<string>('entity_id', 'text'),
  changes: col<Changes>('changes', 'jsonb'),
  requestId: nullable<string>('request_id', 'text'),
} as const;

export type AuditEventRecord = RecordOf<typeof AUDIT_EVENT_TABLE>;

/** Every column of `audit_event` under its property's name. */
export const AUDIT_EVENT_COLUMNS = selectList(AUDIT_EVENT_TABLE);

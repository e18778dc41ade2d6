import type { RequestContext } from '../../shared/context.js';
import { sql } from '../../shared/context.js';
import type { Role } from '../../shared/enums.js';
import { BadUserInputError } from '../../shared/errors.js';
import { decodeCursor, pageOf, pageSize } from '../../shared/pagination.js';
import { insertOf } from '../../shared/columns.js';
import { AUDIT_EVENT_COLUMNS, AUDIT_EVENT_TABLE, type AuditEventRecord } from './audit.columns.js';
import { AuditChange, AuditEvent, AuditEventConnection } from './audit.types.js';

/** Field → value before and after. A created object has no `before`. */
export type Changes = Record<string, { before?: unknown; after?: unknown }>;

export interface AuditRecord {
  action: string;
  /** The GraphQL type name of the object, e.g. "Activity". */
  entityType: string;
  entityId: string;
  changes?: Changes;
}

/** Dates as ISO strings, undefined as null, everything else as it is: what JSON can carry. */
function plain(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  return value;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(plain(a)) === JSON.stringify(plain(b));
}

/** The fields whose values differ between two snapshots (only `fields` when given). */
export function changesBetween(
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
  fields: string[] = Object.keys(after),
): Changes {
  const changes: Changes = {};
  for (const field of fields) {
    const a = before?.[field];
    const b = after[field];
    if (before && same(a, b)) continue;
    if (!before && (b === null || b === undefined)) continue;
    changes[field] = before ? { before: plain(a), after: plain(b) } : { after: plain(b) };
  }
  return changes;
}

/**
 * Writes an audit event about the current viewer's change. It must run inside the mutation's
 * transaction, so that the event exists exactly when the change does.
 */
export async function recordAudit(ctx: RequestContext, record: AuditRecord): Promise<void> {
  if (!ctx.tx) throw new Error('recordAudit must run inside the transaction of the change it records');
  const v = ctx.viewer;
  const insert = insertOf(AUDIT_EVENT_TABLE, WRITTEN, {
    tokenId: v.tokenId,
    actorRole: v.role,
    actorName: v.tokenName,
    action: record.action,
    entityType: record.entityType,
    entityId: record.entityId,
    changes: record.changes ?? {},
    requestId: ctx.requestId,
  });
  await sql(ctx, `INSERT INTO audit_event (${insert.columns}) VALUES (${insert.placeholders})`, insert.values);
}

/** The columns an audit event is written with (the id and the time are the database's). */
const WRITTEN = [
  'tokenId',
  'actorRole',
  'actorName',
  'action',
  'entityType',
  'entityId',
  'changes',
  'requestId',
] as const satisfies readonly (keyof AuditEventRecord)[];

function toAuditEvent(r: AuditEventRecord): AuditEvent {
  const changes = Object.entries(r.changes ?? {}).map(([field, c]) =>
    Object.assign(new AuditChange(), {
      field,
      before: c.before === undefined || c.before === null ? null : JSON.stringify(c.before),
      after: c.after === undefined || c.after === null ? null : JSON.stringify(c.after),
    }),
  );
  return Object.assign(new AuditEvent(), {
    id: String(r.id),
    occurredAt: r.occurredAt,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    actorRole: r.actorRole as Role | null,
    actorName: r.actorName,
    tokenId: r.tokenId,
    requestId: r.requestId,
    changes,
  });
}

export interface AuditFilter {
  entityType?: string | null;
  entityId?: string | null;
  action?: string | null;
  tokenId?: string | null;
  first?: number | null;
  after?: string | null;
}

/**
 * Audit events, newest first. Coordinators only: the resolver's `@Authorized('COORDINATOR')`
 * checks that. totalCount is counted only when the client asks for it.
 */
export async function listAuditEvents(ctx: RequestContext, filter: AuditFilter): Promise<AuditEventConnection> {
  const first = pageSize(filter.first);
  const after = decodeCursor(filter.after, ['string']);
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    where.push(clause.replace('?', `$${params.length}`));
  };
  if (filter.entityType) add('entity_type = ?', filter.entityType);
  if (filter.entityId) add('entity_id = ?', filter.entityId);
  if (filter.action) add('action = ?', filter.action);
  if (filter.tokenId) add('token_id::text = ?', filter.tokenId);
  const countSql = `SELECT count(*)::int AS total FROM audit_event ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
  const countParams = [...params];
  let total: Promise<number> | undefined;
  const countTotal = () =>
    (total ??= sql<{ total: number }>(ctx, countSql, countParams).then((rows) => rows[0]!.total));
  if (after) {
    if (!/^[0-9]{1,18}$/.test(String(after[0])))
      throw new BadUserInputError('"after" is not a cursor from this list.', 'after');
    add('id < ?::bigint', after[0]);
  }
  const pageWhere = where.length ? `WHERE ${where.join(' AND ')}` : '';
  params.push(first + 1);
  const rows = await sql<AuditEventRecord>(
    ctx,
    `SELECT ${AUDIT_EVENT_COLUMNS} FROM audit_event ${pageWhere} ORDER BY id DESC LIMIT $${params.length}`,
    params,
  );
  return Object.assign(new AuditEventConnection(), {
    ...pageOf(rows, first, (r) => [String(r.id)], toAuditEvent),
    countTotal,
  });
}

import type { Role } from '../../shared/context.js';
import { col, nullable, selectList, type RecordOf } from '../../shared/columns.js';

/** The `api_token` table's columns, once (see shared/columns.ts for what derives from them). */
export const API_TOKEN_TABLE = {
  id: col<string>('id', 'uuid', { primary: 'uuid' }),
  name: col<string>('name', 'text'),
  role: col<Role>('role', 'text'),
  libraryId: nullable<string>('library_id', 'uuid'),
  /** SHA-256 of the token, hex; the token itself is never stored. */
  tokenHash: col<string>('token_hash', 'text'),
  createdAt: col<Date>('created_at', 'timestamptz', { readOnly: true }),
  lastUsedAt: nullable<Date>('last_used_at', 'timestamptz'),
  revokedAt: nullable<Date>('revoked_at', 'timestamptz'),
} as const;

export type ApiTokenRecord = RecordOf<typeof API_TOKEN_TABLE>;

/** Every column of `api_token` under its property's name. */
export const API_TOKEN_COLUMNS = selectList(API_TOKEN_TABLE);

import { col, nullable, selectList, type RecordOf } from '../../shared/columns.js';

/** The `registration` table's columns, once (see shared/columns.ts for what derives from them). */
export const REGISTRATION_TABLE = {
  id: col<string>('id', 'uuid', { primary: 'uuid' }),
  themeId: col<string>('theme_id', 'uuid'),
  libraryId: col<string>('library_id', 'uuid'),
  status: col<string>('status', 'text'),
  contactName: col<string>('contact_name', 'text'),
  contactEmail: col<string>('contact_email', 'text'),
  note: nullable<string>('note', 'text'),
  registeredAt: col<Date>('registered_at', 'timestamptz'),
  withdrawnAt: nullable<Date>('withdrawn_at', 'timestamptz'),
  updatedAt: col<Date>('updated_at', 'timestamptz'),
  isDemo: col<boolean>('is_demo', 'boolean'),
} as const;

export type RegistrationRecord = RecordOf<typeof REGISTRATION_TABLE>;

/**
 * Every column of `registration` under its property's name. Without an alias: it is also the
 * RETURNING list of the writes.
 */
export const REGISTRATION_COLUMNS = selectList(REGISTRATION_TABLE);

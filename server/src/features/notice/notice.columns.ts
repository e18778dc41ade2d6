import { col, nullable, selectList, type RecordOf } from '../../shared/columns.js';

/** The `notice` table's columns, once (see shared/columns.ts for what derives from them). */
export const NOTICE_TABLE = {
  id: col<string>('id', 'uuid', { primary: 'uuid' }),
  title: col<string>('title', 'text'),
  body: col<string>('body', 'text'),
  link: nullable<string>('link', 'text'),
  validFrom: col<Date>('valid_from', 'timestamptz'),
  validUntil: nullable<Date>('valid_until', 'timestamptz'),
  isDemo: col<boolean>('is_demo', 'boolean'),
  createdAt: col<Date>('created_at', 'timestamptz', { readOnly: true }),
} as const;

export type NoticeRecord = RecordOf<typeof NOTICE_TABLE>;

/** Every column of `notice n` under its property's name. */
export const NOTICE_COLUMNS = selectList(NOTICE_TABLE, 'n');

import { col, nullable, selectList, type RecordOf } from '../../shared/columns.js';

/** The `partner` table's columns, once (see shared/columns.ts for what derives from them). */
export const PARTNER_TABLE = {
  id: col<string>('id', 'uuid', { primary: 'uuid' }),
  name: col<string>('name', 'text'),
  kind: col<string>('kind', 'text'),
  scope: col<string>('scope', 'text'),
  website: nullable<string>('website', 'text'),
  description: nullable<string>('description', 'text'),
  municipalityCode: nullable<number>('municipality_code', 'integer'),
  isDemo: col<boolean>('is_demo', 'boolean'),
  createdAt: col<Date>('created_at', 'timestamptz', { readOnly: true }),
  updatedAt: col<Date>('updated_at', 'timestamptz'),
} as const;

export type PartnerRecord = RecordOf<typeof PARTNER_TABLE>;

/** Every column of `partner p` under its property's name. */
export const PARTNER_COLUMNS = selectList(PARTNER_TABLE, 'p');

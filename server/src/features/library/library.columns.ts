import { col, nullable, selectList, type RecordOf } from '../../shared/columns.js';

/** The `library` table's columns, once (see shared/columns.ts for what derives from them). */
export const LIBRARY_TABLE = {
  id: col<string>('id', 'uuid', { primary: 'uuid' }),
  name: col<string>('name', 'text'),
  municipalityCode: col<number>('municipality_code', 'integer'),
  isil: nullable<string>('isil', 'text'),
  isCentralLibrary: col<boolean>('is_central_library', 'boolean'),
  address: nullable<string>('address', 'text'),
  postalCode: nullable<string>('postal_code', 'text'),
  city: nullable<string>('city', 'text'),
  latitude: nullable<number>('latitude', 'double precision'),
  longitude: nullable<number>('longitude', 'double precision'),
  website: nullable<string>('website', 'text'),
  email: nullable<string>('email', 'text'),
  isDemo: col<boolean>('is_demo', 'boolean'),
  createdAt: col<Date>('created_at', 'timestamptz', { readOnly: true }),
  updatedAt: col<Date>('updated_at', 'timestamptz'),
} as const;

export type LibraryRecord = RecordOf<typeof LIBRARY_TABLE>;

/** Every column of `library l` under its property's name. */
export const LIBRARY_COLUMNS = selectList(LIBRARY_TABLE, 'l');

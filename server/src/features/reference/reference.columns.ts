import { col, selectList, type RecordOf } from '../../shared/columns.js';

/** The `region` table's columns, once (see shared/columns.ts for what derives from them). */
export const REGION_TABLE = {
  code: col<string>('code', 'text', { primary: 'key' }),
  officialCode: col<number>('official_code', 'integer'),
  name: col<string>('name', 'text'),
} as const;

export type RegionRecord = RecordOf<typeof REGION_TABLE>;

/** The `municipality` table's columns, once. */
export const MUNICIPALITY_TABLE = {
  code: col<number>('code', 'integer', { primary: 'key' }),
  name: col<string>('name', 'text'),
  regionCode: col<string>('region_code', 'text'),
} as const;

export type MunicipalityRecord = RecordOf<typeof MUNICIPALITY_TABLE>;

/** Every column of `region r` / `municipality m` under its property's name. */
export const REGION_COLUMNS = selectList(REGION_TABLE, 'r');
export const MUNICIPALITY_COLUMNS = selectList(MUNICIPALITY_TABLE, 'm');

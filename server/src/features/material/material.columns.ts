import { col, nullable, selectList, type RecordOf } from '../../shared/columns.js';

/** The `material` table's columns, once (see shared/columns.ts for what derives from them). */
export const MATERIAL_TABLE = {
  id: col<string>('id', 'uuid', { primary: 'uuid' }),
  kind: col<string>('kind', 'text'),
  title: col<string>('title', 'text'),
  creator: nullable<string>('creator', 'text'),
  isbn: nullable<string>('isbn', 'text'),
  url: nullable<string>('url', 'text'),
  audiences: col<string[]>('audiences', 'text', { array: true }),
  isDemo: col<boolean>('is_demo', 'boolean'),
  createdAt: col<Date>('created_at', 'timestamptz', { readOnly: true }),
} as const;

export type MaterialRecord = RecordOf<typeof MATERIAL_TABLE>;

/** Every column of `material m` under its property's name. */
export const MATERIAL_COLUMNS = selectList(MATERIAL_TABLE, 'm');

/** Materials of a theme, in order. */
export const THEME_MATERIAL_TABLE = {
  themeId: col<string>('theme_id', 'uuid', { primary: 'key' }),
  materialId: col<string>('material_id', 'uuid', { primary: 'key' }),
  position: col<number>('position', 'integer'),
} as const;

import { defineEntity } from '../../shared/columns.js';
import { LIBRARY_TABLE } from './library.columns.js';

/** The `library` table; its columns are declared once, in LIBRARY_TABLE (library.columns.ts). */
export const LibraryEntity = defineEntity('library', LIBRARY_TABLE);
export type LibraryEntity = InstanceType<typeof LibraryEntity>;

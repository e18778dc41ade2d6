import { defineEntity } from '../../shared/columns.js';
import { MATERIAL_TABLE, THEME_MATERIAL_TABLE } from './material.columns.js';

/** Tables `material` and `theme_material`; their columns are declared once, in material.columns.ts. */
export const MaterialEntity = defineEntity('material', MATERIAL_TABLE);
export type MaterialEntity = InstanceType<typeof MaterialEntity>;
export const ThemeMaterialEntity = defineEntity('theme_material', THEME_MATERIAL_TABLE);
export type ThemeMaterialEntity = InstanceType<typeof ThemeMaterialEntity>;

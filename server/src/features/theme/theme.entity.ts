import { defineEntity } from '../../shared/columns.js';
import { THEME_PARTNER_TABLE, THEME_TABLE } from './theme.columns.js';

/** Tables `theme` and `theme_partner`; their columns are declared once, in theme.columns.ts. */
export const ThemeEntity = defineEntity('theme', THEME_TABLE);
export type ThemeEntity = InstanceType<typeof ThemeEntity>;
export const ThemePartnerEntity = defineEntity('theme_partner', THEME_PARTNER_TABLE);
export type ThemePartnerEntity = InstanceType<typeof ThemePartnerEntity>;

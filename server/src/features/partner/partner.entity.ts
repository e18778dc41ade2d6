import { defineEntity } from '../../shared/columns.js';
import { PARTNER_TABLE } from './partner.columns.js';

/** The `partner` table; its columns are declared once, in PARTNER_TABLE (partner.columns.ts). */
export const PartnerEntity = defineEntity('partner', PARTNER_TABLE);
export type PartnerEntity = InstanceType<typeof PartnerEntity>;

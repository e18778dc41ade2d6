import { col, defineEntity } from '../../shared/columns.js';
import { ACTIVITY_TABLE } from './activity.columns.js';

/** The `activity` table; its columns are declared once, in ACTIVITY_TABLE (activity.columns.ts). */
export const ActivityEntity = defineEntity('activity', ACTIVITY_TABLE);
export type ActivityEntity = InstanceType<typeof ActivityEntity>;

/** Co-organising partners of an activity. */
export const ACTIVITY_PARTNER_TABLE = {
  activityId: col<string>('activity_id', 'uuid', { primary: 'key' }),
  partnerId: col<string>('partner_id', 'uuid', { primary: 'key' }),
} as const;
export const ActivityPartnerEntity = defineEntity('activity_partner', ACTIVITY_PARTNER_TABLE);

/** Materials an activity uses. */
export const ACTIVITY_MATERIAL_TABLE = {
  activityId: col<string>('activity_id', 'uuid', { primary: 'key' }),
  materialId: col<string>('material_id', 'uuid', { primary: 'key' }),
} as const;
export const ActivityMaterialEntity = defineEntity('activity_material', ACTIVITY_MATERIAL_TABLE);

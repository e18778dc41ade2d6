import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ACTIVITY_TABLE, type ActivityProperty, type ActivityRecord, type ColumnDef } from './activity.columns.js';

/** The `activity` table; its columns are declared once, in ACTIVITY_TABLE (activity.columns.ts). */
@Entity('activity')
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class ActivityEntity {}
// The entity's properties are the column map's (declaration merging; the class declares no fields).
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface ActivityEntity extends ActivityRecord {}

for (const property of Object.keys(ACTIVITY_TABLE) as ActivityProperty[]) {
  const c: ColumnDef<unknown> = ACTIVITY_TABLE[property];
  const decorate = c.primary
    ? PrimaryGeneratedColumn(c.primary, { name: c.name })
    : Column({
        name: c.name,
        type: c.type,
        nullable: c.nullable,
        ...(c.array ? { array: true } : {}),
        ...(c.precision !== undefined ? { precision: c.precision, scale: c.scale } : {}),
        ...(c.readOnly ? { insert: false, update: false } : {}),
      });
  decorate(ActivityEntity.prototype, property);
}

/** Co-organising partners of an activity. */
@Entity('activity_partner')
export class ActivityPartnerEntity {
  @Column({ name: 'activity_id', type: 'uuid', primary: true })
  activityId: string;

  @Column({ name: 'partner_id', type: 'uuid', primary: true })
  partnerId: string;
}

/** Materials an activity uses. */
@Entity('activity_material')
export class ActivityMaterialEntity {
  @Column({ name: 'activity_id', type: 'uuid', primary: true })
  activityId: string;

  @Column({ name: 'material_id', type: 'uuid', primary: true })
  materialId: string;
}

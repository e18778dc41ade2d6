import { defineEntity } from '../../shared/columns.js';
import { MUNICIPALITY_TABLE, REGION_TABLE } from './reference.columns.js';

/** Tables `region` and `municipality`; their columns are declared once, in reference.columns.ts. */
export const RegionEntity = defineEntity('region', REGION_TABLE);
export type RegionEntity = InstanceType<typeof RegionEntity>;
export const MunicipalityEntity = defineEntity('municipality', MUNICIPALITY_TABLE);
export type MunicipalityEntity = InstanceType<typeof MunicipalityEntity>;

import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('region')
export class RegionEntity {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ name: 'official_code', type: 'integer' })
  officialCode: number;

  @Column({ type: 'text' })
  name: string;
}

@Entity('municipality')
export class MunicipalityEntity {
  @PrimaryColumn({ type: 'integer' })
  code: number;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'region_code', type: 'text' })
  regionCode: string;
}

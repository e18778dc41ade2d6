import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('library')
export class LibraryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'municipality_code', type: 'integer' })
  municipalityCode: number;

  @Column({ type: 'text', nullable: true })
  isil: string | null;

  @Column({ name: 'is_central_library', type: 'boolean' })
  isCentralLibrary: boolean;

  @Column({ type: 'text', nullable: true })
  address: string | null;

  @Column({ name: 'postal_code', type: 'text', nullable: true })
  postalCode: string | null;

  @Column({ type: 'text', nullable: true })
  city: string | null;

  @Column({ type: 'double precision', nullable: true })
  latitude: number | null;

  @Column({ type: 'double precision', nullable: true })
  longitude: number | null;

  @Column({ type: 'text', nullable: true })
  website: string | null;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ name: 'is_demo', type: 'boolean' })
  isDemo: boolean;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

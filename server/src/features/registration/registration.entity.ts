import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A library's sign-up for a theme; one row per theme and library (unique). */
@Entity('registration')
export class RegistrationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'theme_id', type: 'uuid' })
  themeId: string;

  @Column({ name: 'library_id', type: 'uuid' })
  libraryId: string;

  @Column({ type: 'text' })
  status: string;

  @Column({ name: 'contact_name', type: 'text' })
  contactName: string;

  @Column({ name: 'contact_email', type: 'text' })
  contactEmail: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt: Date;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'is_demo', type: 'boolean' })
  isDemo: boolean;
}

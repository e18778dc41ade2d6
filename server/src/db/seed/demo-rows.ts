/**
 * The rows of the demo data set, one type per table, derived from the tables' column maps
 * (`SeedRow`, shared/columns.ts). Rows use the database's column names: they are sent to
 * PostgreSQL as JSON records (see index.ts).
 */
import type { SeedRow } from '../../shared/columns.js';
import { ACTIVITY_TABLE } from '../../features/activity/activity.columns.js';
import { ACTIVITY_MATERIAL_TABLE, ACTIVITY_PARTNER_TABLE } from '../../features/activity/activity.entity.js';
import { LIBRARY_TABLE } from '../../features/library/library.columns.js';
import { MATERIAL_TABLE, THEME_MATERIAL_TABLE } from '../../features/material/material.columns.js';
import { NOTICE_TABLE } from '../../features/notice/notice.columns.js';
import { PARTNER_TABLE } from '../../features/partner/partner.columns.js';
import { REGISTRATION_TABLE } from '../../features/registration/registration.columns.js';
import { THEME_PARTNER_TABLE, THEME_TABLE } from '../../features/theme/theme.columns.js';

export type FocusArea =
  | 'PARTNERSHIPS'
  | 'SCHOOLS_MUSEUMS_ARCHIVES'
  | 'PUBLIC_DEBATE'
  | 'ACTIVITIES_CHILDREN_ADULTS'
  | 'INSPIRATION_KNOWLEDGE_LITERATURE'
  | 'DIGITAL_OUTREACH';
export type MaterialKind = 'BOOK' | 'BOOK_LIST' | 'ARTICLE' | 'VIDEO' | 'PODCAST' | 'CAMPAIGN_MATERIAL';
export type ActivityStatus = 'DRAFT' | 'PUBLISHED' | 'CANCELLED';

export type LibraryRow = SeedRow<typeof LIBRARY_TABLE>;
export type ThemeRow = SeedRow<typeof THEME_TABLE>;
export type PartnerRow = SeedRow<typeof PARTNER_TABLE>;
export type ThemePartnerRow = SeedRow<typeof THEME_PARTNER_TABLE>;
export type MaterialRow = SeedRow<typeof MATERIAL_TABLE>;
export type ThemeMaterialRow = SeedRow<typeof THEME_MATERIAL_TABLE>;
export type RegistrationRow = SeedRow<typeof REGISTRATION_TABLE>;
export type ActivityRow = SeedRow<typeof ACTIVITY_TABLE>;
export type ActivityPartnerRow = SeedRow<typeof ACTIVITY_PARTNER_TABLE>;
export type ActivityMaterialRow = SeedRow<typeof ACTIVITY_MATERIAL_TABLE>;
export type NoticeRow = SeedRow<typeof NOTICE_TABLE>;

export interface DemoDataset {
  libraries: LibraryRow[];
  themes: ThemeRow[];
  partners: PartnerRow[];
  themePartners: ThemePartnerRow[];
  materials: MaterialRow[];
  themeMaterials: ThemeMaterialRow[];
  registrations: RegistrationRow[];
  activities: ActivityRow[];
  activityPartners: ActivityPartnerRow[];
  activityMaterials: ActivityMaterialRow[];
  notices: NoticeRow[];
}

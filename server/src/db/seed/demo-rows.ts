/**
 * The rows of the demo data set, one type per table. Rows use the database's column names: they
 * are sent to PostgreSQL as JSON records (see index.ts).
 */
import type { AccessibilityFeature, ActivityFormat, Audience, Channel, PartnerKind } from './activity-concepts.js';

export type FocusArea =
  | 'PARTNERSHIPS'
  | 'SCHOOLS_MUSEUMS_ARCHIVES'
  | 'PUBLIC_DEBATE'
  | 'ACTIVITIES_CHILDREN_ADULTS'
  | 'INSPIRATION_KNOWLEDGE_LITERATURE'
  | 'DIGITAL_OUTREACH';
export type MaterialKind = 'BOOK' | 'BOOK_LIST' | 'ARTICLE' | 'VIDEO' | 'PODCAST' | 'CAMPAIGN_MATERIAL';
export type ActivityStatus = 'DRAFT' | 'PUBLISHED' | 'CANCELLED';

export interface LibraryRow {
  id: string;
  name: string;
  municipality_code: number;
  isil: string;
  is_central_library: boolean;
  address: string;
  postal_code: string;
  city: string;
  latitude: number;
  longitude: number;
  website: string;
  email: string;
  is_demo: boolean;
  created_at: string;
  updated_at: string;
}

export interface ThemeRow {
  id: string;
  number: number;
  slug: string;
  title: string;
  summary: string;
  description: string;
  year: number;
  start_week: number;
  end_week: number;
  registration_opens_at: string | null;
  registration_closes_at: string | null;
  focus_areas: FocusArea[];
  image_url: string | null;
  image_alt: string | null;
  image_credit: string | null;
  is_published: boolean;
  is_demo: boolean;
  created_at: string;
  updated_at: string;
}

export interface PartnerRow {
  id: string;
  name: string;
  kind: PartnerKind;
  scope: 'NATIONAL' | 'LOCAL';
  website: string | null;
  description: string | null;
  municipality_code: number | null;
  is_demo: boolean;
  created_at: string;
  updated_at: string;
}

export interface ThemePartnerRow {
  theme_id: string;
  partner_id: string;
  role: string;
  position: number;
}

export interface MaterialRow {
  id: string;
  kind: MaterialKind;
  title: string;
  creator: string | null;
  isbn: string | null;
  url: string | null;
  audiences: Audience[];
  is_demo: boolean;
  created_at: string;
}

export interface ThemeMaterialRow {
  theme_id: string;
  material_id: string;
  position: number;
}

export interface RegistrationRow {
  id: string;
  theme_id: string;
  library_id: string;
  status: 'REGISTERED' | 'WITHDRAWN';
  contact_name: string;
  contact_email: string;
  note: string | null;
  registered_at: string;
  withdrawn_at: string | null;
  updated_at: string;
  is_demo: boolean;
}

export interface ActivityRow {
  id: string;
  theme_id: string;
  library_id: string;
  title: string;
  description: string;
  audiences: Audience[];
  format: ActivityFormat;
  channel: Channel;
  venue_name: string | null;
  venue_address: string | null;
  venue_postal_code: string | null;
  venue_city: string | null;
  latitude: number | null;
  longitude: number | null;
  accessibility: AccessibilityFeature[];
  image_url: string | null;
  image_alt: string | null;
  image_credit: string | null;
  starts_at: string;
  ends_at: string;
  capacity: number | null;
  signup_url: string | null;
  price_dkk: number | null;
  status: ActivityStatus;
  cancellation_reason: string | null;
  attendance: number | null;
  version: number;
  published_at: string | null;
  is_demo: boolean;
  created_at: string;
  updated_at: string;
}

export interface ActivityPartnerRow {
  activity_id: string;
  partner_id: string;
}
export interface ActivityMaterialRow {
  activity_id: string;
  material_id: string;
}

export interface NoticeRow {
  id: string;
  title: string;
  body: string;
  link: string | null;
  valid_from: string;
  valid_until: string | null;
  is_demo: boolean;
  created_at: string;
}

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

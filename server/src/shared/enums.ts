import { registerEnumType } from 'type-graphql';

/** Domain enumerations shared by several features; values equal the database's text values. */

export enum Region {
  HOVEDSTADEN = 'HOVEDSTADEN',
  SJAELLAND = 'SJAELLAND',
  SYDDANMARK = 'SYDDANMARK',
  MIDTJYLLAND = 'MIDTJYLLAND',
  NORDJYLLAND = 'NORDJYLLAND',
}
registerEnumType(Region, { name: 'Region', description: 'The five Danish regions.' });

export enum ThemeStatus {
  UPCOMING = 'UPCOMING',
  ACTIVE = 'ACTIVE',
  ENDED = 'ENDED',
}
registerEnumType(ThemeStatus, {
  name: 'ThemeStatus',
  description: 'Where a theme stands relative to today (Europe/Copenhagen).',
});

export enum FocusArea {
  PARTNERSHIPS = 'PARTNERSHIPS',
  SCHOOLS_MUSEUMS_ARCHIVES = 'SCHOOLS_MUSEUMS_ARCHIVES',
  PUBLIC_DEBATE = 'PUBLIC_DEBATE',
  ACTIVITIES_CHILDREN_ADULTS = 'ACTIVITIES_CHILDREN_ADULTS',
  INSPIRATION_KNOWLEDGE_LITERATURE = 'INSPIRATION_KNOWLEDGE_LITERATURE',
  DIGITAL_OUTREACH = 'DIGITAL_OUTREACH',
}
registerEnumType(FocusArea, {
  name: 'FocusArea',
  description: 'The six focus areas of the collaboration.',
  valuesConfig: {
    PARTNERSHIPS: { description: 'Partnerships with national and local partners.' },
    SCHOOLS_MUSEUMS_ARCHIVES: { description: 'Schools, museums and archives.' },
    PUBLIC_DEBATE: { description: 'Current public debate.' },
    ACTIVITIES_CHILDREN_ADULTS: { description: 'Activities for children and adults.' },
    INSPIRATION_KNOWLEDGE_LITERATURE: { description: 'Inspiration, knowledge and literature.' },
    DIGITAL_OUTREACH: { description: 'Digital outreach.' },
  },
});

export enum Audience {
  CHILDREN = 'CHILDREN',
  YOUTH = 'YOUTH',
  ADULTS = 'ADULTS',
  FAMILIES = 'FAMILIES',
  SENIORS = 'SENIORS',
  SCHOOL_CLASSES = 'SCHOOL_CLASSES',
  EVERYONE = 'EVERYONE',
}
registerEnumType(Audience, { name: 'Audience', description: 'Who an activity or material is for.' });

export enum ActivityFormat {
  TALK = 'TALK',
  READING = 'READING',
  WALK = 'WALK',
  WORKSHOP = 'WORKSHOP',
  EXHIBITION = 'EXHIBITION',
  DEBATE = 'DEBATE',
  SCHOOL_PROGRAM = 'SCHOOL_PROGRAM',
  DIGITAL = 'DIGITAL',
  OTHER = 'OTHER',
}
registerEnumType(ActivityFormat, { name: 'ActivityFormat', description: 'The kind of event.' });

export enum Channel {
  LIBRARY = 'LIBRARY',
  OUTDOORS = 'OUTDOORS',
  PARTNER_VENUE = 'PARTNER_VENUE',
  WEB = 'WEB',
  SOCIAL_MEDIA = 'SOCIAL_MEDIA',
}
registerEnumType(Channel, { name: 'Channel', description: 'Where an activity takes place.' });

export enum ActivityStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(ActivityStatus, {
  name: 'ActivityStatus',
  description: 'Lifecycle of an activity; drafts are visible to their library and coordinators only.',
});

export enum PartnerKind {
  MEDIA = 'MEDIA',
  SCHOOL = 'SCHOOL',
  MUSEUM = 'MUSEUM',
  ARCHIVE = 'ARCHIVE',
  ASSOCIATION = 'ASSOCIATION',
  AUTHORITY = 'AUTHORITY',
  BUSINESS = 'BUSINESS',
  OTHER = 'OTHER',
}
registerEnumType(PartnerKind, { name: 'PartnerKind', description: 'What kind of organisation a partner is.' });

export enum PartnerScope {
  NATIONAL = 'NATIONAL',
  LOCAL = 'LOCAL',
}
registerEnumType(PartnerScope, {
  name: 'PartnerScope',
  description: 'National partners work with the whole collaboration, local ones with a library.',
});

export enum RegistrationStatus {
  REGISTERED = 'REGISTERED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(RegistrationStatus, {
  name: 'RegistrationStatus',
  description: 'Whether a library is signed up for a theme.',
});

export enum MaterialKind {
  BOOK = 'BOOK',
  BOOK_LIST = 'BOOK_LIST',
  ARTICLE = 'ARTICLE',
  VIDEO = 'VIDEO',
  PODCAST = 'PODCAST',
  CAMPAIGN_MATERIAL = 'CAMPAIGN_MATERIAL',
}
registerEnumType(MaterialKind, { name: 'MaterialKind', description: 'The kind of material.' });

export enum Role {
  PARTNER = 'PARTNER',
  LIBRARY_STAFF = 'LIBRARY_STAFF',
  COORDINATOR = 'COORDINATOR',
}
registerEnumType(Role, {
  name: 'Role',
  description: 'What an API token may do.',
  valuesConfig: {
    PARTNER: { description: 'A partner site: reads published content.' },
    LIBRARY_STAFF: { description: "Staff of one library: writes that library's data." },
    COORDINATOR: { description: 'A coordinator at a central library: runs themes, partners, reports.' },
  },
});

export enum AccessibilityFeature {
  STEP_FREE_ACCESS = 'STEP_FREE_ACCESS',
  ACCESSIBLE_TOILET = 'ACCESSIBLE_TOILET',
  HEARING_LOOP = 'HEARING_LOOP',
  SIGN_LANGUAGE = 'SIGN_LANGUAGE',
  AUDIO_DESCRIPTION = 'AUDIO_DESCRIPTION',
  EASY_READ = 'EASY_READ',
}
registerEnumType(AccessibilityFeature, { name: 'AccessibilityFeature', description: 'Accessibility of an activity.' });

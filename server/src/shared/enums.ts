import { registerEnumType } from 'type-graphql';

/** The type of an enum declared with graphqlEnum: `export type X = EnumValue<typeof X>`. */
export type EnumValue<E> = E[keyof E];

/** An enum object: each value is its own name, as the database stores it. */
export type EnumObject<V extends string> = { readonly [K in V]: K };

/**
 * The one way to declare an enum of the API (shared ones here, a feature's own in its
 * `.types.ts`): its GraphQL name and description, and its values with their descriptions, or a
 * plain list when the values speak for themselves. Each value is written once. Returns the enum
 * object (`X.VALUE`, usable in `@Field(() => X)`), registered with type-graphql; pair it with
 * `export type X = EnumValue<typeof X>`.
 */
export function graphqlEnum<const V extends string>(
  name: string,
  description: string,
  values: { readonly [K in V]: string },
): EnumObject<V>;
export function graphqlEnum<const V extends string>(
  name: string,
  description: string,
  values: readonly V[],
): EnumObject<V>;
export function graphqlEnum(
  name: string,
  description: string,
  values: readonly string[] | Readonly<Record<string, string>>,
): EnumObject<string> {
  const list = Array.isArray(values);
  const keys: readonly string[] = list ? values : Object.keys(values);
  const enumObject = Object.freeze(Object.fromEntries(keys.map((key) => [key, key])));
  registerEnumType(enumObject, {
    name,
    description,
    ...(list
      ? {}
      : {
          valuesConfig: Object.fromEntries(
            keys.map((key) => [key, { description: (values as Readonly<Record<string, string>>)[key] }]),
          ),
        }),
  });
  return enumObject;
}

/** Domain enumerations shared by several features; values equal the database's text values. */

export const Region = graphqlEnum('Region', 'The five Danish regions.', [
  'HOVEDSTADEN',
  'SJAELLAND',
  'SYDDANMARK',
  'MIDTJYLLAND',
  'NORDJYLLAND',
]);
export type Region = EnumValue<typeof Region>;

export const ThemeStatus = graphqlEnum('ThemeStatus', 'Where a theme stands relative to today (Europe/Copenhagen).', [
  'UPCOMING',
  'ACTIVE',
  'ENDED',
]);
export type ThemeStatus = EnumValue<typeof ThemeStatus>;

export const FocusArea = graphqlEnum('FocusArea', 'The six focus areas of the collaboration.', {
  PARTNERSHIPS: 'Partnerships with national and local partners.',
  SCHOOLS_MUSEUMS_ARCHIVES: 'Schools, museums and archives.',
  PUBLIC_DEBATE: 'Current public debate.',
  ACTIVITIES_CHILDREN_ADULTS: 'Activities for children and adults.',
  INSPIRATION_KNOWLEDGE_LITERATURE: 'Inspiration, knowledge and literature.',
  DIGITAL_OUTREACH: 'Digital outreach.',
});
export type FocusArea = EnumValue<typeof FocusArea>;

export const Audience = graphqlEnum('Audience', 'Who an activity or material is for.', [
  'CHILDREN',
  'YOUTH',
  'ADULTS',
  'FAMILIES',
  'SENIORS',
  'SCHOOL_CLASSES',
  'EVERYONE',
]);
export type Audience = EnumValue<typeof Audience>;

export const ActivityFormat = graphqlEnum('ActivityFormat', 'The kind of event.', [
  'TALK',
  'READING',
  'WALK',
  'WORKSHOP',
  'EXHIBITION',
  'DEBATE',
  'SCHOOL_PROGRAM',
  'DIGITAL',
  'OTHER',
]);
export type ActivityFormat = EnumValue<typeof ActivityFormat>;

export const Channel = graphqlEnum('Channel', 'Where an activity takes place.', [
  'LIBRARY',
  'OUTDOORS',
  'PARTNER_VENUE',
  'WEB',
  'SOCIAL_MEDIA',
]);
export type Channel = EnumValue<typeof Channel>;

export const ActivityStatus = graphqlEnum(
  'ActivityStatus',
  'Lifecycle of an activity; drafts are visible to their library and coordinators only.',
  ['DRAFT', 'PUBLISHED', 'CANCELLED'],
);
export type ActivityStatus = EnumValue<typeof ActivityStatus>;

export const PartnerKind = graphqlEnum('PartnerKind', 'What kind of organisation a partner is.', [
  'MEDIA',
  'SCHOOL',
  'MUSEUM',
  'ARCHIVE',
  'ASSOCIATION',
  'AUTHORITY',
  'BUSINESS',
  'OTHER',
]);
export type PartnerKind = EnumValue<typeof PartnerKind>;

export const PartnerScope = graphqlEnum(
  'PartnerScope',
  'National partners work with the whole collaboration, local ones with a library.',
  ['NATIONAL', 'LOCAL'],
);
export type PartnerScope = EnumValue<typeof PartnerScope>;

export const RegistrationStatus = graphqlEnum('RegistrationStatus', 'Whether a library is signed up for a theme.', [
  'REGISTERED',
  'WITHDRAWN',
]);
export type RegistrationStatus = EnumValue<typeof RegistrationStatus>;

export const MaterialKind = graphqlEnum('MaterialKind', 'The kind of material.', [
  'BOOK',
  'BOOK_LIST',
  'ARTICLE',
  'VIDEO',
  'PODCAST',
  'CAMPAIGN_MATERIAL',
]);
export type MaterialKind = EnumValue<typeof MaterialKind>;

export const Role = graphqlEnum('Role', 'What an API token may do.', {
  PARTNER: 'A partner site: reads published content.',
  LIBRARY_STAFF: "Staff of one library: writes that library's data.",
  COORDINATOR: 'A coordinator at a central library: runs themes, partners, reports.',
});
export type Role = EnumValue<typeof Role>;

export const AccessibilityFeature = graphqlEnum('AccessibilityFeature', 'Accessibility of an activity.', [
  'STEP_FREE_ACCESS',
  'ACCESSIBLE_TOILET',
  'HEARING_LOOP',
  'SIGN_LANGUAGE',
  'AUDIO_DESCRIPTION',
  'EASY_READ',
]);
export type AccessibilityFeature = EnumValue<typeof AccessibilityFeature>;

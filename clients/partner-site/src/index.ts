/**
 * Temahub SDK for partner websites and library web platforms: the current theme, theme pages,
 * activity search, libraries, partners, reference data and notices, all readable anonymously.
 *
 * @example
 * const temahub = createClient({ url: 'https://temahub.example/graphql' });
 * const { theme } = await temahub.themePage({ slug: 'vores-natur' });
 */
import documents from './__generated__/persisted-documents.json' with { type: 'json' };
import * as op from './__generated__/graphql.js';
import { createTransport, type ClientOptions } from './__generated__/runtime.js';

/** Creates a client; every function sends one persisted operation and resolves with its typed data. */
export function createClient(options: ClientOptions) {
  const operation = createTransport(options, documents);
  return {
    /** The ACTIVE theme; else the next UPCOMING; else the most recently ENDED (null when there is none). */
    currentTheme: operation(op.CurrentThemeDocument),
    /** A theme by slug with its partners, materials, participant count and first page of activities. */
    themePage: operation(op.ThemePageDocument),
    /** A theme's summary by slug, without its activities (null when no theme has the slug). */
    themeBySlug: operation(op.ThemeBySlugDocument),
    /** Activities by any ActivityFilter field, a page at a time (`first`, `after` = pageInfo.endCursor). */
    searchActivities: operation(op.SearchActivitiesDocument),
    /** One activity with venue, partners, materials and its schema.org Event as JSON-LD. */
    activityDetail: operation(op.ActivityDetailDocument),
    /** Libraries by municipality, region, theme participation or name, a page at a time. */
    libraries: operation(op.LibrariesDocument),
    /** One library with its first activities. */
    library: operation(op.LibraryDocument),
    /** Partners, optionally of one kind and scope. */
    partners: operation(op.PartnersDocument),
    /** The 98 municipalities, optionally of one region. */
    municipalities: operation(op.MunicipalitiesDocument),
    /** The five regions with their municipalities. */
    regions: operation(op.RegionsDocument),
    /** Notices from the coordinators that are valid right now. */
    activeNotices: operation(op.ActiveNoticesDocument),
  };
}

/** The client createClient returns. */
export type PartnerSiteClient = ReturnType<typeof createClient>;

export { TemahubError } from './__generated__/runtime.js';
export type {
  CallOptions,
  ClientOptions,
  GraphQLErrorEntry,
  PersistedQueryMode,
  TemahubErrorCode,
} from './__generated__/runtime.js';
export type * from './__generated__/graphql.js';

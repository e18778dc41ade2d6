/**
 * Temahub SDK for the coordinators (central libraries): theme reports with CSV, themes and their
 * partners, partners, notices, libraries, API tokens and the audit log. Needs a COORDINATOR token.
 *
 * @example
 * const temahub = createClient({ url: 'https://temahub.example/graphql', token: process.env.TEMAHUB_TOKEN });
 * const { themeReport } = await temahub.themeReport({ themeId });
 */
import documents from './__generated__/persisted-documents.json' with { type: 'json' };
import * as op from './__generated__/graphql.js';
import { createTransport, type ClientOptions } from './__generated__/runtime.js';

/** Creates a client; every function sends one persisted operation and resolves with its typed data. */
export function createClient(options: ClientOptions) {
  const operation = createTransport(options, documents);
  return {
    /** Sign-ups, coverage and activity figures of a theme, also as CSV. */
    themeReport: operation(op.ThemeReportDocument),
    /** Who the token belongs to (role and name). */
    viewer: operation(op.CoordinatorViewerDocument),
    /** Themes, a page at a time. */
    themeList: operation(op.ThemeListDocument),
    /** Libraries with their positions and municipalities, a page at a time. */
    libraryLocations: operation(op.LibraryLocationsDocument),
    /** A theme's published and cancelled activities with municipality and attendance, a page at a time. */
    themeActivityFacts: operation(op.ThemeActivityFactsDocument),
    /** Creates a theme. */
    createTheme: operation(op.CreateThemeDocument),
    /** Changes a theme. */
    updateTheme: operation(op.UpdateThemeDocument),
    /** Links a national partner to a theme with its role, e.g. "mediepartner". */
    addThemePartner: operation(op.AddThemePartnerDocument),
    /** The libraries signed up for a theme with their contact persons, oldest sign-up first, a page at a time. */
    themeRegistrations: operation(op.ThemeRegistrationsDocument),
    /** Creates a partner. */
    createPartner: operation(op.CreatePartnerDocument),
    /** Changes a partner. */
    updatePartner: operation(op.UpdatePartnerDocument),
    /** Publishes a time-boxed notice. */
    createNotice: operation(op.CreateNoticeDocument),
    /** Creates a library (a municipal library service or a branch). */
    createLibrary: operation(op.CreateLibraryDocument),
    /** Issues an API token; the token itself is in the answer once. */
    createApiToken: operation(op.CreateApiTokenDocument),
    /** Revokes an API token at once. */
    revokeApiToken: operation(op.RevokeApiTokenDocument),
    /** API tokens (never the tokens themselves). */
    apiTokens: operation(op.ApiTokensDocument),
    /** The audit log, newest first, filterable by object, action and token. */
    auditEvents: operation(op.AuditEventsDocument),
    /** A library's event sources with their recent runs (what was imported, skipped and why). */
    libraryEventImport: operation(op.LibraryEventImportDocument),
    /** The Danish keyword table that gives imported events their audiences and format. */
    eventImportKeywords: operation(op.EventImportKeywordsDocument),
    /** Adds an event source to any library. */
    addLibraryEventSource: operation(op.AddLibraryEventSourceDocument),
    /** Changes an event source. */
    updateLibraryEventSource: operation(op.UpdateLibraryEventSourceDocument),
    /** Removes an event source; its activities stay. Resolves with true. */
    removeLibraryEventSource: operation(op.RemoveLibraryEventSourceDocument),
    /** Runs an event source now and resolves with the finished run. */
    runLibraryEventSource: operation(op.RunLibraryEventSourceDocument),
  };
}

/** The client createClient returns. */
export type CoordinatorClient = ReturnType<typeof createClient>;

export { TemahubError } from './__generated__/runtime.js';
export type {
  CallOptions,
  ClientOptions,
  GraphQLErrorEntry,
  PersistedQueryMode,
  TemahubErrorCode,
} from './__generated__/runtime.js';
export type * from './__generated__/graphql.js';

/**
 * Temahub SDK for library platforms and staff tools: sign the library up for a theme, create,
 * edit, publish and cancel its activities, report attendance, list its drafts and sign-ups.
 * Needs a LIBRARY_STAFF token (or a coordinator's).
 *
 * @example
 * const temahub = createClient({ url: 'https://temahub.example/graphql', token: process.env.TEMAHUB_TOKEN });
 * const { viewer } = await temahub.viewer();
 */
import documents from './__generated__/persisted-documents.json' with { type: 'json' };
import * as op from './__generated__/graphql.js';
import { createTransport, type ClientOptions } from './__generated__/runtime.js';

/** Creates a client; every function sends one persisted operation and resolves with its typed data. */
export function createClient(options: ClientOptions) {
  const operation = createTransport(options, documents);
  return {
    /** The token's role and name, and the library of a LIBRARY_STAFF token. */
    viewer: operation(op.ViewerDocument),
    /** Themes, newest first, with their sign-up window. */
    themes: operation(op.ThemesDocument),
    /** Signs the library up for a theme (idempotent). */
    registerLibraryForTheme: operation(op.RegisterLibraryForThemeDocument),
    /** Withdraws the library from a theme. */
    withdrawRegistration: operation(op.WithdrawRegistrationDocument),
    /** The library's sign-ups with contact data. */
    myRegistrations: operation(op.MyRegistrationsDocument),
    /** The library's activities, drafts and cancelled ones included, with attendance. */
    myLibraryActivities: operation(op.MyLibraryActivitiesDocument),
    /** Creates an activity as a DRAFT. */
    createActivity: operation(op.CreateActivityDocument),
    /** Changes an activity; fails with CONFLICT when `version` is no longer the current one. */
    updateActivity: operation(op.UpdateActivityDocument),
    /** Publishes a draft. */
    publishActivity: operation(op.PublishActivityDocument),
    /** Cancels an activity with a reason shown to the public. */
    cancelActivity: operation(op.CancelActivityDocument),
    /** Reports how many came, once the activity has started. */
    reportAttendance: operation(op.ReportAttendanceDocument),
    /** The library's event sources (its website's events imported as activities) with their last run. */
    myEventSources: operation(op.MyEventSourcesDocument),
    /** The history of runs of the library's event sources, newest first. */
    myEventSourceRuns: operation(op.MyEventSourceRunsDocument),
    /** Adds an event source (DPL CMS or iCalendar); it runs at once in the background. */
    addEventSource: operation(op.AddEventSourceDocument),
    /** Changes an event source. */
    updateEventSource: operation(op.UpdateEventSourceDocument),
    /** Removes an event source; its activities stay. Resolves with true. */
    removeEventSource: operation(op.RemoveEventSourceDocument),
    /** Runs an event source now and resolves with the finished run. */
    runEventSource: operation(op.RunEventSourceDocument),
    /** Deletes a draft for good (published or cancelled activities are cancelled instead); resolves with true. */
    deleteActivity: operation(op.DeleteActivityDocument),
  };
}

/** The client createClient returns. */
export type LibraryPlatformClient = ReturnType<typeof createClient>;

export { TemahubError } from './__generated__/runtime.js';
export type {
  CallOptions,
  ClientOptions,
  GraphQLErrorEntry,
  PersistedQueryMode,
  TemahubErrorCode,
} from './__generated__/runtime.js';
export type * from './__generated__/graphql.js';

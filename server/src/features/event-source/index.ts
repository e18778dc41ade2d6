export { EventSourceEntity, EventSourceRunEntity, ActivitySourceEntity, EventSourceJobEntity } from './event-source.entity.js';
export {
  ActivitySourceResolver,
  EventSourceResolver,
  EventSourceRunConnectionResolver,
  EventSourceRunResolver,
  LibraryEventSourcesResolver,
} from './event-source.resolver.js';
export { assertSourceFieldsUntouched, SOURCE_OWNED_FIELDS } from './source-owned-fields.js';
export { configureEventImport } from './import/settings.js';
export { runImport } from './import/sync.js';
export { startImportWorker, runDueImports, reschedule, type ImportWorker } from './import/worker.js';

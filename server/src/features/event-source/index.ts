import {
  EventSourceEntity,
  EventSourceRunEntity,
  ActivitySourceEntity,
  EventSourceJobEntity,
} from './event-source.entity.js';
import {
  ActivitySourceResolver,
  EventSourceResolver,
  EventSourceRunConnectionResolver,
  EventSourceRunResolver,
  LibraryEventSourcesResolver,
} from './event-source.resolver.js';
import { EventSourceMutationResolver } from './event-source.mutation.resolver.js';
import type { FeatureRegistration } from '../../shared/feature.js';
export {
  EventSourceEntity,
  EventSourceRunEntity,
  ActivitySourceEntity,
  EventSourceJobEntity,
} from './event-source.entity.js';
export { assertSourceFieldsUntouched, SOURCE_OWNED_FIELDS } from './source-owned-fields.js';
export { configureEventImport } from './import/settings.js';
export { runImport } from './import/sync.js';
export { startImportWorker, runDueImports, reschedule, type ImportWorker } from './import/worker.js';

/** Registered by app/schema.ts. */
export const resolvers: FeatureRegistration['resolvers'] = [
  EventSourceResolver,
  EventSourceRunResolver,
  EventSourceRunConnectionResolver,
  LibraryEventSourcesResolver,
  ActivitySourceResolver,
  EventSourceMutationResolver,
];
export const entities: FeatureRegistration['entities'] = [
  EventSourceEntity,
  EventSourceRunEntity,
  ActivitySourceEntity,
  EventSourceJobEntity,
];

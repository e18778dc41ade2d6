import { InitialSchema1764000000000 } from '../../../migrations/1764000000000-initial-schema.js';
import { ActivityCoveringIndexes1764000000001 } from '../../../migrations/1764000000001-activity-covering-indexes.js';
import { EventSources1764000000010 } from '../../../migrations/1764000000010-event-sources.js';
import { ActivityTally1764000000020 } from '../../../migrations/1764000000020-activity-tally.js';

/** Every schema migration, oldest first. A new migration file is registered here. */
export const migrations = [
  InitialSchema1764000000000,
  ActivityCoveringIndexes1764000000001,
  EventSources1764000000010,
  ActivityTally1764000000020,
];

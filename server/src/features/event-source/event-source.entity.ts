import { defineEntity } from '../../shared/columns.js';
import {
  ACTIVITY_SOURCE_TABLE,
  EVENT_SOURCE_JOB_TABLE,
  EVENT_SOURCE_RUN_TABLE,
  EVENT_SOURCE_TABLE,
} from './event-source.columns.js';

/** The feature's tables; their columns are declared once, in event-source.columns.ts. */
export const EventSourceEntity = defineEntity('event_source', EVENT_SOURCE_TABLE);
export type EventSourceEntity = InstanceType<typeof EventSourceEntity>;

export const EventSourceRunEntity = defineEntity('event_source_run', EVENT_SOURCE_RUN_TABLE);
export type EventSourceRunEntity = InstanceType<typeof EventSourceRunEntity>;

export const ActivitySourceEntity = defineEntity('activity_source', ACTIVITY_SOURCE_TABLE);
export type ActivitySourceEntity = InstanceType<typeof ActivitySourceEntity>;

export const EventSourceJobEntity = defineEntity('event_source_job', EVENT_SOURCE_JOB_TABLE);
export type EventSourceJobEntity = InstanceType<typeof EventSourceJobEntity>;

import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { CACHE } from '../../shared/cache-control.js';
import { ActivityFormat, Audience, graphqlEnum, type EnumValue } from '../../shared/enums.js';
import { PageInfo } from '../../shared/pagination.js';

export const EventSourceKind = graphqlEnum('EventSourceKind', 'What a library website publishes its events as.', {
  DPL_CMS: 'The events API of a DPL CMS site (`{site}/api/v1/events?_format=json`).',
  ICALENDAR: 'An iCalendar (RFC 5545) feed.',
});
export type EventSourceKind = EnumValue<typeof EventSourceKind>;

export const PriceUnit = graphqlEnum(
  'PriceUnit',
  'How a DPL CMS site sends ticket prices (`price.value`): the API says øre, some sites send whole kroner.',
  {
    KRONER: 'Whole kroner: 50 is 50 kr.',
    OERE: 'Øre (minor units): 5000 is 50 kr.',
  },
);
export type PriceUnit = EnumValue<typeof PriceUnit>;

export const EventSourceRunOutcome = graphqlEnum('EventSourceRunOutcome', 'How a run of an event source ended.', {
  RUNNING: 'Still running.',
  SUCCEEDED: 'Every theme event of the source was imported or was unchanged.',
  PARTIAL: 'Done, but some theme events were skipped; skippedEvents says why.',
  FAILED: 'Nothing was changed; error says why (the source could not be fetched or read).',
});
export type EventSourceRunOutcome = EnumValue<typeof EventSourceRunOutcome>;

@ObjectType({ description: 'A theme event of a source that a run did not import, and why.' })
export class SkippedEvent {
  @Field(() => String, {
    nullable: true,
    description: "The event's id at the source (DPL CMS uuid, iCalendar UID), when it has one.",
  })
  externalId: string | null;

  @Field(() => String, { nullable: true, description: "The event's title at the source, when it has one." })
  title: string | null;

  @Field({ description: 'Why it was skipped, written for the library.' })
  reason: string;
}

@ObjectType({ description: 'One run of an event source: when, how it ended and what it did.' })
export class EventSourceRun {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id: string;

  /** Resolved to the EventSource by the source loader. */
  sourceId: string;

  @Field(() => Date, { description: 'When the run started.' })
  startedAt: Date;

  @Field(() => Date, { nullable: true, description: 'When it finished; null while RUNNING.' })
  finishedAt: Date | null;

  @Field(() => EventSourceRunOutcome, { description: 'How it ended.' })
  outcome: EventSourceRunOutcome;

  @Field(() => Int, { description: 'Activities created from new events.' })
  created: number;

  @Field(() => Int, { description: 'Activities updated because their event changed at the source.' })
  updated: number;

  @Field(() => Int, {
    description: 'Activities cancelled because the library cancelled or removed the event on its website.',
  })
  cancelled: number;

  @Field(() => Int, {
    description: 'Theme events that had not changed since the last run (nothing was written for them).',
  })
  unchanged: number;

  @Field(() => Int, {
    description: 'Theme events that could not be imported; skippedEvents lists them with the reason.',
  })
  skipped: number;

  @Field(() => [SkippedEvent], { description: 'The skipped events with their reasons (the first 500).' })
  skippedEvents: SkippedEvent[];

  @Field(() => String, { nullable: true, description: 'Why the run FAILED; null otherwise.' })
  error: string | null;
}

@ObjectType({ description: 'A run in a page of runs.' })
export class EventSourceRunEdge {
  @Field({ description: 'Opaque cursor of this edge; pass it as `after` to continue after it.' })
  cursor: string;

  @Field(() => EventSourceRun, { description: 'The run.' })
  node: EventSourceRun;
}

@ObjectType({ description: 'A page of the runs of an event source, newest first.' })
export class EventSourceRunConnection {
  @Field(() => [EventSourceRunEdge], { description: 'The runs of this page.' })
  edges: EventSourceRunEdge[];

  @Field(() => PageInfo, { description: 'Whether more pages follow and where to continue.' })
  pageInfo: PageInfo;

  /** Counts the runs; resolved as totalCount only when a client asks for it. */
  countTotal: () => Promise<number>;
}

@ObjectType({
  description:
    "A library's website that Temahub imports theme activities from. Visible to and managed by the library's own staff and coordinators.",
})
export class EventSource {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id: string;

  /** Resolved to the Library through the library loader. */
  libraryId: string;

  @Field(() => EventSourceKind, { description: 'DPL CMS events API or iCalendar feed.' })
  kind: EventSourceKind;

  @Field({ description: 'The DPL CMS site (or its events endpoint) or the iCalendar feed URL.' })
  url: string;

  @Field(() => [String], {
    description:
      "Tags or categories that mark a theme event. Empty: an event belongs to a theme when it carries a tag or category equal to the theme's title or slug (case and accents ignored).",
  })
  themeTags: string[];

  @Field({
    description:
      'Every event in the weeks of a theme the library is signed up for is a theme event, whatever its tags.',
  })
  matchAllInThemeWeeks: boolean;

  @Field({
    description: 'Imported activities are published at once; otherwise they arrive as drafts for staff to publish.',
  })
  publishImmediately: boolean;

  @Field(() => PriceUnit, { description: 'How the DPL CMS site sends ticket prices. Ignored for iCalendar.' })
  priceUnit: PriceUnit;

  @Field({ description: 'Disabled sources are not run in the background (runEventSource still runs them).' })
  enabled: boolean;
}

@Directive(CACHE.inherit)
@ObjectType({
  description:
    'Where an imported activity came from. Its title, description, times, venue, image, sign-up link, capacity and price are edited there.',
})
export class ActivitySource {
  @Field(() => EventSourceKind, { description: 'DPL CMS or iCalendar.' })
  kind: EventSourceKind;

  @Field({ description: 'The URL of the source.' })
  url: string;

  @Field({
    description:
      "The event's id at the source: the DPL CMS uuid or the iCalendar UID (with the occurrence for recurring events).",
  })
  externalId: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Shared by the occurrences of one recurring event (DPL CMS series uuid, iCalendar UID); null for single events.',
  })
  seriesId: string | null;

  @Field(() => Date, { description: 'When Temahub last wrote the activity from its source.' })
  importedAt: Date;
}

@ObjectType({
  description:
    'A row of the Danish keyword table: an imported event whose category or tag contains the keyword gets this audience or format.',
})
export class ImportKeyword {
  @Field({
    description: 'The Danish keyword; words that begin or end with it count too when it has four letters or more.',
  })
  keyword: string;

  @Field(() => Audience, {
    nullable: true,
    description: 'The audience it adds; without any match the audience is EVERYONE.',
  })
  audience: Audience | null;

  @Field(() => ActivityFormat, {
    nullable: true,
    description: 'The format it gives (the first match wins); without any match the format is OTHER.',
  })
  format: ActivityFormat | null;
}

import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import {
  AccessibilityFeature,
  ActivityFormat,
  ActivityStatus,
  Audience,
  Channel,
  graphqlEnum,
  type EnumValue,
} from '../../shared/enums.js';
import { GeoPoint, Image } from '../../shared/common.types.js';
import { PageInfo } from '../../shared/pagination.js';
import { CACHE } from '../../shared/cache-control.js';

export const ActivityOrder = graphqlEnum('ActivityOrder', 'How a list of activities is ordered.', {
  START_TIME: 'By start time, then id (the default).',
  RELEVANCE:
    'Best matches of filter.search first (title counts more than description), then by start time and id. Needs filter.search.',
});
export type ActivityOrder = EnumValue<typeof ActivityOrder>;

@Directive(CACHE.inherit)
@ObjectType({
  description: 'Where an activity takes place; null for activities on the web or social media only.',
})
export class Venue {
  @Field({ description: 'Name of the place, e.g. "Hovedbiblioteket" or "P-pladsen ved Rold Skov".' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Street address.' })
  address: string | null;

  @Field(() => String, { nullable: true, description: 'Four-digit Danish postal code.' })
  postalCode: string | null;

  @Field(() => String, { nullable: true, description: 'Town of the postal code.' })
  city: string | null;

  @Field(() => GeoPoint, { nullable: true, description: 'Position of the venue, for maps and "near me".' })
  location: GeoPoint | null;
}

@Directive(CACHE.activity)
@ObjectType({
  description: 'An event (arrangement) a library runs as part of a theme, possibly with partners.',
})
export class Activity {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id: string;

  /** Resolved through the theme loader. */
  themeId: string;

  /** Resolved through the library loader. */
  libraryId: string;

  /** Exposed as `attendance` only to the organising library's staff and coordinators. */
  reportedAttendance: number | null;

  @Field({ description: 'Title, e.g. "Fuglene i skoven – morgentur med ornitolog".' })
  title: string;

  @Field({ description: 'Plain-text presentation of the activity.' })
  description: string;

  @Field(() => [Audience], { description: 'Who the activity is for (at least one).' })
  audiences: Audience[];

  @Field(() => ActivityFormat, { description: 'The kind of event.' })
  format: ActivityFormat;

  @Field(() => Channel, {
    description: 'Where it happens: the library, outdoors, a partner venue, the web or social media.',
  })
  channel: Channel;

  @Field(() => Venue, { nullable: true, description: 'The physical place, if any.' })
  venue: Venue | null;

  @Field(() => [AccessibilityFeature], { description: 'Accessibility features of the venue and the event.' })
  accessibility: AccessibilityFeature[];

  @Field(() => Image, { nullable: true, description: 'Picture for listings.' })
  image: Image | null;

  @Field({ description: 'Start instant.' })
  startsAt: Date;

  @Field({ description: 'End instant (after the start).' })
  endsAt: Date;

  @Field(() => Int, { nullable: true, description: 'Number of places, if limited.' })
  capacity: number | null;

  @Field(() => String, { nullable: true, description: 'Where to sign up or buy a ticket.' })
  signupUrl: string | null;

  @Field(() => Float, { nullable: true, description: 'Price in Danish kroner; null or 0 means free.' })
  priceDkk: number | null;

  @Field(() => ActivityStatus, { description: 'DRAFT (invisible to the public), PUBLISHED or CANCELLED.' })
  status: ActivityStatus;

  @Field(() => String, { nullable: true, description: 'Why a cancelled activity was cancelled.' })
  cancellationReason: string | null;

  @Field(() => Int, { description: 'Optimistic-locking version: pass it to updateActivity.' })
  version: number;

  @Field({ description: 'When the activity was created.' })
  createdAt: Date;

  @Field({ description: 'When the activity was last changed.' })
  updatedAt: Date;
}

@Directive(CACHE.inherit)
@ObjectType({ description: 'An activity in a list.' })
export class ActivityEdge {
  @Field({ description: 'Opaque cursor of this edge; pass it as `after` to continue after it.' })
  cursor: string;

  @Field(() => Activity, { description: 'The activity.' })
  node: Activity;
}

@Directive(CACHE.activity)
@ObjectType({ description: 'A page of activities, ordered by start time, then id.' })
export class ActivityConnection {
  @Field(() => [ActivityEdge], { description: 'The activities of this page.' })
  edges: ActivityEdge[];

  @Field(() => PageInfo, { description: 'Whether more pages follow, and the cursor to get the next one.' })
  pageInfo: PageInfo;

  /** Counted only when the client asks for totalCount (see ActivityConnectionResolver). */
  countTotal: () => Promise<number>;
}

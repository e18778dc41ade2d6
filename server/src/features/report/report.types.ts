import { Field, Int, ObjectType } from 'type-graphql';
import { Region } from '../../shared/enums.js';
import { Library } from '../library/index.js';
import { Municipality } from '../reference/index.js';
import { Theme } from '../theme/index.js';

@ObjectType({ description: 'A count for one value of an enumeration (every value is listed, also with 0).' })
export class KeyCount {
  @Field({ description: 'The enumeration value, e.g. "CHILDREN" or "WORKSHOP".' })
  key: string;

  @Field(() => Int, { description: 'How many.' })
  count: number;
}

@ObjectType({ description: 'A count for one ISO week.' })
export class WeekCount {
  @Field(() => Int, { description: 'ISO week-numbering year.' })
  isoYear: number;

  @Field(() => Int, { description: 'ISO week number, 1–53.' })
  isoWeek: number;

  @Field(() => Int, { description: 'How many.' })
  count: number;
}

@ObjectType({ description: "A region's share of a theme: sign-ups, municipalities covered and activities." })
export class RegionCoverage {
  @Field(() => Region, { description: 'The region.' })
  region: Region;

  @Field(() => Int, { description: 'Libraries of the region signed up (REGISTERED).' })
  registeredLibraries: number;

  @Field(() => Int, { description: 'Municipalities of the region with at least one registered library.' })
  municipalitiesCovered: number;

  @Field(() => Int, { description: 'Municipalities in the region.' })
  municipalitiesTotal: number;

  @Field(() => Int, { description: "Published and cancelled activities organised by the region's libraries." })
  activities: number;
}

@ObjectType({
  description: "The coordinators' figures for one theme. Drafts never count; withdrawn registrations never count.",
})
export class ThemeReport {
  @Field(() => Theme, { description: 'The theme reported on.' })
  theme: Theme;

  @Field(() => Int, { description: 'Libraries signed up (status REGISTERED).' })
  registeredLibraries: number;

  @Field(() => Int, { description: 'Municipalities with at least one registered library.' })
  municipalitiesCovered: number;

  @Field(() => Int, { description: 'All municipalities (98).' })
  municipalitiesTotal: number;

  @Field(() => [RegionCoverage], { description: 'The same figures per region, in the official order of the regions.' })
  coverageByRegion: RegionCoverage[];

  @Field(() => [Municipality], { description: 'Municipalities with no registered library: where to recruit. By name.' })
  municipalitiesWithoutRegistration: Municipality[];

  @Field(() => [Library], {
    description: 'Registered libraries that have no PUBLISHED activity in the theme: whom to follow up. By name.',
  })
  librariesWithoutActivities: Library[];

  @Field(() => Int, { description: 'Published and cancelled activities of the theme; drafts never count in a report.' })
  activitiesTotal: number;

  @Field(() => Int, { description: 'Cancelled activities (included in activitiesTotal).' })
  activitiesCancelled: number;

  @Field(() => [KeyCount], {
    description: 'An activity counts once for each of its audiences, so these may sum to more than the total.',
  })
  activitiesByAudience: KeyCount[];

  @Field(() => [KeyCount], { description: 'Partitions activitiesTotal.' })
  activitiesByFormat: KeyCount[];

  @Field(() => [KeyCount], { description: 'Partitions activitiesTotal.' })
  activitiesByChannel: KeyCount[];

  @Field(() => [WeekCount], {
    description:
      'By the ISO week of the start (Europe/Copenhagen); partitions activitiesTotal. Every week of the theme is listed, also with 0.',
  })
  activitiesByWeek: WeekCount[];

  @Field(() => [KeyCount], {
    description:
      'Distinct partners of the theme by kind: its national partners and the co-organisers of its counted activities.',
  })
  partnersByKind: KeyCount[];

  @Field(() => Int, { description: 'Reported attendance of the counted activities, summed.' })
  attendanceTotal: number;

  // csv is a field resolver (ReportResolver): built from these figures only when asked for.
}

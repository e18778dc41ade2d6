import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { CACHE } from '../../shared/cache-control.js';
import { DateScalar } from '../../shared/scalars.js';
import { FocusArea } from '../../shared/enums.js';
import { Image } from '../../shared/common.types.js';
import { PageInfo } from '../../shared/pagination.js';

@Directive(CACHE.catalogue)
@ObjectType({
  description: 'A season of the collaboration (tema): one topical theme over a few ISO weeks.',
})
export class Theme {
  @Field(() => ID, { description: 'Stable identifier of the theme.' })
  id: string;

  @Field(() => Int, { description: 'The running number of the theme, e.g. 11.' })
  number: number;

  @Field({ description: 'URL name, e.g. "vores-natur".' })
  slug: string;

  @Field({ description: 'Title of the theme, e.g. "Vores natur".' })
  title: string;

  @Field({ description: 'One or two sentences for teasers.' })
  summary: string;

  @Field({ description: 'The full presentation of the theme.' })
  description: string;

  @Field(() => Int, { description: 'The ISO week-numbering year of the theme period.' })
  year: number;

  @Field(() => Int, { description: 'First ISO week of the theme period.' })
  startWeek: number;

  @Field(() => Int, { description: 'Last ISO week of the theme period.' })
  endWeek: number;

  @Field(() => DateScalar, { description: 'Monday of the start week (Europe/Copenhagen).' })
  startsOn: string;

  @Field(() => DateScalar, { description: 'Sunday of the end week (Europe/Copenhagen).' })
  endsOn: string;

  @Field(() => Date, { nullable: true, description: 'When libraries may start signing up.' })
  registrationOpensAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When sign-up closes for library staff.' })
  registrationClosesAt: Date | null;

  @Field(() => [FocusArea], { description: 'Which of the six focus areas the theme works with.' })
  focusAreas: FocusArea[];

  @Field(() => Image, { nullable: true, description: 'Key visual of the theme.' })
  image: Image | null;

  @Field({
    description:
      'Whether the theme is public. Always true for everyone but coordinators: an unpublished theme (next season in preparation) and its activities are seen by coordinators only.',
  })
  isPublished: boolean;
}

@Directive(CACHE.inherit)
@ObjectType('ThemePartner', { description: 'A national partner of a theme and its role.' })
export class ThemePartnerLink {
  /** Resolved through the partner loader. */
  partnerId: string;

  @Field({ description: 'The partner\'s role in the theme, e.g. "mediepartner".' })
  role: string;
}

@Directive(CACHE.inherit)
@ObjectType({ description: 'A theme in a list.' })
export class ThemeEdge {
  @Field({ description: 'Opaque cursor of this edge; pass it as `after` to continue after it.' })
  cursor: string;

  @Field(() => Theme, { description: 'The theme.' })
  node: Theme;
}

@Directive(CACHE.catalogue)
@ObjectType({ description: 'A page of themes.' })
export class ThemeConnection {
  @Field(() => [ThemeEdge], { description: 'The themes of this page.' })
  edges: ThemeEdge[];

  @Field(() => PageInfo, { description: 'Whether more pages follow and where to continue.' })
  pageInfo: PageInfo;

  /** Counts the matching themes; resolved as totalCount only when a client asks for it. */
  countTotal: () => Promise<number>;
}

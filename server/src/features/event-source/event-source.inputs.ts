import { ArrayMaxSize, IsBoolean, IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { IsHttpUrl } from '../../shared/input-fields.js';
import { EventSourceKind, PriceUnit } from './event-source.types.js';

@InputType({ description: "A new event source of a library: its website's events." })
export class AddEventSourceInput {
  @Field(() => ID, {
    description: 'The library whose events these are; staff tokens may add sources only to their own library.',
  })
  libraryId: string;

  @Field(() => EventSourceKind, { description: 'DPL CMS events API or iCalendar feed.' })
  kind: EventSourceKind;

  @Field({
    description:
      'Absolute http(s) URL, at most 2000 characters: the DPL CMS site (or its /api/v1/events endpoint), or the iCalendar feed.',
  })
  @IsHttpUrl()
  url: string;

  @Field(() => [String], {
    nullable: true,
    description:
      "Tags or categories that mark a theme event (at most 50, each at most 100 characters). Default: the theme's title or slug.",
  })
  @IsOptional()
  @ArrayMaxSize(50, { message: 'themeTags may list at most 50 tags' })
  @MaxLength(100, { each: true, message: 'each of themeTags must be at most 100 characters' })
  themeTags?: string[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Import every event in the theme's weeks, whatever its tags. Default false.",
  })
  @IsOptional()
  @IsBoolean()
  matchAllInThemeWeeks?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Publish imported activities at once. Default false: they arrive as drafts.',
  })
  @IsOptional()
  @IsBoolean()
  publishImmediately?: boolean | null;

  @Field(() => PriceUnit, {
    nullable: true,
    description: 'How the DPL CMS site sends prices. Default OERE, as its API documents.',
  })
  priceUnit?: PriceUnit | null;

  @Field(() => Boolean, { nullable: true, description: 'Run in the background. Default true.' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean | null;
}

@InputType({ description: 'Changes to an event source; omitted fields stay as they are.' })
export class UpdateEventSourceInput {
  @Field(() => String, { nullable: true, description: 'Absolute http(s) URL, at most 2000 characters.' })
  @IsHttpUrl()
  url?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: "Tags that mark a theme event; an empty list goes back to the theme's title or slug.",
  })
  @IsOptional()
  @ArrayMaxSize(50, { message: 'themeTags may list at most 50 tags' })
  @MaxLength(100, { each: true, message: 'each of themeTags must be at most 100 characters' })
  themeTags?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: "Import every event in the theme's weeks, whatever its tags." })
  @IsOptional()
  @IsBoolean()
  matchAllInThemeWeeks?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Publish imported activities at once (applies to activities created from now on).',
  })
  @IsOptional()
  @IsBoolean()
  publishImmediately?: boolean | null;

  @Field(() => PriceUnit, { nullable: true, description: 'How the DPL CMS site sends prices.' })
  priceUnit?: PriceUnit | null;

  @Field(() => Boolean, { nullable: true, description: 'Run in the background.' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean | null;
}

import {
  ArrayMaxSize,
  IsBoolean,
  IsInt,
  IsOptional,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { FocusArea } from '../../shared/enums.js';
import { ImageInput } from '../../shared/common.inputs.js';
import { IsOptionalText, IsText } from '../../shared/input-fields.js';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

@InputType({ description: 'A new theme.' })
export class CreateThemeInput {
  @Field(() => Int, { description: 'The running number, e.g. 27; unique.' })
  @IsInt()
  @Min(1, { message: 'number must be 1 or more' })
  @Max(10000, { message: 'number must be at most 10000' })
  number: number;

  @Field({ description: 'URL name: lower-case letters, digits and single hyphens, e.g. "vores-natur"; unique.' })
  @Length(1, 100, { message: 'slug must be 1–100 characters' })
  @Matches(SLUG, { message: 'slug may contain only a–z, 0–9 and single hyphens between them, e.g. "vores-natur"' })
  slug: string;

  @Field({ description: '1–200 characters.' })
  @IsText(200)
  title: string;

  @Field({ description: '1–1000 characters.' })
  @IsText(1000)
  summary: string;

  @Field({ description: '1–20000 characters.' })
  @IsText(20000)
  description: string;

  @Field(() => Int, { description: 'The ISO week-numbering year of the weeks, 2000–2100.' })
  @IsInt()
  @Min(2000, { message: 'year must be from 2000 to 2100' })
  @Max(2100, { message: 'year must be from 2000 to 2100' })
  year: number;

  @Field(() => Int, { description: 'First ISO week, 1–53.' })
  @IsInt()
  @Min(1, { message: 'startWeek must be an ISO week, 1–53' })
  @Max(53, { message: 'startWeek must be an ISO week, 1–53' })
  startWeek: number;

  @Field(() => Int, { description: 'Last ISO week, from startWeek to the last week of the year.' })
  @IsInt()
  @Min(1, { message: 'endWeek must be an ISO week, 1–53' })
  @Max(53, { message: 'endWeek must be an ISO week, 1–53' })
  endWeek: number;

  @Field(() => Date, {
    nullable: true,
    description: 'When library staff may start signing up (open from the start when null).',
  })
  registrationOpensAt?: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When sign-up closes for library staff (at the end of the theme when null).',
  })
  registrationClosesAt?: Date | null;

  @Field(() => ImageInput, { nullable: true, description: 'The theme image; its alt text is required.' })
  @IsOptional()
  @ValidateNested()
  image?: ImageInput | null;

  @Field(() => [FocusArea], { description: 'Which of the six focus areas the theme works with.' })
  @ArrayMaxSize(6)
  focusAreas: FocusArea[];

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: true,
    description:
      "Whether the theme is public at once (default true). Coordinators prepare next season's theme with false — only coordinators see it and its activities — and publish it later with updateTheme.",
  })
  @IsOptional()
  @IsBoolean()
  isPublished?: boolean | null;
}

@InputType({ description: 'Changes to a theme; fields left out stay as they are.' })
export class UpdateThemeInput {
  @Field(() => String, { nullable: true, description: '1–200 characters.' })
  @IsOptionalText(200)
  title?: string | null;

  @Field(() => String, { nullable: true, description: '1–1000 characters.' })
  @IsOptionalText(1000)
  summary?: string | null;

  @Field(() => String, { nullable: true, description: '1–20000 characters.' })
  @IsOptionalText(20000)
  description?: string | null;

  @Field(() => Int, { nullable: true, description: 'First ISO week, 1–53.' })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'startWeek must be an ISO week, 1–53' })
  @Max(53, { message: 'startWeek must be an ISO week, 1–53' })
  startWeek?: number | null;

  @Field(() => Int, { nullable: true, description: 'Last ISO week, not before startWeek.' })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'endWeek must be an ISO week, 1–53' })
  @Max(53, { message: 'endWeek must be an ISO week, 1–53' })
  endWeek?: number | null;

  @Field(() => Date, { nullable: true, description: 'null clears it.' })
  registrationOpensAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'null clears it.' })
  registrationClosesAt?: Date | null;

  @Field(() => [FocusArea], { nullable: true, description: 'Replaces the focus areas.' })
  @IsOptional()
  @ArrayMaxSize(6)
  focusAreas?: FocusArea[] | null;

  @Field(() => ImageInput, { nullable: true, description: 'null removes the image.' })
  @IsOptional()
  @ValidateNested()
  image?: ImageInput | null;

  @Field(() => String, { nullable: true, description: 'A new URL name; unique.' })
  @IsOptional()
  @MaxLength(100, { message: 'slug must be 1–100 characters' })
  @Matches(SLUG, { message: 'slug may contain only a–z, 0–9 and single hyphens between them, e.g. "vores-natur"' })
  slug?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "true publishes the theme (it and its activities become public); false hides it again from everyone but coordinators, e.g. while next season's theme is prepared.",
  })
  @IsOptional()
  @IsBoolean()
  isPublished?: boolean | null;
}

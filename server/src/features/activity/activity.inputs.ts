import { ArrayMaxSize, ArrayMinSize, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { ImageInput } from '../../shared/common.inputs.js';
import { AccessibilityFeature, ActivityFormat, Audience, Channel } from '../../shared/enums.js';
import {
  IsCapacity,
  IsHttpUrl,
  IsIdList,
  IsLatitude,
  IsLongitude,
  IsOptionalText,
  IsPostalCode,
  IsPrice,
  IsShortText,
  IsText,
} from '../../shared/input-fields.js';

@InputType({ description: 'Where an activity takes place. Give both latitude and longitude, or neither.' })
export class VenueInput {
  @Field({ description: 'Name of the place, 1–200 characters.' })
  @IsText(200)
  name: string;

  @Field(() => String, { nullable: true, description: 'Street address, up to 200 characters.' })
  @IsShortText(200)
  address?: string | null;

  @Field(() => String, { nullable: true, description: 'Four digits.' })
  @IsPostalCode()
  postalCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Town of the postal code, up to 100 characters.' })
  @IsShortText(100)
  city?: string | null;

  @Field(() => Float, { nullable: true, description: 'WGS 84, −90 to 90.' })
  @IsLatitude('longitude')
  latitude?: number | null;

  @Field(() => Float, { nullable: true, description: 'WGS 84, −180 to 180.' })
  @IsLongitude('latitude')
  longitude?: number | null;
}

/** A new activity: its theme and library and its content, required where the contract says so. UpdateActivityInput repeats the content fields, each optional. */
@InputType({ description: 'A new activity; it starts as a DRAFT.' })
export class CreateActivityInput {
  @Field(() => ID, { description: 'The theme; the activity must overlap its period.' })
  themeId: string;

  @Field(() => ID, {
    description: 'The organising library; staff tokens may only use their own, which must be signed up for the theme.',
  })
  libraryId: string;

  @Field({ description: '1–200 characters.' })
  @IsText(200)
  title: string;

  @Field({ description: '1–10000 characters.' })
  @IsText(10000)
  description: string;

  @Field(() => [Audience], { description: 'At least one.' })
  @ArrayMinSize(1, { message: 'audiences must name at least one audience' })
  @ArrayMaxSize(7)
  audiences: Audience[];

  @Field(() => ActivityFormat, { description: 'The kind of event.' })
  format: ActivityFormat;

  @Field(() => Channel, { description: 'Where it takes place.' })
  channel: Channel;

  @Field(() => VenueInput, { nullable: true, description: 'The place; leave out for web and social media activities.' })
  @IsOptional()
  @ValidateNested()
  venue?: VenueInput | null;

  @Field(() => [AccessibilityFeature], { nullable: true, description: 'Accessibility features of the venue or event.' })
  @IsOptional()
  @ArrayMaxSize(6)
  accessibility?: AccessibilityFeature[] | null;

  @Field(() => ImageInput, { nullable: true, description: 'The alternative text is required.' })
  @IsOptional()
  @ValidateNested()
  image?: ImageInput | null;

  @Field(() => Date, { description: 'The start; the activity must overlap the theme period.' })
  startsAt: Date;

  @Field(() => Date, { description: 'After startsAt.' })
  endsAt: Date;

  @Field(() => Int, { nullable: true, description: 'Places, 1 or more.' })
  @IsCapacity()
  capacity?: number | null;

  @Field(() => String, { nullable: true, description: 'Absolute http(s) URL where people sign up.' })
  @IsHttpUrl()
  signupUrl?: string | null;

  @Field(() => Float, { nullable: true, description: 'Price in DKK, 0 or more; null when free or not stated.' })
  @IsPrice()
  priceDkk?: number | null;

  @Field(() => [ID], { nullable: true, description: 'Co-organising partners (at most 20).' })
  @IsIdList(20, 'partners')
  partnerIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Linked materials (at most 50).' })
  @IsIdList(50, 'materials')
  materialIds?: string[] | null;
}

@InputType({ description: 'Changes to an activity; fields left out stay as they are, null clears an optional field.' })
export class UpdateActivityInput {
  @Field(() => String, { nullable: true, description: '1–200 characters.' })
  @IsOptionalText(200)
  title?: string | null;

  @Field(() => String, { nullable: true, description: '1–10000 characters.' })
  @IsOptionalText(10000)
  description?: string | null;

  @Field(() => [Audience], { nullable: true, description: 'Replaces the audiences; at least one.' })
  @IsOptional()
  @ArrayMinSize(1, { message: 'audiences must name at least one audience' })
  @ArrayMaxSize(7)
  audiences?: Audience[] | null;

  @Field(() => ActivityFormat, { nullable: true, description: 'The kind of event.' })
  format?: ActivityFormat | null;

  @Field(() => Channel, { nullable: true, description: 'Where it takes place.' })
  channel?: Channel | null;

  @Field(() => VenueInput, { nullable: true, description: 'Replaces the venue; null removes it.' })
  @IsOptional()
  @ValidateNested()
  venue?: VenueInput | null;

  @Field(() => [AccessibilityFeature], { nullable: true, description: 'Replaces the accessibility features.' })
  @IsOptional()
  @ArrayMaxSize(6)
  accessibility?: AccessibilityFeature[] | null;

  @Field(() => ImageInput, { nullable: true, description: 'Replaces the image (alt text required); null removes it.' })
  @IsOptional()
  @ValidateNested()
  image?: ImageInput | null;

  @Field(() => Date, { nullable: true, description: 'The new start.' })
  startsAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'The new end, after the start.' })
  endsAt?: Date | null;

  @Field(() => Int, { nullable: true, description: 'Places, 1 or more; null for no limit.' })
  @IsCapacity()
  capacity?: number | null;

  @Field(() => String, { nullable: true, description: 'Absolute http(s) URL; null removes it.' })
  @IsHttpUrl()
  signupUrl?: string | null;

  @Field(() => Float, { nullable: true, description: 'Price in DKK, 0 or more; null when free or not stated.' })
  @IsPrice()
  priceDkk?: number | null;

  @Field(() => [ID], { nullable: true, description: 'Replaces the partners; [] removes them all.' })
  @IsIdList(20, 'partners')
  partnerIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Replaces the materials; [] removes them all.' })
  @IsIdList(50, 'materials')
  materialIds?: string[] | null;
}

@ArgsType()
export class CancelActivityArgs {
  @Field(() => ID, { description: 'The published activity to cancel (Activity.id).' })
  id: string;

  @Field(() => String, { description: 'Why, 1–1000 characters; shown to the public.' })
  @IsText(1000, 'tell the public why the activity is cancelled')
  reason: string;
}

@ArgsType()
export class ReportAttendanceArgs {
  @Field(() => ID, { description: 'The published activity that has started (Activity.id).' })
  id: string;

  @Field(() => Int, {
    description: 'How many people came, a whole number from 0 to 1000000; replaces an earlier report.',
  })
  @Min(0, { message: 'attendance must be a whole number from 0 to 1000000' })
  @Max(1_000_000, { message: 'attendance must be a whole number from 0 to 1000000' })
  attendance: number;
}

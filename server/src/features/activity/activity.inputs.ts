import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, IsUrl, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { HTTP_URL, ImageInput } from '../../shared/common.inputs.js';
import { AccessibilityFeature, ActivityFormat, Audience, Channel } from '../../shared/enums.js';

@InputType({ description: 'Where an activity takes place. Give both latitude and longitude, or neither.' })
export class VenueInput {
  @Field({ description: 'Name of the place, 1–200 characters.' })
  @Length(1, 200, { message: 'name must be 1–200 characters' })
  @Matches(/\S/, { message: 'name must not be blank' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Street address, up to 200 characters.' })
  @IsOptional()
  @MaxLength(200, { message: 'address must be at most 200 characters' })
  address?: string | null;

  @Field(() => String, { nullable: true, description: 'Four digits.' })
  @IsOptional()
  @Matches(/^[0-9]{4}$/, { message: 'postalCode must be four digits, e.g. 9000' })
  postalCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Town of the postal code, up to 100 characters.' })
  @IsOptional()
  @MaxLength(100, { message: 'city must be at most 100 characters' })
  city?: string | null;

  @Field(() => Float, { nullable: true, description: 'WGS 84, −90 to 90.' })
  @IsOptional()
  @Min(-90, { message: 'latitude must be from -90 to 90' })
  @Max(90, { message: 'latitude must be from -90 to 90' })
  latitude?: number | null;

  @Field(() => Float, { nullable: true, description: 'WGS 84, −180 to 180.' })
  @IsOptional()
  @Min(-180, { message: 'longitude must be from -180 to 180' })
  @Max(180, { message: 'longitude must be from -180 to 180' })
  longitude?: number | null;
}

/** The editable content of an activity, shared by create (required where the contract says so) and update. */
@InputType({ description: 'A new activity; it starts as a DRAFT.' })
export class CreateActivityInput {
  @Field(() => ID, { description: 'The theme; the activity must overlap its period.' })
  themeId: string;

  @Field(() => ID, { description: 'The organising library; staff tokens may only use their own, which must be signed up for the theme.' })
  libraryId: string;

  @Field({ description: '1–200 characters.' })
  @Length(1, 200, { message: 'title must be 1–200 characters' })
  @Matches(/\S/, { message: 'title must not be blank' })
  title: string;

  @Field({ description: '1–10000 characters.' })
  @Length(1, 10000, { message: 'description must be 1–10000 characters' })
  @Matches(/\S/, { message: 'description must not be blank' })
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
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'capacity must be 1 or more (leave it out when there is no limit)' })
  @Max(1_000_000, { message: 'capacity must be at most 1000000' })
  capacity?: number | null;

  @Field(() => String, { nullable: true, description: 'Absolute http(s) URL where people sign up.' })
  @IsOptional()
  @MaxLength(2000, { message: 'signupUrl must be at most 2000 characters' })
  @IsUrl(HTTP_URL, { message: 'signupUrl must be an absolute http or https URL' })
  signupUrl?: string | null;

  @Field(() => Float, { nullable: true, description: 'Price in DKK, 0 or more; null when free or not stated.' })
  @IsOptional()
  @Min(0, { message: 'priceDkk must be 0 or more' })
  @Max(100_000, { message: 'priceDkk must be at most 100000' })
  priceDkk?: number | null;

  @Field(() => [ID], { nullable: true, description: 'Co-organising partners (at most 20).' })
  @IsOptional()
  @ArrayMaxSize(20, { message: 'partnerIds may name at most 20 partners' })
  partnerIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Linked materials (at most 50).' })
  @IsOptional()
  @ArrayMaxSize(50, { message: 'materialIds may name at most 50 materials' })
  materialIds?: string[] | null;
}

@InputType({ description: 'Changes to an activity; fields left out stay as they are, null clears an optional field.' })
export class UpdateActivityInput {
  @Field(() => String, { nullable: true, description: '1–200 characters.' })
  @IsOptional()
  @Length(1, 200, { message: 'title must be 1–200 characters' })
  @Matches(/\S/, { message: 'title must not be blank' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: '1–10000 characters.' })
  @IsOptional()
  @Length(1, 10000, { message: 'description must be 1–10000 characters' })
  @Matches(/\S/, { message: 'description must not be blank' })
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
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'capacity must be 1 or more (null when there is no limit)' })
  @Max(1_000_000, { message: 'capacity must be at most 1000000' })
  capacity?: number | null;

  @Field(() => String, { nullable: true, description: 'Absolute http(s) URL; null removes it.' })
  @IsOptional()
  @MaxLength(2000, { message: 'signupUrl must be at most 2000 characters' })
  @IsUrl(HTTP_URL, { message: 'signupUrl must be an absolute http or https URL' })
  signupUrl?: string | null;

  @Field(() => Float, { nullable: true, description: 'Price in DKK, 0 or more; null when free or not stated.' })
  @IsOptional()
  @Min(0, { message: 'priceDkk must be 0 or more' })
  @Max(100_000, { message: 'priceDkk must be at most 100000' })
  priceDkk?: number | null;

  @Field(() => [ID], { nullable: true, description: 'Replaces the partners; [] removes them all.' })
  @IsOptional()
  @ArrayMaxSize(20, { message: 'partnerIds may name at most 20 partners' })
  partnerIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Replaces the materials; [] removes them all.' })
  @IsOptional()
  @ArrayMaxSize(50, { message: 'materialIds may name at most 50 materials' })
  materialIds?: string[] | null;
}

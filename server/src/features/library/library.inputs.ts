import { IsBoolean, IsEmail, IsInt, IsOptional, IsUrl, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { Field, Float, InputType, Int } from 'type-graphql';
import { HTTP_URL } from '../../shared/common.inputs.js';

@InputType({ description: 'A new library (a municipal library service or a branch).' })
export class CreateLibraryInput {
  @Field({ description: '1–200 characters.' })
  @Length(1, 200, { message: 'name must be 1–200 characters' })
  @Matches(/\S/, { message: 'name must not be blank' })
  name: string;

  @Field(() => Int, { description: 'Official municipality code, e.g. 751 for Aarhus.' })
  @IsInt()
  municipalityCode: number;

  @Field(() => String, { nullable: true, description: 'ISIL code, DK- and six digits; a public library\'s is DK-7 + municipality code + branch (DK-775100). Unique.' })
  @IsOptional()
  @Matches(/^DK-[0-9]{6}$/, { message: 'isil must be "DK-" and six digits, e.g. DK-775100' })
  isil?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'One of the six central libraries (default false).' })
  @IsOptional()
  @IsBoolean()
  isCentralLibrary?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Street address, up to 200 characters.' })
  @IsOptional()
  @MaxLength(200, { message: 'address must be at most 200 characters' })
  address?: string | null;

  @Field(() => String, { nullable: true, description: 'Four digits.' })
  @IsOptional()
  @Matches(/^[0-9]{4}$/, { message: 'postalCode must be four digits, e.g. 8000' })
  postalCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Town of the postal code, up to 100 characters.' })
  @IsOptional()
  @MaxLength(100, { message: 'city must be at most 100 characters' })
  city?: string | null;

  @Field(() => Float, { nullable: true, description: 'WGS 84, −90 to 90; give both latitude and longitude or neither.' })
  @IsOptional()
  @Min(-90, { message: 'latitude must be from -90 to 90' })
  @Max(90, { message: 'latitude must be from -90 to 90' })
  latitude?: number | null;

  @Field(() => Float, { nullable: true, description: 'WGS 84, −180 to 180.' })
  @IsOptional()
  @Min(-180, { message: 'longitude must be from -180 to 180' })
  @Max(180, { message: 'longitude must be from -180 to 180' })
  longitude?: number | null;

  @Field(() => String, { nullable: true, description: 'Absolute http(s) URL.' })
  @IsOptional()
  @MaxLength(2000, { message: 'website must be at most 2000 characters' })
  @IsUrl(HTTP_URL, { message: 'website must be an absolute http or https URL' })
  website?: string | null;

  @Field(() => String, { nullable: true, description: 'The library\'s public e-mail address.' })
  @IsOptional()
  @MaxLength(254, { message: 'email must be at most 254 characters' })
  @IsEmail({}, { message: 'email must be an e-mail address, e.g. "bibliotek@kommune.dk"' })
  email?: string | null;
}

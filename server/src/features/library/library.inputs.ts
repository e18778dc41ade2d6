import { IsBoolean, IsEmail, IsInt, IsOptional, Matches } from 'class-validator';
import { Field, Float, InputType, Int } from 'type-graphql';
import { IsHttpUrl, IsLatitude, IsLongitude, IsPostalCode, IsShortText, IsText } from '../../shared/input-fields.js';

@InputType({ description: 'A new library (a municipal library service or a branch).' })
export class CreateLibraryInput {
  @Field({ description: '1–200 characters.' })
  @IsText(200)
  name: string;

  @Field(() => Int, { description: 'Official municipality code, e.g. 751 for Aarhus.' })
  @IsInt()
  municipalityCode: number;

  @Field(() => String, {
    nullable: true,
    description:
      "ISIL code, DK- and six digits; a public library's is DK-7 + municipality code + branch (DK-775100). Unique.",
  })
  @IsOptional()
  @Matches(/^DK-[0-9]{6}$/, { message: 'isil must be "DK-" and six digits, e.g. DK-775100' })
  isil?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'One of the six central libraries (default false).' })
  @IsOptional()
  @IsBoolean()
  isCentralLibrary?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Street address, up to 200 characters.' })
  @IsShortText(200)
  address?: string | null;

  @Field(() => String, { nullable: true, description: 'Four digits.' })
  @IsPostalCode()
  postalCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Town of the postal code, up to 100 characters.' })
  @IsShortText(100)
  city?: string | null;

  @Field(() => Float, {
    nullable: true,
    description: 'WGS 84, −90 to 90; give both latitude and longitude or neither.',
  })
  @IsLatitude('longitude')
  latitude?: number | null;

  @Field(() => Float, { nullable: true, description: 'WGS 84, −180 to 180.' })
  @IsLongitude('latitude')
  longitude?: number | null;

  @Field(() => String, { nullable: true, description: 'Absolute http(s) URL.' })
  @IsHttpUrl()
  website?: string | null;

  @Field(() => String, { nullable: true, description: "The library's public e-mail address." })
  @IsShortText(254)
  @IsEmail({}, { message: 'email must be an e-mail address, e.g. "bibliotek@kommune.dk"' })
  email?: string | null;
}

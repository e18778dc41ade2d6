import { IsInt, IsOptional, IsUrl, Length, Matches, MaxLength } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { HTTP_URL } from '../../shared/common.inputs.js';
import { PartnerKind, PartnerScope } from '../../shared/enums.js';

@InputType({ description: 'A new partner. Local partners need a municipality.' })
export class CreatePartnerInput {
  @Field({ description: '1–200 characters; unique within a municipality (or nationally).' })
  @Length(1, 200, { message: 'name must be 1–200 characters' })
  @Matches(/\S/, { message: 'name must not be blank' })
  name: string;

  @Field(() => PartnerKind, { description: 'What kind of organisation.' })
  kind: PartnerKind;

  @Field(() => PartnerScope, { description: 'NATIONAL or LOCAL (LOCAL needs municipalityCode).' })
  scope: PartnerScope;

  @Field(() => String, { nullable: true, description: 'Absolute http(s) URL.' })
  @IsOptional()
  @MaxLength(2000, { message: 'website must be at most 2000 characters' })
  @IsUrl(HTTP_URL, { message: 'website must be an absolute http or https URL' })
  website?: string | null;

  @Field(() => String, { nullable: true, description: 'Up to 2000 characters.' })
  @IsOptional()
  @MaxLength(2000, { message: 'description must be at most 2000 characters' })
  description?: string | null;

  @Field(() => Int, { nullable: true, description: 'Official municipality code; required for LOCAL partners.' })
  @IsOptional()
  @IsInt()
  municipalityCode?: number | null;
}

@InputType({ description: 'Changes to a partner; fields left out stay as they are.' })
export class UpdatePartnerInput {
  @Field(() => String, { nullable: true, description: '1–200 characters.' })
  @IsOptional()
  @Length(1, 200, { message: 'name must be 1–200 characters' })
  @Matches(/\S/, { message: 'name must not be blank' })
  name?: string | null;

  @Field(() => PartnerKind, { nullable: true, description: 'What kind of organisation.' })
  kind?: PartnerKind | null;

  @Field(() => PartnerScope, { nullable: true, description: 'NATIONAL or LOCAL (LOCAL needs a municipality).' })
  scope?: PartnerScope | null;

  @Field(() => String, { nullable: true, description: 'null clears it.' })
  @IsOptional()
  @MaxLength(2000, { message: 'website must be at most 2000 characters' })
  @IsUrl(HTTP_URL, { message: 'website must be an absolute http or https URL' })
  website?: string | null;

  @Field(() => String, { nullable: true, description: 'null clears it.' })
  @IsOptional()
  @MaxLength(2000, { message: 'description must be at most 2000 characters' })
  description?: string | null;

  @Field(() => Int, { nullable: true, description: 'null clears it (NATIONAL partners only).' })
  @IsOptional()
  @IsInt()
  municipalityCode?: number | null;
}

import { IsInt, IsOptional } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { PartnerKind, PartnerScope } from '../../shared/enums.js';
import { IsHttpUrl, IsOptionalText, IsShortText, IsText } from '../../shared/input-fields.js';

@InputType({ description: 'A new partner. Local partners need a municipality.' })
export class CreatePartnerInput {
  @Field({ description: '1–200 characters; unique within a municipality (or nationally).' })
  @IsText(200)
  name: string;

  @Field(() => PartnerKind, { description: 'What kind of organisation.' })
  kind: PartnerKind;

  @Field(() => PartnerScope, { description: 'NATIONAL or LOCAL (LOCAL needs municipalityCode).' })
  scope: PartnerScope;

  @Field(() => String, { nullable: true, description: 'Absolute http(s) URL.' })
  @IsHttpUrl()
  website?: string | null;

  @Field(() => String, { nullable: true, description: 'Up to 2000 characters.' })
  @IsShortText(2000)
  description?: string | null;

  @Field(() => Int, { nullable: true, description: 'Official municipality code; required for LOCAL partners.' })
  @IsOptional()
  @IsInt()
  municipalityCode?: number | null;
}

@InputType({ description: 'Changes to a partner; fields left out stay as they are.' })
export class UpdatePartnerInput {
  @Field(() => String, { nullable: true, description: '1–200 characters.' })
  @IsOptionalText(200)
  name?: string | null;

  @Field(() => PartnerKind, { nullable: true, description: 'What kind of organisation.' })
  kind?: PartnerKind | null;

  @Field(() => PartnerScope, { nullable: true, description: 'NATIONAL or LOCAL (LOCAL needs a municipality).' })
  scope?: PartnerScope | null;

  @Field(() => String, { nullable: true, description: 'null clears it.' })
  @IsHttpUrl()
  website?: string | null;

  @Field(() => String, { nullable: true, description: 'null clears it.' })
  @IsShortText(2000)
  description?: string | null;

  @Field(() => Int, { nullable: true, description: 'null clears it (NATIONAL partners only).' })
  @IsOptional()
  @IsInt()
  municipalityCode?: number | null;
}

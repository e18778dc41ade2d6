import { IsOptional, IsUrl, Length, Matches, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { HTTP_URL } from '../../shared/common.inputs.js';

@InputType({ description: 'A new notice from the coordinators.' })
export class CreateNoticeInput {
  @Field({ description: '1–200 characters.' })
  @Length(1, 200, { message: 'title must be 1–200 characters' })
  @Matches(/\S/, { message: 'title must not be blank' })
  title: string;

  @Field({ description: '1–5000 characters.' })
  @Length(1, 5000, { message: 'body must be 1–5000 characters' })
  @Matches(/\S/, { message: 'body must not be blank' })
  body: string;

  @Field(() => String, { nullable: true, description: 'Absolute http(s) URL.' })
  @IsOptional()
  @MaxLength(2000, { message: 'link must be at most 2000 characters' })
  @IsUrl(HTTP_URL, { message: 'link must be an absolute http or https URL' })
  link?: string | null;

  @Field(() => Date, { description: 'Shown from this instant.' })
  validFrom: Date;

  @Field(() => Date, { nullable: true, description: 'Shown until this instant (after validFrom); open-ended when null.' })
  validUntil?: Date | null;
}

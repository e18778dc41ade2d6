import { Field, InputType } from 'type-graphql';
import { IsHttpUrl, IsText } from '../../shared/input-fields.js';

@InputType({ description: 'A new notice from the coordinators.' })
export class CreateNoticeInput {
  @Field({ description: '1–200 characters.' })
  @IsText(200)
  title: string;

  @Field({ description: '1–5000 characters.' })
  @IsText(5000)
  body: string;

  @Field(() => String, { nullable: true, description: 'Absolute http(s) URL.' })
  @IsHttpUrl()
  link?: string | null;

  @Field(() => Date, { description: 'Shown from this instant.' })
  validFrom: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'Shown until this instant (after validFrom); open-ended when null.',
  })
  validUntil?: Date | null;
}

import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A time-boxed message from the coordinators, e.g. where to ask questions.' })
export class Notice {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field()
  body: string;

  @Field(() => String, { nullable: true })
  link: string | null;

  @Field(() => Date, { description: 'Shown from this instant.' })
  validFrom: Date;

  @Field(() => Date, { nullable: true, description: 'Shown until this instant; open-ended when null.' })
  validUntil: Date | null;
}

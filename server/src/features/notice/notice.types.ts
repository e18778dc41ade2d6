import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { CACHE } from '../../shared/cache-control.js';

@Directive(CACHE.activity)
@ObjectType({ description: 'A time-boxed message from the coordinators, e.g. where to ask questions.' })
export class Notice {
  @Field(() => ID, { description: 'Stable identifier of the notice.' })
  id: string;

  @Field({ description: 'Headline of the notice.' })
  title: string;

  @Field({ description: 'The message itself (plain text).' })
  body: string;

  @Field(() => String, { nullable: true, description: 'Where to read more or act, e.g. the Facebook group.' })
  link: string | null;

  @Field(() => Date, { description: 'Shown from this instant.' })
  validFrom: Date;

  @Field(() => Date, { nullable: true, description: 'Shown until this instant; open-ended when null.' })
  validUntil: Date | null;
}

import { Field, ID, ObjectType } from 'type-graphql';
import { PartnerKind, PartnerScope } from '../../shared/enums.js';

@ObjectType({ description: 'An organisation the libraries work with: national (e.g. DR) or local.' })
export class Partner {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => PartnerKind)
  kind: PartnerKind;

  @Field(() => PartnerScope)
  scope: PartnerScope;

  @Field(() => String, { nullable: true })
  website: string | null;

  @Field(() => String, { nullable: true })
  description: string | null;

  /** Resolved to a Municipality by the reference feature. */
  municipalityCode: number | null;
}

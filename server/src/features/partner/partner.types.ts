import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { CACHE } from '../../shared/cache-control.js';
import { PartnerKind, PartnerScope } from '../../shared/enums.js';

@Directive(CACHE.catalogue)
@ObjectType({
  description: 'An organisation the libraries work with: national (e.g. DR) or local.',
})
export class Partner {
  @Field(() => ID, { description: 'Stable identifier of the partner.' })
  id: string;

  @Field({ description: 'Name of the organisation, e.g. "DR".' })
  name: string;

  @Field(() => PartnerKind, { description: 'What kind of organisation it is.' })
  kind: PartnerKind;

  @Field(() => PartnerScope, { description: 'National or local partner.' })
  scope: PartnerScope;

  @Field(() => String, { nullable: true, description: 'Home page of the partner.' })
  website: string | null;

  @Field(() => String, { nullable: true, description: 'A short presentation of the partner.' })
  description: string | null;

  /** Resolved to a Municipality by the reference feature. */
  municipalityCode: number | null;
}
